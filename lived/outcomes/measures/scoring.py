"""Exact published scoring for the measures in definitions.py, Goal Attainment Scaling, and change
over time (NHS Talking Therapies conventions). Pure functions: no database. Sources: docs/measures.md.

- PHQ-9 total 0–27 and bands: Kroenke, Spitzer & Williams 2001.
- GAD-7 total 0–21 and bands: Spitzer, Kroenke, Williams & Löwe 2006.
- DIALOG: subjective quality of life = mean of the 8 life items; treatment satisfaction = mean of the 3
  treatment items; a mean below 4 is "dissatisfied" (Priebe et al. 2012).
- Caseness (PHQ-9 ≥ 10, GAD-7 ≥ 8), reliable change (PHQ-9 ≥ 6, GAD-7 ≥ 4) and recovery: NHS Talking
  Therapies for anxiety and depression Manual (NHS England), "Measuring outcomes" (edition to be
  confirmed against the current manual).
- GAS T-score: Kiresuk TJ & Sherman RE 1968, T = 50 + 10·Σwx / √((1−ρ)Σw² + ρ(Σw)²), ρ = 0.3.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from lived.outcomes.measures.definitions import MEASURE_DATA

GAS_RHO = 0.3
GAS_SCORES = (-2, -1, 0, 1, 2)


class Mode(enum.StrEnum):
    OWN_ACCOUNT = "own_account"  # the person, signed in to their own account
    WITH_STAFF = "with_staff"  # the person answered, a member of staff entered it with them
    ON_BEHALF = "on_behalf"  # staff answered for the person (only where the measure allows it)


class IncompleteAnswers(ValueError):
    """Answers missing or out of range. `errors` maps item code → message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


@dataclass(frozen=True)
class Item:
    code: str
    text: str


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    label: str


@dataclass
class Score:
    total: float  # the headline number (sum, or quality-of-life mean for DIALOG)
    band: str
    subscores: dict[str, float] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)  # e.g. "dissatisfied: quality_of_life"
    urgent_items: list[str] = field(default_factory=list)  # codes of urgent items answered above 0


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    title: str
    about: str
    stem: str
    items: tuple[Item, ...]
    options: tuple[tuple[int, str], ...]
    rule: str
    bands: tuple[Band, ...]
    missing: str
    modes: tuple[str, ...]
    urgent_items: tuple[str, ...]
    caseness: int | None
    reliable_change: int | None
    higher_is_better: bool
    chime: str
    source: str
    licence: str
    subscales: dict = field(default_factory=dict)
    dissatisfied_below: float | None = None
    more_help: bool = False

    @property
    def item_codes(self) -> list[str]:
        return [i.code for i in self.items]

    @property
    def min_value(self) -> int:
        return min(v for v, _ in self.options)

    @property
    def max_value(self) -> int:
        return max(v for v, _ in self.options)

    @property
    def score_range(self) -> tuple[float, float]:
        if self.rule == "sum":
            return self.min_value * len(self.items), self.max_value * len(self.items)
        return float(self.min_value), float(self.max_value)

    def allows(self, mode: str) -> bool:
        return mode in self.modes

    def option_label(self, value) -> str:
        return dict(self.options).get(value, str(value))

    def validate(self, answers: dict) -> dict[str, int]:
        """Every item answered with one of its options, by code. Unknown codes are refused too."""
        errors: dict[str, str] = {}
        allowed = {v for v, _ in self.options}
        clean: dict[str, int] = {}
        for code in answers:
            if code not in self.item_codes:
                errors[code] = "This is not a question on this measure"
        for item in self.items:
            raw = answers.get(item.code)
            if raw is None or raw == "":
                errors[item.code] = f"Answer: {item.text}"
                continue
            try:
                value = int(raw)
            except (TypeError, ValueError):
                errors[item.code] = f"Choose one of the answers for: {item.text}"
                continue
            if isinstance(raw, float) and raw != value or value not in allowed:
                errors[item.code] = (
                    f"The answer must be from {self.min_value} to {self.max_value}: {item.text}"
                )
                continue
            clean[item.code] = value
        if errors:
            # Missing items: every measure here refuses (definitions "missing": "refuse").
            raise IncompleteAnswers(errors)
        return clean

    def band_for(self, total: float) -> str:
        for band in self.bands:
            if band.low <= total <= band.high:
                return band.label
        return ""

    def score(self, answers: dict) -> Score:
        values = self.validate(answers)
        urgent = [code for code in self.urgent_items if values[code] > 0]
        if self.rule == "sum":
            total = sum(values.values())
            return Score(total=total, band=self.band_for(total), urgent_items=urgent)
        if self.rule == "dialog":
            subscores = {name: mean2([values[c] for c in codes]) for name, codes in self.subscales.items()}
            flags = [f"dissatisfied: {n}" for n, v in subscores.items() if v < self.dissatisfied_below]
            qol = subscores["quality_of_life"]
            band = "Dissatisfied" if qol < self.dissatisfied_below else "Not dissatisfied"
            return Score(total=qol, band=band, subscores=subscores, flags=flags, urgent_items=urgent)
        raise ValueError(f"Unknown scoring rule {self.rule!r}")


