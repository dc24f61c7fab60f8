"""Every mechanism model and data-analysis algorithm, checked against its own spec:

- it has a formula, a reference and at least one worked example from that reference, and the example holds;
- the same call in other (SI base) units gives the same result;
- a missing input, an out-of-range input and an input in a wrong unit are refused with an error naming it;
- the library as a whole meets the issue's counts (≥150 models in ≥8 classes, ≥3 domains with ≥30 models
  each, ≥50 algorithms).
"""

from __future__ import annotations

import math
import typing
from collections import Counter
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.plugins import GROUPS, Registry
from longcheng.core.quantities import DIMENSIONLESS, bounds_of, unit_of
from longcheng.core.units import registry

MODELS = Registry.load(GROUPS["models"], ComputationSpec)
ALGORITHMS = Registry.load(GROUPS["algorithms"], ComputationSpec)
ALL = sorted([*MODELS.specs.values(), *ALGORITHMS.specs.values()], key=lambda s: s.name)
EXAMPLES = [(spec, i, ex) for spec in ALL for i, ex in enumerate(spec.examples)]


def _get(result: Any, path: str) -> Any:
    value = result
    for part in path.split("."):
        value = (
            value[int(part)]
            if isinstance(value, list | tuple)
            else (value[part] if isinstance(value, dict) else getattr(value, part))
        )
    return value


def assert_close(actual: Any, expected: Any, ex: Example, where: str) -> None:
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        assert isinstance(actual, int | float), f"{where}: {actual!r} is not a number"
        assert math.isclose(actual, expected, rel_tol=ex.rel_tol, abs_tol=ex.abs_tol), (
            f"{where}: got {actual!r}, the reference says {expected!r} ({ex.source})"
        )
    elif isinstance(expected, list | tuple):
        assert len(actual) == len(expected), f"{where}: length {len(actual)} != {len(expected)}"
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_close(a, e, ex, f"{where}[{i}]")
    else:
        assert actual == expected, f"{where}: got {actual!r}, expected {expected!r} ({ex.source})"


def test_every_family_loads() -> None:
    assert MODELS.failures == []
    assert ALGORITHMS.failures == []


def test_the_library_meets_the_seed_counts() -> None:
    models = list(MODELS.specs.values())
    assert len(models) >= 150
    assert len({m.category for m in models}) >= 8
    per_domain = Counter(d for m in models for d in m.domains)
    assert sum(1 for n in per_domain.values() if n >= 30) >= 3, per_domain
    assert len(ALGORITHMS.specs) >= 50
    assert all(s.kind == "model" for s in models)
    assert all(s.kind == "algorithm" for s in ALGORITHMS.specs.values())


def _is_float(annotation: Any) -> bool:
    return (
        annotation is float
        or float in typing.get_args(annotation)
        or any(typing.get_args(a)[:1] == (float,) for a in typing.get_args(annotation))
    )


@pytest.mark.parametrize("spec", ALL, ids=lambda s: s.name)
def test_spec_is_complete(spec: ComputationSpec) -> None:
    assert spec.examples, f"{spec.name} has no worked example from its reference"
    assert all(ex.source.strip() for ex in spec.examples)
    if spec.kind == "model":
        for model in (spec.inputs, spec.outputs):
            for name, info in model.model_fields.items():
                if _is_float(info.annotation):
                    assert unit_of(info) is not None, f"{spec.name}: {model.__name__}.{name} has no unit"


@pytest.mark.parametrize(("spec", "index", "example"), EXAMPLES, ids=lambda v: getattr(v, "name", str(v)))
def test_worked_example_holds(spec: ComputationSpec, index: int, example: Example) -> None:
    result = spec.invoke(example.inputs).model_dump()
    for path, expected in example.expected.items():
        assert_close(_get(result, path), expected, example, f"{spec.name} example {index}: {path}")


def _in_base_units(value: float, unit: str) -> str:
    quantity = registry().Quantity(value, unit).to_base_units()
    return f"{quantity.magnitude!r} {quantity.units}"


def _quantity_inputs(spec: ComputationSpec) -> dict[str, str]:
    fields = spec.inputs.model_fields
    units = {name: unit_of(info) for name, info in fields.items()}
    return {name: u for name, u in units.items() if u and u != DIMENSIONLESS and not _is_offset(u)}


def _is_offset(unit: str) -> bool:
    return unit in {"degC", "degF", "celsius", "fahrenheit"}


@pytest.mark.parametrize(("spec", "index", "example"), EXAMPLES, ids=lambda v: getattr(v, "name", str(v)))
def test_the_same_call_in_other_units_gives_the_same_result(
    spec: ComputationSpec, index: int, example: Example
) -> None:
    units = _quantity_inputs(spec)
    converted = {
        name: _in_base_units(float(value), units[name])
        if name in units and isinstance(value, int | float) and not isinstance(value, bool)
        else value
        for name, value in example.inputs.items()
    }
    expected = spec.invoke(example.inputs).model_dump()
    actual = spec.invoke(converted).model_dump()
    loose = Example(example.inputs, example.expected, example.source, rel_tol=1e-6, abs_tol=1e-9)
    for path in example.expected:
        assert_close(_get(actual, path), _get(expected, path), loose, f"{spec.name} in SI base units: {path}")


def _errors(model: type[BaseModel], raw: dict[str, Any]) -> list[str]:
    try:
        model.model_validate(raw)
    except ValidationError as err:
        return [".".join(str(p) for p in e["loc"]) for e in err.errors()]
    return []


@pytest.mark.parametrize("spec", [s for s in ALL if s.examples], ids=lambda s: s.name)
def test_bad_inputs_are_refused_naming_the_input(spec: ComputationSpec) -> None:
    for example in spec.examples:  # every form of input the examples use
        for name, info in spec.inputs.model_fields.items():
            if info.is_required() and name in example.inputs:
                without = {k: v for k, v in example.inputs.items() if k != name}
                assert name in _errors(spec.inputs, without), (
                    f"{spec.name}: leaving out {name} is not refused"
                )
    base = dict(spec.examples[0].inputs)
    for name, info in spec.inputs.model_fields.items():
        unit = unit_of(info)
        if unit and unit != DIMENSIONLESS:
            kg = registry().Unit("kg").dimensionality
            wrong = "1 m" if registry().Unit(unit).dimensionality == kg else "1 kg"
            assert name in _errors(spec.inputs, {**base, name: wrong}), (
                f"{spec.name}: {name}={wrong!r} accepted"
            )
        for bound in _violations(info):
            assert name in _errors(spec.inputs, {**base, name: bound}), (
                f"{spec.name}: {name}={bound} accepted"
            )


def _violations(info: Any) -> list[float]:
    """A value just outside each declared bound (gt/lt: the bound itself; ge/le: one step beyond)."""
    values = []
    for rule in [*info.metadata, *filter(None, [bounds_of(info)])]:
        if getattr(rule, "gt", None) is not None:
            values.append(float(rule.gt))
        if getattr(rule, "lt", None) is not None:
            values.append(float(rule.lt))
        if getattr(rule, "ge", None) is not None:
            values.append(float(rule.ge) - max(1.0, abs(float(rule.ge))))
        if getattr(rule, "le", None) is not None:
            values.append(float(rule.le) + max(1.0, abs(float(rule.le))))
    return values
