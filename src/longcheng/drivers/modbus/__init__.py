"""Modbus TCP and Modbus RTU over TCP, over pymodbus's async client.

Points are addressed in the tables' own notation, zero-based (``hr:0``, ``ir:12``, ``co:0``, ``di:3``,
``hr:10.3`` for a bit), or as one-based Modicon references (``40001``); ``codec`` documents the types and
byte orders, ``simulator`` a pump and a power meter to read. The package is light to import: pymodbus
loads when the first session opens.
"""

from __future__ import annotations

from pydantic import BaseModel

from longcheng.drivers.base import Session
from longcheng.drivers.modbus.config import ModbusConfig
from longcheng.drivers.spec import DriverSpec


async def connect(config: BaseModel) -> Session:
    """Open a ``ModbusSession`` (see ``driver.connect``)."""
    from longcheng.drivers.modbus import driver  # noqa: PLC0415 - pymodbus only when a session opens

    return await driver.connect(config)


SPEC = DriverSpec(
    name="modbus",
    protocol="modbus",
    title_key="driver.modbus.title",
    config_model=ModbusConfig,
    connect=connect,
    subscribe=False,
    summary="Modbus TCP and Modbus RTU over TCP: holding and input registers, coils and discrete inputs; "
    "16-, 32- and 64-bit integers, floats, strings and bits in any byte and word order; contiguous "
    "registers read in batches.",
)

__all__ = ["SPEC", "ModbusConfig", "connect"]
