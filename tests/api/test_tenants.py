"""Tenants: created, listed (paged, filtered by industry), read, changed and deleted by the platform admin."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx

from support import World, eventually


async def _tenant(admin: httpx.AsyncClient, code: str, industry: str = "machinery") -> dict[str, object]:
    r = await admin.post(
        "/api/v1/tenants", json={"code": code, "name": f"Tenant {code}", "industry": industry}
    )
    assert r.status_code == 201, r.text
    body: dict[str, object] = r.json()
    return body


async def test_create_and_read_a_tenant(admin: httpx.AsyncClient) -> None:
    r = await admin.post(
        "/api/v1/tenants",
        json={"code": "acme", "name": "Acme Pumps", "industry": "machinery", "region": "Changzhou"},
    )

    assert r.status_code == 201
    created = r.json()
    assert {k: created[k] for k in ("code", "name", "industry", "region", "active")} == {
        "code": "acme",
        "name": "Acme Pumps",
        "industry": "machinery",
        "region": "Changzhou",
        "active": True,
    }
    fetched = await admin.get(f"/api/v1/tenants/{created['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == created
    # times carry their zone (UTC), also when read back from the database
    assert datetime.fromisoformat(fetched.json()["created_at"]).utcoffset() == timedelta(0)


async def test_list_is_paged_and_filtered_by_industry(admin: httpx.AsyncClient) -> None:
    ids = [
        (await _tenant(admin, code, industry))["id"]
        for code, industry in [("t-a", "textile"), ("t-b", "food"), ("t-c", "textile")]
    ]

    first = (await admin.get("/api/v1/tenants", params={"limit": 2})).json()
    rest = (await admin.get("/api/v1/tenants", params={"limit": 2, "offset": 2})).json()
    textile = (await admin.get("/api/v1/tenants", params={"industry": "textile"})).json()

    assert first["total"] == rest["total"] == 3
    assert [t["id"] for t in first["items"]] == ids[:2]
    assert [t["id"] for t in rest["items"]] == ids[2:]
    assert textile["total"] == 2
    assert [t["code"] for t in textile["items"]] == ["t-a", "t-c"]


async def test_paging_parameters_are_bounded(admin: httpx.AsyncClient) -> None:
    for params, field in [({"limit": 0}, "limit"), ({"limit": 1001}, "limit"), ({"offset": -1}, "offset")]:
        r = await admin.get("/api/v1/tenants", params=params)
        assert r.status_code == 422, params
        assert r.json()["errors"][0]["field"] == field


async def test_update_a_tenant(admin: httpx.AsyncClient) -> None:
    tenant = await _tenant(admin, "acme")

    r = await admin.patch(
        f"/api/v1/tenants/{tenant['id']}",
        json={"name": "Acme Group", "region": "Wujin", "industry": "energy"},
    )

    assert r.status_code == 200
    assert (r.json()["name"], r.json()["region"], r.json()["industry"]) == ("Acme Group", "Wujin", "energy")
    assert r.json()["code"] == "acme"  # the code is the tenant's MQTT namespace and never changes
    assert (await admin.get(f"/api/v1/tenants/{tenant['id']}")).json()["name"] == "Acme Group"
    bad = await admin.patch(f"/api/v1/tenants/{tenant['id']}", json={"code": "other"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "code"


async def test_a_taken_code_is_a_conflict(admin: httpx.AsyncClient) -> None:
    await _tenant(admin, "acme")

    r = await admin.post("/api/v1/tenants", json={"code": "acme", "name": "Again", "industry": "food"})

    assert r.status_code == 409
    assert r.json()["code"] == "error.conflict"
    assert (await admin.get("/api/v1/tenants")).json()["total"] == 1


async def test_invalid_tenants_are_refused_naming_the_field(admin: httpx.AsyncClient) -> None:
    cases = [
        ({"code": "Acme!", "name": "x", "industry": "machinery"}, "code"),
        ({"code": "acme", "name": "x", "industry": "farming"}, "industry"),
        ({"code": "acme", "name": "", "industry": "machinery"}, "name"),
        ({"code": "acme", "name": "x", "industry": "machinery", "colour": "red"}, "colour"),
    ]
    for body, field in cases:
        r = await admin.post("/api/v1/tenants", json=body)
        assert r.status_code == 422, body
        assert [e["field"] for e in r.json()["errors"]] == [field]


async def test_delete_a_tenant_with_its_devices_and_data(admin: httpx.AsyncClient, pump: World) -> None:
    await pump.publish({"values": {"flow": 1.5}})

    async def stored() -> bool:
        return (await admin.get("/api/v1/stats")).json()["samples_stored"] == 1

    await eventually(stored)

    r = await admin.delete(f"/api/v1/tenants/{pump.tenant_id}")

    assert r.status_code == 204
    assert (await admin.get(f"/api/v1/tenants/{pump.tenant_id}")).status_code == 404
    assert (await admin.get(f"/api/v1/devices/{pump.device_id}")).status_code == 404
    assert (await admin.get(f"/api/v1/device-types/{pump.type_id}")).status_code == 404
    stats = (await admin.get("/api/v1/stats")).json()
    assert (stats["tenants"], stats["devices"], stats["samples_stored"]) == (0, 0, 0)


async def test_unknown_tenant_is_not_found(admin: httpx.AsyncClient) -> None:
    for r in (
        await admin.get("/api/v1/tenants/999"),
        await admin.patch("/api/v1/tenants/999", json={"name": "x"}),
        await admin.delete("/api/v1/tenants/999"),
    ):
        assert r.status_code == 404
        assert r.json()["code"] == "error.not_found"
