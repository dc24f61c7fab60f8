"""One plugin mechanism for every kind: packaging entry points pointing at frozen ``Spec`` objects.

Each kind has its own entry-point group (``longcheng.drivers``, ``longcheng.timeseries``, …) and its own
``Spec`` subclass. Built-in plugins register exactly as a third-party package does, in ``pyproject.toml``.
An entry point names one ``Spec``, or a *family*: a tuple of specs whose names all start with
``<entry point name>.`` (used by the model and algorithm libraries, where one module holds many).
Each entry point loads on its own: a broken one is recorded in ``Registry.failures`` (and shown by
``longcheng plugins``) and never takes the core down.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from typing import Generic, TypeVar

from pydantic import BaseModel

from longcheng.core.errors import NotFound

log = logging.getLogger(__name__)

API_VERSION = 1

GROUPS: dict[str, str] = {
    "drivers": "longcheng.drivers",
    "timeseries": "longcheng.timeseries",
    "models": "longcheng.models",
    "algorithms": "longcheng.algorithms",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Spec:
    """What every plugin declares. ``title_key`` is an i18n key; ``config_model`` validates its config."""

    name: str
    title_key: str
    api_version: int = API_VERSION
    config_model: type[BaseModel] | None = None
    summary: str = ""


S = TypeVar("S", bound=Spec)


@dataclass(frozen=True, slots=True)
class PluginFailure:
    name: str
    target: str
    error: str


@dataclass
class Registry(Generic[S]):
    """The plugins of one kind, loaded from one entry-point group."""

    group: str
    spec_type: type[S]
    specs: dict[str, S] = field(default_factory=dict)
    failures: list[PluginFailure] = field(default_factory=list)

    @classmethod
    def load(cls, group: str, spec_type: type[S]) -> Registry[S]:
        registry = cls(group, spec_type)
        for ep in sorted(entry_points(group=group), key=lambda e: e.name):
            registry._load_one(ep)
        return registry

    def _load_one(self, ep: EntryPoint) -> None:
        try:
            spec = ep.load()
        except Exception as err:
            log.warning("plugin %s in %s failed to load: %s", ep.name, self.group, err)
            self.failures.append(PluginFailure(ep.name, ep.value, f"{type(err).__name__}: {err}"))
            return
        family = isinstance(spec, tuple | list)
        members = list(spec) if family else [spec]
        problems = [p for p in (self._check(ep.name, m, family=family) for m in members) if p]
        if problems:
            log.warning("plugin %s in %s rejected: %s", ep.name, self.group, problems[0])
            self.failures.append(PluginFailure(ep.name, ep.value, "; ".join(problems)))
            return
        for member in members:
            self.specs[member.name] = member

    def _check(self, name: str, spec: object, *, family: bool = False) -> str | None:
        if not isinstance(spec, self.spec_type):
            return f"entry point must be a {self.spec_type.__name__}, got {type(spec).__name__}"
        if family and not spec.name.startswith(f"{name}."):
            return f"spec name {spec.name!r} does not start with the family name {name!r}"
        if not family and spec.name != name:
            return f"spec name {spec.name!r} differs from the entry point name {name!r}"
        if spec.api_version != API_VERSION:
            return f"plugin API version {spec.api_version}, this platform speaks {API_VERSION}"
        return None

    def get(self, name: str) -> S:
        try:
            return self.specs[name]
        except KeyError:
            raise NotFound(f"{self.group} plugin", name) from None


__all__ = ["API_VERSION", "GROUPS", "PluginFailure", "Registry", "Spec"]
