"""Raw values to thing-model values and back, and report-on-change with deadbands."""

from __future__ import annotations

import pytest

from longcheng.core.errors import InvalidInput
from longcheng.drivers.base import PointSpec
from longcheng.edge.mapping import ChangeFilter, engineering, raw_for_write


def point(**overrides: object) -> PointSpec:
    fields: dict[str, object] = {"name": "flow", "address": "hr:0", "data_type": "int16", "access": "rw"}
    return PointSpec.model_validate(fields | overrides)


def test_scale_and_offset_apply_to_numbers_only() -> None:
    tenths = point(scale=0.1, offset=-40.0)
    assert engineering(tenths, 653) == pytest.approx(25.3)  # 653 × 0.1 − 40
    assert engineering(point(), 653) == 653  # identity keeps the integer
    assert engineering(point(data_type="bool", scale=2.0), True) is True
    assert engineering(point(data_type="string", scale=2.0), "RUN") == "RUN"


def test_writes_invert_the_mapping() -> None:
    tenths = point(scale=0.1, offset=-40.0)
    assert raw_for_write(tenths, 25.3) == 653
    assert raw_for_write(point(data_type="float32", scale=0.5), 3.0) == 6.0
    with pytest.raises(InvalidInput, match="whole number"):
        raw_for_write(tenths, 25.35)  # between two raw steps of an integer register
    with pytest.raises(InvalidInput, match="read-only") as err:
        raw_for_write(point(access="r"), 1)
    assert err.value.field == "flow"


def test_change_filter_with_and_without_deadband() -> None:
    exact, banded = point(), point(name="temp", deadband=0.5)
    changes = ChangeFilter()
    sent = []
    for p, value in [
        (exact, 1),
        (exact, 1),
        (exact, 2),
        (banded, 20.0),
        (banded, 20.4),
        (banded, 20.6),
        (banded, 20.2),
    ]:
        if changes.changed(p, value):
            changes.sent(p, value)
            sent.append((p.name, value))
    # 20.4 is within 0.5 of 20.0; 20.6 is not; 20.2 is within 0.5 of 20.6
    assert sent == [("flow", 1), ("flow", 2), ("temp", 20.0), ("temp", 20.6)]
    changes.forget()
    assert changes.changed(exact, 2)  # after a reconnect everything is sent once more


def test_strings_and_bools_change_on_any_difference() -> None:
    state = point(name="state", data_type="string")
    changes = ChangeFilter()
    changes.sent(state, "RUN")
    assert not changes.changed(state, "RUN")
    assert changes.changed(state, "IDLE")
