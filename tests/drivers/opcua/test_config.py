"""The OPC UA connection settings, the plugin's spec and its texts."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from longcheng.drivers.opcua import SPEC, OpcUaConfig, connect

PKI = {"certificate": "c.pem", "private_key": "k.pem", "server_certificate": "s.der"}


def test_defaults_are_an_open_channel_without_user() -> None:
    config = OpcUaConfig(endpoint="opc.tcp://192.168.1.20:4840")
    assert (config.security_policy, config.username, config.password) == ("None", None, None)
    assert (config.request_timeout_s, config.session_timeout_s) == (4.0, 3600.0)


def test_basic256sha256_takes_certificates_and_a_user() -> None:
    config = OpcUaConfig(
        endpoint="opc.tcp://[fe80::1]:4840/plant",
        security_policy="Basic256Sha256",
        security_mode="Sign",
        username="operator",
        password="secret",
        **PKI,  # type: ignore[arg-type]
    )
    assert config.certificate == Path("c.pem")
    assert config.password is not None
    assert config.password.get_secret_value() == "secret"
    assert "secret" not in repr(config)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"endpoint": "http://host:4840"}, "endpoint"),
        ({"endpoint": "opc.tcp://user:pw@host:4840"}, "endpoint"),
        ({"endpoint": "opc.tcp:// host"}, "endpoint"),
        ({"security_policy": "Basic128Rsa15"}, "security_policy"),
        ({"security_policy": "Basic256Sha256"}, "needs certificate, private_key, server_certificate"),
        ({"security_policy": "Basic256Sha256", "certificate": "c.pem"}, "needs private_key"),
        ({"certificate": "c.pem"}, "only used with security_policy Basic256Sha256"),
        ({"password": "x"}, "a password needs a username"),
        ({"request_timeout_s": 0}, "request_timeout_s"),
        ({"session_timeout_s": 0.5}, "session_timeout_s"),
        ({"watchdog_interval_s": 0.01}, "watchdog_interval_s"),
        ({"port": 4840}, "port"),
    ],
)
def test_bad_settings_are_refused(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        OpcUaConfig.model_validate({"endpoint": "opc.tcp://127.0.0.1:4840"} | fields)


def test_the_spec_declares_a_subscribing_driver_loaded_by_its_entry_point() -> None:
    assert SPEC.name == SPEC.protocol == "opcua"
    assert SPEC.config_model is OpcUaConfig
    assert SPEC.connect is connect
    assert SPEC.subscribe
    assert SPEC.title_key == "driver.opcua.title"
    # the entry point that pyproject.toml declares in the group longcheng.drivers
    assert EntryPoint("opcua", "longcheng.drivers.opcua:SPEC", "longcheng.drivers").load() is SPEC
    assert "password" in OpcUaConfig.model_json_schema()["properties"]


def test_importing_the_plugin_does_not_load_asyncua() -> None:
    code = "import sys, longcheng.drivers.opcua; print('asyncua' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_english_and_chinese_texts_have_the_same_keys() -> None:
    folder = resources.files("longcheng.core").joinpath("locales")
    en, zh = (
        json.loads(folder.joinpath(lang, "driver_opcua.json").read_text("utf-8")) for lang in ("en", "zh")
    )
    assert en.keys() == zh.keys()
    assert SPEC.title_key in en
    assert {f"driver.opcua.config.{name}" for name in OpcUaConfig.model_fields} <= en.keys()
