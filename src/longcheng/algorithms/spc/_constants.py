"""Control-chart constants for subgroup sizes 2 … 25 (Montgomery, 7th ed., Appendix Table VI; ASTM E2587).

``d2`` (mean of the relative range W = R/σ) and ``d3`` (its standard deviation) are given to six decimals
(numerical integration of d2 = ∫[1 − Φⁿ − (1−Φ)ⁿ]dx and of E[W²]; the tables print them to three); ``c4``
is exact, √(2/(n−1))·Γ(n/2)/Γ((n−1)/2). The chart factors follow from them:
A2 = 3/(d2√n), D3 = max(0, 1 − 3d3/d2), D4 = 1 + 3d3/d2, A3 = 3/(c4√n), B3/B4 = 1 ∓ 3√(1−c4²)/c4.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_N, MAX_N = 2, 25

_D2: tuple[float, ...] = (1.128379, 1.692569, 2.058751, 2.325929, 2.534413, 2.704357, 2.847201, 2.970026)
_D2 += (3.077505, 3.172873, 3.258455, 3.335980, 3.406763, 3.471827, 3.531983, 3.587884)
_D2 += (3.640064, 3.688963, 3.734950, 3.778336, 3.819385, 3.858323, 3.895348, 3.930629)
_D3: tuple[float, ...] = (0.852502, 0.888368, 0.879808, 0.864082, 0.848040, 0.833205, 0.819831, 0.807834)
_D3 += (0.797051, 0.787315, 0.778478, 0.770416, 0.763023, 0.756211, 0.749908, 0.744052)
_D3 += (0.738591, 0.733481, 0.728686, 0.724173, 0.719915, 0.715887, 0.712068, 0.708441)


@dataclass(frozen=True, slots=True)
class Factors:
    n: int
    d2: float
    d3: float
    c4: float

    @property
    def a2(self) -> float:
        return 3.0 / (self.d2 * math.sqrt(self.n))

    @property
    def d3_factor(self) -> float:
        return max(0.0, 1.0 - 3.0 * self.d3 / self.d2)

    @property
    def d4_factor(self) -> float:
        return 1.0 + 3.0 * self.d3 / self.d2

    @property
    def a3(self) -> float:
        return 3.0 / (self.c4 * math.sqrt(self.n))

    @property
    def b3(self) -> float:
        return max(0.0, 1.0 - 3.0 * math.sqrt(1.0 - self.c4**2) / self.c4)

    @property
    def b4(self) -> float:
        return 1.0 + 3.0 * math.sqrt(1.0 - self.c4**2) / self.c4


def c4(n: int) -> float:
    """Bias of the sample standard deviation: E[s] = c4·σ for a normal sample of size n."""
    return math.sqrt(2.0 / (n - 1)) * math.exp(math.lgamma(n / 2) - math.lgamma((n - 1) / 2))


def factors(n: int) -> Factors:
    """The constants for subgroup size ``n`` (2 ≤ n ≤ 25)."""
    if not MIN_N <= n <= MAX_N:
        raise ValueError(f"subgroup size {n} is outside {MIN_N}…{MAX_N}")
    return Factors(n=n, d2=_D2[n - 2], d3=_D3[n - 2], c4=c4(n))


__all__ = ["MAX_N", "MIN_N", "Factors", "c4", "factors"]
