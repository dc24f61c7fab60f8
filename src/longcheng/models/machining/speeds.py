"""Cutting speed, spindle speed and milling feeds."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.machining._base import (
    DOMAINS,
    INDUSTRIES,
    Millimetres,
    ModelIn,
    ModelOut,
    Speed,
    SpindleSpeed,
)

# --- cutting speed ------------------------------------------------------------------------------------


class CuttingSpeedIn(ModelIn):
    diameter: Annotated[float, Unit("mm", gt=0), Field(description="workpiece (turning) or tool diameter")]
    spindle_speed: SpindleSpeed


class CuttingSpeedOut(ModelOut):
    cutting_speed: Annotated[float, Unit("m/min")]


def cutting_speed(p: CuttingSpeedIn) -> CuttingSpeedOut:
    return CuttingSpeedOut(cutting_speed=math.pi * p.diameter * p.spindle_speed / 1000.0)


CUTTING_SPEED = ComputationSpec(
    name="machining.cutting_speed",
    title=LocalizedText(en="Cutting speed from diameter and spindle speed", zh="切削速度"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=CuttingSpeedIn,
    outputs=CuttingSpeedOut,
    func=cutting_speed,
    formula="v_c = π·D·n / 1000",
    reference="Sandvik Coromant, general turning formulas; Mitsubishi Materials, formulas for turning (v_c)",
    examples=(
        Example(
            inputs={"diameter": 150, "spindle_speed": 250},
            expected={"cutting_speed": 117.81},
            source="Tungaloy catalogue: Ø150 mm at 250 min⁻¹ → 117.8 m/min (research note §1.5 M1 [V])",
            rel_tol=1e-4,
        ),
        Example(
            inputs={"diameter": 50, "spindle_speed": 700},
            expected={"cutting_speed": 110.0},
            source="Mitsubishi Materials turning formulas: Ø50 at 700 min⁻¹ → 110 m/min (π taken as 3.14)",
            rel_tol=1e-3,
        ),
    ),
)

# --- spindle speed ------------------------------------------------------------------------------------


class SpindleSpeedIn(ModelIn):
    cutting_speed: Speed
    diameter: Millimetres


class SpindleSpeedOut(ModelOut):
    spindle_speed: Annotated[float, Unit("rpm")]


def spindle_speed(p: SpindleSpeedIn) -> SpindleSpeedOut:
    return SpindleSpeedOut(spindle_speed=1000.0 * p.cutting_speed / (math.pi * p.diameter))


SPINDLE_SPEED = ComputationSpec(
    name="machining.spindle_speed",
    title=LocalizedText(en="Spindle speed from cutting speed", zh="主轴转速"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=SpindleSpeedIn,
    outputs=SpindleSpeedOut,
    func=spindle_speed,
    formula="n = 1000·v_c / (π·D)",
    reference="Sandvik Coromant, general turning and milling formulas (n); Mitsubishi Materials, formulas",
    examples=(
        Example(
            inputs={"cutting_speed": 80, "diameter": 250},
            expected={"spindle_speed": 101.91},
            source="Mitsubishi Materials face-milling power problem: v_c 80 m/min, Ø250 → 101.91 min⁻¹ "
            "(π taken as 3.14)",
            rel_tol=1e-3,
        ),
        Example(
            inputs={"cutting_speed": 200, "diameter": 22},
            expected={"spindle_speed": 2894.0},
            source="ISCAR drilling user guide example: Ø22 drill at v_c 200 m/min → n = 2 894 min⁻¹",
            rel_tol=2e-4,
        ),
    ),
)

# --- milling feed: table feed and feed per tooth ------------------------------------------------------


class MillingFeedIn(ModelIn):
    teeth: Annotated[float, Unit(gt=0), Field(description="effective cutting edges z")]
    spindle_speed: SpindleSpeed
    feed_per_tooth: Annotated[float, Unit("mm", gt=0), Field(description="f_z")] | None = None
    table_feed: Annotated[float, Unit("mm/min", gt=0), Field(description="v_f")] | None = None

    @model_validator(mode="after")
    def _one_feed(self) -> MillingFeedIn:
        if (self.feed_per_tooth is None) == (self.table_feed is None):
            raise ValueError("give either feed_per_tooth or table_feed")
        return self


class MillingFeedOut(ModelOut):
    feed_per_tooth: Annotated[float, Unit("mm")]
    feed_per_revolution: Annotated[float, Unit("mm")]
    table_feed: Annotated[float, Unit("mm/min")]


def milling_feed(p: MillingFeedIn) -> MillingFeedOut:
    if p.feed_per_tooth is not None:
        fz = p.feed_per_tooth
    elif p.table_feed is not None:
        fz = p.table_feed / (p.teeth * p.spindle_speed)
    else:
        raise ValueError("give either feed_per_tooth or table_feed")
    return MillingFeedOut(
        feed_per_tooth=fz, feed_per_revolution=fz * p.teeth, table_feed=fz * p.teeth * p.spindle_speed
    )


MILLING_FEED = ComputationSpec(
    name="machining.milling_feed",
    title=LocalizedText(en="Milling table feed and feed per tooth", zh="铣削进给速度与每齿进给量"),
    kind="model",
    category="machining",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=MillingFeedIn,
    outputs=MillingFeedOut,
    func=milling_feed,
    formula="v_f = f_z·z·n; f_z = v_f / (z·n)",
    reference="Mitsubishi Materials, formulas for face milling (f_z, v_f); Dormer Pramet milling formulas",
    examples=(
        Example(
            inputs={"feed_per_tooth": 0.1, "teeth": 10, "spindle_speed": 500},
            expected={"table_feed": 500.0, "feed_per_revolution": 1.0},
            source="Mitsubishi Materials: f_z 0.1 mm/t, 10 inserts, 500 min⁻¹ → v_f 500 mm/min",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"table_feed": 500, "teeth": 10, "spindle_speed": 500},
            expected={"feed_per_tooth": 0.1},
            source="Mitsubishi Materials: v_f 500 mm/min, 10 inserts, 500 min⁻¹ → f_z 0.1 mm/t",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (CUTTING_SPEED, SPINDLE_SPEED, MILLING_FEED)

__all__ = ["SPECS", "cutting_speed", "milling_feed", "spindle_speed"]
