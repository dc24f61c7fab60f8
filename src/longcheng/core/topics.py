"""The MQTT topic scheme shared by devices, the edge and the platform (documented in docs/mqtt.md).

``lc/v1/{tenant}/{device}/{channel}`` where tenant is the tenant's code and device the device's key within
it. Channels a device publishes: ``telemetry``, ``events``, ``replies`` (command outcomes). Channels the
platform publishes to the device: ``desired`` (shadow desired values), ``commands`` (control commands).
"""

from __future__ import annotations

from typing import NamedTuple

PREFIX = "lc/v1"
UP_CHANNELS = frozenset({"telemetry", "events", "replies"})
DOWN_CHANNELS = frozenset({"desired", "commands"})


class TopicParts(NamedTuple):
    tenant: str
    device: str
    channel: str


def topic(tenant: str, device: str, channel: str) -> str:
    return f"{PREFIX}/{tenant}/{device}/{channel}"


def telemetry_topic(tenant: str, device: str) -> str:
    return topic(tenant, device, "telemetry")


def desired_topic(tenant: str, device: str) -> str:
    return topic(tenant, device, "desired")


def parse(name: str) -> TopicParts | None:
    """Split a topic of the scheme; None when it is not one of ours."""
    parts = name.split("/")
    if len(parts) != 5 or f"{parts[0]}/{parts[1]}" != PREFIX:
        return None
    tenant, device, channel = parts[2], parts[3], parts[4]
    if not tenant or not device or not channel:
        return None
    return TopicParts(tenant, device, channel)


def device_username(tenant: str, device: str) -> str:
    """The MQTT username a device connects with: ``{tenant}/{device}``."""
    return f"{tenant}/{device}"


__all__ = [
    "DOWN_CHANNELS",
    "PREFIX",
    "UP_CHANNELS",
    "TopicParts",
    "desired_topic",
    "device_username",
    "parse",
    "telemetry_topic",
    "topic",
]
