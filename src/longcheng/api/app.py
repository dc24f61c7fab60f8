"""The FastAPI application factory."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.responses import RedirectResponse

from longcheng import __version__
from longcheng.api import problems
from longcheng.api.routes import api_keys, auth, device_types, devices, health, monitoring, tenants, users
from longcheng.services.context import PlatformContext

API_PREFIX = "/api/v1"


def create_app(ctx: PlatformContext) -> FastAPI:
    app = FastAPI(
        title="Longcheng API",
        summary="Industrial internet platform: tenants, thing models, devices, telemetry.",
        version=__version__,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.ctx = ctx
    problems.install(app)
    api = APIRouter(prefix=API_PREFIX)
    for module in (health, auth, tenants, users, api_keys, device_types, devices, monitoring):
        api.include_router(module.router)
    app.include_router(api)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/docs")

    return app


__all__ = ["API_PREFIX", "create_app"]
