"""The OPC UA driver: an asyncua client reading, subscribing to, writing and calling a server's nodes.

Points are addressed by NodeId (``ns=2;s=Pump1.Flow``, ``ns=2;i=1001``). The package is light to import
(the plugin registry loads ``SPEC``): asyncua is imported when the first session connects. The session is in
``driver``, the pure address and value handling in ``codec``, browsing in ``browse`` and a simulated device
server in ``simulator``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from longcheng.drivers.opcua.config import OpcUaConfig
from longcheng.drivers.spec import DriverSpec

if TYPE_CHECKING:
    from longcheng.drivers.opcua.driver import OpcUaSession


async def connect(config: BaseModel) -> OpcUaSession:
    """Open a session with the OPC UA server that ``config`` (an ``OpcUaConfig``) describes."""
    from longcheng.drivers.opcua import driver  # noqa: PLC0415 - asyncua loads only when a device connects

    return await driver.connect(config)


SPEC = DriverSpec(
    name="opcua",
    protocol="opcua",
    title_key="driver.opcua.title",
    config_model=OpcUaConfig,
    connect=connect,
    subscribe=True,
    summary="OPC UA client over asyncua: batched reads, data-change subscriptions, typed writes and "
    "method calls on NodeId-addressed points, with security policy None or Basic256Sha256 and user logins.",
)

__all__ = ["SPEC", "OpcUaConfig", "connect"]
