"""Random bearer tokens (device secrets, API keys) and their hashes.

The tokens are 256-bit random values generated here, so a single SHA-256 is enough to store them (there is
no dictionary to attack) and keeps device authentication fast; comparison is constant-time. Low-entropy
user passwords use argon2 instead (``registry/credentials.py``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def verify_token(token_hash: str, token: str) -> bool:
    return hmac.compare_digest(token_hash, hash_token(token))


__all__ = ["hash_token", "new_token", "verify_token"]
