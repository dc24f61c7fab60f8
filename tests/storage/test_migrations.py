"""The Alembic migrations of both seams: they build the schema the code declares, and re-running is harmless.

Only SQLite is exercised: no PostgreSQL driver is a dependency of the project yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, create_engine, inspect, text

from longcheng.storage.metadata.tables import Base
from longcheng.storage.migrations import config_for, upgrade_metadata, upgrade_timeseries
from longcheng.storage.timeseries.schema import metadata as timeseries_metadata

METADATA_TABLES = {
    "tenants",
    "users",
    "api_keys",
    "device_types",
    "devices",
    "audit_log",
    "invocations",
    "commands",
}
TIMESERIES_TABLES = {"samples", "latest", "device_activity", "dead_letters", "events"}

Seam = tuple[str, Callable[[str], None], MetaData, set[str]]
SEAMS: list[Seam] = [
    ("metadata", upgrade_metadata, Base.metadata, METADATA_TABLES),
    ("timeseries", upgrade_timeseries, timeseries_metadata, TIMESERIES_TABLES),
]


@contextmanager
def engine_for(url: str) -> Iterator[Engine]:
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.mark.parametrize("seam", SEAMS, ids=[s[0] for s in SEAMS])
def test_upgrade_creates_the_tables_at_the_head_revision(tmp_path: Path, seam: Seam) -> None:
    folder, upgrade, _, tables = seam
    url = f"sqlite:///{tmp_path}/new/{folder}.db"  # the folder does not exist yet

    upgrade(url)

    head = ScriptDirectory.from_config(config_for(folder, url)).get_current_head()
    assert head is not None
    with engine_for(url) as engine, engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == tables | {"alembic_version"}
        assert MigrationContext.configure(conn).get_current_revision() == head


@pytest.mark.parametrize("seam", SEAMS, ids=[s[0] for s in SEAMS])
def test_upgrade_twice_is_harmless_and_keeps_the_data(tmp_path: Path, seam: Seam) -> None:
    folder, upgrade, _, tables = seam
    url = f"sqlite:///{tmp_path}/{folder}.db"
    upgrade(url)
    with engine_for(url) as engine, engine.begin() as conn:
        conn.execute(text("CREATE TABLE marker (n INTEGER)"))
        conn.execute(text("INSERT INTO marker VALUES (42)"))

    upgrade(url)

    with engine_for(url) as engine, engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == tables | {"alembic_version", "marker"}
        assert conn.execute(text("SELECT n FROM marker")).scalar_one() == 42
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


@pytest.mark.parametrize("seam", SEAMS, ids=[s[0] for s in SEAMS])
def test_declared_metadata_matches_the_migrated_schema(tmp_path: Path, seam: Seam) -> None:
    folder, upgrade, declared, _ = seam
    url = f"sqlite:///{tmp_path}/{folder}.db"
    upgrade(url)

    with engine_for(url) as engine, engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, declared)

    assert differences == []


def test_the_comparison_would_see_a_missing_table(tmp_path: Path) -> None:
    """Guards the test above: an empty database differs from the declared metadata."""
    url = f"sqlite:///{tmp_path}/empty.db"
    with engine_for(url) as engine, engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), timeseries_metadata)

    added = {diff[1].name for diff in differences if diff[0] == "add_table"}
    assert added == TIMESERIES_TABLES
