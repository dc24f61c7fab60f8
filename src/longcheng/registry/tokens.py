"""Bearer JWTs for people (API keys for programs are in the registry)."""

from __future__ import annotations

import jwt

from longcheng.core.errors import AuthError
from longcheng.registry.principals import Principal

ALGORITHM = "HS256"
ISSUER = "longcheng"


def issue(principal: Principal, secret: str, now_s: int, ttl_s: int) -> str:
    claims = {
        "sub": str(principal.user_id),
        "name": principal.username,
        "role": principal.role.value,
        "iss": ISSUER,
        "iat": now_s,
        "exp": now_s + ttl_s,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def user_id_of(token: str, secret: str) -> int:
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], issuer=ISSUER, options={"require": ["exp", "sub", "iss"]}
        )
    except jwt.ExpiredSignatureError as err:
        raise AuthError("the token has expired; log in again", code="error.token_expired") from err
    except jwt.PyJWTError as err:
        raise AuthError("invalid token", code="error.token_invalid") from err
    return int(claims["sub"])


__all__ = ["issue", "user_id_of"]
