"""Mechanism models (机理模型): one module per family, each model a pure function plus a ComputationSpec
with worked examples from its cited standard or textbook. Families register in ``pyproject.toml``."""
