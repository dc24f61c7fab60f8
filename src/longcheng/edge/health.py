"""What a gateway reports about itself, as the thing model of the gateway's own device on the platform.

Register a gateway as a device of a device type with this model (key ``edge_gateway``); bind devices to it
with ``binding: {"gateway": "<gateway key>"}``. Its health then arrives as ordinary telemetry every
``health_s`` seconds: the API and the console read it like any device's values.
"""

from __future__ import annotations

from longcheng.core.thing_model import DataType, LocalizedText, PropertySpec, ThingModel

GATEWAY_TYPE_KEY = "edge_gateway"


def _count(name: str, en: str, zh: str) -> PropertySpec:
    return PropertySpec(name=name, title=LocalizedText(en=en, zh=zh), data_type=DataType.INT, min=0)


GATEWAY_MODEL = ThingModel(
    properties=(
        _count("sessions_up", "Device sessions up", "在线设备会话"),
        _count("sessions_total", "Device sessions", "设备会话总数"),
        PropertySpec(
            name="points_per_s",
            title=LocalizedText(en="Points per second", zh="每秒采集点数"),
            data_type=DataType.FLOAT,
            unit="1/s",
            min=0,
        ),
        _count("buffer_depth", "Messages buffered", "缓存消息数"),
        _count("buffer_dropped", "Messages dropped (buffer full)", "丢弃消息数（缓存满）"),
        _count("errors", "Errors", "错误数"),
        PropertySpec(
            name="uplink_connected",
            title=LocalizedText(en="Platform link up", zh="平台链路在线"),
            data_type=DataType.INT,
            min=0,
            max=1,
        ),
    )
)

__all__ = ["GATEWAY_MODEL", "GATEWAY_TYPE_KEY"]
