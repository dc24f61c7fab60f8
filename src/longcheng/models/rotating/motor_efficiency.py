"""Motor efficiency: IE class (IEC 60034-30-1) and the energy saved by a more efficient motor."""

from __future__ import annotations

import bisect
import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.rotating._base import ModelIn, ModelOut

# IEC 60034-30-1:2014 minimum full-load efficiencies (%), 4 poles, 50 Hz; 200 kW up to 1000 kW is one row.
IE_RATINGS_KW = (
    0.75,
    1.1,
    1.5,
    2.2,
    3,
    4,
    5.5,
    7.5,
    11,
    15,
    18.5,
    22,
    30,
    37,
    45,
    55,
    75,
    90,
    110,
    132,
    160,
    200,
)
IE_LIMITS = {
    "IE1": (72.1, 75.0, 77.2, 79.7, 81.5, 83.1, 84.7, 86.0, 87.6, 88.7, 89.3, 89.9,
            90.7, 91.2, 91.7, 92.1, 92.7, 93.0, 93.3, 93.5, 93.8, 94.0),
    "IE2": (79.6, 81.4, 82.8, 84.3, 85.5, 86.6, 87.7, 88.7, 89.8, 90.6, 91.2, 91.6,
            92.3, 92.7, 93.1, 93.5, 94.0, 94.2, 94.5, 94.7, 94.9, 95.1),
    "IE3": (82.5, 84.1, 85.3, 86.7, 87.7, 88.6, 89.6, 90.4, 91.4, 92.1, 92.6, 93.0,
            93.6, 93.9, 94.2, 94.6, 95.0, 95.2, 95.4, 95.6, 95.8, 96.0),
    "IE4": (85.7, 87.2, 88.2, 89.5, 90.4, 91.1, 91.9, 92.6, 93.3, 93.9, 94.2, 94.5,
            94.9, 95.2, 95.4, 95.7, 96.0, 96.1, 96.3, 96.4, 96.6, 96.7),
}  # fmt: skip


def ie_limit(cls: str, rated_kw: float) -> tuple[float, bool]:
    """The class limit (fraction) at ``rated_kw`` and whether it was interpolated (linear in log P)."""
    row, ks = IE_LIMITS[cls], IE_RATINGS_KW
    if rated_kw >= ks[-1]:
        return row[-1] / 100, False
    i = bisect.bisect_left(ks, rated_kw)
    if math.isclose(ks[i], rated_kw, rel_tol=1e-9):
        return row[i] / 100, False
    u = math.log(rated_kw / ks[i - 1]) / math.log(ks[i] / ks[i - 1])
    return (row[i - 1] + u * (row[i] - row[i - 1])) / 100, True


# --- IE efficiency class ----------------------------------------------------------------------------------


class IeClassIn(ModelIn):
    rated_power: Annotated[
        float, Unit("kW", ge=0.75, le=1000), Field(description="rated output, 4-pole 50 Hz")
    ]
    efficiency: Annotated[float, Unit(gt=0, le=1), Field(description="rated full-load efficiency")]


class IeClassOut(ModelOut):
    ie_class: str = Field(description="IE4, IE3, IE2, IE1 or 'below IE1'")
    ie1: Annotated[float, Unit()]
    ie2: Annotated[float, Unit()]
    ie3: Annotated[float, Unit()]
    ie4: Annotated[float, Unit()]
    interpolated: bool = Field(description="rating between tabulated values: limits interpolated in log P")


def ie_efficiency_class(p: IeClassIn) -> IeClassOut:
    limits = {cls: ie_limit(cls, p.rated_power) for cls in IE_LIMITS}
    reached = [cls for cls, (limit, _) in limits.items() if p.efficiency >= limit - 1e-12]
    return IeClassOut(
        ie_class=reached[-1] if reached else "below IE1",
        ie1=limits["IE1"][0],
        ie2=limits["IE2"][0],
        ie3=limits["IE3"][0],
        ie4=limits["IE4"][0],
        interpolated=limits["IE1"][1],
    )


