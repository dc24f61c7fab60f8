"""Tables of the SQL time-series store, as SQLAlchemy Core metadata (read by the Alembic migrations).

``samples`` is keyed by (device, property, ts) without a rowid: one B-tree, redelivered samples collapse.
``vtype`` keeps the value's type (0 float, 1 int, 2 bool, 3 string); strings live in ``value_text``.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Float, Index, Integer, MetaData, SmallInteger, Table, Text

metadata = MetaData()

samples = Table(
    "samples",
    metadata,
    Column("device_id", Integer, primary_key=True),
    Column("property", Text, primary_key=True),
    Column("ts", BigInteger, primary_key=True),
    Column("value", Float),
    Column("value_text", Text),
    Column("vtype", SmallInteger, nullable=False),
    Column("quality", SmallInteger, nullable=False),
    sqlite_with_rowid=False,
)

latest = Table(
    "latest",
    metadata,
    Column("device_id", Integer, primary_key=True),
    Column("property", Text, primary_key=True),
    Column("ts", BigInteger, nullable=False),
    Column("value", Float),
    Column("value_text", Text),
    Column("vtype", SmallInteger, nullable=False),
    Column("quality", SmallInteger, nullable=False),
    sqlite_with_rowid=False,
)

device_activity = Table(
    "device_activity",
    metadata,
    Column("device_id", Integer, primary_key=True),
    Column("tenant_id", Integer, nullable=False, index=True),
    Column("last_seen", BigInteger, nullable=False),
    Column("samples", BigInteger, nullable=False),
    Column("rejected", BigInteger, nullable=False),
)

dead_letters = Table(
    "dead_letters",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant_id", Integer),
    Column("device_id", Integer),
    Column("received", BigInteger, nullable=False),
    Column("reason", Text, nullable=False),
    Column("field", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Index("ix_dead_letters_device", "device_id", "received"),
    Index("ix_dead_letters_tenant", "tenant_id", "received"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant_id", Integer, nullable=False),
    Column("device_id", Integer, nullable=False),
    Column("ts", BigInteger, nullable=False),
    Column("name", Text, nullable=False),
    Column("params", Text, nullable=False),
    Index("ix_events_device", "device_id", "ts"),
)

__all__ = ["dead_letters", "device_activity", "events", "latest", "metadata", "samples"]
