"""Threaded fasteners: tightening torque by the nut-factor method and by VDI 2230."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from longcheng.core.computation import Example
from longcheng.core.errors import InvalidInput
from longcheng.core.quantities import Unit

from ._base import SHIGLEY, In, Length, Out, spec

# --- nut factor --------------------------------------------------------------------------------------------


class NutFactorIn(In):
    nominal_diameter: Length
    nut_factor: Annotated[float, Unit(gt=0, le=1), Field(description="K; 0.20 unlubricated steel")] = 0.20
    preload: Annotated[float, Unit("N", gt=0)] | None = None
    torque: Annotated[float, Unit("N*m", gt=0)] | None = None
    tensile_stress_area: Annotated[float, Unit("mm**2", gt=0)] | None = None
    proof_strength: Annotated[float, Unit("MPa", gt=0)] | None = None
    preload_fraction: Annotated[
        float, Unit(gt=0, le=1), Field(description="0.75 reusable, 0.90 permanent")
    ] = 0.75


class NutFactorOut(Out):
    preload: Annotated[float, Unit("N")]
    torque: Annotated[float, Unit("N*m")]


def bolt_torque_nut_factor(p: NutFactorIn) -> NutFactorOut:
    kd = p.nut_factor * p.nominal_diameter / 1000
    if p.preload is not None:
        return NutFactorOut(preload=p.preload, torque=kd * p.preload)
    if p.torque is not None:
        return NutFactorOut(preload=p.torque / kd, torque=p.torque)
    if p.tensile_stress_area is None or p.proof_strength is None:
        raise InvalidInput("preload", "give the preload, the torque, or the stress area and proof strength")
    preload = p.preload_fraction * p.tensile_stress_area * p.proof_strength
    return NutFactorOut(preload=preload, torque=kd * preload)


NUT_FACTOR = spec(
    "bolt_torque_nut_factor",
    en="Bolt tightening torque and preload (nut-factor method)",
    zh="螺栓拧紧力矩与预紧力(扭矩系数法)",
    domains=("rd_design", "production", "operations"),
    industries=("general", "machinery", "automotive", "aviation", "shipbuilding", "energy"),
    inputs=NutFactorIn,
    outputs=NutFactorOut,
    func=bolt_torque_nut_factor,
    formula="T = K·F_i·d; recommended F_i = 0.75·A_t·S_p (reusable) or 0.90·A_t·S_p (permanent)",
    reference=f"{SHIGLEY} Ch. 8 (bolt torque and tension: T = K·F_i·d, Table 8-15 nut factors; recommended "
    "preload; Tables 8-1 and 8-11 for A_t and S_p)",
    examples=(
        Example(
            inputs={"nominal_diameter": 16, "tensile_stress_area": 157, "proof_strength": 600},
            expected={"preload": 70650.0, "torque": 226.08},
            source="Shigley tables: M16 × 2 A_t = 157 mm², class 8.8 S_p = 600 MPa; 0.75·157·600 = 70.65 kN; "
            "0.20·70 650·0.016 = 226.1 N·m",
            rel_tol=1e-9,
        ),
        Example(
            inputs={"nominal_diameter": 12, "torque": 48},
            expected={"preload": 20000.0},
            source="by hand: 48 N·m/(0.20·0.012 m) = 20 kN",
            rel_tol=1e-9,
        ),
    ),
)

# --- VDI 2230 ----------------------------------------------------------------------------------------------


class VdiIn(In):
    preload: Annotated[float, Unit("N", gt=0), Field(description="F_M, assembly preload")]
    pitch: Length
    pitch_diameter: Length
    thread_friction: Annotated[float, Unit(gt=0, lt=1), Field(description="μ_G")]
    head_friction: Annotated[float, Unit(gt=0, lt=1), Field(description="μ_K")]
    bearing_diameter: Annotated[float, Unit("mm", gt=0), Field(description="d_w, outer bearing diameter")]
    hole_diameter: Annotated[float, Unit("mm", gt=0), Field(description="D_h, clearance hole")]


class VdiOut(Out):
    tightening_torque: Annotated[float, Unit("N*m")]
    thread_torque: Annotated[float, Unit("N*m")]
    head_torque: Annotated[float, Unit("N*m")]


def bolt_torque_vdi2230(p: VdiIn) -> VdiOut:
    if p.hole_diameter >= p.bearing_diameter:
        raise InvalidInput("hole_diameter", "must be smaller than the bearing diameter")
    thread = p.preload * (0.16 * p.pitch + 0.58 * p.pitch_diameter * p.thread_friction) / 1000
    head = p.preload * (p.bearing_diameter + p.hole_diameter) / 4 * p.head_friction / 1000
    return VdiOut(tightening_torque=thread + head, thread_torque=thread, head_torque=head)


VDI2230 = spec(
    "bolt_torque_vdi2230",
    en="Bolt tightening torque from thread and head friction (VDI 2230)",
    zh="螺栓拧紧力矩(VDI 2230,螺纹与支承面摩擦)",
    domains=("rd_design", "production"),
    industries=("general", "machinery", "automotive", "aviation", "energy"),
    inputs=VdiIn,
    outputs=VdiOut,
    func=bolt_torque_vdi2230,
    formula="M_A = F_M·(0.16·P + 0.58·d2·μ_G + D_Km/2·μ_K), D_Km = (d_w + D_h)/2",
    reference="VDI 2230 Part 1:2015 Systematic calculation of highly stressed bolted joints, step R13 "
    "(tightening torque)",
    examples=(
        Example(
            inputs={
                "preload": 40000,
                "pitch": 1.75,
                "pitch_diameter": 10.863,
                "thread_friction": 0.12,
                "head_friction": 0.12,
                "bearing_diameter": 16.6,
                "hole_diameter": 13.5,
            },
            expected={"tightening_torque": 77.562592, "thread_torque": 41.442592, "head_torque": 36.12},
            source="by hand for M12 (P 1.75, d2 10.863 per ISO 724; d_w 16.6, D_h 13.5 medium): "
            "40 kN·(0.28 + 0.7561 + 0.903) mm",
            rel_tol=1e-7,
        ),
    ),
)

SPECS = (NUT_FACTOR, VDI2230)
