"""Classifier evaluation: confusion matrix, accuracy, precision, recall, F1 and Cohen's kappa."""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from sklearn import metrics

from longcheng.algorithms._series import AlgoIn, AlgoOut
from longcheng.algorithms.classification._base import DOMAINS, SKLEARN, quietly
from longcheng.core.computation import ComputationSpec, Example
from longcheng.core.thing_model import LocalizedText


class ConfusionIn(AlgoIn):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    actual: list[str] = Field(min_length=1, description="true class of each case")
    predicted: list[str] = Field(min_length=1, description="predicted class of each case")

    @field_validator("predicted")
    @classmethod
    def _same_length(cls, predicted: list[str], info: ValidationInfo) -> list[str]:
        actual = info.data.get("actual")
        if actual is not None and len(actual) != len(predicted):
            raise ValueError(f"{len(predicted)} predictions for {len(actual)} cases")
        return predicted


class ClassScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str
    precision: float
    recall: float
    f1: float
    support: int


class ConfusionOut(AlgoOut):
    classes: list[str]
    matrix: list[list[int]] = Field(description="rows: actual class, columns: predicted class")
    accuracy: float
    per_class: list[ClassScore]
    macro_f1: float
    weighted_f1: float
    kappa: float | None = Field(description="Cohen's κ; None when chance agreement is 1")


def _scores(actual: list[str], predicted: list[str], classes: list[str]) -> ConfusionOut:
    precision, recall, f1, support = metrics.precision_recall_fscore_support(
        actual, predicted, labels=classes, zero_division=0.0
    )
    agreement = float(metrics.cohen_kappa_score(actual, predicted, labels=classes))
    return ConfusionOut(
        classes=classes,
        matrix=metrics.confusion_matrix(actual, predicted, labels=classes).tolist(),
        accuracy=float(metrics.accuracy_score(actual, predicted)),
        per_class=[
            ClassScore(label=c, precision=float(pr), recall=float(rc), f1=float(f), support=int(s))
            for c, pr, rc, f, s in zip(classes, precision, recall, f1, support, strict=True)
        ],
        macro_f1=float(
            metrics.f1_score(actual, predicted, labels=classes, average="macro", zero_division=0.0)
        ),
        weighted_f1=float(
            metrics.f1_score(actual, predicted, labels=classes, average="weighted", zero_division=0.0)
        ),
        kappa=None if math.isnan(agreement) else agreement,
    )


def confusion_metrics(p: ConfusionIn) -> ConfusionOut:
    classes = sorted(set(p.actual) | set(p.predicted))
    scores, caught = quietly(lambda: _scores(p.actual, p.predicted, classes))
    diagnostics: dict[str, float | int | str] = {
        "n": len(p.actual),
        "classes": len(classes),
        "warnings": caught,
    }
    return scores.model_copy(update={"diagnostics": diagnostics})


CONFUSION = ComputationSpec(
    name="classification.confusion_metrics",
    title=LocalizedText(en="Confusion matrix and classification metrics", zh="混淆矩阵与分类评价指标"),
    kind="algorithm",
    category="classification",
    domains=DOMAINS,
    inputs=ConfusionIn,
    outputs=ConfusionOut,
    func=confusion_metrics,
    formula="precision = TP/(TP + FP); recall = TP/(TP + FN); F1 = 2PR/(P + R); accuracy = Σ diag/N; "
    "κ = (p_o − p_e)/(1 − p_e), p_e = Σ_k (row_k·col_k)/N²",
    reference="Sokolova & Lapalme (2009), Inf. Process. Manage. 45(4):427-437; Cohen (1960), Educ. Psychol. "
    f"Meas. 20(1):37-46; {SKLEARN}, Classification metrics",
    examples=(
        Example(
            inputs={"actual": list("aaabbc"), "predicted": list("aabbcc")},
            expected={
                "matrix": [[2, 1, 0], [0, 1, 1], [0, 0, 1]],
                "accuracy": 4 / 6,
                "per_class.0.recall": 2 / 3,
                "per_class.0.f1": 0.8,
                "per_class.1.precision": 0.5,
                "per_class.2.f1": 2 / 3,
                "macro_f1": (0.8 + 0.5 + 2 / 3) / 3,
                "weighted_f1": (3 * 0.8 + 2 * 0.5 + 2 / 3) / 6,
                "kappa": 0.5,
            },
            source="by hand: a: P = 2/2, R = 2/3, F1 = 0.8; b: P = R = 1/2; c: P = 1/2, R = 1, F1 = 2/3; "
            "p_o = 4/6, p_e = (3·2 + 2·2 + 1·2)/36 = 1/3 → κ = (2/3 − 1/3)/(2/3) = 0.5",
            rel_tol=1e-12,
        ),
    ),
)

SPECS: tuple[ComputationSpec, ...] = (CONFUSION,)
