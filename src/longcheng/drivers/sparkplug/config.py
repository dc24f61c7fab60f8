"""Configuration of a Sparkplug B host application session: the broker, the group, who we are."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

_ID = r"^[^/#+\s]{1,128}$"  # Sparkplug ids: UTF-8 without + / # (and, here, without white space)


class SparkplugConfig(BaseModel):
    """The broker the edge nodes publish to, the Sparkplug group read, and this host application.

    ``host_id`` set: the session publishes its state on ``spBv1.0/STATE/{host_id}`` (retained, with an
    offline will), so edge nodes that name it as their primary host know it is there. ``edge_nodes`` set:
    only those nodes are subscribed to, and each is asked to rebirth when the session opens, so values are
    known at once; otherwise the whole group is, and a node is learnt at its next birth (a DATA before it
    asks for one). ``rebirth_holdoff_s`` spaces the rebirth requests to one node while one is unanswered.
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
    group_id: str = Field(pattern=_ID, description="Sparkplug group id of the edge nodes.")
    edge_nodes: tuple[str, ...] = Field(
        default=(), max_length=1000, description="Edge node ids to follow; empty: every node of the group."
    )
    host_id: str | None = Field(
        default=None, pattern=_ID, description="Host application id; its STATE is published when set."
    )
    qos: int = Field(default=1, ge=0, le=1, description="QoS of the subscriptions (1 keeps NDEATH reliable).")
    keepalive_s: int = Field(default=30, ge=5, le=3600, description="Seconds between keep-alive pings.")
    timeout_s: float = Field(default=10.0, gt=0, le=120, description="Seconds to connect or get an answer.")
    rebirth_holdoff_s: float = Field(
        default=5.0, ge=0, le=3600, description="Seconds between two rebirth requests to one edge node."
    )

    @model_validator(mode="after")
    def _check(self) -> SparkplugConfig:
        if self.password is not None and self.username is None:
            raise ValueError("a password needs a username")
        if self.ca_file is not None and not self.tls:
            raise ValueError("ca_file is only used with tls")
        bad = [n for n in self.edge_nodes if not n or any(c in n for c in "/#+") or n != n.strip()]
        if bad:
            raise ValueError(f"edge node ids must be non-empty and free of + / #: {bad[:3]}")
        return self


__all__ = ["SparkplugConfig"]
