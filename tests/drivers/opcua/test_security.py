"""Secured sessions: Basic256Sha256 with certificates made for the test, and user logins."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from longcheng.core.errors import ConfigError
from longcheng.drivers.base import DeviceUnreachable, PointSpec
from longcheng.drivers.opcua.config import OpcUaConfig, SecurityMode
from longcheng.drivers.opcua.driver import connect
from longcheng.drivers.opcua.simulator import SERIAL_NUMBER, OpcUaSimulator

if TYPE_CHECKING:
    from .conftest import Certificates

pytestmark = pytest.mark.asyncio(loop_scope="module")

USER, PASSWORD = "operator", "operator-password-for-tests"  # the simulator's user (conftest.USERS)


def secured(
    sim: OpcUaSimulator, pki: Certificates, mode: SecurityMode = "SignAndEncrypt", **extra: Any
) -> OpcUaConfig:
    fields: dict[str, Any] = {
        "endpoint": sim.endpoint,
        "security_policy": "Basic256Sha256",
        "security_mode": mode,
        "certificate": pki.client.certificate,
        "private_key": pki.client.key,
        "server_certificate": pki.server.certificate,
        "username": USER,
        "password": PASSWORD,
        "request_timeout_s": 2,
    }
    return OpcUaConfig.model_validate(fields | extra)


async def read_serial(config: OpcUaConfig, sim: OpcUaSimulator) -> object:
    point = PointSpec(name="serial", address=sim.node_id("Tags.serial_number"), data_type="string")
    async with await connect(config) as session:
        (reading,) = await session.read([point])
    return reading.value


@pytest.mark.parametrize("mode", ["Sign", "SignAndEncrypt"])
async def test_basic256sha256_sessions_read(
    secure_sim: OpcUaSimulator, certificates: Certificates, mode: SecurityMode
) -> None:
    assert await read_serial(secured(secure_sim, certificates, mode), secure_sim) == SERIAL_NUMBER


async def test_a_user_logs_in_over_an_open_channel(secure_sim: OpcUaSimulator) -> None:
    config = OpcUaConfig(endpoint=secure_sim.endpoint, username=USER, password=PASSWORD)
    assert await read_serial(config, secure_sim) == SERIAL_NUMBER


@pytest.mark.parametrize(("username", "password"), [(USER, "wrong"), ("intruder", PASSWORD), (None, None)])
async def test_refused_users_are_reported_as_such(
    secure_sim: OpcUaSimulator, certificates: Certificates, username: str | None, password: str | None
) -> None:
    config = secured(secure_sim, certificates, username=username, password=password)
    with pytest.raises(DeviceUnreachable, match="refused the user") as caught:
        await connect(config)
    assert caught.value.code == "driver.opcua.error.auth_refused"
    assert caught.value.params == {"endpoint": secure_sim.endpoint}


async def test_a_server_with_another_certificate_is_not_trusted(
    secure_sim: OpcUaSimulator, certificates: Certificates
) -> None:
    other = certificates.other.certificate
    config = secured(secure_sim, certificates, server_certificate=other, request_timeout_s=0.5)
    with pytest.raises(DeviceUnreachable):
        await connect(config)


async def test_unreadable_certificates_are_a_configuration_error(
    secure_sim: OpcUaSimulator, certificates: Certificates, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError, match="cannot load the OPC UA certificates"):
        await connect(secured(secure_sim, certificates, certificate=tmp_path / "missing.pem"))
    garbage = tmp_path / "garbage.pem"
    garbage.write_bytes(b"-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n")
    with pytest.raises(ConfigError, match="cannot load the OPC UA certificates"):
        await connect(secured(secure_sim, certificates, server_certificate=garbage))