IE_CLASS = ComputationSpec(
    name="rotating.ie_efficiency_class",
    title=LocalizedText(en="Motor IE efficiency class (IEC 60034-30-1)", zh="电动机能效等级（IE 代码）"),
    kind="model",
    category="rotating",
    domains=("rd_design", "operations", "enterprise_management"),
    industries=("general", "machinery", "textile", "chemical", "metallurgy"),
    inputs=IeClassIn,
    outputs=IeClassOut,
    func=ie_efficiency_class,
    formula="class = highest IEn with η ≥ η_min(IEn, P_N); η_min from the table for 4-pole 50 Hz motors "
    "(0.75–1000 kW; between tabulated ratings interpolated linearly in log P_N)",
    reference="IEC 60034-30-1:2014 Rotating electrical machines — Part 30-1: Efficiency classes of line "
    "operated AC motors (IE code), minimum efficiencies for 4 poles at 50 Hz; cf. GB 18613-2020",
    examples=(
        Example(
            inputs={"rated_power": 7.5, "efficiency": 0.91},
            expected={"ie_class": "IE3", "ie1": 0.860, "ie2": 0.887, "ie3": 0.904, "ie4": 0.926},
            source="research §1.1 R19 [V]: 7.5 kW 4-pole 50 Hz: IE1 86.0, IE2 88.7, IE3 90.4 (IE4 92.6 %)",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"rated_power": 15, "efficiency": 0.926},
            expected={"ie_class": "IE3", "ie3": 0.921, "ie4": 0.939},
            source="IEC 60034-30-1 table, 15 kW 4-pole: IE3 92.1 %, IE4 93.9 %; 92.6 % is IE3",
            rel_tol=1e-9,
        ),
    ),
)

# --- efficiency-upgrade energy saving ---------------------------------------------------------------------


class UpgradeIn(ModelIn):
    shaft_power: Annotated[float, Unit("kW", gt=0), Field(description="mechanical load actually delivered")]
    hours: Annotated[float, Unit("h", ge=0, le=8784), Field(description="operating hours per year")]
    old_efficiency: Annotated[float, Unit(gt=0, le=1)]
    new_efficiency: Annotated[float, Unit(gt=0, le=1)]
    electricity_price: Annotated[float, Unit("1/kWh", ge=0), Field(description="currency per kWh")] | None = (
        None
    )


class UpgradeOut(ModelOut):
    power_saving: Annotated[float, Unit("kW")]
    energy_saving: Annotated[float, Unit("kWh"), Field(description="per year")]
    cost_saving: Annotated[float, Unit(), Field(description="currency per year")] | None


def efficiency_upgrade_saving(p: UpgradeIn) -> UpgradeOut:
    saving = p.shaft_power * (1 / p.old_efficiency - 1 / p.new_efficiency)
    energy = saving * p.hours
    price = p.electricity_price
    return UpgradeOut(
        power_saving=saving, energy_saving=energy, cost_saving=None if price is None else energy * price
    )


UPGRADE = ComputationSpec(
    name="rotating.efficiency_upgrade_saving",
    title=LocalizedText(en="Energy saving from a higher-efficiency motor", zh="高效电动机替换节能量"),
    kind="model",
    category="rotating",
    domains=("operations", "enterprise_management", "production"),
    industries=("general", "machinery", "textile", "chemical", "metallurgy"),
    inputs=UpgradeIn,
    outputs=UpgradeOut,
    func=efficiency_upgrade_saving,
    formula="ΔP = P_out·(1/η_old − 1/η_new); ΔE = ΔP·h; saving = ΔE·price",
    reference="US DOE Motor Systems Tip Sheet #1 'When to Purchase Premium Efficiency Motors' "
    "(savings = P·L·h·price·(100/E_std − 100/E_pe)); GB/T 12497-2006 三相异步电动机经济运行",
    examples=(
        Example(
            inputs={
                "shaft_power": 7.5,
                "hours": 6000,
                "old_efficiency": 0.860,
                "new_efficiency": 0.904,
                "electricity_price": 0.7,
            },
            expected={"power_saving": 0.42447006, "energy_saving": 2546.8203, "cost_saving": 1782.7742},
            source="by hand: a 7.5 kW duty moved from IE1 (86.0 %) to IE3 (90.4 %): "
            "7.5 × (1/0.860 − 1/0.904) = 0.4245 kW; × 6000 h; × 0.7 per kWh",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (IE_CLASS, UPGRADE)

__all__ = [
    "IE_LIMITS",
    "IE_RATINGS_KW",
    "SPECS",
    "efficiency_upgrade_saving",
    "ie_efficiency_class",
    "ie_limit",
]
