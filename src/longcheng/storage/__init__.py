"""Storage behind two seams: the metadata store (SQLAlchemy: SQLite by default, PostgreSQL in production)
and the time-series store (``TimeSeriesStore`` protocol: memory, SQLite; PostgreSQL in scale-out)."""
