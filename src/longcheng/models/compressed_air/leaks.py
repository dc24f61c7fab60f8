"""Compressed-air leaks: flow through a hole, annual cost, and the two leak tests of an idle system."""

from __future__ import annotations

import math
from typing import Annotated, Self

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.core.thing_model import LocalizedText
from longcheng.models.compressed_air._base import DOE_SOURCEBOOK, P_ATM, R_AIR, ModelIn, ModelOut

DOE_TIP_3 = "US DOE Compressed Air Tip Sheet #3 'Minimize Compressed Air Leaks' (2004)"
CFM = 0.028316846592  # m³ per ft³

# --- leak flow through an orifice -------------------------------------------------------------------------


class OrificeLeakIn(ModelIn):
    diameter: Annotated[float, Unit("mm", gt=0), Field(description="equivalent hole diameter")]
    upstream_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="absolute line pressure")]
    discharge_coefficient: Annotated[float, Unit(gt=0, le=1), Field(description="1 ideal, ~0.61 sharp-edged")]
    upstream_temperature: Annotated[float, Unit("K", gt=0)] = 293.15
    ambient_pressure: Annotated[float, Unit("Pa", gt=0)] = P_ATM
    isentropic_exponent: Annotated[float, Unit(gt=1, le=1.67)] = 1.4
    reference_pressure: Annotated[float, Unit("Pa", gt=0), Field(description="free-air reference")] = P_ATM
    reference_temperature: Annotated[float, Unit("K", gt=0)] = 293.15


class OrificeLeakOut(ModelOut):
    mass_flow: Annotated[float, Unit("kg/s")]
    free_air_flow: Annotated[float, Unit("m**3/min"), Field(description="at the reference conditions")]
    choked: bool


def leak_orifice_flow(p: OrificeLeakIn) -> OrificeLeakOut:
    k, p0, t0 = p.isentropic_exponent, p.upstream_pressure, p.upstream_temperature
    area = math.pi / 4 * (p.diameter / 1000.0) ** 2
    ratio = min(p.ambient_pressure / p0, 1.0)
    choked = ratio <= (2 / (k + 1)) ** (k / (k - 1))
    if choked:
        flux = math.sqrt(k / (R_AIR * t0)) * (2 / (k + 1)) ** ((k + 1) / (2 * (k - 1)))
    else:
        flux = math.sqrt(2 * k / ((k - 1) * R_AIR * t0) * (ratio ** (2 / k) - ratio ** ((k + 1) / k)))
    mass = p.discharge_coefficient * area * p0 * flux
    density = p.reference_pressure / (R_AIR * p.reference_temperature)
    return OrificeLeakOut(mass_flow=mass, free_air_flow=mass / density * 60.0, choked=choked)


ORIFICE_LEAK = ComputationSpec(
    name="compressed_air.leak_orifice_flow",
    title=LocalizedText(en="Air leak flow through a hole", zh="压缩空气泄漏孔流量"),
    kind="model",
    category="compressed_air",
    domains=("operations", "production", "enterprise_management"),
    industries=("general", "machinery", "automotive", "textile", "electronics", "food"),
    inputs=OrificeLeakIn,
    outputs=OrificeLeakOut,
    func=leak_orifice_flow,
    formula="choked (p_a/p₀ ≤ (2/(k+1))^(k/(k−1))): ṁ = C_d·A·p₀·√(k/(R·T₀))·(2/(k+1))^((k+1)/(2(k−1))); "
    "otherwise ṁ = C_d·A·p₀·√(2k/((k−1)R·T₀)·[(p_a/p₀)^(2/k) − (p_a/p₀)^((k+1)/k)]); "
    "free air ṁ·R·T_ref/p_ref",
    reference=f"{DOE_TIP_3}, leakage-rate table (C_d = 1); White, Fluid Mechanics, 7th ed., ch. 9 "
    "(isentropic flow through a converging nozzle)",
    examples=(
        Example(
            inputs={"diameter": "0.0625 inch", "upstream_pressure": 790800.73, "discharge_coefficient": 1.0},
            expected={"free_air_flow": 6.49 * CFM, "choked": True},
            source="DOE Tip Sheet #3 table: 1/16 in hole at 100 psig → 6.49 scfm (table rounded; "
            "ideal nozzle at 20 °C gives 6.50)",
            rel_tol=3e-3,
        ),
        Example(
            inputs={"diameter": "0.25 inch", "upstream_pressure": 790800.73, "discharge_coefficient": 1.0},
            expected={"free_air_flow": 104 * CFM},
            source="DOE Tip Sheet #3 table: 1/4 in hole at 100 psig → 104 scfm",
            rel_tol=3e-3,
        ),
    ),
)

