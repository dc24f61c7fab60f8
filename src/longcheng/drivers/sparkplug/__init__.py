"""Sparkplug B 3.0 over MQTT: the gateway is a host application of a Sparkplug group on a broker.

Points are addressed ``{edge_node}/{device}/{metric name}`` (the device empty for a node's own metrics).
``codec`` documents topics, datatypes and payloads (Eclipse Tahu's ``sparkplug_b.proto``, EPL-2.0, built
into classes at import time by ``proto``), ``host`` the births, deaths, sequence numbers and rebirths,
``driver`` the session, ``simulator`` an edge node with a CNC machine and a motor. The package is light to
import: protobuf and aiomqtt load when the first session opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from longcheng.drivers.sparkplug.config import SparkplugConfig
from longcheng.drivers.spec import DriverSpec

if TYPE_CHECKING:
    from longcheng.drivers.sparkplug.driver import SparkplugSession


async def connect(config: BaseModel) -> SparkplugSession:
    """Open a host-application session on the broker that ``config`` (a ``SparkplugConfig``) names."""
    from longcheng.drivers.sparkplug import driver  # noqa: PLC0415 - protobuf and aiomqtt only when used

    return await driver.connect(config)


SPEC = DriverSpec(
    name="sparkplug",
    protocol="sparkplug",
    title_key="driver.sparkplug.title",
    config_model=SparkplugConfig,
    connect=connect,
    subscribe=True,
    summary="Sparkplug B 3.0 host application over MQTT: learns metrics, aliases and datatypes from "
    "NBIRTH/DBIRTH, decodes NDATA/DDATA, tracks bdSeq and seq and asks for a rebirth on a gap, marks "
    "points bad on NDEATH/DDEATH, and writes with NCMD/DCMD.",
)

__all__ = ["SPEC", "SparkplugConfig", "connect"]
