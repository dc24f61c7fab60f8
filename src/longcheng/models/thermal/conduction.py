"""Conduction through plane and cylindrical walls; convective and radiative loss from a surface."""

from __future__ import annotations

import math
from typing import Annotated

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import SIGMA, Celsius, In, Out, ht, spec

INCROPERA = "Incropera, DeWitt, Bergman, Lavine, Fundamentals of Heat and Mass Transfer, 7th ed."

# --- plane wall --------------------------------------------------------------------------------------------


class PlaneWallIn(In):
    conductivity: Annotated[float, Unit("W/(m*K)", gt=0)]
    thickness: Annotated[float, Unit("m", gt=0)]
    area: Annotated[float, Unit("m**2", gt=0)]
    hot_surface: Celsius
    cold_surface: Celsius


class WallOut(Out):
    heat_rate: Annotated[float, Unit("W")]
    heat_flux: Annotated[float, Unit("W/m**2")]
    resistance: Annotated[float, Unit("K/W")]


def plane_wall_conduction(p: PlaneWallIn) -> WallOut:
    resistance = p.thickness / (p.conductivity * p.area)
    rate = (p.hot_surface - p.cold_surface) / resistance
    return WallOut(heat_rate=rate, heat_flux=rate / p.area, resistance=resistance)


PLANE_WALL = spec(
    "plane_wall_conduction",
    en="Steady conduction through a plane wall (Fourier's law)",
    zh="平壁稳态导热",
    domains=("rd_design", "operations"),
    industries=("general", "building_materials", "metallurgy", "energy"),
    inputs=PlaneWallIn,
    outputs=WallOut,
    func=plane_wall_conduction,
    formula="q = k·A·(T1 − T2)/L; R = L/(k·A)",
    reference=f"{INCROPERA} §1.2.1 (Fourier's law) and §3.1 (plane wall, thermal resistance); Example 1.1",
    examples=(
        Example(
            inputs={
                "conductivity": 1.7,
                "thickness": 0.15,
                "area": 0.6,
                "hot_surface": "1400 K",
                "cold_surface": "1150 K",
            },
            expected={"heat_flux": 2833.0, "heat_rate": 1700.0},
            source="Incropera 7th ed. Example 1.1: fireclay furnace wall, q'' = 2833 W/m², q = 1700 W",
            rel_tol=2e-4,
        ),
    ),
)

# --- cylindrical wall --------------------------------------------------------------------------------------


class CylinderWallIn(In):
    conductivity: Annotated[float, Unit("W/(m*K)", gt=0)]
    inner_diameter: Annotated[float, Unit("m", gt=0)]
    outer_diameter: Annotated[float, Unit("m", gt=0)]
    length: Annotated[float, Unit("m", gt=0)]
    inner_surface: Celsius
    outer_surface: Celsius


def cylinder_wall_conduction(p: CylinderWallIn) -> WallOut:
    if p.outer_diameter <= p.inner_diameter:
        raise InvalidInput("outer_diameter", "must exceed the inner diameter")
    resistance = ht.R_cylinder(p.inner_diameter, p.outer_diameter, p.conductivity, p.length)
    rate = (p.inner_surface - p.outer_surface) / resistance
    return WallOut(
        heat_rate=rate, heat_flux=rate / (math.pi * p.outer_diameter * p.length), resistance=resistance
    )


CYLINDER_WALL = spec(
    "cylinder_wall_conduction",
    en="Steady radial conduction through a cylindrical wall",
    zh="圆筒壁稳态导热",
    domains=("rd_design", "operations"),
    industries=("general", "chemical", "energy"),
    inputs=CylinderWallIn,
    outputs=WallOut,
    func=cylinder_wall_conduction,
    formula="R = ln(r2/r1)/(2π·k·L); q = (T1 − T2)/R; flux referred to the outer surface",
    reference=f"{INCROPERA} §3.3.1 (radial conduction in a cylindrical wall)",
    examples=(
        Example(
            inputs={
                "conductivity": 20,
                "inner_diameter": 0.9,
                "outer_diameter": 1.0,
                "length": 10,
                "inner_surface": 200,
                "outer_surface": 100,
            },
            expected={"resistance": 8.384323e-5, "heat_rate": 1192702.1},
            source="eq. 3.28 by hand: ln(1/0.9)/(2π·20·10) = 8.38432e-5 K/W (also the ht.R_cylinder doctest)",
            rel_tol=1e-6,
        ),
    ),
)

# --- convection and radiation from a surface ---------------------------------------------------------------


class SurfaceLossIn(In):
    area: Annotated[float, Unit("m**2", gt=0)]
    surface_temperature: Celsius
    air_temperature: Celsius
    h_convection: Annotated[float, Unit("W/(m**2*K)", ge=0)]
    emissivity: Annotated[float, Unit(ge=0, le=1)]
    surroundings_temperature: Celsius | None = None


class SurfaceLossOut(Out):
    convection: Annotated[float, Unit("W")]
    radiation: Annotated[float, Unit("W")]
    total: Annotated[float, Unit("W")]
    h_radiation: Annotated[float, Unit("W/(m**2*K)")]


def surface_heat_loss(p: SurfaceLossIn) -> SurfaceLossOut:
    t_s = p.surface_temperature + 273.15
    t_sur = (
        p.surroundings_temperature if p.surroundings_temperature is not None else p.air_temperature
    ) + 273.15
    convection = p.h_convection * p.area * (p.surface_temperature - p.air_temperature)
    rad = p.area * ht.q_rad(p.emissivity, t_s, t_sur)
    h_rad = rad / (p.area * (t_s - t_sur)) if t_s != t_sur else 4 * p.emissivity * SIGMA * t_s**3
    return SurfaceLossOut(convection=convection, radiation=rad, total=convection + rad, h_radiation=h_rad)


SURFACE_LOSS = spec(
    "surface_heat_loss",
    en="Heat loss from a hot surface by convection and radiation",
    zh="设备外表面对流与辐射散热损失",
    domains=("operations", "production", "rd_design"),
    industries=("general", "energy", "chemical", "metallurgy", "building_materials"),
    inputs=SurfaceLossIn,
    outputs=SurfaceLossOut,
    func=surface_heat_loss,
    formula="q_conv = h·A·(T_s − T_∞); q_rad = ε·σ·A·(T_s⁴ − T_sur⁴); h_r = q_rad/(A·(T_s − T_sur))",
    reference=f"{INCROPERA} §1.2 (Newton's law of cooling, radiation exchange with large surroundings); "
    "Example 1.2",
    examples=(
        Example(
            inputs={
                "area": 0.2199115,
                "surface_temperature": 200,
                "air_temperature": 25,
                "h_convection": 15,
                "emissivity": 0.8,
            },
            expected={"convection": 577.0, "radiation": 421.0, "total": 998.0},
            source="Incropera 7th ed. Example 1.2: bare steam pipe D = 70 mm, 1 m, T_s 200 °C, air and "
            "surroundings 25 °C, h = 15, ε = 0.8: q' = 577 + 421 = 998 W/m",
            rel_tol=1e-3,
        ),
    ),
)

SPECS = (PLANE_WALL, CYLINDER_WALL, SURFACE_LOSS)
