"""Alembic migrations of both stores, run programmatically (``longcheng migrate`` and at start-up).

Two script folders, one per seam: ``metadata/`` (the ORM tables) and ``timeseries/`` (the SQL
time-series tables). Upgrading is idempotent.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

_HERE = Path(__file__).parent


def _config(folder: str, url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_HERE / folder))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _prepare(url: str) -> None:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


def upgrade_metadata(url: str, revision: str = "head") -> None:
    _prepare(url)
    command.upgrade(_config("metadata", url), revision)


def upgrade_timeseries(url: str, revision: str = "head") -> None:
    _prepare(url)
    command.upgrade(_config("timeseries", url), revision)


def config_for(folder: str, url: str) -> Config:
    """The Alembic config of one script folder (for ``alembic`` commands such as autogenerate)."""
    return _config(folder, url)


__all__ = ["config_for", "upgrade_metadata", "upgrade_timeseries"]
