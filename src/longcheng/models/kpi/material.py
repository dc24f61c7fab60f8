"""ISO 22400-2 material and inventory KPIs: the material balance over consumed material, inventory turns,
equipment load ratio and comprehensive energy consumption."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.quantities import Unit
from longcheng.models.kpi._base import (
    ISO,
    PositiveQuantity,
    Quantity,
    Ratio,
    _In,
    _Out,
    hand,
    kpi_spec,
    not_more_than,
)

BALANCE = ("production", "operations", "supply_chain", "enterprise_management")
PROCESS = ("general", "chemical", "metallurgy", "building_materials", "food", "pharmaceutical")
KJ_PER_KGCE = 29307.6  # GB/T 2589-2020 §3.6: 1 kgce = 29 307.6 kJ (7 000 kcal)


class _OfConsumed(_In):
    """A part of the consumed material; ``part_field`` names it."""

    part_field: ClassVar[str]
    consumed_material: Annotated[PositiveQuantity, Field(description="CM, same unit as the part")]

    def part(self) -> float:
        value: float = getattr(self, self.part_field)
        return value

    @model_validator(mode="after")
    def _within(self) -> _OfConsumed:
        not_more_than(self.part(), self.consumed_material, self.part_field, "consumed_material")
        return self


class FinishedGoodsIn(_OfConsumed):
    part_field = "good_quantity"
    good_quantity: Annotated[Quantity, Field(description="GQ, good finished quantity")]


class IntegratedGoodsIn(_OfConsumed):
    part_field = "integrated_good_quantity"
    integrated_good_quantity: Annotated[Quantity, Field(description="IGQ, material recovered into goods")]


class ProductionLossIn(_OfConsumed):
    part_field = "production_loss"
    production_loss: Annotated[Quantity, Field(description="PL, material lost in production")]


class StorageLossIn(_OfConsumed):
    part_field = "storage_and_transportation_loss"
    storage_and_transportation_loss: Annotated[Quantity, Field(description="STL")]


class OtherLossIn(_OfConsumed):
    part_field = "other_loss"
    other_loss: Annotated[Quantity, Field(description="OL, losses not otherwise classified")]


class MaterialRatioOut(_Out):
    ratio: Ratio


def material_ratio(p: _OfConsumed) -> MaterialRatioOut:
    return MaterialRatioOut(ratio=p.part() / p.consumed_material)


def _balance(
    name: str, title: tuple[str, str], inputs: type[_OfConsumed], symbol: str, value: float
) -> ComputationSpec:
    # One hand-worked material balance: CM 1000 t = GQ 940 + IGQ 20 + PL 25 + STL 10 + OL 5.
    logistics = ("warehousing_logistics",) if "storage" in name else ()
    return kpi_spec(
        name,
        title,
        (inputs, MaterialRatioOut),
        material_ratio,
        f"{symbol} / CM",
        f"{ISO}, KPI '{title[0]}' (material balance over consumed material CM)",
        (
            Example(
                {"consumed_material": 1000, inputs.part_field: value * 1000},
                {"ratio": value},
                hand(f"{value * 1000:g} / 1000 = {value:g}"),
            ),
        ),
        domains=(*BALANCE, *logistics),
        industries=PROCESS,
    )


class InventoryTurnsIn(_In):
    throughput: Annotated[float, Unit(ge=0), Field(description="TH, material cost (or quantity) shipped")]
    average_inventory: Annotated[float, Unit(gt=0), Field(description="AI, in the unit of the throughput")]
    period: Annotated[float, Unit("day", gt=0), Field(description="length of the period")] | None = None


class InventoryTurnsOut(_Out):
    inventory_turns: Ratio
    days_of_inventory: Annotated[float, Unit("day")] | None


def inventory_turns(p: InventoryTurnsIn) -> InventoryTurnsOut:
    turns = p.throughput / p.average_inventory
    days = p.period / turns if p.period is not None and turns > 0 else None
    return InventoryTurnsOut(inventory_turns=turns, days_of_inventory=days)


class EquipmentLoadIn(_In):
    produced_quantity: Annotated[Quantity, Field(description="PQ")]
    equipment_production_capacity: Annotated[PositiveQuantity, Field(description="EPC, same period")]


class EquipmentLoadOut(_Out):
    equipment_load_ratio: Ratio


def equipment_load_ratio(p: EquipmentLoadIn) -> EquipmentLoadOut:
    return EquipmentLoadOut(equipment_load_ratio=p.produced_quantity / p.equipment_production_capacity)


class EnergyIn(_In):
    energy_amounts: Annotated[
        list[Annotated[float, Unit(ge=0)]],
        Field(min_length=1, description="amount of each energy carrier in its own unit (kWh, kg, m³ …)"),
    ]
    conversion_factors: Annotated[
        list[Annotated[float, Unit(gt=0)]],
        Field(min_length=1, description="kgce per unit of each carrier (GB/T 2589 Annex A)"),
    ]
    produced_quantity: Annotated[PositiveQuantity, Field(description="PQ")] | None = None

    @model_validator(mode="after")
    def _paired(self) -> EnergyIn:
        if len(self.energy_amounts) != len(self.conversion_factors):
            raise ValueError("energy_amounts and conversion_factors must have the same length")
        return self


class EnergyOut(_Out):
    comprehensive_energy_consumption: Annotated[float, Unit("kg"), Field(description="kgce")]
    energy: Annotated[float, Unit("MJ")]
    per_unit: Annotated[float, Unit("kg"), Field(description="kgce per unit of PQ")] | None


def comprehensive_energy_consumption(p: EnergyIn) -> EnergyOut:
    total = sum(a * k for a, k in zip(p.energy_amounts, p.conversion_factors, strict=True))
    per_unit = total / p.produced_quantity if p.produced_quantity is not None else None
    return EnergyOut(
        comprehensive_energy_consumption=total, energy=total * KJ_PER_KGCE / 1000, per_unit=per_unit
    )


SPECS = (
    _balance("finished_goods_ratio", ("Finished goods ratio", "成品率"), FinishedGoodsIn, "FGR = GQ", 0.94),
    _balance(
        "integrated_goods_ratio",
        ("Integrated goods ratio", "综合成品率"),
        IntegratedGoodsIn,
        "IGR = IGQ",
        0.02,
    ),
    _balance(
        "production_loss_ratio", ("Production loss ratio", "生产损耗率"), ProductionLossIn, "PLR = PL", 0.025
    ),
    _balance(
        "storage_transportation_loss_ratio",
        ("Storage and transportation loss ratio", "储运损耗率"),
        StorageLossIn,
        "STLR = STL",
        0.01,
    ),
    _balance("other_loss_ratio", ("Other loss ratio", "其他损耗率"), OtherLossIn, "OLR = OL", 0.005),
    kpi_spec(
        "inventory_turns",
        ("Inventory turns", "库存周转次数"),
        (InventoryTurnsIn, InventoryTurnsOut),
        inventory_turns,
        "IT = TH / AI; days of inventory = period / IT",
        f"{ISO}, KPI 'Inventory turns'",
        (
            Example(
                {"throughput": 1_200_000, "average_inventory": 150_000, "period": 365},
                {"inventory_turns": 8.0, "days_of_inventory": 45.625},
                hand("1 200 000 / 150 000 = 8 turns; 365 / 8 = 45.625 days"),
            ),
        ),
        domains=("supply_chain", "warehousing_logistics", "enterprise_management", "operations"),
        industries=("general", "automotive", "electronics", "food", "light_industry"),
    ),
    kpi_spec(
        "equipment_load_ratio",
        ("Equipment load ratio", "设备负荷率"),
        (EquipmentLoadIn, EquipmentLoadOut),
        equipment_load_ratio,
        "ELR = PQ / EPC (produced quantity over the equipment production capacity of the period)",
        f"{ISO}, KPI 'Equipment load ratio' (EPC is the ISO 22400-2 logistical element "
        "'equipment production capacity')",
        (
            Example(
                {"produced_quantity": 8500, "equipment_production_capacity": 10000},
                {"equipment_load_ratio": 0.85},
                hand("8500 / 10000 = 0.85"),
            ),
        ),
        industries=PROCESS,
    ),
    kpi_spec(
        "comprehensive_energy_consumption",
        ("Comprehensive energy consumption", "综合能耗"),
        (EnergyIn, EnergyOut),
        comprehensive_energy_consumption,
        "E = Σ e_i·k_i (kgce, k_i the standard-coal conversion factor of carrier i); e = E / PQ; "
        "1 kgce = 29.3076 MJ",
        f"{ISO}, KPI 'Comprehensive energy consumption'; GB/T 2589-2020 综合能耗计算通则 §4 and Annex A",
        (
            Example(
                {
                    "energy_amounts": [10_000, 2_000],
                    "conversion_factors": [0.1229, 0.7143],
                    "produced_quantity": 500,
                },
                {"comprehensive_energy_consumption": 2657.6, "per_unit": 5.3152, "energy": 77887.88},
                "hand-derived with GB/T 2589-2020 Annex A factors: electricity 0.1229 kgce/kWh, raw coal "
                "0.7143 kgce/kg: 1229 + 1428.6 = 2657.6 kgce; /500 = 5.3152; × 29.3076 = 77 887.88 MJ",
            ),
        ),
        domains=("production", "operations", "enterprise_management"),
        industries=PROCESS,
    ),
)
