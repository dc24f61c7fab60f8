"""Log in with a password (OAuth2 password form) for a bearer JWT; who am I."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm

from longcheng.api.deps import Caller, Ctx, Db
from longcheng.registry import auth
from longcheng.registry.schemas import UserPublic
from longcheng.registry.tokens import issue
from longcheng.registry.users import get_user

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token")
def token(ctx: Ctx, db: Db, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, Any]:
    principal = auth.login(db, form.username, form.password)
    ttl = ctx.settings.token_ttl_s
    jwt = issue(principal, ctx.settings.jwt_secret, ctx.clock.now_ms() // 1000, ttl)
    return {"access_token": jwt, "token_type": "bearer", "expires_in": ttl}


@router.get("/me")
def me(db: Db, caller: Caller) -> UserPublic:
    return UserPublic.model_validate(get_user(db, caller, caller.user_id))
