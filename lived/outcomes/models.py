"""Outcomes: validated measures answered item by item, the person's own self-ratings, Goal Attainment
Scaling on support-plan outcomes, urgent alerts, measure schedules, groups for start/end comparisons,
and the annual physical health check with its follow-ups.

Measure definitions are data (lived/outcomes/measures/definitions.py), referred to by `measure_code`;
self-rating scales are rows (each service defines its own). See docs/adr/0011."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from lived.core.models import Archivable, LivedModel, Versioned
from lived.plans.models import ChimeDomain

USER = settings.AUTH_USER_MODEL


class CompletionMode(models.TextChoices):
    OWN_ACCOUNT = "own_account", "On their own account"
    WITH_STAFF = "with_staff", "With a member of staff"
    ON_BEHALF = "on_behalf", "By staff on the person's behalf"


class MeasureResponse(LivedModel):
    """One completed questionnaire. `answers` maps item code → value (never by position)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="measure_responses")
    measure_code = models.CharField(max_length=30)
    answers = models.JSONField()
    # DIALOG: item code → True/False for "do you want more help with this?"
    more_help = models.JSONField(default=dict, blank=True)
    total = models.DecimalField(max_digits=6, decimal_places=2)
    band = models.CharField(max_length=40, blank=True)
    subscores = models.JSONField(default=dict, blank=True)
    completed_on = models.DateField()
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(max_length=20, choices=CompletionMode.choices)
    outcome_key = models.UUIDField(null=True, blank=True)

    AUDIT_FIELDS = ["measure_code", "answers", "more_help", "total", "band", "completed_on", "mode"]

    class Meta:
        ordering = ["completed_on", "created_at"]
        indexes = [models.Index(fields=["person", "measure_code", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.measure_code} for {self.person} on {self.completed_on}"


class UrgentAlert(LivedModel):
    """Raised when an answer needs a person to act today (PHQ-9 item 9 above 0). One per response."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="outcome_alerts")
    response = models.OneToOneField(MeasureResponse, on_delete=models.PROTECT, related_name="alert")
    item_code = models.CharField(max_length=40)
    reason = models.TextField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action_taken = models.TextField(blank=True)

    AUDIT_FIELDS = ["item_code", "reason", "acknowledged_at", "acknowledged_by", "action_taken"]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Urgent alert for {self.person}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None


class SelfRatingScale(LivedModel, Archivable):
    """A self-rating defined by a service's staff, e.g. "How anxious have you felt this week?" 0–10."""

    class Kind(models.TextChoices):
        RATING = "rating", "A rating on a scale"
        COUNT = "count", "A count (for example, visits)"

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("Short name", max_length=80)
    question = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RATING)
    low = models.PositiveSmallIntegerField(default=0)
    high = models.PositiveSmallIntegerField(default=10)
    low_anchor = models.CharField("What the lowest number means", max_length=80, blank=True)
    high_anchor = models.CharField("What the highest number means", max_length=80, blank=True)
    higher_is_better = models.BooleanField(default=False)
    chime_domain = models.CharField(max_length=20, choices=ChimeDomain.choices, blank=True)
    # Self-report only unless staff may enter it with the person.
    allow_with_staff = models.BooleanField(default=False)

    AUDIT_FIELDS = [
        "name",
        "question",
        "kind",
        "low",
        "high",
        "low_anchor",
        "high_anchor",
        "higher_is_better",
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def modes(self) -> tuple[str, ...]:
        own = (CompletionMode.OWN_ACCOUNT.value,)
        return own + (CompletionMode.WITH_STAFF.value,) if self.allow_with_staff else own


class SelfRating(LivedModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="self_ratings")
    scale = models.ForeignKey(SelfRatingScale, on_delete=models.PROTECT, related_name="ratings")
    value = models.PositiveSmallIntegerField()
    rated_on = models.DateField()
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(max_length=20, choices=CompletionMode.choices)

    AUDIT_FIELDS = ["scale", "value", "rated_on", "mode"]

    class Meta:
        ordering = ["rated_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.scale}: {self.value}"


class GoalScore(LivedModel):
    """Goal Attainment Scaling for one support-plan outcome (by Outcome.key) on one day: −2 … +2."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="goal_scores")
    outcome_key = models.UUIDField()
    goal = models.TextField()  # the outcome's words when scored (plans change; this doesn't)
    chime_domain = models.CharField(max_length=20, choices=ChimeDomain.choices, blank=True)
    weight = models.DecimalField(max_digits=4, decimal_places=1, default=1)
    score = models.SmallIntegerField()
    scored_on = models.DateField()
    scored_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    AUDIT_FIELDS = ["outcome_key", "goal", "weight", "score", "scored_on"]

    class Meta:
        ordering = ["scored_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.goal[:40]}: {self.score:+d}"


class MeasureSchedule(LivedModel, Archivable):
    """A measure attached to a support-plan outcome, repeated every N weeks."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="measure_schedules")
    measure_code = models.CharField(max_length=30)
    outcome_key = models.UUIDField(null=True, blank=True)
    every_weeks = models.PositiveSmallIntegerField()
    next_due = models.DateField()

    AUDIT_FIELDS = ["measure_code", "outcome_key", "every_weeks", "next_due"]

    class Meta:
        ordering = ["next_due"]

    def __str__(self) -> str:
        return f"{self.measure_code} every {self.every_weeks} weeks"


class OutcomeGroup(LivedModel, Archivable):
    """A named group or course (e.g. a Recovery College term) for start-and-end comparisons. With no
    members it stands for everyone at the service (a whole-service comparison)."""

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField()
    members = models.ManyToManyField("people.Person", related_name="outcome_groups")

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.name


class HealthCheck(LivedModel, Versioned):
    """The annual physical health check for people with severe mental illness (SPEC C17)."""

    class Smoking(models.TextChoices):
        NEVER = "never", "Never smoked"
        EX = "ex", "Ex-smoker"
        CURRENT = "current", "Smokes"
        DECLINED = "declined", "Did not want to say"

    class Glucose(models.TextChoices):
        HBA1C = "hba1c", "HbA1c (mmol/mol)"
        FASTING = "fasting", "Fasting glucose (mmol/L)"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="health_checks")
    checked_on = models.DateField()
    done_by = models.CharField("Who did the check", max_length=120)
    height_cm = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    weight_kg = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    bmi = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    systolic = models.PositiveSmallIntegerField(null=True, blank=True)
    diastolic = models.PositiveSmallIntegerField(null=True, blank=True)
    glucose_test = models.CharField(max_length=10, choices=Glucose.choices, blank=True)
    glucose_value = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    cholesterol = models.DecimalField(
        "Total cholesterol (mmol/L)", max_digits=4, decimal_places=1, null=True, blank=True
    )
    smoking = models.CharField(max_length=10, choices=Smoking.choices, blank=True)
    alcohol_units = models.PositiveSmallIntegerField("Alcohol (units a week)", null=True, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    AUDIT_FIELDS = [
        "checked_on",
        "done_by",
        "height_cm",
        "weight_kg",
        "bmi",
        "systolic",
        "diastolic",
        "glucose_test",
        "glucose_value",
        "cholesterol",
        "smoking",
        "alcohol_units",
        "notes",
    ]

    class Meta:
        ordering = ["-checked_on", "-created_at"]

    def __str__(self) -> str:
        return f"Health check for {self.person} on {self.checked_on}"

    PARTS = ["BMI", "blood pressure", "glucose or HbA1c", "cholesterol", "smoking", "alcohol"]

    def has_part(self, name: str) -> bool:
        return {
            "BMI": lambda: (
                self.bmi is not None or (self.height_cm is not None and self.weight_kg is not None)
            ),
            "blood pressure": lambda: self.systolic is not None and self.diastolic is not None,
            "glucose or HbA1c": lambda: bool(self.glucose_test) and self.glucose_value is not None,
            "cholesterol": lambda: self.cholesterol is not None,
            "smoking": lambda: bool(self.smoking),
            "alcohol": lambda: self.alcohol_units is not None,
        }[name]()

    def result(self, name: str) -> str:
        return {
            "BMI": lambda: f"{self.bmi} (height {self.height_cm} cm, weight {self.weight_kg} kg)",
            "blood pressure": lambda: f"{self.systolic}/{self.diastolic}",
            "glucose or HbA1c": lambda: f"{self.get_glucose_test_display()}: {self.glucose_value}",
            "cholesterol": lambda: f"{self.cholesterol} mmol/L (total)",
            "smoking": lambda: self.get_smoking_display(),
            "alcohol": lambda: f"{self.alcohol_units} units a week",
        }[name]()

    @property
    def missing(self) -> list[str]:
        return [name for name in self.PARTS if not self.has_part(name)]

    @property
    def is_complete(self) -> bool:
        return not self.missing


def one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class HealthFollowUp(LivedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="health_follow_ups")
    health_check = models.ForeignKey(HealthCheck, on_delete=models.PROTECT, related_name="follow_ups")
    what = models.CharField(max_length=300)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    outcome = models.TextField("What happened", blank=True)

    AUDIT_FIELDS = ["what", "owner", "due_on", "status", "outcome"]

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.what
