"""Textile yarns: count systems, twist factors, ring-spinning production."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.industry._base import DOMAINS, ModelIn, ModelOut

INDUSTRIES = ("textile",)
POUND_G = 453.59237  # international avoirdupois pound, g
YARD_M = 0.9144  # international yard, m
COTTON_HANK_YD = 840.0  # Ne: 840-yard hanks per pound
WORSTED_HANK_YD = 560.0  # Nw: 560-yard hanks per pound
TEX_NE = POUND_G / (COTTON_HANK_YD * YARD_M) * 1000.0  # tex × Ne = 590.54
TEX_NW = POUND_G / (WORSTED_HANK_YD * YARD_M) * 1000.0  # tex × Nw = 885.81
METRES_PER_INCH = 0.0254

# --- yarn count conversion ----------------------------------------------------------------------------


class YarnCountIn(ModelIn):
    linear_density: (
        Annotated[float, Unit("tex", gt=0), Field(description="direct system: tex, dtex or denier")] | None
    ) = None
    metric_count: Annotated[float, Unit("m/g", gt=0), Field(description="Nm")] | None = None
    cotton_count: Annotated[float, Unit(gt=0), Field(description="English cotton count Ne")] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> YarnCountIn:
        given = sum(v is not None for v in (self.linear_density, self.metric_count, self.cotton_count))
        if given != 1:
            raise ValueError("give exactly one of linear_density, metric_count and cotton_count")
        return self


class YarnCountOut(ModelOut):
    tex: Annotated[float, Unit("tex")]
    dtex: Annotated[float, Unit("dtex")]
    denier: Annotated[float, Unit("denier")]
    metric_count: Annotated[float, Unit("m/g"), Field(description="Nm")]
    cotton_count: Annotated[float, Unit(), Field(description="Ne")]
    worsted_count: Annotated[float, Unit(), Field(description="Nw (560 yd/lb)")]


def yarn_count(p: YarnCountIn) -> YarnCountOut:
    if p.linear_density is not None:
        tex = p.linear_density
    elif p.metric_count is not None:
        tex = 1000.0 / p.metric_count
    elif p.cotton_count is not None:
        tex = TEX_NE / p.cotton_count
    else:
        raise ValueError("give exactly one of linear_density, metric_count and cotton_count")
    return YarnCountOut(
        tex=tex,
        dtex=10.0 * tex,
        denier=9.0 * tex,
        metric_count=1000.0 / tex,
        cotton_count=TEX_NE / tex,
        worsted_count=TEX_NW / tex,
    )


YARN_COUNT = ComputationSpec(
    name="industry.yarn_count",
    title=LocalizedText(en="Yarn count conversion (tex, denier, Nm, Ne)", zh="纱线细度换算"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=YarnCountIn,
    outputs=YarnCountOut,
    func=yarn_count,
    formula="tex = g/1000 m; den = 9·tex; dtex = 10·tex; Nm = 1000/tex; Ne = 590.54/tex; Nw = 885.81/tex",
    reference="ISO 1144:2016 (tex system); ASTM D2260 Standard Tables of Conversion Factors and "
    "Equivalent Yarn Numbers (tex = 590.5/Ne)",
    examples=(
        Example(
            inputs={"cotton_count": 30},
            expected={"tex": 19.683, "metric_count": 50.80, "denier": 177.15},
            source="ASTM D2260: tex = 590.5/Ne → Ne 30 = 19.68 tex (research note §1.13 I11 [C] 19.683)",
            rel_tol=2e-4,
        ),
        Example(
            inputs={"linear_density": "150 denier"},
            expected={"tex": 16.666666666666668, "dtex": 166.66666666666669},
            source="definition: 1 den = 1 g/9 000 m → 150 den = 16.667 tex = 166.67 dtex",
            rel_tol=1e-9,
        ),
    ),
)

# --- twist factors ------------------------------------------------------------------------------------


class YarnTwistIn(ModelIn):
    linear_density: Annotated[float, Unit("tex", gt=0)]
    twist: Annotated[float, Unit("1/m", gt=0), Field(description="turns per metre")]


class YarnTwistOut(ModelOut):
    turns_per_inch: Annotated[float, Unit("1/inch")]
    tex_twist_factor: Annotated[float, Unit(), Field(description="α_tex = T/m·√tex")]
    metric_twist_factor: Annotated[float, Unit(), Field(description="α_m = T/m / √Nm")]
    english_twist_multiplier: Annotated[float, Unit(), Field(description="α_e = TPI / √Ne")]


def yarn_twist(p: YarnTwistIn) -> YarnTwistOut:
    tpi = p.twist * METRES_PER_INCH
    return YarnTwistOut(
        turns_per_inch=tpi,
        tex_twist_factor=p.twist * math.sqrt(p.linear_density),
        metric_twist_factor=p.twist / math.sqrt(1000.0 / p.linear_density),
        english_twist_multiplier=tpi / math.sqrt(TEX_NE / p.linear_density),
    )


YARN_TWIST = ComputationSpec(
    name="industry.yarn_twist",
    title=LocalizedText(en="Yarn twist factors (α_tex, α_m, α_e)", zh="纱线捻系数"),
    kind="model",
    category="industry",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=YarnTwistIn,
    outputs=YarnTwistOut,
    func=yarn_twist,
    formula="α_tex = T·√tex; α_m = T/√Nm; α_e = TPI/√Ne; α_tex ≈ 957·α_e ≈ 31.6·α_m",
    reference="Lawrence, Fundamentals of Spun Yarn Technology, CRC Press 2003 (twist factor and twist "
    "multiplier); ISO 2061:2015 (twist in turns per metre)",
    examples=(
        Example(
            inputs={"linear_density": 19.684708248274525, "twist": 776.2996878025978},
            expected={
                "english_twist_multiplier": 3.6,
                "tex_twist_factor": 3444.24,
                "metric_twist_factor": 108.917,
            },
            source="derived by hand: Ne 30 warp yarn, α_e 3.6 → TPI 3.6·√30 = 19.718, 776.30 T/m; "
            "α_tex = 776.30·√19.685 = 3 444 (≈ 957·3.6)",
            rel_tol=1e-5,
        ),
    ),
)

# --- ring-spinning production -------------------------------------------------------------------------


class SpinningIn(ModelIn):
    spindle_speed: Annotated[float, Unit("rpm", gt=0)]
    twist: Annotated[float, Unit("1/m", gt=0), Field(description="turns per metre")]
    linear_density: Annotated[float, Unit("tex", gt=0)]
    spindles: Annotated[float, Unit(gt=0)] = 1.0
    efficiency: Annotated[float, Unit(gt=0, le=1)] = 1.0


class SpinningOut(ModelOut):
    delivery_speed: Annotated[float, Unit("m/min"), Field(description="front-roller delivery n/T")]
    production: Annotated[float, Unit("kg/h")]


def spinning_production(p: SpinningIn) -> SpinningOut:
    delivery = p.spindle_speed / p.twist  # m/min
    grams_per_hour = delivery * 60.0 * p.linear_density / 1000.0 * p.spindles * p.efficiency
    return SpinningOut(delivery_speed=delivery, production=grams_per_hour / 1000.0)


SPINNING = ComputationSpec(
    name="industry.spinning_production",
    title=LocalizedText(en="Ring-spinning production rate", zh="细纱机产量"),
    kind="model",
    category="industry",
    domains=("production", "operations"),
    industries=INDUSTRIES,
    inputs=SpinningIn,
    outputs=SpinningOut,
    func=spinning_production,
    formula="v = n/T (m/min); P = v·60·tex/10⁶·N_spindles·η (kg/h)",
    reference="Klein, The Rieter Manual of Spinning, Vol. 4: Ring Spinning (production formula); research "
    "note §1.13 I14",
    examples=(
        Example(
            inputs={
                "spindle_speed": 15000,
                "twist": 900,
                "linear_density": 20,
                "spindles": 1000,
                "efficiency": 0.95,
            },
            expected={"delivery_speed": 16.666666666666668, "production": 19.0},
            source="derived by hand: 15 000/900 = 16.667 m/min; × 60 × 0.020 g/m = 20 g/h per spindle; "
            "× 1 000 × 0.95 = 19 kg/h",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (YARN_COUNT, YARN_TWIST, SPINNING)

__all__ = ["SPECS", "spinning_production", "yarn_count", "yarn_twist"]