def mean2(values: list[float]) -> float:
    """Mean rounded half-up to two decimal places (stored and shown as such)."""
    exact = Decimal(sum(values)) / Decimal(len(values))
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _load() -> dict[str, Measure]:
    out = {}
    for data in MEASURE_DATA:
        out[data["code"]] = Measure(
            code=data["code"],
            name=data["name"],
            title=data["title"],
            about=data["about"],
            stem=data["stem"],
            items=tuple(Item(code, text) for code, text in data["items"]),
            options=tuple(tuple(o) for o in data["options"]),
            rule=data["rule"],
            bands=tuple(Band(*b) for b in data["bands"]),
            missing=data["missing"],
            modes=tuple(data["modes"]),
            urgent_items=tuple(data["urgent_items"]),
            caseness=data["caseness"],
            reliable_change=data["reliable_change"],
            higher_is_better=data["higher_is_better"],
            chime=data["chime"],
            source=data["source"],
            licence=data["licence"],
            subscales=data.get("subscales", {}),
            dissatisfied_below=data.get("dissatisfied_below"),
            more_help=data.get("more_help", False),
        )
        codes = out[data["code"]].item_codes
        if len(set(codes)) != len(codes):
            raise ValueError(f"Duplicate item codes in {data['code']}")
    return out


MEASURES: dict[str, Measure] = _load()


def get_measure(code: str) -> Measure | None:
    return MEASURES.get(code)


# --- change over time (NHS Talking Therapies) -------------------------------------------------------


@dataclass(frozen=True)
class Change:
    first: float
    last: float
    difference: float  # last − first
    case_at_start: bool
    case_now: bool
    reliable_improvement: bool
    reliable_deterioration: bool
    recovered: bool  # case at start, below caseness now
    reliable_recovery: bool  # recovered and reliably improved

    @property
    def summary(self) -> str:
        bits = []
        if self.reliable_improvement:
            bits.append("Reliable improvement")
        elif self.reliable_deterioration:
            bits.append("Reliable deterioration")
        else:
            bits.append("No reliable change")
        if self.recovered:
            bits.append("moved from above to below the clinical threshold (recovery)")
        elif self.case_now:
            bits.append("above the clinical threshold now")
        else:
            bits.append("below the clinical threshold now")
        return "; ".join(bits)


def change_between(measure: Measure, first: float, last: float) -> Change | None:
    """Caseness and reliable change between two totals. None for measures without these rules."""
    if measure.caseness is None or measure.reliable_change is None:
        return None
    diff = last - first
    case_start, case_now = first >= measure.caseness, last >= measure.caseness
    improved = -diff >= measure.reliable_change
    worse = diff >= measure.reliable_change
    recovered = case_start and not case_now
    return Change(
        first=first,
        last=last,
        difference=diff,
        case_at_start=case_start,
        case_now=case_now,
        reliable_improvement=improved,
        reliable_deterioration=worse,
        recovered=recovered,
        reliable_recovery=recovered and improved,
    )


# --- Goal Attainment Scaling ------------------------------------------------------------------------


def gas_t_score(goals: list[tuple[float, int]], rho: float = GAS_RHO) -> float:
    """Kiresuk–Sherman T-score for (weight, score) pairs; scores −2…+2, weights > 0. Rounded to 2 dp."""
    if not goals:
        raise ValueError("At least one goal is needed for a T-score")
    for weight, score in goals:
        if score not in GAS_SCORES:
            raise ValueError("Goal scores run from −2 to +2")
        if weight <= 0:
            raise ValueError("Goal weights must be above 0")
    sum_wx = sum(w * x for w, x in goals)
    sum_w2 = sum(w * w for w, _ in goals)
    sum_w = sum(w for w, _ in goals)
    t = 50 + 10 * sum_wx / math.sqrt((1 - rho) * sum_w2 + rho * sum_w**2)
    return float(Decimal(repr(t)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
