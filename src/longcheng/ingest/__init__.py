"""Ingest: decode → validate against the thing model → route to the time-series store, the shadow and the
counters; everything refused becomes a dead letter with its reason."""
