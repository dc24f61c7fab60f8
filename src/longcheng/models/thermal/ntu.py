"""Heat exchangers by the ε-NTU method: effectiveness, rating and sizing (wrapping ``ht``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import Celsius, In, Out, ht, spec
from .exchangers import INCROPERA_11

# --- effectiveness -----------------------------------------------------------------------------------------

Arrangement = Literal[
    "counterflow", "parallel", "crossflow", "crossflow, mixed Cmin", "crossflow, mixed Cmax", "shell_and_tube"
]


def _subtype(arrangement: str) -> str:
    return "S&T" if arrangement == "shell_and_tube" else arrangement


class EffectivenessIn(In):
    ntu: Annotated[float, Unit(gt=0)]
    capacity_ratio: Annotated[float, Unit(ge=0, le=1)]
    arrangement: Arrangement = "counterflow"
    shells: Annotated[int, Field(ge=1, le=20, description="shell passes (shell_and_tube only)")] = 1


class EffectivenessOut(Out):
    effectiveness: Annotated[float, Unit()]


def effectiveness(p: EffectivenessIn) -> EffectivenessOut:
    kind = "boiler" if p.capacity_ratio == 0 else _subtype(p.arrangement)
    shells = p.shells if kind == "S&T" else None
    return EffectivenessOut(effectiveness=ht.effectiveness_from_NTU(p.ntu, p.capacity_ratio, kind, shells))


EFFECTIVENESS = spec(
    "effectiveness_ntu",
    en="Heat-exchanger effectiveness from NTU (ε-NTU)",
    zh="换热器效能(ε-NTU法)",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy", "automotive"),
    inputs=EffectivenessIn,
    outputs=EffectivenessOut,
    func=effectiveness,
    formula="counterflow ε = (1 − e^(−NTU(1−Cr)))/(1 − Cr·e^(−NTU(1−Cr))); "
    "parallel ε = (1 − e^(−NTU(1+Cr)))/(1+Cr); crossflow and shell-and-tube per Table 11.3; "
    "Cr = 0: ε = 1 − e^(−NTU)",
    reference=f"{INCROPERA_11} §11.4 Table 11.3",
    examples=(
        Example(
            inputs={"ntu": 1, "capacity_ratio": 0.5},
            expected={"effectiveness": 0.5647334},
            source="Table 11.3 counterflow by hand: (1 − e^−0.5)/(1 − 0.5·e^−0.5) = 0.564733",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"ntu": 1, "capacity_ratio": 0.5, "arrangement": "parallel"},
            expected={"effectiveness": 0.5179132},
            source="Table 11.3 parallel flow by hand: (1 − e^−1.5)/1.5 = 0.517913",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"ntu": 2, "capacity_ratio": 0.5, "arrangement": "crossflow, mixed Cmax"},
            expected={"effectiveness": 0.7020127},
            source="Table 11.3 eq. 11.34a by hand: (1/0.5)(1 − exp(−0.5(1 − e^−2))) = 0.702013",
            rel_tol=1e-6,
        ),
    ),
)

# --- rating ------------------------------------------------------------------------------------------------


class RatingIn(In):
    hot_flow: Annotated[float, Unit("kg/s", gt=0)]
    hot_cp: Annotated[float, Unit("J/(kg*K)", gt=0)]
    cold_flow: Annotated[float, Unit("kg/s", gt=0)]
    cold_cp: Annotated[float, Unit("J/(kg*K)", gt=0)]
    ua: Annotated[float, Unit("W/K", gt=0)]
    hot_in: Celsius
    cold_in: Celsius
    arrangement: Arrangement = "counterflow"
    shells: Annotated[int, Field(ge=1, le=20, description="shell passes (shell_and_tube only)")] = 1


class RatingOut(Out):
    ntu: Annotated[float, Unit()]
    capacity_ratio: Annotated[float, Unit()]
    effectiveness: Annotated[float, Unit()]
    duty: Annotated[float, Unit("W")]
    hot_out: Annotated[float, Unit("degC")]
    cold_out: Annotated[float, Unit("degC")]


def ntu_rating(p: RatingIn) -> RatingOut:
    if p.hot_in <= p.cold_in:
        raise InvalidInput("hot_in", "the hot inlet must be hotter than the cold inlet")
    kind = _subtype(p.arrangement)
    r = ht.effectiveness_NTU_method(
        p.hot_flow,
        p.cold_flow,
        p.hot_cp,
        p.cold_cp,
        kind,
        Thi=p.hot_in,
        Tci=p.cold_in,
        UA=p.ua,
        n_shell_tube=p.shells if kind == "S&T" else None,
    )
    return RatingOut(
        ntu=r["NTU"],
        capacity_ratio=r["Cr"],
        effectiveness=r["effectiveness"],
        duty=r["Q"],
        hot_out=r["Tho"],
        cold_out=r["Tco"],
    )


NTU_RATING = spec(
    "ntu_rating",
    en="Heat-exchanger rating: outlet temperatures and duty (ε-NTU)",
    zh="换热器校核计算(出口温度与换热量,ε-NTU法)",
    domains=("operations", "rd_design", "production"),
    industries=("general", "chemical", "energy", "food"),
    inputs=RatingIn,
    outputs=RatingOut,
    func=ntu_rating,
    formula="C = ṁ·c_p; NTU = UA/C_min; Cr = C_min/C_max; ε from Table 11.3; Q = ε·C_min·(Th,i − Tc,i); "
    "Th,o = Th,i − Q/C_h; Tc,o = Tc,i + Q/C_c",
    reference=f"{INCROPERA_11} §11.4 (ε-NTU method) and Table 11.3",
    examples=(
        Example(
            inputs={
                "hot_flow": 1,
                "hot_cp": 2000,
                "cold_flow": 1,
                "cold_cp": 4000,
                "ua": 2000,
                "hot_in": 150,
                "cold_in": 20,
            },
            expected={
                "ntu": 1.0,
                "capacity_ratio": 0.5,
                "effectiveness": 0.5647334,
                "duty": 146830.68,
                "hot_out": 76.58466,
                "cold_out": 56.70767,
            },
            source="by hand: C_min = 2000 W/K, NTU = 1, Cr = 0.5, ε = 0.564733 (counterflow); "
            "Q = ε·2000·130 = 146 830.7 W; 150 − Q/2000; 20 + Q/4000",
            rel_tol=1e-6,
        ),
    ),
)

# --- sizing ------------------------------------------------------------------------------------------------


class SizingIn(In):
    effectiveness: Annotated[float, Unit(gt=0, lt=1)]
    capacity_ratio: Annotated[float, Unit(ge=0, le=1)]
    arrangement: Arrangement = "counterflow"
    shells: Annotated[int, Field(ge=1, le=20, description="shell passes (shell_and_tube only)")] = 1
    c_min: Annotated[float, Unit("W/K", gt=0), Field(description="smaller heat-capacity rate")] | None = None


class SizingOut(Out):
    ntu: Annotated[float, Unit()]
    ua: Annotated[float, Unit("W/K")] | None


def ntu_sizing(p: SizingIn) -> SizingOut:
    kind = "boiler" if p.capacity_ratio == 0 else _subtype(p.arrangement)
    try:
        ntu = ht.NTU_from_effectiveness(
            p.effectiveness, p.capacity_ratio, kind, p.shells if kind == "S&T" else None
        )
    except ValueError as err:
        raise InvalidInput("effectiveness", "not reachable with this arrangement and Cr") from err
    return SizingOut(ntu=ntu, ua=ntu * p.c_min if p.c_min is not None else None)


NTU_SIZING = spec(
    "ntu_sizing",
    en="Heat-exchanger sizing: NTU and UA for a target effectiveness",
    zh="换热器设计计算(所需传热单元数与UA值)",
    domains=("rd_design",),
    industries=("general", "chemical", "energy"),
    inputs=SizingIn,
    outputs=SizingOut,
    func=ntu_sizing,
    formula="inverse of Table 11.3, e.g. counterflow NTU = ln((ε − 1)/(ε·Cr − 1))/(Cr − 1); UA = NTU·C_min",
    reference=f"{INCROPERA_11} §11.4 Table 11.4",
    examples=(
        Example(
            inputs={"effectiveness": 0.5647334016, "capacity_ratio": 0.5, "c_min": 2000},
            expected={"ntu": 1.0, "ua": 2000.0},
            source="eq. 11.30b by hand: ln((ε − 1)/(0.5ε − 1))/(0.5 − 1) = 1.000 for ε = 0.564733",
            rel_tol=1e-6,
        ),
        Example(
            inputs={"effectiveness": 0.6, "capacity_ratio": 0.0},
            expected={"ntu": 0.9162907},
            source="eq. 11.35b (Cr = 0) by hand: −ln(1 − 0.6) = 0.916291",
            rel_tol=1e-6,
        ),
    ),
)

SPECS = (EFFECTIVENESS, NTU_RATING, NTU_SIZING)
