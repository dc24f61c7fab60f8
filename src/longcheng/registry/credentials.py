"""User passwords: low-entropy, so argon2id (slow on purpose). Tokens live in ``core/tokens.py``."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP Password Storage Cheat Sheet, argon2id minimum: m = 19 MiB, t = 2, p = 1 (about 30 ms here; the
# library default of 64 MiB with 4 lanes costs 0.3 s per login on a 2-core server)
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


def hash_password(password: str) -> str:
    return str(_hasher.hash(password))


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


__all__ = ["hash_password", "verify_password"]
