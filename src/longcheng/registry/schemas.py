"""What callers send and get back, one model per direction (XCreate / XUpdate / XPublic)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from longcheng.core.thing_model import ThingModel
from longcheng.registry.industries import INDUSTRIES
from longcheng.registry.principals import Role

Code = Annotated[
    str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$", description="lower-case letters, digits, -")
]
Key = Annotated[
    str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$", description="lower-case letters, digits, _ -")
]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Username = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$")]
Password = Annotated[str, Field(min_length=8, max_length=256)]


def _utc(value: datetime) -> datetime:
    """Times are stored in UTC; SQLite hands them back without a zone, so name it again."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


UtcTime = Annotated[datetime, AfterValidator(_utc)]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def _industry(value: str | None) -> str | None:
    if value is not None and value not in INDUSTRIES:
        raise ValueError(f"unknown industry; one of {', '.join(INDUSTRIES)}")
    return value


class TenantCreate(_In):
    code: Code
    name: Name
    industry: str
    region: str = Field(default="", max_length=128)

    _check_industry = field_validator("industry")(_industry)


class TenantUpdate(_In):
    name: Name | None = None
    industry: str | None = None
    region: str | None = Field(default=None, max_length=128)
    active: bool | None = None

    _check_industry = field_validator("industry")(_industry)


class TenantPublic(_Out):
    id: int
    code: str
    name: str
    industry: str
    region: str
    active: bool
    created_at: UtcTime


class UserCreate(_In):
    username: Username
    password: Password
    role: Role
    tenant_id: int | None = None
    display_name: str = Field(default="", max_length=200)
    locale: str = Field(default="zh", pattern=r"^(zh|en)$")


class UserUpdate(_In):
    password: Password | None = None
    role: Role | None = None
    display_name: str | None = Field(default=None, max_length=200)
    locale: str | None = Field(default=None, pattern=r"^(zh|en)$")
    active: bool | None = None


class UserPublic(_Out):
    id: int
    username: str
    display_name: str
    role: Role
    tenant_id: int | None
    locale: str
    active: bool
    created_at: UtcTime


class ApiKeyCreate(_In):
    name: Name


class ApiKeyPublic(_Out):
    id: int
    name: str
    prefix: str
    user_id: int
    created_at: UtcTime
    last_used_at: UtcTime | None
    revoked: bool


class ApiKeyCreated(ApiKeyPublic):
    key: str = Field(description="shown once; only its hash is stored")


class DeviceTypeCreate(_In):
    key: Key
    name: Name
    industry: str = "general"
    thing_model: ThingModel
    tenant_id: int | None = None

    _check_industry = field_validator("industry")(_industry)


class DeviceTypeUpdate(_In):
    name: Name | None = None
    industry: str | None = None
    thing_model: ThingModel | None = None

    _check_industry = field_validator("industry")(_industry)


class DeviceTypePublic(_Out):
    id: int
    tenant_id: int
    key: str
    name: str
    industry: str
    thing_model: ThingModel
    version: int
    created_at: UtcTime
    updated_at: UtcTime


class DeviceCreate(_In):
    key: Key
    name: Name
    device_type_id: int
    protocol: str = Field(default="mqtt", pattern=r"^[a-z0-9_]{1,32}$")
    binding: dict[str, Any] = Field(default_factory=dict)
    tenant_id: int | None = None


class DeviceUpdate(_In):
    name: Name | None = None
    protocol: str | None = Field(default=None, pattern=r"^[a-z0-9_]{1,32}$")
    binding: dict[str, Any] | None = None
    enabled: bool | None = None


class DevicePublic(_Out):
    id: int
    tenant_id: int
    tenant_code: str
    device_type_id: int
    device_type_key: str
    key: str
    name: str
    protocol: str
    binding: dict[str, Any]
    enabled: bool
    created_at: UtcTime
    updated_at: UtcTime


class MqttCredentials(BaseModel):
    host: str
    port: int
    client_id: str
    username: str
    password: str = Field(description="shown once; only its hash is stored")
    telemetry_topic: str
    desired_topic: str


class DeviceCreated(DevicePublic):
    credentials: MqttCredentials


class CommandRequest(_In):
    """Either ``write`` (writable property → value) or ``command`` with its ``params``."""

    write: dict[str, Any] | None = None
    command: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]{0,62}$")
    params: dict[str, Any] = Field(default_factory=dict)


class BulkCommandRequest(CommandRequest):
    device_ids: list[int] | None = Field(default=None, max_length=5000)
    device_type_id: int | None = None


class CommandPublic(_Out):
    id: int
    device_id: int
    kind: str
    name: str
    params: dict[str, Any]
    status: str
    requested_by: str
    requested_at: UtcTime
    delivered_at: UtcTime | None
    completed_at: UtcTime | None
    result: dict[str, Any]
    error: str


__all__ = [
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyPublic",
    "BulkCommandRequest",
    "CommandPublic",
    "CommandRequest",
    "DeviceCreate",
    "DeviceCreated",
    "DevicePublic",
    "DeviceTypeCreate",
    "DeviceTypePublic",
    "DeviceTypeUpdate",
    "DeviceUpdate",
    "MqttCredentials",
    "Page",
    "TenantCreate",
    "TenantPublic",
    "TenantUpdate",
    "UserCreate",
    "UserPublic",
    "UserUpdate",
]
