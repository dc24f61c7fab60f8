"""The REST API (FastAPI) under ``/api/v1``: thin routes over the platform services."""
