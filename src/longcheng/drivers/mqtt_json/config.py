"""Configuration of an MQTT connection carrying JSON payloads: the broker, who we are, how payloads read."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from longcheng.core.errors import InvalidInput

Format = Literal["longcheng", "jsonpath"]
_SEGMENT = r"^[^/#+\s]{1,128}$"


class MqttJsonConfig(BaseModel):
    """The broker the device publishes to and how its payloads are read.

    ``format`` ``longcheng``: the platform's own scheme (docs/mqtt.md), telemetry on
    ``lc/v1/{tenant}/{device}/telemetry`` as ``{"ts": …, "values": {…}}`` or a list of such records; a
    point's address is ``{tenant}/{device}/{property}``, or just ``{property}`` when ``tenant`` and
    ``device`` are set.
    ``format`` ``jsonpath``: a foreign device; a point's address is ``{topic}|{JSONPath}``, e.g.
    ``plant/line1/pump7|$.data.flow``, and ``timestamp_path`` finds the device's timestamp in each message.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = Field(min_length=1, max_length=253, description="Host name or IP address of the broker.")
    port: int = Field(default=1883, ge=1, le=65535, description="TCP port of the broker (8883 with TLS).")
    client_id: str | None = Field(
        default=None, min_length=1, max_length=128, description="MQTT client id; a random one if left out."
    )
    username: str | None = Field(default=None, min_length=1, max_length=256, description="User name.")
    password: SecretStr | None = Field(default=None, description="Password of the user.")
    tls: bool = Field(default=False, description="Connect over TLS, verifying the broker's certificate.")
    ca_file: Path | None = Field(default=None, description="CA certificates (PEM) that signed the broker's.")
    qos: int = Field(default=1, ge=0, le=2, description="QoS of the subscriptions and of the writes.")
    keepalive_s: int = Field(default=60, ge=5, le=3600, description="Seconds between keep-alive pings.")
    timeout_s: float = Field(default=10.0, gt=0, le=120, description="Seconds to connect or get an answer.")
    format: Format = Field(default="longcheng", description="longcheng: the platform's scheme; jsonpath.")
    tenant: str | None = Field(default=None, pattern=_SEGMENT, description="Tenant code (longcheng).")
    device: str | None = Field(default=None, pattern=_SEGMENT, description="Device key (longcheng).")
    timestamp_path: str | None = Field(
        default=None, min_length=1, max_length=256, description="JSONPath of the device's timestamp."
    )
    timestamp_unit: Literal["ms", "s"] = Field(
        default="ms", description="Unit of a numeric timestamp found at timestamp_path (epoch)."
    )

    @model_validator(mode="after")
    def _check(self) -> MqttJsonConfig:
        if self.password is not None and self.username is None:
            raise ValueError("a password needs a username")
        if self.ca_file is not None and not self.tls:
            raise ValueError("ca_file is only used with tls")
        if (self.tenant is None) != (self.device is None):
            raise ValueError("tenant and device go together")
        if self.format == "longcheng" and self.timestamp_path is not None:
            raise ValueError("timestamp_path is only used with format jsonpath")
        if self.timestamp_path is not None:
            from longcheng.drivers.mqtt_json.codec import compile_path  # noqa: PLC0415 - jsonpath-ng lazily

            try:
                compile_path(self.timestamp_path)
            except InvalidInput as err:
                raise ValueError(f"timestamp_path: {err.reason}") from err
        return self


__all__ = ["Format", "MqttJsonConfig"]
