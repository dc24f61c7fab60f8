"""The host application's MQTT client: credentials, TLS and, with a host id, the offline STATE as its will."""

from __future__ import annotations

import secrets
import ssl

import aiomqtt
import orjson

from longcheng.core.errors import InvalidInput
from longcheng.drivers.sparkplug.codec import state_topic
from longcheng.drivers.sparkplug.config import SparkplugConfig


def state_body(*, online: bool, ts_ms: int) -> bytes:
    """A Sparkplug 3.0 host STATE payload (JSON)."""
    return orjson.dumps({"online": online, "timestamp": ts_ms})


def mqtt_client(config: SparkplugConfig, state_ts_ms: int) -> aiomqtt.Client:
    """An unconnected client for ``config``; the will's timestamp is the one the STATE birth must repeat."""
    tls = None
    if config.tls:
        try:
            tls = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
        except OSError as err:  # ssl.SSLError is an OSError
            raise InvalidInput("ca_file", f"cannot load the CA certificates: {err}") from err
    will = None
    if config.host_id:
        body = state_body(online=False, ts_ms=state_ts_ms)
        will = aiomqtt.Will(state_topic(config.host_id), body, qos=1, retain=True)
    return aiomqtt.Client(
        config.host,
        config.port,
        identifier=config.client_id or f"longcheng-spb-{secrets.token_hex(6)}",
        username=config.username,
        password=config.password.get_secret_value() if config.password else None,
        keepalive=config.keepalive_s,
        timeout=config.timeout_s,
        tls_context=tls,
        will=will,
    )


__all__ = ["mqtt_client", "state_body"]
