"""The FastAPI application factory."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from longcheng import __version__
from longcheng.api import problems
from longcheng.api.routes import (
    api_keys,
    auth,
    commands,
    computations,
    device_types,
    devices,
    gateways,
    health,
    monitoring,
    tenants,
    users,
)
from longcheng.services.context import PlatformContext

API_PREFIX = "/api/v1"


def create_app(ctx: PlatformContext, *, console: bool = False) -> FastAPI:
    """The API app. With ``console`` the web console will be mounted at ``/`` (by the runtime); without
    it ``/`` leads to the API documentation."""
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
    for module in (
        health,
        auth,
        tenants,
        users,
        api_keys,
        device_types,
        devices,
        commands,
        gateways,
        monitoring,
        computations,
    ):
        api.include_router(module.router)
    api.include_router(computations.models_router)
    api.include_router(computations.algorithms_router)
    app.include_router(api)

    @app.api_route(
        f"{API_PREFIX}/{{path:path}}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    def no_such_route(request: Request, path: str) -> None:
        """API paths that match no route answer 404 problem+json (not the console's page); a route's path
        with a method it does not take answers 405, as it would without this catch-all."""
        if any(route.matches(request.scope)[0] is Match.PARTIAL for route in api.routes):
            raise StarletteHTTPException(405, f"{request.method} is not allowed on {API_PREFIX}/{path}")
        raise StarletteHTTPException(404, f"no API route {API_PREFIX}/{path}")

    if not console:

        @app.get("/", include_in_schema=False)
        def root() -> RedirectResponse:
            return RedirectResponse("/docs")

    return app


__all__ = ["API_PREFIX", "create_app"]
