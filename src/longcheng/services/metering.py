"""Metering of model and algorithm invocations per tenant, per computation, per month.

Calls are counted in memory (no database write on the hot path) and added to the ``invocations`` table by
``flush`` — periodically by the runtime, before every read, and at shutdown. Rows are added to, never
overwritten, so several processes can flush into the same database.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from longcheng.registry.principals import Principal
from longcheng.storage.metadata.tables import Invocation

Key = tuple[int, str, str, str]  # tenant, kind, computation, month


def month_of(now_ms: int) -> str:
    return datetime.fromtimestamp(now_ms / 1000, UTC).strftime("%Y-%m")


class Meter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: Counter[Key] = Counter()
        self._rows: Counter[Key] = Counter()
        self._errors: Counter[Key] = Counter()

    def record(
        self,
        tenant_id: int | None,
        kind: str,
        computation: str,
        now_ms: int,
        *,
        rows: int = 1,
        error: bool = False,
    ) -> None:
        key = (tenant_id or 0, kind, computation, month_of(now_ms))
        with self._lock:
            self._calls[key] += 1
            self._rows[key] += rows
            if error:
                self._errors[key] += 1

    def flush(self, db: Session) -> int:
        """Add the pending counts to the database; returns how many counters were written."""
        with self._lock:
            calls, rows, errors = self._calls, self._rows, self._errors
            self._calls, self._rows, self._errors = Counter(), Counter(), Counter()
        if not calls:
            return 0
        dialect = sqlite if db.get_bind().dialect.name == "sqlite" else postgresql
        for (tenant_id, kind, computation, month), n in calls.items():
            key = (tenant_id, kind, computation, month)
            stmt = dialect.insert(Invocation).values(
                tenant_id=tenant_id,
                kind=kind,
                computation=computation,
                month=month,
                count=n,
                rows=rows[key],
                errors=errors[key],
            )
            db.execute(
                stmt.on_conflict_do_update(
                    index_elements=["tenant_id", "kind", "computation", "month"],
                    set_={
                        "count": Invocation.count + n,
                        "rows": Invocation.rows + rows[key],
                        "errors": Invocation.errors + errors[key],
                    },
                )
            )
        db.commit()
        return len(calls)


def usage(
    db: Session,
    principal: Principal,
    meter: Meter,
    *,
    month: str | None = None,
    tenant_id: int | None = None,
    kind: str | None = None,
) -> list[Invocation]:
    """Metered usage visible to the caller (own tenant; platform admins: all or one tenant)."""
    principal.require("data.read")
    meter.flush(db)
    query = select(Invocation).order_by(Invocation.month.desc(), Invocation.count.desc())
    scope = principal.tenant_filter()
    if scope is not None:
        query = query.where(Invocation.tenant_id == scope)
    elif tenant_id is not None:
        query = query.where(Invocation.tenant_id == tenant_id)
    if month:
        query = query.where(Invocation.month == month)
    if kind:
        query = query.where(Invocation.kind == kind)
    return list(db.scalars(query))


__all__ = ["Meter", "month_of", "usage"]
