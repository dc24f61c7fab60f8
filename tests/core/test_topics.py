"""The MQTT topic scheme ``lc/v1/{tenant}/{device}/{channel}``."""

from __future__ import annotations

import pytest

from longcheng.core.topics import (
    DOWN_CHANNELS,
    PREFIX,
    UP_CHANNELS,
    TopicParts,
    desired_topic,
    device_username,
    parse,
    telemetry_topic,
    topic,
)


def test_formatting() -> None:
    assert PREFIX == "lc/v1"
    assert topic("acme", "pump-1", "events") == "lc/v1/acme/pump-1/events"
    assert telemetry_topic("acme", "pump-1") == "lc/v1/acme/pump-1/telemetry"
    assert desired_topic("acme", "pump-1") == "lc/v1/acme/pump-1/desired"
    assert device_username("acme", "pump-1") == "acme/pump-1"


def test_channels() -> None:
    assert {"telemetry", "events", "replies"} == UP_CHANNELS
    assert {"desired", "commands"} == DOWN_CHANNELS


def test_parse_splits_the_parts() -> None:
    parts = parse("lc/v1/acme/pump-1/telemetry")
    assert parts == TopicParts("acme", "pump-1", "telemetry")
    assert parts is not None
    assert (parts.tenant, parts.device, parts.channel) == ("acme", "pump-1", "telemetry")


@pytest.mark.parametrize("channel", ["telemetry", "events", "desired"])
def test_parse_inverts_topic(channel: str) -> None:
    assert parse(topic("t-1", "dev_2", channel)) == ("t-1", "dev_2", channel)


@pytest.mark.parametrize(
    "name",
    [
        "",
        "lc/v1",
        "lc/v1/acme/pump-1",
        "lc/v1/acme/pump-1/telemetry/extra",
        "lc/v2/acme/pump-1/telemetry",
        "xx/v1/acme/pump-1/telemetry",
        "/lc/v1/acme/pump-1",
        "lc/v1//pump-1/telemetry",
        "lc/v1/acme//telemetry",
        "lc/v1/acme/pump-1/",
        "$SYS/broker/load/bytes/received",
    ],
)
def test_parse_refuses_foreign_topics(name: str) -> None:
    assert parse(name) is None
