"""Who is using the console and in which language; the session is a bearer JWT shared with the API."""

from __future__ import annotations

import time
from typing import Any

from nicegui import app, ui

from longcheng.core.errors import AuthError
from longcheng.core.i18n import normalise_locale, t
from longcheng.registry import auth
from longcheng.registry.principals import Principal
from longcheng.registry.tokens import issue, user_id_of
from longcheng.registry.users import get_user
from longcheng.services.context import PlatformContext


def locale() -> str:
    """The user's chosen language, else the browser's (Chinese for a Chinese browser)."""
    chosen = app.storage.user.get("locale")
    if chosen in ("zh", "en"):
        return str(chosen)
    request = ui.context.client.request
    header = request.headers.get("accept-language", "") if request is not None else ""
    return normalise_locale(header) if header else "zh"


def tr(key: str, /, **params: Any) -> str:
    return t(key, locale(), **params)


def sign_in(ctx: PlatformContext, username: str, password: str) -> Principal:
    with ctx.sessions() as db:
        principal = auth.login(db, username, password)
        user_locale = get_user(db, principal, principal.user_id).locale
    now = int(time.time())
    app.storage.user.update(
        {
            "token": issue(principal, ctx.settings.jwt_secret, now, ctx.settings.token_ttl_s),
            "username": principal.username,
        }
    )
    app.storage.user.setdefault("locale", user_locale)
    return principal


def current(ctx: PlatformContext) -> Principal | None:
    """The signed-in principal, or None when there is no session or it has expired."""
    token = app.storage.user.get("token")
    if not token:
        return None
    try:
        user_id = user_id_of(str(token), ctx.settings.jwt_secret)
        with ctx.sessions() as db:
            return auth.principal_for_user_id(db, user_id)
    except AuthError:
        app.storage.user.pop("token", None)
        app.storage.user["expired"] = True
        return None


def sign_out() -> None:
    app.storage.user.pop("token", None)
    app.storage.user.pop("username", None)


def go(path: str) -> None:
    """A full page load (leaves the single-page router, e.g. between the login page and the console)."""
    ui.run_javascript(f"window.location.href = {path!r}")


__all__ = ["current", "go", "locale", "sign_in", "sign_out", "tr"]
