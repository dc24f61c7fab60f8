"""API keys for programs (each acts as the user who created it)."""

from __future__ import annotations

from fastapi import APIRouter, status

from longcheng.api.deps import Caller, Ctx, Db
from longcheng.api.routes.params import Limit, Offset
from longcheng.registry import api_keys
from longcheng.registry.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic, Page

router = APIRouter(prefix="/api-keys", tags=["api keys"])


@router.get("")
def list_keys(db: Db, caller: Caller, limit: Limit = 50, offset: Offset = 0) -> Page[ApiKeyPublic]:
    rows, total = api_keys.list_api_keys(db, caller, limit=limit, offset=offset)
    return Page(items=[ApiKeyPublic.model_validate(r) for r in rows], total=total)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_key(db: Db, caller: Caller, body: ApiKeyCreate) -> ApiKeyCreated:
    key, token = api_keys.create_api_key(db, caller, body.name)
    return ApiKeyCreated(**ApiKeyPublic.model_validate(key).model_dump(), key=token)


@router.delete("/{key_id}")
def revoke_key(ctx: Ctx, db: Db, caller: Caller, key_id: int) -> ApiKeyPublic:
    key = api_keys.revoke_api_key(db, caller, key_id)
    ctx.principals.clear()  # a revoked key is refused on the next request
    return ApiKeyPublic.model_validate(key)
