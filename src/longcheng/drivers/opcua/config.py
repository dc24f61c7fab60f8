"""Connection settings of one OPC UA server (the client side of the OPC UA driver)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

SecurityPolicy = Literal["None", "Basic256Sha256"]
SecurityMode = Literal["Sign", "SignAndEncrypt"]

_CERTIFICATE_FIELDS = ("certificate", "private_key", "server_certificate")


class OpcUaConfig(BaseModel):
    """Where the server is, how the channel is secured and who the session is.

    ``Basic256Sha256`` needs the client's certificate and private key and the server's certificate (pinned:
    a server presenting another key cannot decrypt the channel). The client certificate should carry
    ``application_uri`` as its URI subject alternative name.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    endpoint: str = Field(
        pattern=r"^opc\.tcp://(\[[0-9A-Fa-f:.]+\]|[^\s/:@\[\]]+)(:\d{1,5})?(/\S*)?$",
        max_length=512,
        description="Endpoint URL of the server, e.g. opc.tcp://192.168.1.20:4840.",
    )
    security_policy: SecurityPolicy = Field(default="None", description="Security policy of the channel.")
    security_mode: SecurityMode = Field(
        default="SignAndEncrypt", description="Message security mode with Basic256Sha256."
    )
    certificate: Path | None = Field(default=None, description="Client certificate file (PEM or DER).")
    private_key: Path | None = Field(default=None, description="Client private key file (PEM or DER).")
    server_certificate: Path | None = Field(default=None, description="Server certificate file (PEM or DER).")
    application_uri: str = Field(
        default="urn:longcheng:edge:opcua-client",
        min_length=1,
        max_length=256,
        description="Application URI of this client; must match the client certificate.",
    )
    username: str | None = Field(default=None, min_length=1, max_length=256, description="User name.")
    password: SecretStr | None = Field(default=None, description="Password of the user.")
    session_timeout_s: float = Field(
        default=3600.0, ge=1.0, le=86_400.0, description="Requested session timeout in seconds."
    )
    request_timeout_s: float = Field(
        default=4.0, gt=0.0, le=600.0, description="Seconds to wait for the answer to one request."
    )
    watchdog_interval_s: float = Field(
        default=1.0, ge=0.05, le=60.0, description="Seconds between two probes of a silent connection."
    )

    @model_validator(mode="after")
    def _check_security(self) -> OpcUaConfig:
        given = [name for name in _CERTIFICATE_FIELDS if getattr(self, name) is not None]
        if self.security_policy == "Basic256Sha256":
            missing = [name for name in _CERTIFICATE_FIELDS if name not in given]
            if missing:
                raise ValueError(f"Basic256Sha256 needs {', '.join(missing)}")
        elif given:
            raise ValueError(f"{', '.join(given)} is only used with security_policy Basic256Sha256")
        if self.password is not None and self.username is None:
            raise ValueError("a password needs a username")
        return self


__all__ = ["OpcUaConfig", "SecurityMode", "SecurityPolicy"]
