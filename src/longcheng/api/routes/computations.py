"""The model and algorithm library: catalogue, invocation (single, batch, over telemetry), metering."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from longcheng.api.deps import Caller, Ctx, Db
from longcheng.api.routes.params import Limit, Offset, parse_time
from longcheng.core.computation import Kind
from longcheng.registry.schemas import Page
from longcheng.services import computations
from longcheng.services.metering import usage
from longcheng.services.schemas import ComputationOut, UsageOut


def _router(kind: Kind, prefix: str, tag: str) -> APIRouter:
    router = APIRouter(prefix=prefix, tags=[tag])

    @router.get("", name=f"list_{kind}s")
    def list_all(
        caller: Caller,
        limit: Limit = 50,
        offset: Offset = 0,
        category: str | None = None,
        domain: str | None = None,
        industry: str | None = None,
        q: Annotated[str | None, Query(max_length=100)] = None,
    ) -> Page[ComputationOut]:
        caller.require("data.read")
        found = computations.search(kind, category=category, domain=domain, industry=industry, q=q)
        return Page(
            items=[computations.describe(s) for s in found[offset : offset + limit]], total=len(found)
        )

    @router.get("/{computation_id}", name=f"get_{kind}")
    def get_one(caller: Caller, computation_id: str) -> ComputationOut:
        caller.require("data.read")
        return computations.describe(computations.find(kind, computation_id))

    @router.post("/{computation_id}/invoke", name=f"invoke_{kind}")
    async def invoke(
        ctx: Ctx, caller: Caller, computation_id: str, inputs: Annotated[dict[str, Any], Body(embed=True)]
    ) -> dict[str, Any]:
        """Inputs as JSON; quantities may carry units as strings (``"1450 rpm"``).

        One invocation takes microseconds, so it runs on the event loop (no thread hop); batches and
        telemetry invocations, which can take longer, run in the thread pool.
        """
        return {"outputs": computations.invoke(ctx, caller, kind, computation_id, inputs)}

    @router.post("/{computation_id}/invoke/batch", name=f"invoke_{kind}_batch")
    def invoke_batch(
        ctx: Ctx, caller: Caller, computation_id: str, rows: Annotated[list[dict[str, Any]], Body(embed=True)]
    ) -> dict[str, Any]:
        """Many input rows in one call; each row gets its outputs or its own error."""
        return {"results": computations.invoke_batch(ctx, caller, kind, computation_id, rows)}

    @router.post("/{computation_id}/invoke/telemetry", name=f"invoke_{kind}_telemetry")
    def invoke_telemetry(
        ctx: Ctx,
        db: Db,
        caller: Caller,
        computation_id: str,
        device_id: Annotated[int, Body()],
        mapping: Annotated[dict[str, str], Body()],
        start: Annotated[str, Body()],
        end: Annotated[str | None, Body()] = None,
        params: Annotated[dict[str, Any] | None, Body()] = None,
    ) -> dict[str, Any]:
        """Run on a device's stored telemetry: ``mapping`` says which property feeds which input."""
        start_ms = parse_time("start", start)
        assert start_ms is not None
        end_ms = parse_time("end", end) or ctx.clock.now_ms() + 1
        return computations.invoke_on_telemetry(
            ctx,
            db,
            caller,
            kind,
            computation_id,
            device_id=device_id,
            mapping=mapping,
            start_ms=start_ms,
            end_ms=end_ms,
            params=params or {},
        )

    return router


models_router = _router("model", "/models", "models")
algorithms_router = _router("algorithm", "/algorithms", "algorithms")
router = APIRouter(tags=["metering"])


@router.get("/metering")
def metering(
    ctx: Ctx,
    db: Db,
    caller: Caller,
    month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")] = None,
    tenant_id: int | None = None,
    kind: str | None = None,
) -> Page[UsageOut]:
    """Invocations per tenant, per model or algorithm, per month (UTC)."""
    rows = usage(db, caller, ctx.meter, month=month, tenant_id=tenant_id, kind=kind)
    return Page(items=[UsageOut.model_validate(r, from_attributes=True) for r in rows], total=len(rows))
