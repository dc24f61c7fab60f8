"""Heat exchangers: LMTD and the area with the F correction (wrapping ``ht``)."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import Celsius, In, Out, ht, spec

INCROPERA_11 = "Incropera, DeWitt, Bergman, Lavine, Fundamentals of Heat and Mass Transfer, 7th ed., Ch. 11"

# --- LMTD --------------------------------------------------------------------------------------------------


class LmtdIn(In):
    hot_in: Celsius
    hot_out: Celsius
    cold_in: Celsius
    cold_out: Celsius
    arrangement: Literal["counterflow", "parallel"] = "counterflow"


class LmtdOut(Out):
    lmtd: Annotated[float, Unit("K")]
    delta_t1: Annotated[float, Unit("K")]
    delta_t2: Annotated[float, Unit("K")]


def _terminal_differences(p: LmtdIn) -> tuple[float, float]:
    if p.arrangement == "counterflow":
        return p.hot_in - p.cold_out, p.hot_out - p.cold_in
    return p.hot_in - p.cold_in, p.hot_out - p.cold_out


def lmtd(p: LmtdIn) -> LmtdOut:
    dt1, dt2 = _terminal_differences(p)
    if dt1 <= 0 or dt2 <= 0:
        raise InvalidInput("cold_out", "temperature cross: the hot stream must stay hotter at both ends")
    value = ht.LMTD(p.hot_in, p.hot_out, p.cold_in, p.cold_out, counterflow=p.arrangement == "counterflow")
    return LmtdOut(lmtd=value, delta_t1=dt1, delta_t2=dt2)


LMTD = spec(
    "lmtd",
    en="Log-mean temperature difference",
    zh="对数平均温差",
    domains=("rd_design", "operations", "production"),
    industries=("general", "chemical", "energy", "food"),
    inputs=LmtdIn,
    outputs=LmtdOut,
    func=lmtd,
    formula="ΔT_lm = (ΔT1 − ΔT2)/ln(ΔT1/ΔT2); counterflow ΔT1 = Th,i − Tc,o, ΔT2 = Th,o − Tc,i; "
    "parallel ΔT1 = Th,i − Tc,i, ΔT2 = Th,o − Tc,o",
    reference=f"{INCROPERA_11} §11.3 (log-mean temperature difference); Example 11.1",
    examples=(
        Example(
            inputs={"hot_in": 100, "hot_out": 60, "cold_in": 30, "cold_out": 40.2},
            expected={"lmtd": 43.2},
            source="Incropera 7th ed. Example 11.1: oil 100→60 °C, water 30→40.2 °C, ΔT_lm = 43.2 °C",
            rel_tol=2e-4,
        ),
        Example(
            inputs={"hot_in": 100, "hot_out": 60, "cold_in": 30, "cold_out": 40.2, "arrangement": "parallel"},
            expected={"lmtd": 39.7525, "delta_t1": 70.0, "delta_t2": 19.8},
            source="eq. 11.15 by hand: (70 − 19.8)/ln(70/19.8) = 39.7525 K",
            rel_tol=1e-5,
        ),
    ),
)

# --- area with the F correction ----------------------------------------------------------------------------


class AreaIn(In):
    duty: Annotated[float, Unit("W", gt=0)]
    overall_u: Annotated[float, Unit("W/(m**2*K)", gt=0)]
    hot_in: Celsius
    hot_out: Celsius
    cold_in: Celsius
    cold_out: Celsius
    shells: Annotated[int, Field(ge=0, le=20, description="shell passes; 0 = pure counterflow")] = 0


class AreaOut(Out):
    lmtd: Annotated[float, Unit("K")]
    correction_factor: Annotated[float, Unit()]
    area: Annotated[float, Unit("m**2")]


def exchanger_area(p: AreaIn) -> AreaOut:
    base = lmtd(LmtdIn(hot_in=p.hot_in, hot_out=p.hot_out, cold_in=p.cold_in, cold_out=p.cold_out))
    try:
        factor = (
            1.0 if p.shells == 0 else ht.F_LMTD_Fakheri(p.hot_in, p.hot_out, p.cold_in, p.cold_out, p.shells)
        )
    except (ValueError, ZeroDivisionError):
        factor = math.nan
    if not factor > 0:  # NaN or a math error where the 1-2N exchanger cannot reach these temperatures
        raise InvalidInput("shells", "the temperatures are not reachable with this many shell passes")
    area = p.duty / (p.overall_u * factor * base.lmtd)
    return AreaOut(lmtd=base.lmtd, correction_factor=factor, area=area)


EXCHANGER_AREA = spec(
    "exchanger_area",
    en="Heat-exchanger area from duty (LMTD-F method)",
    zh="换热器传热面积计算(对数平均温差法)",
    domains=("rd_design", "production"),
    industries=("general", "chemical", "energy", "pharmaceutical"),
    inputs=AreaIn,
    outputs=AreaOut,
    func=exchanger_area,
    formula="A = Q/(U·F·ΔT_lm,cf); F for 1 shell pass, 2N tube passes per Bowman (Fakheri's general form for "
    "N shells); shells = 0 means pure counterflow (F = 1)",
    reference=f"{INCROPERA_11} §11.3 (multipass and crossflow: ΔT_lm = F·ΔT_lm,CF); "
    "Fakheri, J. Heat Transfer 125(3):527 (2003)",
    examples=(
        Example(
            inputs={
                "duty": 192850,
                "overall_u": 500,
                "hot_in": 130,
                "hot_out": 110,
                "cold_in": 15,
                "cold_out": 85,
                "shells": 1,
            },
            expected={"correction_factor": 0.943836, "lmtd": 66.91520, "area": 6.107007},
            source="Bowman 1-2 F by hand: R = 20/70, P = 70/115, F = 0.94384 (ht doctest gives the same); "
            "ΔT_lm = (45 − 95)/ln(45/95) = 66.915 K; A = 192850/(500·F·ΔT_lm)",
            rel_tol=1e-5,
        ),
    ),
)

SPECS = (LMTD, EXCHANGER_AREA)
