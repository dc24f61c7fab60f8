"""The broker's access rules: a device lives inside ``lc/v1/{its tenant}/{its key}/`` and nowhere else."""

from __future__ import annotations

import pytest

from longcheng.ingest.broker.acl import (
    delegated_device,
    device_of,
    may_delegate,
    may_publish,
    may_receive,
    may_subscribe,
)

ME = "acme/pump-1"


@pytest.mark.parametrize(
    ("username", "owner"),
    [
        ("acme/pump-1", ("acme", "pump-1")),
        ("t/d", ("t", "d")),
        (None, None),
        ("", None),
        ("acme", None),
        ("acme/", None),
        ("/pump-1", None),
        ("acme/pump-1/x", None),
        ("acme/+", None),
        ("+/pump-1", None),
        ("acme/#", None),
        ("#/pump-1", None),
        ("acme/pu+mp", None),
        ("ac#me/pump", None),
    ],
)
def test_device_of_username(username: str | None, owner: tuple[str, str] | None) -> None:
    assert device_of(username) == owner


@pytest.mark.parametrize("topic", ["lc/v1/acme/pump-1/telemetry", "lc/v1/acme/pump-1/events"])
def test_a_device_publishes_telemetry_and_events_under_its_own_prefix(topic: str) -> None:
    assert may_publish(ME, topic)


@pytest.mark.parametrize(
    "topic",
    [
        "lc/v1/acme/pump-1/desired",  # the platform's channel, not the device's
        "lc/v1/acme/pump-1/anything",
        "lc/v1/acme/pump-2/telemetry",  # another device of the tenant
        "lc/v1/other/pump-1/telemetry",  # the same key in another tenant
        "lc/v1/acme/pump-10/telemetry",
        "lc/v1/acme/pump-1/telemetry/extra",
        "lc/v1/acme/+/telemetry",
        "lc/v1/acme/pump-1/#",
        "lc/v1/acme/pump-1",
        "acme/pump-1/telemetry",
        "$SYS/broker/uptime",
    ],
)
def test_a_device_publishes_nowhere_else(topic: str) -> None:
    assert not may_publish(ME, topic)


@pytest.mark.parametrize("username", [None, "", "acme", "acme/+", "acme/#", "+/+", "acme/pump-1/telemetry"])
def test_usernames_that_are_not_devices_publish_nothing(username: str | None) -> None:
    assert not may_publish(username, "lc/v1/acme/pump-1/telemetry")
    assert not may_subscribe(username, "lc/v1/acme/pump-1/desired")
    assert not may_receive(username, "lc/v1/acme/pump-1/desired")


def test_wildcard_usernames_cannot_reach_any_device() -> None:
    assert not may_publish("acme/+", "lc/v1/acme/+/telemetry")
    assert not may_subscribe("acme/+", "lc/v1/acme/+/desired")
    assert not may_subscribe("acme/#", "lc/v1/acme/#")


@pytest.mark.parametrize("topic_filter", ["lc/v1/acme/pump-1/desired", "lc/v1/acme/pump-1/#"])
def test_a_device_subscribes_to_its_desired_values_or_its_whole_prefix(topic_filter: str) -> None:
    assert may_subscribe(ME, topic_filter)


@pytest.mark.parametrize(
    "topic_filter",
    [
        "lc/v1/acme/pump-1/telemetry",
        "lc/v1/acme/pump-1/+",
        "lc/v1/acme/pump-1/desired/#",
        "lc/v1/acme/pump-2/desired",
        "lc/v1/acme/pump-10/desired",
        "lc/v1/acme/+/desired",
        "lc/v1/acme/#",
        "lc/v1/+/pump-1/desired",
        "lc/v1/other/pump-1/desired",
        "lc/v1/other/pump-1/#",
        "lc/v1/#",
        "#",
        "+/+/+/+/+",
        "$SYS/#",
    ],
)
def test_a_device_subscribes_to_nothing_else(topic_filter: str) -> None:
    assert not may_subscribe(ME, topic_filter)


def test_a_device_receives_only_its_own_messages() -> None:
    assert may_receive(ME, "lc/v1/acme/pump-1/desired")
    assert may_receive(ME, "lc/v1/acme/pump-1/telemetry")
    assert not may_receive(ME, "lc/v1/acme/pump-2/desired")
    assert not may_receive(ME, "lc/v1/other/pump-1/desired")
    assert not may_receive(ME, "other/topic")


# --- edge gateways acting for their devices --------------------------------------------------------------


def test_a_gateway_publishes_telemetry_for_its_devices_only() -> None:
    gateway = "acme/gw-1"
    assert delegated_device(gateway, "lc/v1/acme/pump-1/telemetry") == ("acme", "pump-1")
    assert may_delegate(gateway, "lc/v1/acme/pump-1/telemetry", True, "gw-1")
    assert not may_delegate(gateway, "lc/v1/acme/pump-1/telemetry", True, "gw-2")  # bound elsewhere
    assert not may_delegate(gateway, "lc/v1/acme/pump-1/telemetry", True, None)  # not bound at all
    assert not may_delegate(gateway, "lc/v1/acme/pump-1/desired", True, "gw-1")  # no publishing downlink


def test_a_gateway_reads_the_desired_values_of_its_devices() -> None:
    assert may_delegate("acme/gw-1", "lc/v1/acme/pump-1/desired", False, "gw-1")
    assert not may_delegate("acme/gw-1", "lc/v1/acme/pump-1/telemetry", False, "gw-1")


def test_no_delegation_across_tenants_or_with_wildcards() -> None:
    assert delegated_device("acme/gw-1", "lc/v1/beta/pump-1/telemetry") is None
    assert delegated_device("acme/gw-1", "lc/v1/acme/+/desired") is None
    assert delegated_device("acme/gw-1", "lc/v1/acme/#") is None
    assert delegated_device("acme/gw-1", "lc/v1/acme/gw-1/telemetry") is None  # its own topic: no delegation
    assert delegated_device("not-a-username", "lc/v1/acme/pump-1/telemetry") is None
