"""The metadata store: SQLAlchemy 2 ORM tables and sessions. The SQL dialect is the seam (ADR 0002)."""
