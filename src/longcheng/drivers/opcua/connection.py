"""Opening an asyncua client from an ``OpcUaConfig``: the security policy, the user, the session, and the
server's operation limits (how many nodes one request may carry).

A refused user or secure channel is a ``DeviceUnreachable`` with its own message code, so the gateway keeps
retrying (the server's configuration may change) while the user reads why; certificates that cannot be
loaded are a ``ConfigError``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from asyncua import ua
from asyncua.client.client import Client
from asyncua.crypto import security_policies, uacrypto
from asyncua.ua.attribute_ids import AttributeIds
from asyncua.ua.object_ids import ObjectIds
from asyncua.ua.status_codes import StatusCodes
from asyncua.ua.uaerrors import UaError, UaStatusCodeError

from longcheng.core.errors import ConfigError
from longcheng.drivers.base import DeviceUnreachable
from longcheng.drivers.opcua import codec
from longcheng.drivers.opcua.config import OpcUaConfig

log = logging.getLogger(__name__)

AUTH_REFUSED = frozenset(
    {
        StatusCodes.BadUserAccessDenied,
        StatusCodes.BadIdentityTokenRejected,
        StatusCodes.BadIdentityTokenInvalid,
    }
)
SECURITY_REFUSED = frozenset(
    {
        StatusCodes.BadSecurityChecksFailed,
        StatusCodes.BadSecurityPolicyRejected,
        StatusCodes.BadSecurityModeRejected,
        StatusCodes.BadCertificateInvalid,
        StatusCodes.BadCertificateUntrusted,
        StatusCodes.BadCertificateUriInvalid,
    }
)
_LIMITS = (
    ObjectIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerRead,
    ObjectIds.Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall,
)


@dataclass(frozen=True, slots=True)
class Limits:
    """Nodes per Read request and monitored items per call the server accepts (0: no limit)."""

    nodes_per_read: int = 0
    items_per_call: int = 0


def new_client(config: OpcUaConfig) -> Client:
    client = Client(
        config.endpoint, timeout=config.request_timeout_s, watchdog_intervall=config.watchdog_interval_s
    )
    client.session_timeout = int(config.session_timeout_s * 1000)
    client.application_uri = client.description = config.application_uri
    client.name = "Longcheng edge gateway"
    if config.username is not None:
        client.set_user(config.username)
    if config.password is not None:
        client.set_password(config.password.get_secret_value())
    return client


async def open_client(client: Client, config: OpcUaConfig) -> Limits:
    """Secure the channel, connect, activate the session and read the server's operation limits."""
    await _secure(client, config)
    try:
        await client.connect()
    except UaStatusCodeError as err:
        raise refused(config.endpoint, err) from err
    except (OSError, UaError) as err:
        raise DeviceUnreachable(f"OPC UA server {config.endpoint} unreachable: {err}") from err
    log.info("connected to %s (%s)", config.endpoint, config.security_policy)
    try:
        values = await client.uaclient.read_attributes(
            [codec.node_id(i) for i in _LIMITS], AttributeIds.Value
        )
    except (OSError, UaError) as err:
        await client.disconnect()
        raise DeviceUnreachable(f"OPC UA server {config.endpoint}: {err}") from err
    return Limits(*(limit(value) for value in values))


def limit(value: ua.DataValue) -> int:
    """An operation limit the server publishes (a positive whole number), else 0: no limit."""
    raw = (
        value.Value.Value
        if value.Value is not None and (value.StatusCode is None or value.StatusCode.is_good())
        else 0
    )
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0 else 0


async def _secure(client: Client, config: OpcUaConfig) -> None:
    if config.security_policy == "None":
        return
    paths = [p for p in (config.certificate, config.private_key, config.server_certificate) if p]
    try:
        files = [await _load(path) for path in paths]
        await client.set_security(
            security_policies.SecurityPolicyBasic256Sha256,
            certificate=files[0],
            private_key=files[1],
            server_certificate=files[2],
            mode=ua.MessageSecurityMode[config.security_mode],
        )
    except (OSError, ValueError, TypeError, UaError) as err:
        raise ConfigError(f"cannot load the OPC UA certificates and key: {err}") from err


def refused(endpoint: str, err: UaStatusCodeError) -> DeviceUnreachable:
    """The error of a session the server refused, with a message code saying what it refused."""
    if err.code in AUTH_REFUSED:
        message, code = "refused the user", "driver.opcua.error.auth_refused"
    elif err.code in SECURITY_REFUSED:
        message, code = "refused the secure channel", "driver.opcua.error.security_refused"
    else:
        message, code = "refused the session", DeviceUnreachable.code
    return DeviceUnreachable(f"OPC UA server {endpoint} {message}: {err}", code=code, endpoint=endpoint)


async def _load(path: Path) -> uacrypto.CertProperties:
    content = await asyncio.to_thread(path.read_bytes)
    return uacrypto.CertProperties(content, "pem" if content.lstrip().startswith(b"-----BEGIN") else "der")


__all__ = ["AUTH_REFUSED", "SECURITY_REFUSED", "Limits", "limit", "new_client", "open_client", "refused"]
