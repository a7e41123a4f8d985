"""Risk shared with the person: positive risk-taking plans, with options, capacity, staged pathways,
check-ins and a decisions log. Crisis plans, incidents (with restrictive practice and safeguarding)
and complaints have their own apps: lived.crisis, lived.incidents, lived.complaints
(docs/adr/0017-risk-split-into-contexts.md).

Options and stages of a risk plan are short ordered lists kept as JSON on the plan: they are always
read and changed together with the plan, and an approval snapshots the whole plan into the decisions
log (see docs/adr/0010-positive-risk-and-crisis-plans.md)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from lived.core.models import Archivable, LivedModel, Versioned

User = settings.AUTH_USER_MODEL


def _user_fk(**extra):
    return models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", **extra)


class RiskPlan(LivedModel, Archivable, Versioned):
    """A positive risk-taking plan built around the person's goal, in the person's words."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="risk_plans")
    goal = models.TextField("What the person wants to do, in their words")
    risk = models.TextField("The risk")
    # [{"option": "...", "reason": "..."}], most restrictive first.
    options = models.JSONField(default=list)
    chosen_option = models.PositiveSmallIntegerField(null=True, blank=True)  # index into options
    why_proportionate = models.TextField("Why the chosen option is proportionate", blank=True)
    safety_strategies = models.TextField("The person's own safety strategies", blank=True)
    contingency = models.TextField(blank=True)
    review_triggers = models.TextField(blank=True)
    escalation = models.TextField("Escalation routes", blank=True)
    # [{"title": "...", "to_progress": "...", "check_in": "..."}]; check_in empty → no call needed.
    stages = models.JSONField(default=list)
    current_stage = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = _user_fk(null=True, blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    last_manager_review_at = models.DateTimeField(null=True, blank=True)

    # What is written in the plan: the form's parts and what a save changes. The one list of them.
    WRITTEN_FIELDS = (
        "goal",
        "risk",
        "options",
        "chosen_option",
        "why_proportionate",
        "safety_strategies",
        "contingency",
        "review_triggers",
        "escalation",
        "stages",
    )
    # Of those, the ones written as plain text (the rest are lists and a choice).
    TEXT_FIELDS = tuple(name for name in WRITTEN_FIELDS if name not in ("options", "chosen_option", "stages"))
    AUDIT_FIELDS = [*WRITTEN_FIELDS, "current_stage", "status", "next_review_on"]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.goal[:80]

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def chosen(self) -> dict | None:
        if self.chosen_option is None or self.chosen_option >= len(self.options):
            return None
        return self.options[self.chosen_option]

    @property
    def stage(self) -> dict | None:
        if not self.stages or self.current_stage > len(self.stages):
            return None
        return self.stages[self.current_stage - 1]

    def stage_label(self) -> str:
        stage = self.stage
        if stage is None:
            return ""
        return f"Stage {self.current_stage} of {len(self.stages)}: {stage['title']}"

    # Plain-text forms of the listed parts, for the "this changed since you opened it" page.
    @property
    def chosen_text(self) -> str:
        return self.chosen["option"] if self.chosen else "None chosen"

    @property
    def options_text(self) -> str:
        return "; ".join(f"{i}. {o['option']} ({o['reason']})" for i, o in enumerate(self.options, start=1))

    @property
    def stages_text(self) -> str:
        return "; ".join(f"{i}. {s['title']}" for i, s in enumerate(self.stages, start=1))

    @property
    def stage_text(self) -> str:
        return self.stage_label() or "No stages"

    @property
    def status_text(self) -> str:
        return self.get_status_display()

    def review_due(self, today: datetime.date, last_incident_at: datetime.datetime | None) -> str:
        """ "now" (an incident since the last manager review), "overdue", or "" (not due)."""
        if last_incident_at is not None and (
            self.last_manager_review_at is None or last_incident_at > self.last_manager_review_at
        ):
            return "now"
        if self.next_review_on is not None and self.next_review_on <= today:
            return "overdue"
        return ""


class RiskDecision(LivedModel):
    """The risk decisions log: who decided what, why, with whom, and when it is next reviewed."""

    class Kind(models.TextChoices):
        APPROVAL = "approval", "Plan approved"
        STAGE = "stage", "Stage progress"
        MANAGER_REVIEW = "manager_review", "Manager review"

    plan = models.ForeignKey(RiskPlan, on_delete=models.PROTECT, related_name="decisions")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="risk_decisions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    what = models.TextField("What was decided")
    why = models.TextField("Why")
    with_whom = models.TextField("Who was involved (the person, family, professionals)")
    evidence = models.TextField(blank=True)
    decided_by = _user_fk()
    decided_at = models.DateTimeField()
    next_review_on = models.DateField()
    snapshot = models.JSONField(null=True, blank=True)  # the plan as approved (approvals only)

    AUDIT_FIELDS = ["kind", "what", "why", "with_whom", "evidence", "next_review_on"]

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.what[:60]}"


