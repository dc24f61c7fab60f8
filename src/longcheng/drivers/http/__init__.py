"""The HTTP driver: JSON devices polled over REST (httpx) or pushing to a receiver in the gateway.

Points are addressed by JSONPath into the device's JSON (``$.readings.flow``). ``config`` describes both
modes, ``codec`` the paths and values, ``driver`` the sessions (``PollSession``), ``push`` the receiver
and ``PushSession``, ``simulator`` a REST device and a pushing device. The package is light to import:
httpx, Starlette and uvicorn load when the first session opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from longcheng.drivers.http.config import HttpConfig
from longcheng.drivers.spec import DriverSpec

if TYPE_CHECKING:
    from longcheng.drivers.http.driver import HttpSession


async def connect(config: BaseModel) -> HttpSession:
    """Open a session with the device that ``config`` (an ``HttpConfig``) describes."""
    from longcheng.drivers.http import driver  # noqa: PLC0415 - httpx loads only when a device connects

    return await driver.connect(config)


SPEC = DriverSpec(
    name="http",
    protocol="http",
    title_key="driver.http.title",
    config_model=HttpConfig,
    connect=connect,
    subscribe=True,
    summary="JSON over HTTP: polls a device's REST endpoint (bearer or basic authentication) or receives "
    "the documents it POSTs (device token), takes each point by a JSONPath address, and writes by POST or "
    "PUT to a URL template.",
)

__all__ = ["SPEC", "HttpConfig", "connect"]
