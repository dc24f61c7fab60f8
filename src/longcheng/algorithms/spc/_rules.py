"""Run rules on a control chart: the Western Electric zone rules and the eight Nelson tests.

Each rule reports the index of the point that completes its pattern. Zones are measured from the centre
line in units of σ: given, or estimated from the data (centre = mean, σ = MR̄/d2).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import numpy as np
from numpy.typing import NDArray
from pydantic import Field

from longcheng.algorithms._series import AlgoOut, SeriesIn, as_array
from longcheng.algorithms.spc._constants import factors
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText

Z = NDArray[np.float64]


class RulesIn(SeriesIn):
    center: Annotated[float, Field(allow_inf_nan=False, description="centre; default the mean")] | None = None
    sigma: Annotated[float, Field(gt=0, allow_inf_nan=False, description="σ; default MR̄/d2")] | None = None


class RulesOut(AlgoOut):
    violations: Annotated[dict[str, list[int]], Field(description="rule → indices completing the pattern")]
    flagged: Annotated[list[int], Field(description="every index flagged by any rule")]


def _zscores(p: RulesIn) -> Z:
    x = as_array(p.values)
    center = float(x.mean()) if p.center is None else p.center
    sigma = float(np.abs(np.diff(x)).mean()) / factors(2).d2 if p.sigma is None else p.sigma
    if sigma <= 0:
        raise ValueError("σ estimated from a constant series is zero: give sigma")
    return (x - center) / sigma


def _windows(flags: NDArray[np.bool_], length: int, needed: int) -> list[int]:
    """Indices i where at least ``needed`` of flags[i-length+1 … i] are true."""
    if len(flags) < length:
        return []
    sums = np.convolve(flags.astype(np.int64), np.ones(length, dtype=np.int64), mode="valid")
    return [int(i) + length - 1 for i in np.flatnonzero(sums >= needed)]


def _either_side(z: Z, length: int, needed: int, limit: float) -> list[int]:
    return sorted(set(_windows(z > limit, length, needed)) | set(_windows(z < -limit, length, needed)))


def _run(flags: NDArray[np.bool_], length: int) -> list[int]:
    return _windows(flags, length, length)


def beyond_3(z: Z) -> list[int]:
    return [int(i) for i in np.flatnonzero(np.abs(z) > 3)]


def same_side(length: int) -> Callable[[Z], list[int]]:
    return lambda z: sorted(set(_run(z > 0, length)) | set(_run(z < 0, length)))


def trend(length: int) -> Callable[[Z], list[int]]:
    def rule(z: Z) -> list[int]:
        d = np.diff(z)
        return [i + 1 for i in sorted(set(_run(d > 0, length - 1)) | set(_run(d < 0, length - 1)))]

    return rule


def alternating(length: int) -> Callable[[Z], list[int]]:
    def rule(z: Z) -> list[int]:
        s = np.sign(np.diff(z))
        flips = (s[1:] * s[:-1]) < 0  # flips[j]: the direction changes between diffs j and j+1
        return [i + 2 for i in _run(flips, length - 2)]

    return rule


def m_of_n(needed: int, length: int, limit: float) -> Callable[[Z], list[int]]:
    return lambda z: _either_side(z, length, needed, limit)


def within(length: int) -> Callable[[Z], list[int]]:
    return lambda z: _run(np.abs(z) < 1, length)


def outside(length: int) -> Callable[[Z], list[int]]:
    return lambda z: _run(np.abs(z) > 1, length)


WESTERN_ELECTRIC: dict[str, Callable[[Z], list[int]]] = {
    "rule_1": beyond_3,
    "rule_2": m_of_n(2, 3, 2.0),
    "rule_3": m_of_n(4, 5, 1.0),
    "rule_4": same_side(8),
}
NELSON: dict[str, Callable[[Z], list[int]]] = {
    "rule_1": beyond_3,
    "rule_2": same_side(9),
    "rule_3": trend(6),
    "rule_4": alternating(14),
    "rule_5": m_of_n(2, 3, 2.0),
    "rule_6": m_of_n(4, 5, 1.0),
    "rule_7": within(15),
    "rule_8": outside(8),
}


def _apply(p: RulesIn, rules: dict[str, Callable[[Z], list[int]]]) -> RulesOut:
    z = _zscores(p)
    found = {name: rule(z) for name, rule in rules.items()}
    flagged = sorted({i for hits in found.values() for i in hits})
    return RulesOut(violations=found, flagged=flagged, diagnostics={"n": len(z), "rules": len(rules)})


def western_electric_rules(p: RulesIn) -> RulesOut:
    return _apply(p, WESTERN_ELECTRIC)


def nelson_rules(p: RulesIn) -> RulesOut:
    return _apply(p, NELSON)


WE_SERIES = [2.5, -0.5, 2.2, -0.3, 1.5, 1.2, -0.4, 1.3, 1.1, -0.7, -3.4, 0.4, -0.4, *[0.6] * 8, -0.6]
NELSON_SERIES = [-2.5, -1.5, -1.2, 1.2, 1.5, 2.5, -0.5, *[-0.5, 0.5] * 7, 1.5, *[0.4] * 7, -0.4, -3.5]
NELSON_SERIES += [-0.4, -2.5, 0.2, 1.5, 1.2, 0.5, 1.3, 1.1, -0.5, *[1.5, -1.5, 1.6, -1.6] * 2, 0.0, 0.0]

WE = ComputationSpec(
    name="spc.western_electric_rules",
    title=LocalizedText(en="Western Electric run rules", zh="西电判异准则"),
    kind="algorithm",
    category="spc",
    domains=("production", "operations"),
    industries=("general", "machinery", "electronics", "automotive"),
    inputs=RulesIn,
    outputs=RulesOut,
    func=western_electric_rules,
    formula="1: one point beyond 3σ; 2: 2 of 3 consecutive beyond 2σ on one side; 3: 4 of 5 beyond 1σ on one "
    "side; 4: 8 consecutive on one side of the centre line",
    reference="Western Electric, Statistical Quality Control Handbook (1956) §1.B; Montgomery, Introduction "
    "to Statistical Quality Control, 7th ed., §5.3.6",
    examples=(
        Example(
            inputs={"values": WE_SERIES, "center": 0, "sigma": 1},
            expected={
                "violations.rule_1": [10],
                "violations.rule_2": [2],
                "violations.rule_3": [8],
                "violations.rule_4": [20],
                "flagged": [2, 8, 10, 20],
            },
            source="Derived by hand from the rule text on a series built for it: −3.4 at 10 (rule 1); 2.5, "
            "2.2 at 0, 2 (rule 2); 1.5, 1.2, 1.3, 1.1 in 4…8 (rule 3); 0.6 × 8 at 13…20 (rule 4)",
        ),
    ),
)

NELSON_SPEC = ComputationSpec(
    name="spc.nelson_rules",
    title=LocalizedText(en="Nelson tests for special causes", zh="Nelson 八项判异准则"),
    kind="algorithm",
    category="spc",
    domains=("production", "operations"),
    industries=("general", "machinery", "electronics", "automotive", "pharmaceutical"),
    inputs=RulesIn,
    outputs=RulesOut,
    func=nelson_rules,
    formula="1: 1 point > 3σ; 2: 9 in a row on one side; 3: 6 in a row steadily rising or falling; "
    "4: 14 in a row alternating; 5: 2 of 3 > 2σ same side; 6: 4 of 5 > 1σ same side; "
    "7: 15 in a row within 1σ; "
    "8: 8 in a row beyond 1σ on either side",
    reference="Nelson, The Shewhart control chart — tests for special causes, J. Quality Technology 16(4), "
    "1984; GB/T 17989.2-2020 (ISO 7870-2:2013) Annex B",
    examples=(
        Example(
            inputs={"values": NELSON_SERIES, "center": 0, "sigma": 1},
            expected={
                "violations.rule_1": [30],
                "violations.rule_2": [28],
                "violations.rule_3": [5],
                "violations.rule_4": [20],
                "violations.rule_5": [32],
                "violations.rule_6": [38],
                "violations.rule_7": [20],
                "violations.rule_8": [47],
            },
            source="Derived by hand from Nelson's test text on a series built for it: rising run 0…5, "
            "alternation 7…20, 15 within 1σ at 6…20, 9 above the centre 20…28, −3.5 at 30, −3.5/−2.5 in "
            "30…32, four of 34…38 above 1σ, 8 beyond 1σ at 40…47",
        ),
    ),
)

SPECS = (WE, NELSON_SPEC)

__all__ = ["SPECS", "nelson_rules", "western_electric_rules"]
