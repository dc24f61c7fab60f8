"""Roles, permissions and tenant targeting of the acting principal."""

from __future__ import annotations

import pytest

from longcheng.core.errors import InvalidInput, PermissionDenied
from longcheng.registry.principals import PERMISSIONS, Principal, Role


def _as(role: Role, tenant_id: int | None = 7) -> Principal:
    return Principal(
        user_id=1, username="u", role=role, tenant_id=None if role is Role.PLATFORM_ADMIN else tenant_id
    )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.PLATFORM_ADMIN, set(PERMISSIONS)),
        (Role.TENANT_ADMIN, set(PERMISSIONS) - {"tenant.manage"}),
        (Role.DEVELOPER, {"tenant.read", "device_type.write", "device.write", "data.read", "api_key.manage"}),
        (Role.OPERATOR, {"tenant.read", "device.control", "data.read", "api_key.manage"}),
        (Role.VIEWER, {"tenant.read", "data.read", "api_key.manage"}),
    ],
)
def test_permission_matrix(role: Role, allowed: set[str]) -> None:
    principal = _as(role)
    assert {p for p in PERMISSIONS if principal.can(p)} == allowed
    for permission in set(PERMISSIONS) - allowed:
        with pytest.raises(PermissionDenied):
            principal.require(permission)


def test_tenant_filter_is_none_only_for_platform_admins() -> None:
    assert _as(Role.PLATFORM_ADMIN).tenant_filter() is None
    for role in (Role.TENANT_ADMIN, Role.OPERATOR, Role.DEVELOPER, Role.VIEWER):
        assert _as(role, 7).tenant_filter() == 7


def test_target_tenant() -> None:
    assert _as(Role.TENANT_ADMIN, 7).target_tenant(None) == 7
    assert _as(Role.TENANT_ADMIN, 7).target_tenant(7) == 7
    with pytest.raises(PermissionDenied):
        _as(Role.TENANT_ADMIN, 7).target_tenant(8)
    assert _as(Role.PLATFORM_ADMIN).target_tenant(8) == 8
    with pytest.raises(InvalidInput) as err:
        _as(Role.PLATFORM_ADMIN).target_tenant(None)
    assert err.value.field == "tenant_id"
