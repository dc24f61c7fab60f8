"""User-facing text in Chinese and English.

Every string a user reads goes through ``t(key, locale, **params)``. The catalogue of a locale is the union
of the JSON files in ``core/locales/<locale>/`` (one file per area, so parallel work never edits one file);
both locales have the same keys, which a test keeps in step. Terms follow ``GLOSSARY.md``.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

LOCALES = ("zh", "en")
DEFAULT_LOCALE = "zh"


@functools.cache
def catalogue(locale: str) -> dict[str, str]:
    data: dict[str, str] = {}
    folder = resources.files("longcheng.core").joinpath("locales", locale)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data.update(json.loads(entry.read_text("utf-8")))
    return data


def normalise_locale(value: str | None) -> str:
    """Map an Accept-Language header or a LANG value to one of LOCALES (English when unsure)."""
    if not value:
        return "en"
    for part in value.replace("_", "-").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return "zh"
        if tag.startswith("en"):
            return "en"
    return "en"


def t(key: str, locale: str = "en", /, **params: Any) -> str:
    """Translate ``key``; a missing key falls back to English, then to the key itself."""
    template = catalogue(locale if locale in LOCALES else "en").get(key)
    if template is None:
        template = catalogue("en").get(key, key)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


__all__ = ["DEFAULT_LOCALE", "LOCALES", "catalogue", "normalise_locale", "t"]
