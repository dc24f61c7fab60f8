"""Connection settings of one Siemens S7 CPU (S7-300/400/1200/1500 over ISO-on-TCP, RFC 1006)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ConnectionType = Literal["pg", "op", "s7_basic"]
CONNECTION_TYPES: dict[ConnectionType, int] = {"pg": 1, "op": 2, "s7_basic": 3}


class S7Config(BaseModel):
    """Where the CPU is and how reads are batched.

    ``rack`` and ``slot`` locate the CPU (S7-300: rack 0 slot 2; S7-1200/1500: rack 0 slot 1); an
    S7-1200/1500 must allow PUT/GET and its data blocks must not be "optimized" for absolute addresses
    (``DB1.DBD0``) to work. ``pdu_length`` is what the client asks for; the CPU answers with the PDU it
    grants (240 for most S7-300/1200, 480 for the snap7 server and some 400s, 960 for S7-1500), and one
    read request carries at most that many bytes less 18. A read groups the points of one area or data
    block into as few requests as that allows, reading through gaps of up to ``max_gap`` unused bytes.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = Field(min_length=1, max_length=253, description="Host name or IP address of the CPU.")
    port: int = Field(default=102, ge=1, le=65535, description="TCP port (102 is ISO-on-TCP's own).")
    rack: int = Field(default=0, ge=0, le=7, description="Rack of the CPU.")
    slot: int = Field(default=1, ge=0, le=31, description="Slot of the CPU (S7-300: 2, S7-1200/1500: 1).")
    connection_type: ConnectionType = Field(
        default="pg", description="Connection resource: pg (programming device), op (panel) or s7_basic."
    )
    connect_timeout_s: float = Field(default=5.0, gt=0, le=60, description="Seconds to open a connection.")
    request_timeout_s: float = Field(default=3.0, gt=0, le=60, description="Seconds to get an answer.")
    pdu_length: int = Field(default=480, ge=240, le=960, description="PDU length asked of the CPU (bytes).")
    max_gap: int = Field(
        default=32, ge=0, le=512, description="Unused bytes a batched read may read through."
    )


__all__ = ["CONNECTION_TYPES", "ConnectionType", "S7Config"]
