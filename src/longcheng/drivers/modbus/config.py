"""Configuration of a Modbus connection: one device (unit) behind one TCP endpoint."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ModbusConfig(BaseModel):
    """Where the device is, how frames are wrapped, and how reads are batched.

    ``framing`` is ``tcp`` (Modbus TCP, MBAP header) or ``rtu`` (RTU frames with CRC over a TCP socket, as
    serial device servers forward them). A read groups points of one table into as few requests as
    possible, reading through gaps of up to ``max_gap`` unused registers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = Field(min_length=1, max_length=253, description="Host name or IP address of the device.")
    port: int = Field(default=502, ge=1, le=65535, description="TCP port (502 is Modbus's own).")
    framing: Literal["tcp", "rtu"] = Field(
        default="tcp", description="tcp: Modbus TCP; rtu: Modbus RTU frames tunnelled over TCP."
    )
    unit_id: int = Field(default=1, ge=0, le=255, description="Unit (slave) id of the device.")
    timeout_s: float = Field(default=3.0, gt=0, le=60, description="Seconds to connect or to get an answer.")
    retries: int = Field(default=1, ge=0, le=10, description="Times a request is repeated after a timeout.")
    max_gap: int = Field(
        default=10, ge=0, le=124, description="Unused registers a batched read may read through."
    )
    max_registers: int = Field(default=125, ge=1, le=125, description="Registers per read request.")
    max_bits: int = Field(default=2000, ge=1, le=2000, description="Coils or inputs per read request.")
    write_multiple: bool = Field(
        default=False,
        description="Write single registers with function 16 too, for devices without function 6.",
    )


__all__ = ["ModbusConfig"]
