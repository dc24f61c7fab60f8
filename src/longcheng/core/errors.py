"""One error root with branches the runtime acts on.

::

    LongchengError                      root of everything the platform raises on purpose
    ├── ConfigError                     bad settings or CLI arguments: refuse to start, exit 2
    ├── InvalidInput                    a caller sent something wrong: HTTP 422, names the field
    │   └── ThingModelError             a thing model (device type) is not well formed
    ├── NotFound                        the object does not exist *for this caller*: HTTP 404
    ├── Conflict                        unique key already taken, object still in use: HTTP 409
    ├── AuthError                       who you are: HTTP 401 (bad credentials, expired token)
    ├── PermissionDenied                what you may do: HTTP 403 (role too low)
    └── BackendError                    a store, broker or peer failed: retry later, HTTP 503
        └── PortInUse                   a listening port is taken; names the flag that sets it

Foreign errors are wrapped at the boundary with ``raise ... from err``.
"""

from __future__ import annotations

from typing import Any


class LongchengError(Exception):
    """Root of the platform's errors. ``code`` is the i18n key of the message; ``params`` fill it in."""

    code = "error.internal"

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.params = params


class ConfigError(LongchengError):
    code = "error.config"


class InvalidInput(LongchengError):
    """Bad input. ``field`` names the offending field (dotted path), ``reason`` says why in words."""

    code = "error.invalid_input"

    def __init__(self, field: str, reason: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(f"{field}: {reason}", code=code, field=field, reason=reason, **params)
        self.field = field
        self.reason = reason


class ThingModelError(InvalidInput):
    code = "error.thing_model"


class NotFound(LongchengError):
    code = "error.not_found"

    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"{kind} {key!r} not found", kind=kind, key=str(key))
        self.kind = kind
        self.key = key


class Conflict(LongchengError):
    code = "error.conflict"


class AuthError(LongchengError):
    code = "error.auth"


class PermissionDenied(LongchengError):
    code = "error.permission"


class BackendError(LongchengError):
    code = "error.backend"


class PortInUse(BackendError):
    code = "error.port_in_use"

    def __init__(self, port: int, flag: str) -> None:
        super().__init__(f"port {port} is already in use; choose another with {flag}", port=port, flag=flag)
        self.port = port
        self.flag = flag


__all__ = [
    "AuthError",
    "BackendError",
    "ConfigError",
    "Conflict",
    "InvalidInput",
    "LongchengError",
    "NotFound",
    "PermissionDenied",
    "PortInUse",
    "ThingModelError",
]
