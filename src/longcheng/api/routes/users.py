"""Users and roles."""

from __future__ import annotations

from fastapi import APIRouter, status

from longcheng.api.deps import Caller, Ctx, Db
from longcheng.api.routes.params import Limit, Offset
from longcheng.registry import users
from longcheng.registry.schemas import Page, UserCreate, UserPublic, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.get("")
def list_users(
    db: Db, caller: Caller, limit: Limit = 50, offset: Offset = 0, tenant_id: int | None = None
) -> Page[UserPublic]:
    rows, total = users.list_users(db, caller, limit=limit, offset=offset, tenant_id=tenant_id)
    return Page(items=[UserPublic.model_validate(r) for r in rows], total=total)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_user(db: Db, caller: Caller, body: UserCreate) -> UserPublic:
    return UserPublic.model_validate(users.create_user(db, caller, body))


@router.get("/{user_id}")
def get_user(db: Db, caller: Caller, user_id: int) -> UserPublic:
    return UserPublic.model_validate(users.get_user(db, caller, user_id))


@router.patch("/{user_id}")
def update_user(ctx: Ctx, db: Db, caller: Caller, user_id: int, body: UserUpdate) -> UserPublic:
    user = users.update_user(db, caller, user_id, body)
    ctx.principals.clear()  # a changed role or a disabled account takes effect on the next request
    return UserPublic.model_validate(user)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_user(ctx: Ctx, db: Db, caller: Caller, user_id: int) -> None:
    users.delete_user(db, caller, user_id)
    ctx.principals.clear()
