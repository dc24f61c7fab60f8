"""The host application's state machine, without a broker: births, data, seq, rebirths, deaths."""

from __future__ import annotations

import pytest

from longcheng.drivers.sparkplug.codec import (
    BD_SEQ,
    REBIRTH,
    Address,
    MessageType,
    Metric,
    Payload,
    Topic,
    encode,
)
from longcheng.drivers.sparkplug.datatypes import DataType
from longcheng.drivers.sparkplug.host import HostState, Outcome

NOW = 1_767_225_600_000


def nbirth(bd_seq: int = 0) -> bytes:
    return encode(
        Payload(
            NOW,
            0,
            (
                Metric(BD_SEQ, 1, DataType.UInt64, bd_seq),
                Metric(REBIRTH, 2, DataType.Boolean, False),
            ),
        )
    )


def dbirth(seq: int) -> bytes:
    return encode(
        Payload(
            NOW,
            seq,
            (
                Metric("speed", 10, DataType.Double, 1.0),
                Metric("level", 11, DataType.Int8, -5),
                Metric("mode", 12, DataType.String, "auto"),
            ),
        )
    )


def ddata(seq: int, *metrics: Metric) -> bytes:
    return encode(Payload(NOW + 1000, seq, metrics or (Metric(None, 10, DataType.Double, 2.0),)))


def send(
    host: HostState, kind: MessageType, data: bytes, device: str | None = None, now: int = NOW
) -> Outcome:
    return host.handle(Topic("g", kind, "e", device), data, now)


def values(outcome: Outcome) -> dict[str, object]:
    return {u.address.key: (u.value if u.good else "BAD") for u in outcome.updates}


@pytest.fixture
def born() -> HostState:
    host = HostState(rebirth_holdoff_ms=1000)
    send(host, MessageType.NBIRTH, nbirth(3))
    send(host, MessageType.DBIRTH, dbirth(1), "d")
    return host


def test_births_declare_and_report_metrics(born: HostState) -> None:
    host = HostState()
    node = send(host, MessageType.NBIRTH, nbirth(3))
    assert values(node) == {"e//bdSeq": 3, "e//Node Control/Rebirth": False}
    device = send(host, MessageType.DBIRTH, dbirth(1), "d")
    assert values(device) == {"e/d/speed": 1.0, "e/d/level": -5, "e/d/mode": "auto"}
    assert host.online("e", "d")
    assert host.online("e", None)
    assert not host.online("e", "other")
    assert not host.online("x", None)
    definition = host.definition(Address("e", "d", "level"))
    assert definition is not None
    assert (definition.alias, definition.datatype) == (11, DataType.Int8)
    assert host.nodes["e"].bd_seq == 3


def test_data_by_alias_and_by_name_with_the_births_datatypes(born: HostState) -> None:
    outcome = send(
        born,
        MessageType.DDATA,
        ddata(2, Metric(None, 11, None, None), Metric("mode", None, None, None)),
        "d",
    )
    assert outcome.rebirth is False
    assert outcome.updates == []  # no values given: a metric without a value is not an update
    data = encode(
        Payload(
            NOW + 5, 3, (Metric(None, 11, DataType.Int8, -7), Metric("mode", None, DataType.String, "manual"))
        )
    )
    got = send(born, MessageType.DDATA, data, "d")
    assert values(got) == {"e/d/level": -7, "e/d/mode": "manual"}
    assert {u.ts_ms for u in got.updates} == {NOW + 5}


def test_a_seq_gap_asks_for_a_rebirth_but_keeps_the_data(born: HostState) -> None:
    gap = send(born, MessageType.DDATA, ddata(5), "d")
    assert gap.rebirth is True
    assert "seq 5 where 2 was due" in gap.reason
    assert values(gap) == {"e/d/speed": 2.0}
    again = send(born, MessageType.DDATA, ddata(9), "d", now=NOW + 10)
    assert again.rebirth is False  # held off: one request per node per second until it is answered
    assert send(born, MessageType.DDATA, ddata(12), "d", now=NOW + 2000).rebirth is True
    send(born, MessageType.NBIRTH, nbirth(3))  # the answer: the next problem may ask at once
    send(born, MessageType.DBIRTH, dbirth(1), "d")
    assert send(born, MessageType.DDATA, ddata(7), "d", now=NOW + 2001).rebirth is True


def test_seq_wraps_from_255_to_0(born: HostState) -> None:
    born.nodes["e"].seq = 254
    assert send(born, MessageType.DDATA, ddata(255), "d").rebirth is False
    assert send(born, MessageType.DDATA, ddata(0), "d").rebirth is False
    assert born.nodes["e"].seq == 0


def test_data_before_birth_asks_for_a_rebirth() -> None:
    host = HostState()
    outcome = send(host, MessageType.DDATA, ddata(4), "d")
    assert (outcome.rebirth, outcome.updates, outcome.reason) == (True, [], "DDATA before NBIRTH")
    send(host, MessageType.NBIRTH, nbirth())
    orphan = send(host, MessageType.DDATA, ddata(1), "d")
    assert (orphan.rebirth, orphan.reason) == (True, "DDATA before DBIRTH")


def test_an_undeclared_metric_asks_for_a_rebirth(born: HostState) -> None:
    outcome = send(born, MessageType.DDATA, ddata(2, Metric(None, 99, DataType.Double, 1.0)), "d")
    assert outcome.rebirth is True
    assert "undeclared" in outcome.reason


def test_deaths_mark_metrics_bad(born: HostState) -> None:
    device = send(born, MessageType.DDEATH, encode(Payload(NOW, 2)), "d")
    assert values(device) == dict.fromkeys(("e/d/speed", "e/d/level", "e/d/mode"), "BAD")
    assert not born.online("e", "d")
    stale = send(
        born, MessageType.NDEATH, encode(Payload(NOW, None, (Metric(BD_SEQ, None, DataType.UInt64, 2),)))
    )
    assert (stale.updates, stale.reason) == ([], "stale NDEATH (bdSeq 2, current 3)")
    assert born.online("e", None)
    node = send(
        born, MessageType.NDEATH, encode(Payload(NOW, None, (Metric(BD_SEQ, None, DataType.UInt64, 3),)))
    )
    assert set(values(node).values()) == {"BAD"}
    assert "e/d/speed" in values(node)
    assert "e//bdSeq" in values(node)
    assert not born.online("e", None)
    assert send(born, MessageType.DDATA, ddata(3), "d").rebirth is True


def test_commands_are_ignored_and_garbage_is_malformed(born: HostState) -> None:
    assert send(born, MessageType.NCMD, b"\xff") == Outcome()
    bad = send(born, MessageType.DDATA, b"\xff\xff", "d")
    assert bad.malformed
    assert "not a Sparkplug B payload" in bad.reason
    assert (
        send(born, MessageType.DDEATH, encode(Payload(NOW, 2)), "ghost").reason
        == "DDEATH of a device never born"
    )
