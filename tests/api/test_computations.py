"""The model and algorithm library over HTTP: catalogue, invocation with units, refusals, batch, telemetry,
metering per tenant and month."""

from __future__ import annotations

import time
from typing import Any

import httpx

from support import World, eventually

BEARING = "rotating.bearing_defect_frequencies"
PUMP = "rotating.pump_hydraulic_power"


async def test_catalogue_lists_models_with_schemas_and_filters(admin: httpx.AsyncClient) -> None:
    page = (await admin.get("/api/v1/models", params={"limit": 1000})).json()
    ids = {m["id"] for m in page["items"]}
    assert {BEARING, PUMP} <= ids
    assert page["total"] == len(page["items"])
    bearing = next(m for m in page["items"] if m["id"] == BEARING)
    assert bearing["title"]["zh"] == "滚动轴承故障特征频率"
    assert bearing["inputs_schema"]["properties"]["shaft_speed"]["x-unit"] == "rpm"
    assert bearing["reference"]
    assert bearing["formula"]
    assert bearing["examples"]

    only = (await admin.get("/api/v1/models", params={"q": "轴承", "category": "rotating"})).json()
    assert [m["id"] for m in only["items"]] == [BEARING]
    assert (await admin.get("/api/v1/models", params={"domain": "no-such-domain"})).json()["total"] == 0
    assert (await admin.get(f"/api/v1/models/{BEARING}")).json()["id"] == BEARING
    missing = await admin.get("/api/v1/models/rotating.nothing")
    assert missing.status_code == 404


async def test_invoke_converts_units_and_refuses_bad_input(admin: httpx.AsyncClient) -> None:
    body = {
        "inputs": {"shaft_speed": "25 Hz", "balls": 9, "ball_diameter": "7.94 mm", "pitch_diameter": 39.04}
    }
    r = await admin.post(f"/api/v1/models/{BEARING}/invoke", json=body)
    assert r.status_code == 200, r.text
    out = r.json()["outputs"]
    assert abs(out["bpfo"] - 25 * 3.5848) < 25 * 3.5848 * 2e-4  # CWRU 6205: BPFO = 3.5848 × fr

    wrong_unit = {"inputs": {**body["inputs"], "shaft_speed": "3 kg"}}
    r = await admin.post(f"/api/v1/models/{BEARING}/invoke", json=wrong_unit)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["field"] == "inputs.shaft_speed"

    out_of_range = {"inputs": {**body["inputs"], "balls": 0}}
    r = await admin.post(f"/api/v1/models/{BEARING}/invoke", json=out_of_range)
    assert (r.status_code, r.json()["errors"][0]["field"]) == (422, "inputs.balls")

    missing = {"inputs": {"balls": 9, "ball_diameter": 7.94, "pitch_diameter": 39.04}}
    r = await admin.post(f"/api/v1/models/{BEARING}/invoke", json=missing)
    assert (r.status_code, r.json()["errors"][0]["field"]) == (422, "inputs.shaft_speed")


async def test_batch_keeps_good_rows_when_one_is_bad(admin: httpx.AsyncClient) -> None:
    rows = [{"flow": 0.01, "head": 50}, {"flow": -1, "head": 50}, {"flow": "36 m**3/h", "head": "5 bar"}]
    r = await admin.post(f"/api/v1/models/{PUMP}/invoke/batch", json={"rows": rows})
    assert r.status_code == 200, r.text
    first, bad, third = r.json()["results"]
    assert abs(first["outputs"]["hydraulic_power"] - 4903.325) < 1e-6  # 1000 × 9.80665 × 0.01 × 50
    assert bad["error"]["field"] == "rows.1.flow"
    # 5 bar is not a length: refused for that row only
    assert third["error"]["field"] == "rows.2.head"


async def test_metering_counts_per_tenant_and_month(admin: httpx.AsyncClient, world: World) -> None:
    operator = world.clients["operator"]
    good = {"inputs": {"flow": 0.01, "head": 50}}
    for _ in range(3):
        assert (await operator.post(f"/api/v1/models/{PUMP}/invoke", json=good)).status_code == 200
    assert (await operator.post(f"/api/v1/models/{PUMP}/invoke", json={"inputs": {}})).status_code == 422
    await operator.post(f"/api/v1/models/{PUMP}/invoke/batch", json={"rows": [good["inputs"]] * 4})
    await admin.post(f"/api/v1/models/{PUMP}/invoke", json=good)

    mine = (await operator.get("/api/v1/metering")).json()["items"]
    month = time.strftime("%Y-%m", time.gmtime())
    assert mine == [
        {
            "tenant_id": world.tenant_id,
            "kind": "model",
            "computation": PUMP,
            "month": month,
            "count": 5,
            "rows": 8,
            "errors": 1,
        }
    ]
    everyone = (await admin.get("/api/v1/metering", params={"month": month})).json()["items"]
    assert {(u["tenant_id"], u["count"]) for u in everyone} == {(world.tenant_id, 5), (0, 1)}


async def test_invoke_over_stored_telemetry(admin: httpx.AsyncClient, world: World) -> None:
    now = int(time.time() * 1000)
    await world.publish([{"ts": now - 2000 + i * 1000, "values": {"flow": 36.0 * (i + 1)}} for i in range(2)])

    async def stored() -> list[Any] | None:
        r = await admin.get(f"/api/v1/devices/{world.device_id}/telemetry", params={"property": "flow"})
        points: list[Any] = r.json()["points"]
        return points if len(points) == 2 else None

    await eventually(stored)
    # the device reports flow in m³/h (its thing model says so), the model takes m³/s: 36 m³/h = 0.01 m³/s
    r = await admin.post(
        f"/api/v1/models/{PUMP}/invoke/telemetry",
        json={
            "device_id": world.device_id,
            "mapping": {"flow": "flow"},
            "start": str(now - 10_000),
            "params": {"head": 10},
        },
    )
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    assert [row["ts"] for row in rows] == [now - 2000, now - 1000]
    assert [round(row["outputs"]["hydraulic_power"], 3) for row in rows] == [
        round(1000 * 9.80665 * 0.01 * 10, 3),
        round(1000 * 9.80665 * 0.02 * 10, 3),
    ]

    other = await world.clients["viewer"].post(
        f"/api/v1/models/{PUMP}/invoke/telemetry",
        json={"device_id": world.device_id + 999, "mapping": {"flow": "flow"}, "start": str(now - 10_000)},
    )
    assert other.status_code == 404
