"""Data-analysis algorithms (数据分析算法): the same contract as the models; inputs are series or tables,
outputs are results plus diagnostics. Families register in ``pyproject.toml``."""
