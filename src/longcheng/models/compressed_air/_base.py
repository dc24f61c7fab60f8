"""Shared bases and air/water properties of the compressed-air models."""

from __future__ import annotations

from CoolProp.CoolProp import PropsSI

from longcheng.models._base import ModelIn, ModelOut

P_ATM = 101325.0  # Pa, standard atmosphere
R_AIR = 287.042  # J/(kg·K), dry air (ASHRAE Handbook — Fundamentals 2017, ch. 1)
EPSILON = 0.621945  # M_water / M_dry air (ASHRAE Handbook — Fundamentals 2017, ch. 1, eq. 20)
DOE_SOURCEBOOK = (
    "US DOE / Compressed Air Challenge, Improving Compressed Air System Performance: A Sourcebook for "
    "Industry, 3rd ed. (2016)"
)


def water_saturation_pressure(temperature: float) -> float:
    """Saturation pressure of water over liquid (IAPWS-95 through CoolProp), Pa; 273.16 K to 647 K."""
    return float(PropsSI("P", "T", temperature, "Q", 0, "Water"))


def humidity_ratio(vapour_pressure: float, pressure: float) -> float:
    """kg water per kg dry air: W = 0.621945·p_w/(p − p_w)."""
    return EPSILON * vapour_pressure / (pressure - vapour_pressure)


__all__ = [
    "DOE_SOURCEBOOK",
    "EPSILON",
    "P_ATM",
    "R_AIR",
    "ModelIn",
    "ModelOut",
    "humidity_ratio",
    "water_saturation_pressure",
]
