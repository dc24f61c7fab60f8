"""The gateway's configuration file (YAML): who it is on the platform, where its buffer lives, and the
devices it collects — each with a driver, the driver's connection settings and the points."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from longcheng.core.errors import InvalidInput
from longcheng.drivers.base import PointSpec

Key = str


class _Config(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class UplinkConfig(_Config):
    """The platform's MQTT endpoint and the gateway's own device credentials there."""

    host: str = "127.0.0.1"
    port: int = Field(default=1883, ge=1, le=65_535)
    password: str = Field(min_length=1)
    qos: int = Field(default=1, ge=0, le=1)
    keepalive_s: int = Field(default=30, ge=5, le=3600)
    window: int = Field(default=100, ge=1, le=1000, description="messages in flight before waiting for acks")


class BufferConfig(_Config):
    path: Path = Path("edge-buffer.db")
    max_messages: int = Field(default=1_000_000, ge=1)
    max_bytes: int = Field(default=1 << 30, ge=1024)


class DeviceConfig(_Config):
    key: Key = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$", description="the device's key on the platform")
    driver: str
    connection: dict[str, Any] = Field(default_factory=dict, description="the driver's config model")
    points: tuple[PointSpec, ...] = Field(min_length=1)


class GatewayConfig(_Config):
    tenant: Key = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")
    gateway: Key = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$", description="the gateway's own device key")
    uplink: UplinkConfig
    buffer: BufferConfig = BufferConfig()
    devices: tuple[DeviceConfig, ...] = ()
    send_ms: int = Field(default=200, ge=10, le=60_000, description="how often collected values are sent")
    health_s: float = Field(default=10.0, gt=0, description="how often the gateway reports its health")

    @property
    def username(self) -> str:
        return f"{self.tenant}/{self.gateway}"


def load(path: str | Path) -> GatewayConfig:
    """Read and validate a gateway file; every problem names the field (``devices.0.points.2.address``)."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise InvalidInput("config", f"cannot read {path}: {err}") from err
    try:
        return GatewayConfig.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        raise InvalidInput(".".join(str(p) for p in first["loc"]) or "config", first["msg"]) from err


__all__ = ["BufferConfig", "DeviceConfig", "GatewayConfig", "UplinkConfig", "load"]
