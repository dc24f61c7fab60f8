"""Turning credentials into a Principal: passwords, API keys, and the first platform admin."""

from __future__ import annotations

import functools
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from longcheng.core.errors import AuthError
from longcheng.core.tokens import new_token
from longcheng.registry.api_keys import user_for_api_key
from longcheng.registry.credentials import hash_password, verify_password
from longcheng.registry.principals import Principal, Role
from longcheng.registry.users import get_user_by_name
from longcheng.storage.metadata.tables import Tenant, User

log = logging.getLogger(__name__)

ADMIN_USERNAME = "admin"


def principal_of(user: User) -> Principal:
    return Principal(user_id=user.id, username=user.username, role=Role(user.role), tenant_id=user.tenant_id)


def login(db: Session, username: str, password: str) -> Principal:
    user = get_user_by_name(db, username)
    if user is None:
        verify_password(_dummy_hash(), password)  # same cost whether or not the user exists
        raise AuthError("wrong username or password", code="error.login")
    if not verify_password(user.password_hash, password) or not user.active or not _tenant_active(db, user):
        raise AuthError("wrong username or password", code="error.login")
    return principal_of(user)


def _tenant_active(db: Session, user: User) -> bool:
    if user.tenant_id is None:
        return True
    tenant = db.get(Tenant, user.tenant_id)
    return tenant is not None and tenant.active


def principal_for_user_id(db: Session, user_id: int) -> Principal:
    user = db.get(User, user_id)
    if user is None or not user.active or not _tenant_active(db, user):
        raise AuthError("the account no longer exists or is disabled", code="error.account_disabled")
    return principal_of(user)


def principal_for_api_key(db: Session, token: str) -> Principal:
    user = user_for_api_key(db, token)
    if user is None or not _tenant_active(db, user):
        raise AuthError("invalid or revoked API key", code="error.api_key")
    return principal_of(user)


def ensure_admin(db: Session, password: str | None) -> str | None:
    """Create the first platform admin if there is none. Returns the password when it was generated."""
    if db.scalar(select(User).where(User.username == ADMIN_USERNAME)) is not None:
        return None
    generated = None
    if not password:
        generated = password = new_token()[:20]
    db.add(
        User(
            username=ADMIN_USERNAME,
            display_name="Administrator",
            password_hash=hash_password(password),
            role=Role.PLATFORM_ADMIN.value,
            tenant_id=None,
        )
    )
    db.commit()
    log.info("created the platform admin %r", ADMIN_USERNAME)
    return generated


@functools.cache
def _dummy_hash() -> str:
    return hash_password("not-a-real-password")


__all__ = [
    "ADMIN_USERNAME",
    "ensure_admin",
    "login",
    "principal_for_api_key",
    "principal_for_user_id",
    "principal_of",
]
