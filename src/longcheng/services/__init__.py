"""Platform services: the one facade that the API, the console and the CLI share.

They combine the registry (metadata), the time-series store, the ingest pipeline and the downlink; every
function takes the ``PlatformContext``, a database session and the acting ``Principal``.
"""
