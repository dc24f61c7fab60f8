"""The model and algorithm library as a service: catalogue, invocation (single, batch, over telemetry),
metering. The rule engine and apps call these functions exactly as the API does."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, get_origin

from pydantic import ValidationError
from sqlalchemy.orm import Session

from longcheng.core.computation import ComputationSpec, Kind
from longcheng.core.errors import InvalidInput, NotFound
from longcheng.core.plugins import GROUPS, PluginFailure, Registry
from longcheng.core.thing_model import ThingModel
from longcheng.registry import devices as registry
from longcheng.registry.principals import Principal
from longcheng.services.context import PlatformContext
from longcheng.services.schemas import ComputationOut, ExampleOut

MAX_BATCH = 10_000
MAX_TELEMETRY_POINTS = 100_000


@dataclass(frozen=True)
class Catalogue:
    specs: dict[Kind, dict[str, ComputationSpec]]
    failures: list[PluginFailure]


@functools.cache
def catalogue() -> Catalogue:
    models = Registry.load(GROUPS["models"], ComputationSpec)
    algorithms = Registry.load(GROUPS["algorithms"], ComputationSpec)
    return Catalogue(
        {"model": models.specs, "algorithm": algorithms.specs}, [*models.failures, *algorithms.failures]
    )


def find(kind: Kind, computation_id: str) -> ComputationSpec:
    spec = catalogue().specs[kind].get(computation_id)
    if spec is None:
        raise NotFound(kind, computation_id)
    return spec


def search(
    kind: Kind,
    *,
    category: str | None = None,
    domain: str | None = None,
    industry: str | None = None,
    q: str | None = None,
) -> list[ComputationSpec]:
    """Specs of one kind matching every filter given; ``q`` searches ids, titles, formula and reference."""
    needle = (q or "").strip().lower()
    found = []
    for spec in catalogue().specs[kind].values():
        if category and spec.category != category:
            continue
        if domain and domain not in spec.domains:
            continue
        if industry and industry not in spec.industries:
            continue
        text = " ".join((spec.name, spec.title.en, spec.title.zh, spec.formula, spec.reference)).lower()
        if needle and needle not in text:
            continue
        found.append(spec)
    return sorted(found, key=lambda s: s.name)


def describe(spec: ComputationSpec) -> ComputationOut:
    return _described(spec.kind, spec.name)


@functools.cache
def _described(kind: Kind, computation_id: str) -> ComputationOut:
    spec = find(kind, computation_id)
    return ComputationOut(
        id=spec.name,
        kind=spec.kind,
        title=spec.title,
        category=spec.category,
        domains=list(spec.domains),
        industries=list(spec.industries),
        formula=spec.formula,
        reference=spec.reference,
        inputs_schema=spec.inputs.model_json_schema(),
        outputs_schema=spec.outputs.model_json_schema(),
        examples=[
            ExampleOut(inputs=dict(e.inputs), expected=dict(e.expected), source=e.source)
            for e in spec.examples
        ],
    )


def _invalid(err: ValidationError, prefix: str) -> InvalidInput:
    first = err.errors()[0]
    field = ".".join(str(p) for p in (prefix, *first["loc"]) if p != "")
    return InvalidInput(field, first["msg"])


def _run(spec: ComputationSpec, inputs: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    try:
        return spec.invoke(inputs).model_dump()
    except ValidationError as err:
        raise _invalid(err, prefix) from err
    except (ValueError, ArithmeticError) as err:
        raise InvalidInput(prefix or "inputs", str(err) or type(err).__name__) from err


def invoke(
    ctx: PlatformContext, principal: Principal, kind: Kind, computation_id: str, inputs: Mapping[str, Any]
) -> dict[str, Any]:
    principal.require("data.read")
    spec = find(kind, computation_id)
    try:
        result = _run(spec, inputs, "inputs")
    except InvalidInput:
        ctx.meter.record(principal.tenant_id, kind, spec.name, ctx.clock.now_ms(), error=True)
        raise
    ctx.meter.record(principal.tenant_id, kind, spec.name, ctx.clock.now_ms())
    return result


def invoke_batch(
    ctx: PlatformContext,
    principal: Principal,
    kind: Kind,
    computation_id: str,
    rows: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """One result per row: ``{"outputs": …}`` or ``{"error": {"field", "reason"}}``; a bad row never
    fails the others. Metered as one invocation of ``len(rows)`` rows."""
    principal.require("data.read")
    spec = find(kind, computation_id)
    if not rows or len(rows) > MAX_BATCH:
        raise InvalidInput("rows", f"between 1 and {MAX_BATCH} rows")
    results: list[dict[str, Any]] = []
    failed = 0
    for i, row in enumerate(rows):
        try:
            results.append({"outputs": _run(spec, row, f"rows.{i}")})
        except InvalidInput as err:
            failed += 1
            results.append({"error": {"field": err.field, "reason": err.reason}})
    ctx.meter.record(
        principal.tenant_id, kind, spec.name, ctx.clock.now_ms(), rows=len(rows), error=failed == len(rows)
    )
    return results


def _is_series(spec: ComputationSpec, field: str) -> bool:
    info = spec.inputs.model_fields.get(field)
    if info is None:
        raise InvalidInput(f"mapping.{field}", f"{spec.name} has no input {field!r}")
    return get_origin(info.annotation) is list


def invoke_on_telemetry(
    ctx: PlatformContext,
    db: Session,
    principal: Principal,
    kind: Kind,
    computation_id: str,
    *,
    device_id: int,
    mapping: Mapping[str, str],
    start_ms: int,
    end_ms: int,
    params: Mapping[str, Any],
) -> dict[str, Any]:
    """Feed a device's stored telemetry to a computation.

    ``mapping`` names, for each input, the property that supplies it. Inputs that take a list (algorithms)
    receive the whole series (and ``timestamps`` if the computation has that input); scalar inputs
    (models) are evaluated row by row at the timestamps of the first mapped property, each other property
    taken at its latest value at or before that time.
    """
    device = registry.get_device(db, principal, device_id)
    spec = find(kind, computation_id)
    if not mapping:
        raise InvalidInput("mapping", "map at least one input to a property")
    if start_ms >= end_ms:
        raise InvalidInput("start", "must be before end")
    series = {
        field: ctx.timeseries.range(device.id, prop, start_ms, end_ms, MAX_TELEMETRY_POINTS)
        for field, prop in mapping.items()
    }
    if any(not points for points in series.values()):
        empty = next(f for f, p in series.items() if not p)
        raise InvalidInput(f"mapping.{empty}", f"no data for property {mapping[empty]!r} in the time range")
    if all(_is_series(spec, field) for field in mapping):
        inputs = dict(params) | {field: [p.value for p in points] for field, points in series.items()}
        first = next(iter(series.values()))
        if "timestamps" in spec.inputs.model_fields and "timestamps" not in inputs:
            inputs["timestamps"] = [p.ts_ms for p in first]
        return {"outputs": invoke(ctx, principal, kind, computation_id, inputs), "points": len(first)}
    units = {p.name: p.unit for p in ThingModel.model_validate(device.device_type.thing_model).properties}
    rows, stamps = _aligned_rows(series, {field: units.get(prop) for field, prop in mapping.items()}, params)
    results = invoke_batch(ctx, principal, kind, computation_id, rows)
    return {"rows": [{"ts": ts, **r} for ts, r in zip(stamps, results, strict=True)], "points": len(rows)}


def _aligned_rows(
    series: Mapping[str, Sequence[Any]], units: Mapping[str, str | None], params: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], list[int]]:
    fields = list(series)
    base = series[fields[0]]
    stamps = {f: [p.ts_ms for p in series[f]] for f in fields}
    rows, times = [], []
    for point in base[:MAX_BATCH]:
        row = dict(params)
        for field in fields:
            i = bisect.bisect_right(stamps[field], point.ts_ms) - 1
            if i < 0:
                break
            value = series[field][i].value
            row[field] = {"value": value, "unit": units[field]} if units[field] else value
        else:
            rows.append(row)
            times.append(point.ts_ms)
    return rows, times


__all__ = [
    "Catalogue",
    "catalogue",
    "describe",
    "find",
    "invoke",
    "invoke_batch",
    "invoke_on_telemetry",
    "search",
]