class CapacityAssessment(LivedModel):
    """A decision-specific Mental Capacity Act assessment. Capacity is presumed."""

    class Outcome(models.TextChoices):
        HAS = "has", "Has capacity for this decision"
        LACKS = "lacks", "Lacks capacity for this decision"

    class Test(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"

    TESTS = [
        ("understand", "Can understand the information relevant to the decision"),
        ("retain", "Can retain that information long enough to make the decision"),
        ("weigh", "Can use or weigh that information"),
        ("communicate", "Can communicate the decision (by any means)"),
    ]

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="capacity_assessments")
    plan = models.ForeignKey(
        RiskPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="capacity_assessments"
    )
    decision = models.TextField("The decision")
    impairment = models.BooleanField(default=False)
    impairment_evidence = models.TextField(blank=True)
    understand = models.CharField(max_length=3, choices=Test.choices)
    understand_evidence = models.TextField()
    retain = models.CharField(max_length=3, choices=Test.choices)
    retain_evidence = models.TextField()
    weigh = models.CharField(max_length=3, choices=Test.choices)
    weigh_evidence = models.TextField()
    communicate = models.CharField(max_length=3, choices=Test.choices)
    communicate_evidence = models.TextField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    wishes_and_feelings = models.TextField(blank=True)
    consulted = models.TextField(blank=True)
    least_restrictive = models.TextField(blank=True)
    assessed_by = _user_fk()
    assessed_on = models.DateField()

    AUDIT_FIELDS = [
        "decision",
        "impairment",
        "impairment_evidence",
        "understand",
        "understand_evidence",
        "retain",
        "retain_evidence",
        "weigh",
        "weigh_evidence",
        "communicate",
        "communicate_evidence",
        "outcome",
        "wishes_and_feelings",
        "consulted",
        "least_restrictive",
        "assessed_on",
    ]

    class Meta:
        ordering = ["-assessed_on", "-pk"]

    def tests(self) -> list[tuple[str, str, str]]:
        return [
            (label, self.get_field_display(name), getattr(self, f"{name}_evidence"))
            for name, label in self.TESTS
        ]

    def get_field_display(self, name: str) -> str:
        return dict(self.Test.choices).get(getattr(self, name), "")


class StageCheckIn(LivedModel):
    """A check-in call during a stage that needs one: made or missed."""

    class Status(models.TextChoices):
        MADE = "made", "Made"
        MISSED = "missed", "Missed"

    plan = models.ForeignKey(RiskPlan, on_delete=models.PROTECT, related_name="check_ins")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="risk_check_ins")
    stage = models.PositiveSmallIntegerField()
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices)
    notes = models.TextField(blank=True)
    recorded_by = _user_fk()
    # Made when the form is drawn, so a check-in sent twice from a phone is saved once (ADR 0008).
    # Null on check-ins saved before keys existed, and on those made by code, not a form.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)

    AUDIT_FIELDS = ["stage", "due_at", "status", "notes"]

    class Meta:
        ordering = ["-due_at", "-pk"]
