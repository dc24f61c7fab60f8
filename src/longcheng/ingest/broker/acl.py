"""Who may publish and subscribe where (pure): a device only inside its own ``lc/v1/{tenant}/{device}/``."""

from __future__ import annotations

from longcheng.core import topics


def device_of(username: str | None) -> tuple[str, str] | None:
    """(tenant code, device key) of an MQTT username ``tenant/device``; None if it is not one."""
    if not username or username.count("/") != 1:
        return None
    tenant, device = username.split("/")
    if not tenant or not device or "+" in username or "#" in username:
        return None
    return tenant, device


def may_publish(username: str | None, topic: str) -> bool:
    owner = device_of(username)
    parts = topics.parse(topic)
    return (
        owner is not None
        and parts is not None
        and (parts.tenant, parts.device) == owner
        and parts.channel in topics.UP_CHANNELS
    )


def may_subscribe(username: str | None, topic_filter: str) -> bool:
    """A device may subscribe to its own downlink channels, or to its whole prefix with ``#``."""
    owner = device_of(username)
    if owner is None:
        return False
    prefix = f"{topics.PREFIX}/{owner[0]}/{owner[1]}/"
    if not topic_filter.startswith(prefix):
        return False
    rest = topic_filter.removeprefix(prefix)
    return rest == "#" or rest in topics.DOWN_CHANNELS


def may_receive(username: str | None, topic: str) -> bool:
    owner = device_of(username)
    parts = topics.parse(topic)
    return owner is not None and parts is not None and (parts.tenant, parts.device) == owner


def delegated_device(username: str | None, topic_or_filter: str) -> tuple[str, str] | None:
    """The device a gateway may act for on this topic: one of its tenant, on an up channel (publish) or
    its ``desired`` channel (subscribe/receive), named exactly (no wildcards). None when it is not such a
    topic; the caller then checks that the device's gateway is this user."""
    owner = device_of(username)
    parts = topics.parse(topic_or_filter)
    if owner is None or parts is None or parts.tenant != owner[0] or parts.device == owner[1]:
        return None
    if "+" in topic_or_filter or "#" in topic_or_filter:
        return None
    if parts.channel not in topics.UP_CHANNELS | topics.DOWN_CHANNELS:
        return None
    return parts.tenant, parts.device


def may_delegate(username: str | None, topic: str, publish: bool, device_gateway: str | None) -> bool:
    """A gateway (``tenant/gateway``) may publish telemetry for, and read the desired values of, the devices
    whose binding names it as their gateway."""
    owner = device_of(username)
    parts = topics.parse(topic)
    if owner is None or parts is None or device_gateway != owner[1]:
        return False
    channels = topics.UP_CHANNELS if publish else topics.DOWN_CHANNELS
    return delegated_device(username, topic) is not None and parts.channel in channels


__all__ = ["delegated_device", "device_of", "may_delegate", "may_publish", "may_receive", "may_subscribe"]
