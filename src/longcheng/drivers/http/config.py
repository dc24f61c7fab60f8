"""Connection settings of one HTTP device: polled over its REST endpoint, or pushing JSON to the gateway."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

URL_PATTERN = r"^https?://[^\s/?#]+(/\S*)?$"


class HttpConfig(BaseModel):
    """How readings arrive (``mode``), how the device is reached and how writes are sent.

    ``poll``: the gateway GETs ``url`` (a point's ``options.url`` may name another endpoint, relative to it)
    and takes each point's value from the JSON by the point's JSONPath address (``$.readings.flow``).
    ``push``: the gateway listens on ``listen_host:listen_port`` and the device POSTs JSON documents to
    ``push_path`` with ``device_token`` as ``Authorization: Bearer <token>`` (or an ``X-Device-Token``
    header); each document becomes readings by the same addresses.

    Writes (both modes) go to ``write_url``, a template where ``{name}`` is the point's name (a point's
    ``options.write_url`` overrides it), as ``write_method`` with the JSON body ``{"<write_body_key>":
    value}``, or the bare value when ``write_body_key`` is None. ``token`` (a bearer token) or
    ``username``/``password`` (basic authentication) and ``headers`` go with every request the gateway
    sends. ``ts_path`` is the JSONPath of the device's own timestamp in a document (epoch seconds or
    milliseconds, or ISO 8601); without it, readings carry the time they arrived.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    mode: Literal["poll", "push"] = Field(default="poll", description="poll: GET the device; push: it POSTs.")
    url: str | None = Field(
        default=None, pattern=URL_PATTERN, max_length=2048, description="Endpoint GET in poll mode."
    )
    headers: dict[str, str] = Field(default_factory=dict, description="Headers sent with every request.")
    token: SecretStr | None = Field(default=None, description="Bearer token sent with every request.")
    username: str | None = Field(default=None, min_length=1, max_length=256, description="Basic auth user.")
    password: SecretStr | None = Field(default=None, description="Basic auth password.")
    timeout_s: float = Field(default=5.0, gt=0, le=120, description="Seconds to wait for an answer.")
    verify_tls: bool = Field(default=True, description="Check the device's TLS certificate (https).")
    write_url: str | None = Field(
        default=None, max_length=2048, description="URL template of writes; {name} is the point's name."
    )
    write_method: Literal["POST", "PUT"] = Field(default="PUT", description="HTTP method of writes.")
    write_body_key: str | None = Field(
        default="value", min_length=1, max_length=64, description="Key of the value in a write's body."
    )
    ts_path: str | None = Field(
        default=None, min_length=1, max_length=256, description="JSONPath of the device's timestamp."
    )
    listen_host: str = Field(
        default="127.0.0.1", min_length=1, max_length=253, description="Push receiver host."
    )
    listen_port: int = Field(
        default=8088, ge=0, le=65535, description="Push receiver port (0: any free one)."
    )
    push_path: str = Field(
        default="/push", pattern=r"^/[A-Za-z0-9/_.~-]*$", max_length=256, description="Path devices POST to."
    )
    device_token: SecretStr | None = Field(default=None, description="Token a pushing device must present.")
    max_body_bytes: int = Field(
        default=1_048_576, ge=1024, le=16_777_216, description="Largest document a device may push."
    )
    queue_size: int = Field(
        default=1000, ge=1, le=100_000, description="Pushed documents held for a slow subscriber."
    )

    @model_validator(mode="after")
    def _check_mode(self) -> HttpConfig:
        if self.mode == "poll" and self.url is None:
            raise ValueError("poll mode needs the url to GET")
        if self.mode == "push" and self.device_token is None:
            raise ValueError("push mode needs the device_token that pushing devices present")
        if self.password is not None and self.username is None:
            raise ValueError("a password needs a username")
        if self.token is not None and self.username is not None:
            raise ValueError("use either a bearer token or a username and password, not both")
        return self


__all__ = ["URL_PATTERN", "HttpConfig"]
