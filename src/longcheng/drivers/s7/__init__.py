"""The Siemens S7 driver: python-snap7's asyncio client reading and writing a CPU's memory.

Points are addressed in the classic Step 7 notation (``DB1.DBX0.3``, ``DB1.DBW4``, ``DB1.DBD8``, ``M10.1``,
``MW20``, ``I0.0``, ``IW64``, ``Q0.1``, ``QD4``); ``codec`` documents the widths and types and plans batched
reads, ``driver`` holds the session and ``simulator`` a simulated air compressor on python-snap7's own S7
server. python-snap7 3.x is pure Python (no native snap7 library). The package is light to import: snap7
loads when the first session opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from longcheng.drivers.s7.config import S7Config
from longcheng.drivers.spec import DriverSpec

if TYPE_CHECKING:
    from longcheng.drivers.s7.driver import S7Session


async def connect(config: BaseModel) -> S7Session:
    """Open a session with the S7 CPU that ``config`` (an ``S7Config``) describes."""
    from longcheng.drivers.s7 import driver  # noqa: PLC0415 - snap7 loads only when a CPU connects

    return await driver.connect(config)


SPEC = DriverSpec(
    name="s7",
    protocol="s7",
    title_key="driver.s7.title",
    config_model=S7Config,
    connect=connect,
    subscribe=False,
    summary="Siemens S7-300/400/1200/1500 over ISO-on-TCP: data blocks, merkers, inputs and outputs in "
    "Step 7 notation (DB1.DBD8, M10.1, IW64); bits, bytes, INT, DINT, REAL, LREAL and STRING; "
    "contiguous bytes read in batches that fit the negotiated PDU.",
)

__all__ = ["SPEC", "S7Config", "connect"]
