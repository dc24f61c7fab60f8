"""API keys for programs: a key acts as the user who created it. Shown once, stored as a SHA-256 hash."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from longcheng.core.errors import NotFound
from longcheng.core.tokens import hash_token, new_token
from longcheng.registry.common import audit, page
from longcheng.registry.principals import Principal
from longcheng.storage.metadata.tables import ApiKey, User, utcnow

KEY_PREFIX = "lck_"


def create_api_key(db: Session, principal: Principal, name: str) -> tuple[ApiKey, str]:
    principal.require("api_key.manage")
    token = new_token(KEY_PREFIX)
    key = ApiKey(user_id=principal.user_id, name=name, prefix=token[:12], key_hash=hash_token(token))
    db.add(key)
    audit(db, principal, "api_key.create", f"api_key:{key.prefix}", principal.tenant_id, name=name)
    db.commit()
    return key, token


def list_api_keys(
    db: Session, principal: Principal, *, limit: int = 50, offset: int = 0
) -> tuple[list[ApiKey], int]:
    principal.require("api_key.manage")
    query = select(ApiKey).order_by(ApiKey.id)
    if not principal.is_platform_admin:
        query = query.where(ApiKey.user_id == principal.user_id)
    return page(db, query, limit, offset)


def revoke_api_key(db: Session, principal: Principal, key_id: int) -> ApiKey:
    principal.require("api_key.manage")
    key = db.get(ApiKey, key_id)
    if key is None or (not principal.is_platform_admin and key.user_id != principal.user_id):
        raise NotFound("api_key", key_id)
    key.revoked = True
    audit(db, principal, "api_key.revoke", f"api_key:{key.prefix}", principal.tenant_id)
    db.commit()
    return key


def user_for_api_key(db: Session, token: str) -> User | None:
    """The active user behind a valid, unrevoked key (and mark the key as used)."""
    if not token.startswith(KEY_PREFIX):
        return None
    key = db.scalar(select(ApiKey).where(ApiKey.key_hash == hash_token(token)))
    if key is None or key.revoked or not key.user.active:
        return None
    key.last_used_at = utcnow()
    db.commit()
    return key.user


__all__ = ["KEY_PREFIX", "create_api_key", "list_api_keys", "revoke_api_key", "user_for_api_key"]
