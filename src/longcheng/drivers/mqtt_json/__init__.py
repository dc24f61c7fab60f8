"""MQTT with JSON payloads: the gateway subscribes to a device's topics on the device's MQTT broker.

Two payload formats: ``longcheng`` (the platform's own topic scheme and records, docs/mqtt.md) and
``jsonpath`` for foreign devices, where a point's address is ``{topic}|{JSONPath}``. ``codec`` documents the
addresses, values and write bodies, ``driver`` the session (reads return the latest value seen: MQTT has no
request and response), ``simulator`` a pump publishing JSON. The package is light to import: aiomqtt and
jsonpath-ng load when the first session opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from longcheng.drivers.mqtt_json.config import MqttJsonConfig
from longcheng.drivers.spec import DriverSpec

if TYPE_CHECKING:
    from longcheng.drivers.mqtt_json.driver import MqttJsonSession


async def connect(config: BaseModel) -> MqttJsonSession:
    """Open a session on the broker that ``config`` (a ``MqttJsonConfig``) names."""
    from longcheng.drivers.mqtt_json import driver  # noqa: PLC0415 - aiomqtt only when a session opens

    return await driver.connect(config)


SPEC = DriverSpec(
    name="mqtt_json",
    protocol="mqtt_json",
    title_key="driver.mqtt_json.title",
    config_model=MqttJsonConfig,
    connect=connect,
    subscribe=True,
    summary="MQTT with JSON payloads: subscribes to a device's topics on its broker, in the platform's own "
    "topic scheme or any JSON mapped with JSONPath (topic|$.path); reads return the latest value seen; "
    "writes publish a JSON body to the point's write topic.",
)

__all__ = ["SPEC", "MqttJsonConfig", "connect"]
