"""Vessels and channels: liquid volume in a horizontal tank, Manning open-channel flow."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from fluids.geometry import V_from_h
from fluids.open_flow import V_Manning
from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.fluids._base import ModelIn, ModelOut

# --- horizontal tank volume from level --------------------------------------------------------------------

Heads = Literal["flat", "ellipsoidal_2_1", "hemispherical"]
_HEAD = {"flat": (None, 0.0), "ellipsoidal_2_1": ("ellipsoidal", 0.25), "hemispherical": ("spherical", 0.5)}


class TankIn(ModelIn):
    level: Annotated[float, Unit("m", ge=0), Field(description="liquid height above the bottom")]
    diameter: Annotated[float, Unit("m", gt=0)]
    length: Annotated[float, Unit("m", gt=0), Field(description="cylindrical (tangent-to-tangent) length")]
    heads: Heads = "flat"

    @model_validator(mode="after")
    def _level_inside(self) -> Self:
        if self.level > self.diameter:
            raise ValueError("level above the top of the tank")
        return self


class TankOut(ModelOut):
    volume: Annotated[float, Unit("m**3")]
    capacity: Annotated[float, Unit("m**3")]
    fill_fraction: Annotated[float, Unit()]


def _tank_volume(level: float, p: TankIn) -> float:
    kind, depth = _HEAD[p.heads]
    a = depth * p.diameter
    return float(
        V_from_h(level, p.diameter, p.length, horizontal=True, sideA=kind, sideB=kind, sideA_a=a, sideB_a=a)
    )


def horizontal_tank_volume(p: TankIn) -> TankOut:
    volume, capacity = _tank_volume(p.level, p), _tank_volume(p.diameter, p)
    return TankOut(volume=volume, capacity=capacity, fill_fraction=volume / capacity)


TANK = ComputationSpec(
    name="fluids.horizontal_tank_volume",
    title=LocalizedText(en="Liquid volume in a horizontal tank from its level", zh="卧式储罐液位-容积换算"),
    kind="model",
    category="fluids",
    domains=("operations", "production", "warehousing_logistics"),
    industries=("general", "chemical", "food", "energy", "pharmaceutical"),
    inputs=TankIn,
    outputs=TankOut,
    func=horizontal_tank_volume,
    formula="cylinder: V = L·[r²·acos((r−h)/r) − (r−h)·√(2rh − h²)] plus the partial volume of both "
    "heads (2:1 ellipsoidal: depth D/4; hemispherical: D/2)",
    reference="Jones, 'Calculating Tank Volume' (Chemical Processing, 2003/2010), as "
    "fluids.geometry.V_from_h; research §1.3 F15",
    examples=(
        Example(
            inputs={"level": 1, "diameter": 2, "length": 5},
            expected={"volume": 7.8539816, "fill_fraction": 0.5},
            source="by hand: half-full flat-ended cylinder, π × 1² × 5 / 2 = 7.854 m³",
            rel_tol=1e-7,
        ),
        Example(
            inputs={"level": 1, "diameter": 2, "length": 5, "heads": "hemispherical"},
            expected={"volume": 9.9483767, "capacity": 19.896753},
            source="by hand: half of π·r²·L + (4/3)π·r³ = 7.854 + 2.094 m³",
            rel_tol=1e-7,
        ),
    ),
)

# --- Manning open-channel flow ----------------------------------------------------------------------------


class ManningIn(ModelIn):
    width: Annotated[float, Unit("m", gt=0), Field(description="bottom width of a rectangular channel")]
    depth: Annotated[float, Unit("m", gt=0), Field(description="flow depth")]
    slope: Annotated[float, Unit(gt=0, lt=1), Field(description="bed slope S₀ (m/m)")]
    roughness: Annotated[float, Unit(gt=0, le=0.2), Field(description="Manning n, s/m^(1/3)")]


class ManningOut(ModelOut):
    hydraulic_radius: Annotated[float, Unit("m")]
    velocity: Annotated[float, Unit("m/s")]
    flow: Annotated[float, Unit("m**3/s")]


def manning_flow(p: ManningIn) -> ManningOut:
    area = p.width * p.depth
    radius = area / (p.width + 2 * p.depth)
    velocity = float(V_Manning(Rh=radius, S=p.slope, n=p.roughness))
    return ManningOut(hydraulic_radius=radius, velocity=velocity, flow=velocity * area)


MANNING = ComputationSpec(
    name="fluids.manning_channel_flow",
    title=LocalizedText(en="Open-channel flow (Manning)", zh="明渠均匀流（曼宁公式）"),
    kind="model",
    category="fluids",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "metallurgy", "building_materials", "energy"),
    inputs=ManningIn,
    outputs=ManningOut,
    func=manning_flow,
    formula="R = b·y/(b + 2y); v = (1/n)·R^(2/3)·S^(1/2); Q = v·b·y",
    reference="Chow, Open-Channel Hydraulics (McGraw-Hill, 1959), ch. 5 (Manning formula); "
    "fluids.open_flow.V_Manning",
    examples=(
        Example(
            inputs={"width": 2, "depth": 1, "slope": 0.001, "roughness": 0.013},
            expected={"hydraulic_radius": 0.5, "velocity": 1.5323924, "flow": 3.0647848},
            source="by hand: R = 2/4 = 0.5 m; (1/0.013) × 0.5^(2/3) × √0.001 = 1.532 m/s (finished concrete)",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (TANK, MANNING)

__all__ = ["SPECS", "horizontal_tank_volume", "manning_flow"]
