"""Helpers the service modules share: paging, scoped fetches, unique-key conflicts, audit entries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from longcheng.core.errors import Conflict, NotFound
from longcheng.registry.principals import Principal
from longcheng.storage.metadata.tables import AuditEntry, Base

M = TypeVar("M", bound=Base)

MAX_LIMIT = 1000


def page(db: Session, query: Select[M], limit: int, offset: int) -> tuple[list[M], int]:
    """Run ``query`` for one page and count all its rows."""
    total = db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = db.scalars(query.limit(min(max(limit, 1), MAX_LIMIT)).offset(max(offset, 0))).unique().all()
    return list(rows), int(total)


def get_scoped(db: Session, model: type[M], object_id: int, principal: Principal, kind: str) -> M:
    """Fetch a tenant-owned row; another tenant's row is reported as not found, never as forbidden."""
    row = db.get(model, object_id)
    scope = principal.tenant_filter()
    if row is None or (scope is not None and getattr(row, "tenant_id", None) != scope):
        raise NotFound(kind, object_id)
    return row


def commit_unique(db: Session, what: str, key: str) -> None:
    """Commit; a unique-key violation becomes a Conflict naming ``key``."""
    _unique(db, db.commit, what, key)


def flush_unique(db: Session, what: str, key: str) -> None:
    """Flush (to learn a new row's id before the commit); a unique-key violation becomes a Conflict."""
    _unique(db, db.flush, what, key)


def _unique(db: Session, step: Callable[[], None], what: str, key: str) -> None:
    try:
        step()
    except IntegrityError as err:
        db.rollback()
        raise Conflict(f"{what} {key!r} already exists", what=what, key=key) from err


def audit(
    db: Session, principal: Principal, action: str, target: str, tenant_id: int | None, **detail: Any
) -> None:
    """Record who did what to which object; committed with the change it describes."""
    db.add(
        AuditEntry(tenant_id=tenant_id, actor=principal.username, action=action, target=target, detail=detail)
    )


__all__ = ["MAX_LIMIT", "audit", "commit_unique", "flush_unique", "get_scoped", "page"]
