"""Tenants, users, API keys, device types (thing models) and devices: the service functions every
front end (API, console, CLI) calls. Each takes a SQLAlchemy session and the acting ``Principal``."""
