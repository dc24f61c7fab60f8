"""Accelerated-test acceleration factors: Arrhenius (temperature), Peck (temperature and humidity) and
Coffin–Manson (thermal cycling)."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.quantities import Unit
from longcheng.models.reliability._base import Hours, _In, _Out, reliability_spec

BOLTZMANN_EV = 8.617333262e-5  # eV/K, CODATA 2018 (exact in the 2019 SI)
JEDEC = "JEDEC JEP122H (2016) Failure Mechanisms and Models for Semiconductor Devices"
DOMAINS = ("rd_design", "product_service", "operations")
INDUSTRIES = ("electronics", "automotive", "aviation", "general")
Kelvin = Annotated[float, Unit("K", gt=0)]
ActivationEnergy = Annotated[float, Unit("eV", gt=0), Field(description="activation energy Ea")]


class ArrheniusIn(_In):
    activation_energy: ActivationEnergy
    use_temperature: Annotated[Kelvin, Field(description="absolute temperature in use")]
    test_temperature: Annotated[Kelvin, Field(description="absolute temperature in the test")]
    test_time: Annotated[Hours, Field(description="time under test, to convert to use time")] | None = None


class AccelerationOut(_Out):
    acceleration_factor: Annotated[float, Unit()]
    equivalent_use_time: Annotated[float, Unit("h")] | None


def _arrhenius(ea: float, t_use: float, t_test: float) -> float:
    return math.exp(ea / BOLTZMANN_EV * (1.0 / t_use - 1.0 / t_test))


def arrhenius_acceleration(p: ArrheniusIn) -> AccelerationOut:
    af = _arrhenius(p.activation_energy, p.use_temperature, p.test_temperature)
    use = None if p.test_time is None else af * p.test_time
    return AccelerationOut(acceleration_factor=af, equivalent_use_time=use)


Humidity = Annotated[float, Unit("percent", gt=0, le=100)]


class PeckIn(ArrheniusIn):
    use_humidity: Annotated[Humidity, Field(description="relative humidity in use")]
    test_humidity: Annotated[Humidity, Field(description="relative humidity in the test")]
    humidity_exponent: Annotated[float, Unit(gt=0, le=10), Field(description="Peck exponent n")] = 3.0


def peck_acceleration(p: PeckIn) -> AccelerationOut:
    thermal = _arrhenius(p.activation_energy, p.use_temperature, p.test_temperature)
    af = (p.test_humidity / p.use_humidity) ** p.humidity_exponent * thermal
    use = None if p.test_time is None else af * p.test_time
    return AccelerationOut(acceleration_factor=af, equivalent_use_time=use)


class CoffinMansonIn(_In):
    use_temperature_swing: Annotated[float, Unit("K", gt=0), Field(description="ΔT of a field cycle")]
    test_temperature_swing: Annotated[float, Unit("K", gt=0), Field(description="ΔT of a test cycle")]
    exponent: Annotated[float, Unit(gt=0, le=12), Field(description="Coffin–Manson exponent n")]
    test_cycles: Annotated[float, Unit(ge=0), Field(description="cycles survived in the test")] | None = None


class CoffinMansonOut(_Out):
    acceleration_factor: Annotated[float, Unit()]
    equivalent_use_cycles: Annotated[float, Unit()] | None


def coffin_manson_acceleration(p: CoffinMansonIn) -> CoffinMansonOut:
    af = (p.test_temperature_swing / p.use_temperature_swing) ** p.exponent
    cycles = None if p.test_cycles is None else af * p.test_cycles
    return CoffinMansonOut(acceleration_factor=af, equivalent_use_cycles=cycles)


ARRHENIUS = {"activation_energy": 0.7, "use_temperature": 328.15, "test_temperature": 398.15}
SPECS = (
    reliability_spec(
        "arrhenius_acceleration",
        ("Arrhenius acceleration factor", "阿伦尼乌斯加速因子"),
        (ArrheniusIn, AccelerationOut),
        arrhenius_acceleration,
        "AF = exp[(Ea/k_B)(1/T_use − 1/T_test)], k_B = 8.617333262×10⁻⁵ eV/K; t_use = AF·t_test",
        f"{JEDEC}, Arrhenius model; JESD91B method for developing acceleration models",
        (
            Example(
                {**ARRHENIUS, "test_time": 1000},
                {"acceleration_factor": 77.64538, "equivalent_use_time": 77645.38},
                "computed in 30-digit arithmetic (mpmath): Ea 0.7 eV, 55 °C use, 125 °C test → AF 77.6454",
                rel_tol=1e-6,
            ),
        ),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
    reliability_spec(
        "peck_acceleration",
        ("Peck temperature–humidity acceleration factor", "Peck温湿度加速因子"),
        (PeckIn, AccelerationOut),
        peck_acceleration,
        "AF = (RH_test/RH_use)^n · exp[(Ea/k_B)(1/T_use − 1/T_test)]",
        f"{JEDEC}, Peck's temperature–humidity model (Peck, IRPS 1986: n ≈ 3, Ea ≈ 0.9 eV)",
        (
            Example(
                {
                    "activation_energy": 0.9,
                    "use_temperature": 313.15,
                    "test_temperature": 358.15,
                    "use_humidity": 50,
                    "test_humidity": 85,
                    "humidity_exponent": 3,
                },
                {"acceleration_factor": 324.5288},
                "computed in 30-digit arithmetic (mpmath): 85 °C/85 % RH test against 40 °C/50 % RH use",
                rel_tol=1e-6,
            ),
        ),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
    reliability_spec(
        "coffin_manson_acceleration",
        ("Coffin–Manson thermal-cycling acceleration factor", "Coffin–Manson温度循环加速因子"),
        (CoffinMansonIn, CoffinMansonOut),
        coffin_manson_acceleration,
        "AF = (ΔT_test / ΔT_use)^n; N_use = AF·N_test",
        f"{JEDEC}, Coffin–Manson model for thermal-cycling fatigue",
        (
            Example(
                {
                    "use_temperature_swing": 60,
                    "test_temperature_swing": 165,
                    "exponent": 2.5,
                    "test_cycles": 1000,
                },
                {"acceleration_factor": 12.540987, "equivalent_use_cycles": 12540.987},
                "computed: (165/60)^2.5 = 12.5410 (−40…125 °C test against a 60 K field swing)",
                rel_tol=1e-6,
            ),
        ),
        domains=DOMAINS,
        industries=INDUSTRIES,
    ),
)