# --- leak cost, unit-cost method --------------------------------------------------------------------------


class LeakCostVolumeIn(ModelIn):
    leak_flow: Annotated[float, Unit("m**3/min", ge=0), Field(description="free air")]
    unit_cost: Annotated[float, Unit("1/m**3", ge=0), Field(description="cost of compressed air per m³ FAD")]
    hours: Annotated[float, Unit("h", ge=0, le=8784), Field(description="pressurised hours per year")] = (
        8760.0
    )


class LeakCostVolumeOut(ModelOut):
    annual_volume: Annotated[float, Unit("m**3")]
    annual_cost: Annotated[float, Unit(), Field(description="currency per year")]


def leak_cost_volume(p: LeakCostVolumeIn) -> LeakCostVolumeOut:
    volume = p.leak_flow * 60.0 * p.hours
    return LeakCostVolumeOut(annual_volume=volume, annual_cost=volume * p.unit_cost)


LEAK_COST_VOLUME = ComputationSpec(
    name="compressed_air.leak_cost_volume",
    title=LocalizedText(en="Annual cost of a leak (unit-cost method)", zh="泄漏年损失费用（单位气价法）"),
    kind="model",
    category="compressed_air",
    domains=("operations", "enterprise_management"),
    industries=("general", "machinery", "automotive", "textile", "electronics", "food"),
    inputs=LeakCostVolumeIn,
    outputs=LeakCostVolumeOut,
    func=leak_cost_volume,
    formula="V = Q·60·h; cost = V·c_air",
    reference=f"{DOE_TIP_3}; research §1.4 A2",
    examples=(
        Example(
            inputs={"leak_flow": "6.49 ft**3/min", "unit_cost": "0.00018 / ft**3", "hours": 8760},
            expected={"annual_cost": 614.0},
            source="research §1.4 A2 [V]: 6.49 cfm at $0.18 per 1000 ft³ all year → $614",
            rel_tol=1e-3,
        ),
    ),
)

# --- leak cost, power method ------------------------------------------------------------------------------


class LeakCostPowerIn(ModelIn):
    leak_flow: Annotated[float, Unit("m**3/min", ge=0), Field(description="free air, per leak")]
    specific_power: Annotated[
        float, Unit("kW/(m**3/min)", gt=0), Field(description="of the compressor plant")
    ]
    electricity_price: Annotated[float, Unit("1/kWh", ge=0), Field(description="currency per kWh")]
    hours: Annotated[float, Unit("h", ge=0, le=8784)] = 8760.0
    leaks: Annotated[int, Field(ge=1, description="number of such leaks")] = 1


class LeakCostPowerOut(ModelOut):
    power: Annotated[float, Unit("kW")]
    annual_energy: Annotated[float, Unit("kWh")]
    annual_cost: Annotated[float, Unit(), Field(description="currency per year")]


def leak_cost_power(p: LeakCostPowerIn) -> LeakCostPowerOut:
    power = p.leaks * p.leak_flow * p.specific_power
    energy = power * p.hours
    return LeakCostPowerOut(power=power, annual_energy=energy, annual_cost=energy * p.electricity_price)


LEAK_COST_POWER = ComputationSpec(
    name="compressed_air.leak_cost_power",
    title=LocalizedText(en="Annual cost of leaks (compressor-power method)", zh="泄漏年损失电费（比功率法）"),
    kind="model",
    category="compressed_air",
    domains=("operations", "enterprise_management"),
    industries=("general", "machinery", "automotive", "textile", "electronics", "food"),
    inputs=LeakCostPowerIn,
    outputs=LeakCostPowerOut,
    func=leak_cost_power,
    formula="cost = n·Q·SP·h·price",
    reference=f"{DOE_TIP_3} (cost = leaks × cfm × kW/cfm × hours × $/kWh); research §1.4 A3",
    examples=(
        Example(
            inputs={
                "leak_flow": "3.29 ft**3/min",
                "specific_power": "0.18 kW/(ft**3/min)",
                "electricity_price": "0.10 / kWh",
                "hours": 8760,
            },
            expected={"annual_cost": 519.0},
            source="research §1.4 A3 [V, secondary]: 1/16 in at 80 psig ≈ 3.29 scfm, 0.18 kW/cfm, 8760 h, "
            "$0.10/kWh → ≈ $519",
            rel_tol=1e-3,
        ),
    ),
)

# --- leak test: load / unload timing ----------------------------------------------------------------------


