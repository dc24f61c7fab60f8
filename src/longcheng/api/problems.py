"""Errors as RFC 9457 problem+json, naming the field and the reason, in the caller's language."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from longcheng.core.errors import (
    AuthError,
    BackendError,
    Conflict,
    InvalidInput,
    LongchengError,
    NotFound,
    PermissionDenied,
)
from longcheng.core.i18n import normalise_locale, t

MEDIA_TYPE = "application/problem+json"

_STATUS: list[tuple[type[LongchengError], int]] = [
    (InvalidInput, 422),
    (NotFound, 404),
    (Conflict, 409),
    (AuthError, 401),
    (PermissionDenied, 403),
    (BackendError, 503),
]


def problem(request: Request, status: int, code: str, detail: str, **extra: Any) -> JSONResponse:
    locale = normalise_locale(request.headers.get("accept-language"))
    body = {
        "type": f"urn:longcheng:problem:{code}",
        "title": t(code, locale, **extra.get("params", {})),
        "status": status,
        "detail": detail,
        "code": code,
        **{k: v for k, v in extra.items() if k != "params"},
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _status_of(err: LongchengError) -> int:
    for kind, status in _STATUS:
        if isinstance(err, kind):
            return status
    return 500


async def _platform_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, LongchengError)
    extra: dict[str, Any] = {"params": err.params}
    if isinstance(err, InvalidInput):
        extra["errors"] = [{"field": err.field, "reason": err.reason}]
    return problem(request, _status_of(err), err.code, err.message, **extra)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")] or [str(loc[-1])]
    return ".".join(parts)


async def _validation_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, RequestValidationError)
    errors = [{"field": _field(tuple(e["loc"])), "reason": e["msg"]} for e in err.errors()]
    detail = "; ".join(f"{e['field']}: {e['reason']}" for e in errors)
    return problem(request, 422, "error.invalid_input", detail, errors=errors)


async def _http_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, StarletteHTTPException)
    code = {404: "error.no_route", 405: "error.method"}.get(err.status_code, "error.http")
    return problem(request, err.status_code, code, str(err.detail))


def install(app: FastAPI) -> None:
    app.add_exception_handler(LongchengError, _platform_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


__all__ = ["MEDIA_TYPE", "install", "problem"]
