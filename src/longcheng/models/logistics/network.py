"""Distribution network and demand analysis: great-circle distances, routes, ABC classes, bullwhip."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.logistics._base import INDUSTRIES, ModelIn, ModelOut

MEAN_EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius R1
DOMAINS = ("warehousing_logistics", "supply_chain")

Latitude = Annotated[float, Unit("degree", ge=-90, le=90)]
Longitude = Annotated[float, Unit("degree", ge=-180, le=180)]
Radius = Annotated[float, Unit("km", gt=0), Field(description="sphere radius; default the IUGG mean")]


def _haversine_km(lats: list[float], lons: list[float], radius: float) -> list[float]:
    """Great-circle lengths of the legs between consecutive points (sklearn's haversine)."""
    import numpy as np  # noqa: PLC0415
    from sklearn.metrics.pairwise import haversine_distances  # noqa: PLC0415 - deferred: slow import

    points = np.radians(np.column_stack([lats, lons]))
    legs = [haversine_distances(points[i : i + 1], points[i + 1 : i + 2])[0, 0] for i in range(len(lats) - 1)]
    return [float(angle) * radius for angle in legs]


# --- great-circle distance ----------------------------------------------------------------------------


class GreatCircleIn(ModelIn):
    lat1: Latitude
    lon1: Longitude
    lat2: Latitude
    lon2: Longitude
    radius: Radius = MEAN_EARTH_RADIUS_KM


class GreatCircleOut(ModelOut):
    distance: Annotated[float, Unit("km")]


def great_circle_distance(p: GreatCircleIn) -> GreatCircleOut:
    return GreatCircleOut(distance=_haversine_km([p.lat1, p.lat2], [p.lon1, p.lon2], p.radius)[0])


GREAT_CIRCLE = ComputationSpec(
    name="logistics.great_circle_distance",
    title=LocalizedText(en="Great-circle distance (haversine)", zh="大圆距离(半正矢公式)"),
    kind="model",
    category="logistics",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=GreatCircleIn,
    outputs=GreatCircleOut,
    func=great_circle_distance,
    formula="d = 2R·asin(√(sin²(Δφ/2) + cosφ1·cosφ2·sin²(Δλ/2)))",
    reference="Sinnott, 'Virtues of the Haversine', Sky & Telescope 68(2):159 (1984); "
    "sklearn.metrics.pairwise.haversine_distances",
    examples=(
        Example(
            inputs={"lat1": 36.12, "lon1": -86.67, "lat2": 33.94, "lon2": -118.40, "radius": 6372.8},
            expected={"distance": 2887.2599506071106},
            source="Rosetta Code 'Haversine formula': BNA–LAX with R = 6372.8 km → 2887.2599506071 km",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"lat1": 36.12, "lon1": -86.67, "lat2": 33.94, "lon2": -118.40, "radius": 6371.0},
            expected={"distance": 2886.444442837983},
            source="Rosetta Code 'Haversine formula': BNA–LAX with R = 6371.0 km → 2886.4444428380 km",
            rel_tol=1e-9,
        ),
    ),
)

# --- route distance -----------------------------------------------------------------------------------


class RouteIn(ModelIn):
    latitudes: list[Latitude] = Field(min_length=2, description="stops in visiting order")
    longitudes: list[Longitude] = Field(min_length=2)
    closed: bool = Field(default=False, description="return to the first stop at the end")
    radius: Radius = MEAN_EARTH_RADIUS_KM

    @model_validator(mode="after")
    def _same_length(self) -> RouteIn:
        if len(self.latitudes) != len(self.longitudes):
            raise ValueError("latitudes and longitudes must have the same length")
        return self


class RouteOut(ModelOut):
    total_distance: Annotated[float, Unit("km")]
    legs: list[Annotated[float, Unit("km")]] = Field(description="per leg, in visiting order")


def route_distance(p: RouteIn) -> RouteOut:
    lats, lons = list(p.latitudes), list(p.longitudes)
    if p.closed:
        lats, lons = [*lats, lats[0]], [*lons, lons[0]]
    legs = _haversine_km(lats, lons, p.radius)
    return RouteOut(total_distance=math.fsum(legs), legs=legs)


ROUTE = ComputationSpec(
    name="logistics.route_distance",
    title=LocalizedText(en="Vehicle route length over great circles", zh="车辆路径里程"),
    kind="model",
    category="logistics",
    domains=DOMAINS,
    industries=INDUSTRIES,
    inputs=RouteIn,
    outputs=RouteOut,
    func=route_distance,
    formula="L = Σ d_haversine(stop_i, stop_i+1) (+ return leg when closed)",
    reference="Sinnott (1984) haversine; Toth & Vigo, Vehicle Routing, 2nd ed., SIAM 2014, ch. 1 "
    "(route cost as the sum of arc lengths)",
    examples=(
        Example(
            inputs={
                "latitudes": [36.12, 33.94],
                "longitudes": [-86.67, -118.40],
                "closed": True,
                "radius": 6372.8,
            },
            expected={"total_distance": 5774.519901214221, "legs": [2887.2599506071106, 2887.2599506071106]},
            source="Rosetta Code BNA–LAX 2887.2599506071 km (R 6372.8), out and back",
            rel_tol=1e-9,
        ),
    ),
)

