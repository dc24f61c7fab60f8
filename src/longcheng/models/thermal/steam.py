"""Water and steam properties by IAPWS-IF97 (CoolProp's IF97 backend)."""

from __future__ import annotations

from typing import Annotated

from CoolProp.CoolProp import PhaseSI, PropsSI
from pydantic import model_validator

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import IF97, In, Out, spec

IAPWS_IF97 = "IAPWS R7-97(2012) Revised Release on the IAPWS Industrial Formulation 1997 (IAPWS-IF97)"


def props(output: str, name1: str, value1: float, name2: str, value2: float, field: str) -> float:
    """One IF97 property in SI units; CoolProp's errors become InvalidInput naming ``field``."""
    try:
        return float(PropsSI(output, name1, value1, name2, value2, IF97))
    except ValueError as err:
        raise InvalidInput(field, f"outside the IAPWS-IF97 range: {err}") from err


# --- single-phase properties -------------------------------------------------------------------------------


class SteamIn(In):
    pressure: Annotated[float, Unit("MPa", gt=0, le=100)]
    temperature: Annotated[float, Unit("K", ge=273.15, le=1073.15)]


class SteamOut(Out):
    phase: str
    specific_volume: Annotated[float, Unit("m**3/kg")]
    enthalpy: Annotated[float, Unit("kJ/kg")]
    entropy: Annotated[float, Unit("kJ/(kg*K)")]
    cp: Annotated[float, Unit("kJ/(kg*K)")]


def steam_properties(p: SteamIn) -> SteamOut:
    t, pa = p.temperature, p.pressure * 1e6

    def get(name: str) -> float:
        return props(name, "T", t, "P", pa, "temperature")

    return SteamOut(
        phase=str(PhaseSI("T", t, "P", pa, IF97)),
        specific_volume=1 / get("D"),
        enthalpy=get("H") / 1000,
        entropy=get("S") / 1000,
        cp=get("C") / 1000,
    )


STEAM_PROPERTIES = spec(
    "steam_properties",
    en="Water and steam properties (IAPWS-IF97)",
    zh="水和水蒸气热力性质(IAPWS-IF97)",
    domains=("operations", "production", "rd_design"),
    industries=("energy", "chemical", "food", "textile", "pharmaceutical", "general"),
    inputs=SteamIn,
    outputs=SteamOut,
    func=steam_properties,
    formula="v, h, s, c_p from the IF97 basic equations for regions 1 (liquid), 2 (vapour), 3 and 5, "
    "selected by (p, T)",
    reference=f"{IAPWS_IF97}, Tables 5 and 15 (computer-program verification values)",
    examples=(
        Example(
            inputs={"pressure": 3, "temperature": 300},
            expected={"specific_volume": 0.100215168e-2, "enthalpy": 115.331273, "entropy": 0.392294792},
            source="IAPWS-IF97 Table 5 (region 1): T = 300 K, p = 3 MPa",
            rel_tol=1e-8,
        ),
        Example(
            inputs={"pressure": 3, "temperature": 500},
            expected={"specific_volume": 0.120241800e-2, "enthalpy": 975.542239, "cp": 4.65580682},
            source="IAPWS-IF97 Table 5 (region 1): T = 500 K, p = 3 MPa",
            rel_tol=1e-8,
        ),
        Example(
            inputs={"pressure": 0.0035, "temperature": 300},
            expected={"specific_volume": 39.4913866, "enthalpy": 2549.91145, "entropy": 8.52238967},
            source="IAPWS-IF97 Table 15 (region 2): T = 300 K, p = 0.0035 MPa",
            rel_tol=1e-8,
        ),
    ),
)

# --- saturation --------------------------------------------------------------------------------------------

P_CRIT = 22.064  # MPa, IF97 critical pressure
T_CRIT = 647.096  # K


class SaturationIn(In):
    pressure: Annotated[float, Unit("MPa", ge=611.213e-6, le=P_CRIT)] | None = None
    temperature: Annotated[float, Unit("K", ge=273.15, le=T_CRIT)] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> SaturationIn:
        if (self.pressure is None) == (self.temperature is None):
            raise ValueError("give exactly one of pressure and temperature")
        return self


class SaturationOut(Out):
    pressure: Annotated[float, Unit("MPa")]
    temperature: Annotated[float, Unit("K")]
    h_liquid: Annotated[float, Unit("kJ/kg")]
    h_vapour: Annotated[float, Unit("kJ/kg")]
    h_evaporation: Annotated[float, Unit("kJ/kg")]
    v_vapour: Annotated[float, Unit("m**3/kg")]
    s_liquid: Annotated[float, Unit("kJ/(kg*K)")]
    s_vapour: Annotated[float, Unit("kJ/(kg*K)")]


def saturation(p: SaturationIn) -> SaturationOut:
    if p.pressure is not None:
        key, value, field = "P", p.pressure * 1e6, "pressure"
    else:
        key, value, field = "T", float(p.temperature or 0.0), "temperature"

    def get(name: str, quality: float) -> float:
        return props(name, key, value, "Q", quality, field)

    h_f, h_g = get("H", 0) / 1000, get("H", 1) / 1000
    return SaturationOut(
        pressure=get("P", 0) / 1e6,
        temperature=get("T", 0),
        h_liquid=h_f,
        h_vapour=h_g,
        h_evaporation=h_g - h_f,
        v_vapour=1 / get("D", 1),
        s_liquid=get("S", 0) / 1000,
        s_vapour=get("S", 1) / 1000,
    )


SATURATION = spec(
    "steam_saturation",
    en="Saturated steam: saturation temperature/pressure and enthalpies (IAPWS-IF97)",
    zh="饱和蒸汽参数(饱和温度/压力、焓、汽化潜热)",
    domains=("operations", "production", "rd_design"),
    industries=("energy", "chemical", "food", "textile", "pharmaceutical", "general"),
    inputs=SaturationIn,
    outputs=SaturationOut,
    func=saturation,
    formula="IF97 region 4 saturation line T_s(p) / p_s(T); h', h'' from regions 1 and 2 on the line; "
    "r = h'' − h'",
    reference=f"{IAPWS_IF97}, region 4, Tables 35 and 36",
    examples=(
        Example(
            inputs={"pressure": 0.1},
            expected={"temperature": 372.755919},
            source="IAPWS-IF97 Table 36: p = 0.1 MPa → T_s = 0.372755919e3 K",
            rel_tol=1e-8,
        ),
        Example(
            inputs={"pressure": 10},
            expected={"temperature": 584.149488},
            source="IAPWS-IF97 Table 36: p = 10 MPa → T_s = 0.584149488e3 K",
            rel_tol=1e-8,
        ),
        Example(
            inputs={"temperature": 500},
            expected={"pressure": 2.63889776},
            source="IAPWS-IF97 Table 35: T = 500 K → p_s = 0.263889776e1 MPa",
            rel_tol=1e-8,
        ),
    ),
)

SPECS = (STEAM_PROPERTIES, SATURATION)
