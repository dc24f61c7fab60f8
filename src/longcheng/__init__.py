"""Longcheng (龙城): an open-source industrial internet platform.

The package is laid out a folder per architectural layer (see ``docs/architecture.md``); imports point down
only, which ``lint-imports`` checks.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
