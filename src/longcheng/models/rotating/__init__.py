"""Rotating equipment: pumps, fans, compressors, motors, bearings, gears, belts, rotors, vibration severity.

The entry point ``longcheng.models.rotating:SPECS`` gathers the specs of every module of the family.
"""

from __future__ import annotations

from longcheng.core.computation import ComputationSpec
from longcheng.models.rotating import (
    fans_compressors,
    frequencies,
    machine_speed,
    motor_efficiency,
    motors,
    pump_system,
    pumps,
    rotor,
    severity,
)
from longcheng.models.rotating.frequencies import bearing_defect_frequencies
from longcheng.models.rotating.pumps import pump_hydraulic_power

SPECS: tuple[ComputationSpec, ...] = (
    *pumps.SPECS,
    *pump_system.SPECS,
    *fans_compressors.SPECS,
    *motors.SPECS,
    *machine_speed.SPECS,
    *motor_efficiency.SPECS,
    *frequencies.SPECS,
    *severity.SPECS,
    *rotor.SPECS,
)

__all__ = ["SPECS", "bearing_defect_frequencies", "pump_hydraulic_power"]
