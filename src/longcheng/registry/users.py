"""Users and roles. Platform admins manage everyone; tenant admins manage their own tenant's users."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from longcheng.core.errors import InvalidInput, NotFound, PermissionDenied
from longcheng.registry.common import audit, commit_unique, page
from longcheng.registry.credentials import hash_password
from longcheng.registry.principals import Principal, Role
from longcheng.registry.schemas import UserCreate, UserUpdate
from longcheng.storage.metadata.tables import Tenant, User


def _check_role_grant(principal: Principal, role: Role) -> None:
    if role is Role.PLATFORM_ADMIN and not principal.is_platform_admin:
        raise PermissionDenied("only a platform admin may grant platform_admin", permission="user.manage")


def create_user(db: Session, principal: Principal, data: UserCreate) -> User:
    principal.require("user.manage")
    _check_role_grant(principal, data.role)
    if data.role is Role.PLATFORM_ADMIN:
        tenant_id = None
        if data.tenant_id is not None:
            raise InvalidInput("tenant_id", "a platform admin belongs to no tenant")
    else:
        tenant_id = principal.target_tenant(data.tenant_id)
        if db.get(Tenant, tenant_id) is None:
            raise InvalidInput("tenant_id", f"tenant {tenant_id} does not exist")
    user = User(
        tenant_id=tenant_id,
        username=data.username,
        display_name=data.display_name,
        password_hash=hash_password(data.password),
        role=data.role.value,
        locale=data.locale,
    )
    db.add(user)
    audit(db, principal, "user.create", f"user:{data.username}", tenant_id, role=data.role.value)
    commit_unique(db, "user", data.username)
    return user


def get_user(db: Session, principal: Principal, user_id: int) -> User:
    user = db.get(User, user_id)
    scope = principal.tenant_filter()
    visible = user is not None and (
        principal.is_platform_admin
        or user.id == principal.user_id
        or (principal.can("user.manage") and user.tenant_id == scope)
    )
    if not visible or user is None:
        raise NotFound("user", user_id)
    return user


def get_user_by_name(db: Session, username: str) -> User | None:
    return db.scalar(select(User).where(User.username == username))


def list_users(
    db: Session, principal: Principal, *, limit: int = 50, offset: int = 0, tenant_id: int | None = None
) -> tuple[list[User], int]:
    principal.require("user.manage")
    query = select(User).order_by(User.id)
    scope = principal.tenant_filter()
    if scope is not None:
        query = query.where(User.tenant_id == scope)
    elif tenant_id is not None:
        query = query.where(User.tenant_id == tenant_id)
    return page(db, query, limit, offset)


def update_user(db: Session, principal: Principal, user_id: int, data: UserUpdate) -> User:
    user = get_user(db, principal, user_id)
    changes = data.model_dump(exclude_unset=True)
    managing = principal.can("user.manage")
    if not managing and set(changes) - {"password", "display_name", "locale"}:
        raise PermissionDenied(
            "you may change your own password, name and language only", permission="user.manage"
        )
    if data.role is not None:
        _check_role_grant(principal, data.role)
        if (data.role is Role.PLATFORM_ADMIN) != (user.tenant_id is None):
            raise InvalidInput("role", "platform_admin is for users without a tenant, and only for them")
    for name, value in changes.items():
        if name == "password":
            user.password_hash = hash_password(value)
        else:
            setattr(user, name, value.value if isinstance(value, Role) else value)
    audit(db, principal, "user.update", f"user:{user.username}", user.tenant_id, fields=sorted(changes))
    db.commit()
    return user


def delete_user(db: Session, principal: Principal, user_id: int) -> None:
    principal.require("user.manage")
    user = get_user(db, principal, user_id)
    if user.id == principal.user_id:
        raise InvalidInput("user_id", "you cannot delete yourself")
    audit(db, principal, "user.delete", f"user:{user.username}", user.tenant_id)
    db.delete(user)
    db.commit()


__all__ = ["create_user", "delete_user", "get_user", "get_user_by_name", "list_users", "update_user"]
