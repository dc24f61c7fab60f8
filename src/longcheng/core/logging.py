"""Logging set-up: standard ``logging``, tenant and device context through contextvars."""

from __future__ import annotations

import contextvars
import logging

tenant_var: contextvars.ContextVar[str] = contextvars.ContextVar("tenant", default="-")
device_var: contextvars.ContextVar[str] = contextvars.ContextVar("device", default="-")


class _ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.tenant = tenant_var.get()
        record.device = device_var.get()
        return True


def configure(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.addFilter(_ContextFilter())
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(tenant)s/%(device)s] %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("amqtt", "transitions", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


__all__ = ["configure", "device_var", "tenant_var"]
