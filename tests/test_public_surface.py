"""The curated public surface of the core modules stays small and deliberate: every name in ``__all__``
exists, and nothing private is exported."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import longcheng

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(longcheng.__path__, "longcheng.")
    if not m.name.split(".")[-1].startswith("_") and ".migrations." not in m.name
)


@pytest.mark.parametrize("name", MODULES)
def test_all_names_exist_and_are_public(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", [])
    for item in exported:
        assert hasattr(module, item), f"{name}.__all__ names missing {item!r}"
        assert not item.startswith("_") or item == "__version__", f"{name} exports private {item!r}"


def test_package_version_is_exported() -> None:
    assert longcheng.__all__ == ["__version__"]
    assert longcheng.__version__.count(".") == 2
