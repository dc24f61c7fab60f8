"""The ``longcheng`` command."""
