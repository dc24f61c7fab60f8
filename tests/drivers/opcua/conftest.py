"""Fixtures of the OPC UA tests: self-signed certificates made on the fly (no key file is committed) and
simulated device servers on free loopback ports."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from longcheng.core.clock import ManualClock
from longcheng.drivers.opcua.config import OpcUaConfig
from longcheng.drivers.opcua.simulator import APPLICATION_URI, OpcUaSimulator
from support import free_port

CLIENT_URI = OpcUaConfig.model_fields["application_uri"].default
USERS = {"operator": "operator-password-for-tests"}


@dataclass(frozen=True)
class Pair:
    certificate: Path
    key: Path


@dataclass(frozen=True)
class Certificates:
    client: Pair
    server: Pair
    other: Pair  # a server certificate that is not the server's


def make_pair(folder: Path, name: str, uri: str, *, der: bool = False) -> Pair:
    """A self-signed RSA 2048 certificate for an OPC UA application with URI ``uri``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    alternative = [
        x509.UniformResourceIdentifier(uri),
        x509.DNSName(socket.gethostname()),
        x509.DNSName("localhost"),
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
    ]
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=True,
        data_encipherment=True,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(alternative), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.SERVER_AUTH]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    encoding = serialization.Encoding.DER if der else serialization.Encoding.PEM
    cert_path = folder / f"{name}.{'der' if der else 'pem'}"
    key_path = folder / f"{name}-key.pem"
    cert_path.write_bytes(certificate.public_bytes(encoding))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Pair(cert_path, key_path)


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    folder = tmp_path_factory.mktemp("opcua-pki")
    return Certificates(
        client=make_pair(folder, "client", CLIENT_URI),
        server=make_pair(folder, "server", APPLICATION_URI, der=True),
        other=make_pair(folder, "other", APPLICATION_URI),
    )


@pytest.fixture(scope="module")
def sim_clock() -> ManualClock:
    return ManualClock()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def sim(sim_clock: ManualClock) -> AsyncIterator[OpcUaSimulator]:
    """An open simulator (anonymous users, security None) whose physics advance only on ``tick``."""
    async with OpcUaSimulator(port=free_port(), interval_s=None, noise=0.0, clock=sim_clock) as server:
        yield server


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def secure_sim(certificates: Certificates) -> AsyncIterator[OpcUaSimulator]:
    """A simulator with Basic256Sha256 endpoints and one user (no anonymous sessions)."""
    async with OpcUaSimulator(
        port=free_port(),
        interval_s=None,
        noise=0.0,
        certificate=certificates.server.certificate,
        private_key=certificates.server.key,
        users=USERS,
    ) as server:
        yield server