class LoadUnloadTestIn(ModelIn):
    loaded_time: Annotated[float, Unit("s", ge=0), Field(description="average on-load time, no demand")]
    unloaded_time: Annotated[float, Unit("s", ge=0), Field(description="average off-load time")]
    capacity: Annotated[float, Unit("m**3/min", gt=0), Field(description="compressor FAD")] | None = None

    @model_validator(mode="after")
    def _some_time(self) -> Self:
        if self.loaded_time + self.unloaded_time <= 0:
            raise ValueError("loaded and unloaded times cannot both be zero")
        return self


class LoadUnloadTestOut(ModelOut):
    leakage_fraction: Annotated[float, Unit(), Field(description="of the compressor capacity")]
    leak_flow: Annotated[float, Unit("m**3/min")] | None


def leak_load_unload_test(p: LoadUnloadTestIn) -> LoadUnloadTestOut:
    fraction = p.loaded_time / (p.loaded_time + p.unloaded_time)
    return LoadUnloadTestOut(
        leakage_fraction=fraction, leak_flow=None if p.capacity is None else fraction * p.capacity
    )


LOAD_UNLOAD_TEST = ComputationSpec(
    name="compressed_air.leak_load_unload_test",
    title=LocalizedText(en="Leak rate from a load/unload test", zh="加卸载法测定泄漏率"),
    kind="model",
    category="compressed_air",
    domains=("operations", "production"),
    industries=("general", "machinery", "automotive", "textile", "electronics", "food"),
    inputs=LoadUnloadTestIn,
    outputs=LoadUnloadTestOut,
    func=leak_load_unload_test,
    formula="leakage = T/(T + t); Q_leak = leakage·Q_compressor  (no end-use demand during the test)",
    reference=f"{DOE_TIP_3}, leak quantification for load/unload compressors; {DOE_SOURCEBOOK}",
    examples=(
        Example(
            inputs={"loaded_time": 20, "unloaded_time": 80, "capacity": 10},
            expected={"leakage_fraction": 0.2, "leak_flow": 2.0},
            source="by hand: 20/(20 + 80) = 20 % of a 10 m³/min compressor",
            rel_tol=1e-12,
        ),
    ),
)

# --- leak test: pressure decay ----------------------------------------------------------------------------


class DecayIn(ModelIn):
    volume: Annotated[float, Unit("m**3", gt=0), Field(description="receivers + piping downstream")]
    start_pressure: Annotated[float, Unit("Pa", ge=0), Field(description="gauge, start of the test")]
    end_pressure: Annotated[float, Unit("Pa", ge=0), Field(description="gauge, end of the test")]
    duration: Annotated[float, Unit("s", gt=0)]
    atmospheric_pressure: Annotated[float, Unit("Pa", gt=0)] = P_ATM
    correction: Annotated[float, Unit(gt=0, le=2), Field(description="DOE: 1.25 to normal line pressure")] = (
        1.25
    )

    @model_validator(mode="after")
    def _falling(self) -> Self:
        if self.end_pressure > self.start_pressure:
            raise ValueError("end pressure above start pressure: no decay")
        return self


class DecayOut(ModelOut):
    leak_flow: Annotated[float, Unit("m**3/min"), Field(description="free air")]


def leak_pressure_decay(p: DecayIn) -> DecayOut:
    drop = p.start_pressure - p.end_pressure
    flow = p.volume * drop / (p.duration * p.atmospheric_pressure) * p.correction
    return DecayOut(leak_flow=flow * 60.0)


DECAY = ComputationSpec(
    name="compressed_air.leak_pressure_decay",
    title=LocalizedText(en="Leak rate from a pressure-decay test", zh="保压降压法测定泄漏量"),
    kind="model",
    category="compressed_air",
    domains=("operations", "production"),
    industries=("general", "machinery", "automotive", "textile", "electronics", "food"),
    inputs=DecayIn,
    outputs=DecayOut,
    func=leak_pressure_decay,
    formula="Q = V·(p₁ − p₂)/(T·p_atm)·1.25",
    reference=f"{DOE_TIP_3}, leakage for systems with other control strategies (pressure decay)",
    examples=(
        Example(
            inputs={"volume": 2, "start_pressure": 7e5, "end_pressure": 6e5, "duration": 60},
            expected={"leak_flow": 2.4673082},
            source="by hand: 2 m³ × 1 bar / (60 s × 1.01325 bar) × 1.25 = 0.04112 m³/s = 2.467 m³/min",
            rel_tol=1e-7,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (
    ORIFICE_LEAK,
    LEAK_COST_VOLUME,
    LEAK_COST_POWER,
    LOAD_UNLOAD_TEST,
    DECAY,
)

__all__ = [
    "SPECS",
    "leak_cost_power",
    "leak_cost_volume",
    "leak_load_unload_test",
    "leak_orifice_flow",
    "leak_pressure_decay",
]
