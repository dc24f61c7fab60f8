"""Who is acting, what each role may do, and which tenant a request is scoped to."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from longcheng.core.errors import InvalidInput, PermissionDenied


class Role(enum.StrEnum):
    PLATFORM_ADMIN = "platform_admin"
    TENANT_ADMIN = "tenant_admin"
    OPERATOR = "operator"
    DEVELOPER = "developer"
    VIEWER = "viewer"


_ALL = frozenset(Role)
_ADMINS = frozenset({Role.PLATFORM_ADMIN, Role.TENANT_ADMIN})

# permission -> roles that hold it
PERMISSIONS: dict[str, frozenset[Role]] = {
    "tenant.manage": frozenset({Role.PLATFORM_ADMIN}),
    "tenant.read": _ALL,
    "user.manage": _ADMINS,
    "device_type.write": _ADMINS | {Role.DEVELOPER},
    "device.write": _ADMINS | {Role.DEVELOPER},
    "device.control": _ADMINS | {Role.OPERATOR},
    "data.read": _ALL,
    "api_key.manage": _ALL,
    "audit.read": _ADMINS,
}


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: int
    username: str
    role: Role
    tenant_id: int | None  # None only for platform admins

    @property
    def is_platform_admin(self) -> bool:
        return self.role is Role.PLATFORM_ADMIN

    def can(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise PermissionDenied(
                f"role {self.role.value} may not do {permission}", permission=permission, role=self.role.value
            )

    def tenant_filter(self) -> int | None:
        """The tenant every query is limited to; None means all tenants (platform admins only)."""
        return None if self.is_platform_admin else self.tenant_id

    def target_tenant(self, requested: int | None) -> int:
        """The tenant a new object goes to: platform admins name one, everyone else gets their own."""
        if self.is_platform_admin:
            if requested is None:
                raise InvalidInput("tenant_id", "a platform admin must name the tenant")
            return requested
        if requested is not None and requested != self.tenant_id:
            raise PermissionDenied("you may act in your own tenant only", permission="tenant.cross")
        assert self.tenant_id is not None
        return self.tenant_id


SYSTEM = Principal(user_id=0, username="system", role=Role.PLATFORM_ADMIN, tenant_id=None)

__all__ = ["PERMISSIONS", "SYSTEM", "Principal", "Role"]
