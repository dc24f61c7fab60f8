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


__all__ = ["device_of", "may_publish", "may_receive", "may_subscribe"]
