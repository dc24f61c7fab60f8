"""The catalogues: both locales in step, every key the code uses present, locales normalised."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import longcheng
from longcheng.core.i18n import LOCALES, catalogue, normalise_locale, t
from longcheng.core.samples import RejectReason
from longcheng.registry.industries import INDUSTRIES
from longcheng.registry.principals import Role

SOURCE = Path(longcheng.__file__).parent
KEY_LITERAL = re.compile(
    r"""["'](?P<key>(?:error|cli|storage|driver|industry|role|reject|console|category|domain)\.[a-z0-9_.]+)["']"""
)


# the model and algorithm libraries name their computations ``family.name`` (e.g. ``industry.clamp_force``):
# ids, not catalogue keys; their titles are data in both languages (LocalizedText)
LIBRARIES = (SOURCE / "models", SOURCE / "algorithms")


def keys_used_in_source() -> dict[str, str]:
    """Every string literal under src/longcheng that looks like a catalogue key -> where it is."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if path.is_relative_to(LIBRARIES[0]) or path.is_relative_to(LIBRARIES[1]):
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            for match in KEY_LITERAL.finditer(line):
                found.setdefault(match["key"], f"{path.relative_to(SOURCE)}:{number}")
    return found


def test_both_locales_have_exactly_the_same_keys() -> None:
    zh, en = set(catalogue("zh")), set(catalogue("en"))
    assert sorted(zh - en) == []
    assert sorted(en - zh) == []
    assert LOCALES == ("zh", "en")


@pytest.mark.parametrize("locale", LOCALES)
def test_no_translation_is_blank(locale: str) -> None:
    assert [key for key, text in catalogue(locale).items() if not text.strip()] == []


def test_the_scan_finds_keys() -> None:
    """Guards the next test against a regex that silently matches nothing."""
    used = keys_used_in_source()
    assert "error.not_found" in used
    assert "cli.help.port" in used
    assert "storage.timeseries.sqlite" in used
    assert "driver.simulated.title" in used


def test_every_key_used_in_the_source_is_in_the_catalogue() -> None:
    known = set(catalogue("en"))
    missing = {key: where for key, where in keys_used_in_source().items() if key not in known}
    assert missing == {}


@pytest.mark.parametrize(
    "key",
    [
        *(f"reject.{reason.value}" for reason in RejectReason),
        *(f"role.{role.value}" for role in Role),
        *(f"industry.{industry}" for industry in INDUSTRIES),
    ],
)
def test_every_enumerated_code_has_its_key(key: str) -> None:
    for locale in LOCALES:
        assert key in catalogue(locale), locale


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zh-CN", "zh"),
        ("zh_TW.UTF-8", "zh"),
        ("zh", "zh"),
        ("ZH-hans", "zh"),
        ("en-US,en;q=0.9", "en"),
        ("en_GB.UTF-8", "en"),
        ("fr", "en"),
        ("fr-FR,zh-CN;q=0.8", "zh"),  # the first supported language in the list wins
        ("de,en;q=0.5,zh;q=0.4", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_normalise_locale(value: str | None, expected: str) -> None:
    assert normalise_locale(value) == expected


def test_translation_fills_parameters() -> None:
    assert t("cli.version", "en", version="1.2.3") == "longcheng 1.2.3"
    assert t("error.not_found", "en") == "Not found"
    assert t("error.not_found", "zh") == catalogue("zh")["error.not_found"]
    assert t("error.not_found", "zh") != "Not found"


def test_a_missing_parameter_leaves_the_template() -> None:
    assert t("cli.version", "en") == "longcheng {version}"


def test_unknown_locale_falls_back_to_english() -> None:
    assert t("error.not_found", "fr") == "Not found"


@pytest.mark.parametrize("locale", [*LOCALES, "fr"])
def test_a_missing_key_falls_back_to_the_key(locale: str) -> None:
    assert t("error.no_such_key_anywhere", locale) == "error.no_such_key_anywhere"


def test_every_class_and_domain_of_the_library_has_a_name() -> None:
    from longcheng.core.computation import ALGORITHM_CATEGORIES, DOMAINS, MODEL_CATEGORIES  # noqa: PLC0415

    known = set(catalogue("en")) & set(catalogue("zh"))
    wanted = {f"category.{c}" for c in (*MODEL_CATEGORIES, *ALGORITHM_CATEGORIES)} | {
        f"domain.{d}" for d in DOMAINS
    }
    assert sorted(wanted - known) == []
