"""The simulated factory: MQTT devices of several industrial types publishing plausible telemetry.

The package is light to import (the plugin registry loads ``SPEC``); the catalogue of device types lives in
``catalogue``, the physics in ``physics``, the payloads in ``codec`` and the MQTT side in ``driver``.
"""

from __future__ import annotations

from longcheng.drivers.simulated.config import SimConfig
from longcheng.drivers.spec import DriverSpec

SPEC = DriverSpec(
    name="simulated",
    protocol="simulated",
    title_key="driver.simulated.title",
    config_model=SimConfig,
    summary="A simulated factory: pumps, motors, compressors, chillers, meters, sensors and CNC machines "
    "publishing physically plausible telemetry over MQTT and obeying writable setpoints.",
)

__all__ = ["SPEC", "SimConfig"]
