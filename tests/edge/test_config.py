"""The gateway file: validated, and every problem names the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from longcheng.core.errors import InvalidInput
from longcheng.edge.config import load

GOOD = """
tenant: acme
gateway: gw-1
uplink: {host: 127.0.0.1, port: 1883, password: secret}
devices:
  - key: pump-1
    driver: modbus
    connection: {host: 127.0.0.1, port: 5020}
    points:
      - {name: flow, address: "hr:0", data_type: float32, unit: "m**3/h", poll_ms: 500}
      - {name: speed_setpoint, address: "hr:2", data_type: uint16, access: rw}
"""


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "gateway.yaml"
    path.write_text(GOOD, encoding="utf-8")
    config = load(path)
    assert config.username == "acme/gw-1"
    assert [p.name for p in config.devices[0].points] == ["flow", "speed_setpoint"]
    assert config.devices[0].points[0].poll_ms == 500
    assert config.buffer.max_messages == 1_000_000


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("data_type: float32", "data_type: float128"), "devices.0.points.0.data_type"),
        (("key: pump-1", "key: Pump 1"), "devices.0.key"),
        (("password: secret", "password: ''"), "uplink.password"),
        (("poll_ms: 500", "poll_ms: 1"), "devices.0.points.0.poll_ms"),
    ],
)
def test_a_bad_file_names_the_field(tmp_path: Path, change: tuple[str, str], field: str) -> None:
    path = tmp_path / "gateway.yaml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load(path)
    assert err.value.field == field


def test_unreadable_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gateway.yaml"
    path.write_text("tenant: [unclosed", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load(path)
    assert err.value.field == "config"
    with pytest.raises(InvalidInput):
        load(tmp_path / "missing.yaml")
