"""Device types (thing models): created per tenant, listed, versioned on change, protected while in use."""

from __future__ import annotations

from typing import Any

import httpx

from support import PUMP_MODEL, World, eventually

VALVE_MODEL: dict[str, Any] = {
    "properties": [{"name": "opening", "data_type": "float", "unit": "percent", "min": 0, "max": 100}]
}


async def _type(
    admin: httpx.AsyncClient, tenant_id: int, key: str, industry: str = "general"
) -> dict[str, Any]:
    r = await admin.post(
        "/api/v1/device-types",
        json={
            "key": key,
            "name": key.title(),
            "industry": industry,
            "thing_model": VALVE_MODEL,
            "tenant_id": tenant_id,
        },
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_create_and_read_a_device_type(admin: httpx.AsyncClient, pump: World) -> None:
    created = await _type(admin, pump.tenant_id, "valve", "chemical")

    assert (created["key"], created["name"], created["industry"]) == ("valve", "Valve", "chemical")
    assert created["tenant_id"] == pump.tenant_id
    assert created["version"] == 1
    (opening,) = created["thing_model"]["properties"]
    assert (opening["name"], opening["unit"], opening["min"], opening["max"]) == (
        "opening",
        "percent",
        0,
        100,
    )
    assert opening["access"] == "r"  # defaults filled in
    assert (await admin.get(f"/api/v1/device-types/{created['id']}")).json() == created
    pump_type = (await admin.get(f"/api/v1/device-types/{pump.type_id}")).json()
    assert [p["name"] for p in pump_type["thing_model"]["properties"]] == [
        p["name"] for p in PUMP_MODEL["properties"]
    ]


async def test_list_is_paged_and_filtered(admin: httpx.AsyncClient, provision: Any, pump: World) -> None:
    beta = await provision("beta")
    valve = await _type(admin, pump.tenant_id, "valve", "chemical")
    fan = await _type(admin, pump.tenant_id, "fan", "energy")

    acme = (await admin.get("/api/v1/device-types", params={"tenant_id": pump.tenant_id})).json()
    everything = (await admin.get("/api/v1/device-types", params={"limit": 2, "offset": 1})).json()
    chemical = (await admin.get("/api/v1/device-types", params={"industry": "chemical"})).json()

    assert [t["id"] for t in acme["items"]] == [pump.type_id, valve["id"], fan["id"]]
    assert acme["total"] == 3
    assert everything["total"] == 4
    assert [t["id"] for t in everything["items"]] == [beta.type_id, valve["id"]]
    assert [t["id"] for t in chemical["items"]] == [valve["id"]]


async def test_changing_the_thing_model_bumps_the_version_and_applies_at_once(
    admin: httpx.AsyncClient, pump: World
) -> None:
    model = {
        "properties": [*PUMP_MODEL["properties"], {"name": "pressure", "data_type": "float", "unit": "bar"}]
    }

    r = await admin.patch(
        f"/api/v1/device-types/{pump.type_id}", json={"thing_model": model, "name": "Pump v2"}
    )

    assert r.status_code == 200
    assert (r.json()["version"], r.json()["name"]) == (2, "Pump v2")
    renamed = await admin.patch(f"/api/v1/device-types/{pump.type_id}", json={"name": "Pump v3"})
    assert renamed.json()["version"] == 2  # only a new thing model is a new version

    # ingest validates against the new model without waiting for its cache to expire
    await pump.publish({"values": {"pressure": 2.5}})

    async def stored() -> list[dict[str, Any]] | None:
        r = await admin.get(f"/api/v1/devices/{pump.device_id}/telemetry", params={"property": "pressure"})
        points: list[dict[str, Any]] = r.json()["points"]
        return points or None

    assert [p["value"] for p in await eventually(stored)] == [2.5]


async def test_a_taken_key_is_a_conflict_within_one_tenant_only(
    admin: httpx.AsyncClient, provision: Any, pump: World
) -> None:
    beta = await provision("beta")  # has its own "pump" type: keys are unique per tenant
    assert beta.type_id != pump.type_id

    r = await admin.post(
        "/api/v1/device-types",
        json={"key": "pump", "name": "Again", "thing_model": VALVE_MODEL, "tenant_id": pump.tenant_id},
    )

    assert r.status_code == 409
    assert r.json()["code"] == "error.conflict"


async def test_a_type_in_use_cannot_be_deleted(admin: httpx.AsyncClient, pump: World) -> None:
    r = await admin.delete(f"/api/v1/device-types/{pump.type_id}")

    assert r.status_code == 409
    assert r.json()["code"] == "error.in_use"
    assert "1 devices" in r.json()["detail"]
    assert (await admin.get(f"/api/v1/device-types/{pump.type_id}")).status_code == 200

    assert (await admin.delete(f"/api/v1/devices/{pump.device_id}")).status_code == 204
    assert (await admin.delete(f"/api/v1/device-types/{pump.type_id}")).status_code == 204
    assert (await admin.get(f"/api/v1/device-types/{pump.type_id}")).status_code == 404


async def test_invalid_thing_models_are_refused(admin: httpx.AsyncClient, pump: World) -> None:
    def body(*props: dict[str, Any]) -> dict[str, Any]:
        return {
            "key": "bad",
            "name": "Bad",
            "tenant_id": pump.tenant_id,
            "thing_model": {"properties": list(props)},
        }

    cases = [
        body({"name": "x", "data_type": "float", "min": 10, "max": 1}),
        body({"name": "x", "data_type": "decimal"}),
        body({"name": "x", "data_type": "float", "unit": "furlongs_per_fortnight_squared"}),
        body({"name": "x", "data_type": "enum"}),
        body({"name": "x", "data_type": "int"}, {"name": "x", "data_type": "int"}),
        body({"name": "Bad Name", "data_type": "int"}),
    ]
    for case in cases:
        r = await admin.post("/api/v1/device-types", json=case)
        assert r.status_code == 422, case
        assert r.json()["errors"][0]["field"].startswith("thing_model"), r.json()
    assert (await admin.get("/api/v1/device-types")).json()["total"] == 1


async def test_a_platform_admin_names_the_tenant(admin: httpx.AsyncClient, pump: World) -> None:
    r = await admin.post(
        "/api/v1/device-types", json={"key": "valve", "name": "Valve", "thing_model": VALVE_MODEL}
    )
    missing = await admin.post(
        "/api/v1/device-types",
        json={"key": "valve", "name": "Valve", "thing_model": VALVE_MODEL, "tenant_id": 999},
    )

    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "tenant_id", "reason": "a platform admin must name the tenant"}]
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "tenant_id"
