"""Device drivers: one sub-package per protocol, the same files in each (``__init__`` with SPEC,
``config.py``, ``driver.py``, ``codec.py``). ``simulated`` is the simulated factory."""
