"""The metadata engine on SQLite: its folder is created, WAL and foreign keys are on for every connection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError

from longcheng.storage.metadata.engine import make_engine, make_sessionmaker
from longcheng.storage.metadata.tables import Base, DeviceType, Tenant


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "deep" / "er" / "meta.db"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    made = make_engine(f"sqlite:///{db_path}")
    yield made
    made.dispose()


def test_the_parent_folder_is_created(db_path: Path, engine: Engine) -> None:
    assert db_path.parent.is_dir()
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    assert db_path.is_file()


def test_every_connection_uses_wal_and_foreign_keys(engine: Engine) -> None:
    with engine.connect() as first, engine.connect() as second:
        for conn in (first, second):
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 10000


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    Base.metadata.create_all(engine)
    sessions = make_sessionmaker(engine)
    with sessions() as db:
        db.add(DeviceType(tenant_id=12345, key="pump", name="Pump", thing_model={}))
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):
            db.commit()
        db.rollback()

        tenant = Tenant(code="acme", name="Acme", industry="machinery")
        db.add(tenant)
        db.commit()
        db.add(DeviceType(tenant_id=tenant.id, key="pump", name="Pump", thing_model={}))
        db.commit()
        assert db.scalars(select(DeviceType)).one().tenant_id == tenant.id


def test_in_memory_sqlite_needs_no_folder() -> None:
    engine = make_engine("sqlite:///:memory:")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    finally:
        engine.dispose()