# --- ABC classification -------------------------------------------------------------------------------


class AbcIn(ModelIn):
    values: list[Annotated[float, Unit(ge=0)]] = Field(
        min_length=1, description="annual usage value per item"
    )
    a_share: Annotated[float, Unit(gt=0, lt=1)] = 0.80
    b_share: Annotated[float, Unit(gt=0, le=1)] = 0.95

    @model_validator(mode="after")
    def _ordered(self) -> AbcIn:
        if self.b_share <= self.a_share:
            raise ValueError("b_share must exceed a_share")
        if sum(self.values) <= 0:
            raise ValueError("the values must not all be zero")
        return self


class AbcOut(ModelOut):
    classes: list[str] = Field(description="'A', 'B' or 'C' per item, in input order")
    cumulative_share: list[Annotated[float, Unit()]] = Field(
        description="cumulative value share per item, in input order"
    )


def abc_classification(p: AbcIn) -> AbcOut:
    total = math.fsum(p.values)
    order = sorted(range(len(p.values)), key=lambda i: -p.values[i])
    classes, shares = [""] * len(p.values), [0.0] * len(p.values)
    running = 0.0
    for i in order:
        before = running / total
        classes[i] = "A" if before < p.a_share else "B" if before < p.b_share else "C"
        running += p.values[i]
        shares[i] = running / total
    return AbcOut(classes=classes, cumulative_share=shares)


ABC = ComputationSpec(
    name="logistics.abc_classification",
    title=LocalizedText(en="ABC (Pareto) inventory classification", zh="ABC库存分类"),
    kind="model",
    category="logistics",
    domains=("warehousing_logistics", "supply_chain", "enterprise_management"),
    industries=INDUSTRIES,
    inputs=AbcIn,
    outputs=AbcOut,
    func=abc_classification,
    formula="sort by value ↓; an item is A while the share before it < a (80 %), B while < b (95 %), else C",
    reference="Silver, Pyke & Thomas, Inventory and Production Management in Supply Chains, 4th ed., ch. 2 "
    "(ABC classification, Pareto distribution of usage value)",
    examples=(
        Example(
            inputs={"values": [300, 5000, 1000, 200, 3000, 500]},
            expected={"classes": ["C", "A", "B", "C", "A", "B"]},
            source="derived by hand: sorted 5000, 3000 (80 % → A), 1000, 500 (95 % → B), 300, 200 (C)",
        ),
    ),
)

# --- bullwhip ratio -----------------------------------------------------------------------------------


class BullwhipIn(ModelIn):
    demand: list[Annotated[float, Unit()]] = Field(min_length=2, description="demand received per period")
    orders: list[Annotated[float, Unit()]] = Field(min_length=2, description="orders placed per period")
    lead_time: Annotated[float, Unit(ge=0), Field(description="L, periods")] | None = None
    forecast_window: Annotated[float, Unit(ge=1), Field(description="p, moving-average periods")] | None = (
        None
    )

    @model_validator(mode="after")
    def _demand_varies(self) -> BullwhipIn:
        if max(self.demand) == min(self.demand):
            raise ValueError("demand has no variance: the ratio is undefined")
        return self


class BullwhipOut(ModelOut):
    ratio: Annotated[float, Unit(), Field(description="Var(orders) / Var(demand)")]
    lower_bound: Annotated[float, Unit(), Field(description="Chen et al.: 1 + 2L/p + 2L²/p²")] | None


def bullwhip_ratio(p: BullwhipIn) -> BullwhipOut:
    import numpy as np  # noqa: PLC0415

    demand_var = float(np.var(p.demand, ddof=1))
    bound = None
    if p.lead_time is not None and p.forecast_window is not None:
        x = p.lead_time / p.forecast_window
        bound = 1.0 + 2.0 * x + 2.0 * x * x
    return BullwhipOut(ratio=float(np.var(p.orders, ddof=1)) / demand_var, lower_bound=bound)


BULLWHIP = ComputationSpec(
    name="logistics.bullwhip_ratio",
    title=LocalizedText(en="Bullwhip effect ratio", zh="牛鞭效应放大系数"),
    kind="model",
    category="logistics",
    domains=("supply_chain", "warehousing_logistics"),
    industries=INDUSTRIES,
    inputs=BullwhipIn,
    outputs=BullwhipOut,
    func=bullwhip_ratio,
    formula="BW = Var(orders)/Var(demand); moving-average forecast: BW ≥ 1 + 2L/p + 2L²/p²",
    reference="Chen, Drezner, Ryan & Simchi-Levi, Management Science 46(3):436–443 (2000); "
    "Lee, Padmanabhan & Whang, Sloan Management Review 38(3) (1997)",
    examples=(
        Example(
            inputs={
                "demand": [10, 12, 8, 11, 9, 10],
                "orders": [8, 16, 4, 14, 6, 12],
                "lead_time": 2,
                "forecast_window": 4,
            },
            expected={"ratio": 11.2, "lower_bound": 2.5},
            source="derived by hand: sample variances 22.4 / 2.0; Chen et al. bound 1 + 1 + 0.5",
            rel_tol=1e-9,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (GREAT_CIRCLE, ROUTE, ABC, BULLWHIP)

__all__ = ["SPECS", "abc_classification", "bullwhip_ratio", "great_circle_distance", "route_distance"]
