"""Request dependencies: the platform context, a database session, the caller and their language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from sqlalchemy.orm import Session

from longcheng.core.errors import AuthError
from longcheng.core.i18n import normalise_locale
from longcheng.registry.principals import Principal
from longcheng.services import principals
from longcheng.services.context import PlatformContext

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def get_ctx(request: Request) -> PlatformContext:
    ctx: PlatformContext = request.app.state.ctx
    return ctx


Ctx = Annotated[PlatformContext, Depends(get_ctx)]


def get_db(ctx: Ctx) -> Iterator[Session]:
    with ctx.sessions() as db:
        yield db


Db = Annotated[Session, Depends(get_db)]


async def get_principal(
    ctx: Ctx,
    bearer: Annotated[str | None, Depends(oauth2)],
    api_key: Annotated[str | None, Depends(api_key_header)],
) -> Principal:
    """A bearer JWT, a bearer API key (``lck_…``) or an ``X-API-Key`` header; otherwise 401.

    A warm credential is answered from the principal cache without touching the database.
    """
    credential = api_key or bearer
    if not credential:
        raise AuthError("authentication required: a bearer token or an API key", code="error.auth_required")
    found = principals.cached(ctx, credential, api_key=bool(api_key))
    if found is not None:
        return found
    return await run_in_threadpool(principals.resolve, ctx, credential, api_key=bool(api_key))


Caller = Annotated[Principal, Depends(get_principal)]


def get_locale(request: Request) -> str:
    return normalise_locale(request.headers.get("accept-language"))


__all__ = ["Caller", "Ctx", "Db", "get_ctx", "get_db", "get_locale", "get_principal"]
