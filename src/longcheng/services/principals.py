"""Resolving the caller of a request, with a short-lived cache so that a warm request needs no database.

A credential (bearer JWT or API key) maps to its ``Principal`` for ``ttl_s`` seconds. Changes made in this
process to users, keys or tenants clear the cache at once (``PrincipalCache.clear``); changes made by
another process are seen within the TTL.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from longcheng.core.errors import AuthError
from longcheng.registry.api_keys import KEY_PREFIX
from longcheng.registry.auth import principal_for_api_key, principal_for_user_id
from longcheng.registry.principals import Principal
from longcheng.registry.tokens import user_id_of

if TYPE_CHECKING:
    from longcheng.services.context import PlatformContext

TTL_S = 10.0
MAX_ENTRIES = 10_000


class PrincipalCache:
    def __init__(self, ttl_s: float = TTL_S) -> None:
        self._ttl = ttl_s
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, Principal]] = {}

    def get(self, credential: str) -> Principal | None:
        hit = self._entries.get(credential)
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1]

    def put(self, credential: str, principal: Principal) -> None:
        with self._lock:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[credential] = (time.monotonic() + self._ttl, principal)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def resolve(ctx: PlatformContext, credential: str, *, api_key: bool) -> Principal:
    """The principal behind a credential, from the database (callers use the cache first)."""
    with ctx.sessions() as db:
        if api_key or credential.startswith(KEY_PREFIX):
            principal = principal_for_api_key(db, credential)
        else:
            # the signature and expiry are checked on every call, cached or not (see ``check_token``)
            principal = principal_for_user_id(db, user_id_of(credential, ctx.settings.jwt_secret))
    ctx.principals.put(credential, principal)
    return principal


def cached(ctx: PlatformContext, credential: str, *, api_key: bool) -> Principal | None:
    """The cached principal if the credential is still valid; JWT expiry is checked even on a hit."""
    principal = ctx.principals.get(credential)
    if principal is not None and not (api_key or credential.startswith(KEY_PREFIX)):
        try:
            user_id_of(credential, ctx.settings.jwt_secret)
        except AuthError:
            return None
    return principal


__all__ = ["MAX_ENTRIES", "TTL_S", "PrincipalCache", "cached", "resolve"]
