"""The composition root: builds the stores, ingest, broker, API server and simulated factory from
``Settings`` and runs them together (``longcheng run``)."""
