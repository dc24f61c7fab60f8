"""Industries a tenant or a device type belongs to (the seed names these; i18n key ``industry.<code>``)."""

from __future__ import annotations

INDUSTRIES: tuple[str, ...] = (
    "machinery",
    "automotive",
    "electronics",
    "textile",
    "food",
    "chemical",
    "aviation",
    "shipbuilding",
    "light_industry",
    "metallurgy",
    "building_materials",
    "pharmaceutical",
    "energy",
    "general",
)

__all__ = ["INDUSTRIES"]
