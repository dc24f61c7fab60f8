"""Writing to the terminal in the user's language (from LANG / LC_ALL / LONGCHENG_LANG)."""

from __future__ import annotations

import os
import sys
from typing import Any

from longcheng.core.i18n import normalise_locale, t


def locale() -> str:
    for var in ("LONGCHENG_LANG", "LC_ALL", "LANG"):
        value = os.environ.get(var)
        if value and not value.startswith(("C.", "POSIX")) and value != "C":
            return normalise_locale(value)
    return "en"


def say(key: str, **params: Any) -> None:
    sys.stdout.write(t(key, locale(), **params) + "\n")
    sys.stdout.flush()


def fail(key: str, code: int = 2, **params: Any) -> int:
    sys.stderr.write(t(key, locale(), **params) + "\n")
    return code


__all__ = ["fail", "locale", "say"]
