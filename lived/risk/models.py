"""Risk shared with the person: positive risk-taking plans (with options, capacity, staged pathways,
check-ins and a decisions log), crisis plans with their history, incidents, the restrictive-practice
register, safeguarding concerns, and complaints and compliments with configurable themes.

Options and stages of a risk plan are short ordered lists kept as JSON on the plan: they are always
read and changed together with the plan, and an approval snapshots the whole plan into the decisions
log (see docs/adr/0010-positive-risk-and-crisis-plans.md)."""

from __future__ import annotations

import datetime
import uuid

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

    AUDIT_FIELDS = [
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
        "current_stage",
        "status",
        "next_review_on",
    ]

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


class CrisisPlan(LivedModel, Versioned):
    """The person's crisis plan and advance statement. One per person; every save keeps a version."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="crisis_plan")
    early_signs = models.TextField("Early signs", blank=True)
    what_helps = models.TextField("What helps", blank=True)
    # [{"name": "...", "relationship": "...", "phone": "..."}]
    contacts = models.JSONField(default=list)
    avoid = models.TextField("Language and actions to avoid", blank=True)
    emergency_when = models.TextField("When to call emergency services", blank=True)
    alternatives_to_admission = models.TextField(blank=True)
    dependants_and_pets = models.TextField("Dependants and pets", blank=True)
    wishes = models.TextField("What I want to happen and to be shared if I become unwell", blank=True)
    persons_own_words = models.TextField(blank=True)
    written_with_person = models.BooleanField(default=False)

    AUDIT_FIELDS = [
        "early_signs",
        "what_helps",
        "contacts",
        "avoid",
        "emergency_when",
        "alternatives_to_admission",
        "dependants_and_pets",
        "wishes",
        "persons_own_words",
        "written_with_person",
    ]

    def __str__(self) -> str:
        return f"Crisis plan for {self.person}"

    @property
    def contacts_text(self) -> str:
        """The people to involve as plain text, for the "this changed since you opened it" page."""
        return "; ".join(
            ", ".join(part for part in (c.get("name"), c.get("relationship"), c.get("phone")) if part)
            for c in self.contacts
        )


class CrisisPlanVersion(models.Model):
    """History: what the crisis plan said after each save."""

    plan = models.ForeignKey(CrisisPlan, on_delete=models.PROTECT, related_name="history")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    saved_by = _user_fk(null=True, blank=True)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_crisis_version_number")]

    def __str__(self) -> str:
        return f"Crisis plan version {self.number}"


class Incident(LivedModel):
    class Type(models.TextChoices):
        DISTRESS = "distress", "Distress"
        CRISIS = "crisis", "Mental health crisis"
        FALL = "fall", "Fall"
        SELF_HARM = "self_harm", "Self-harm"
        AGGRESSION = "aggression", "Aggression or conflict"
        MISSING = "missing", "Missing or not where expected"
        MEDICATION = "medication", "Medication error"
        OTHER = "other", "Other"

    class Severity(models.TextChoices):
        LOW = "low", "Low"
        MODERATE = "moderate", "Moderate"
        HIGH = "high", "High"

    class PlanUsed(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="incidents")
    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    risk_plan = models.ForeignKey(
        RiskPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="incidents"
    )
    type = models.CharField(max_length=20, choices=Type.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    is_crisis = models.BooleanField(default=False)
    occurred_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    who_involved = models.TextField(blank=True)
    what_happened = models.TextField()
    crisis_plan_used = models.CharField(max_length=10, choices=PlanUsed.choices)
    crisis_plan_why = models.TextField(blank=True)
    police_involved = models.BooleanField(default=False)
    police_details = models.TextField(blank=True)
    restrictive_practice_used = models.BooleanField(default=False)
    safeguarding_raised = models.BooleanField(default=False)
    learning = models.TextField(blank=True)
    recorded_by = _user_fk()
    # Made when the form is drawn, so an incident sent twice from a phone is saved once (ADR 0008).
    # Null on incidents saved before keys existed, and on those made by code, not a form.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)

    AUDIT_FIELDS = [
        "type",
        "severity",
        "is_crisis",
        "occurred_at",
        "place",
        "who_involved",
        "what_happened",
        "crisis_plan_used",
        "crisis_plan_why",
        "police_involved",
        "police_details",
        "restrictive_practice_used",
        "safeguarding_raised",
        "learning",
    ]

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["service", "occurred_at"])]

    def summary(self) -> str:
        return f"{self.get_type_display()} in {self.place} ({self.get_severity_display().lower()})"


class RestrictivePractice(LivedModel):
    """The restrictive-practice register. Always tied to an incident, authorised and debriefed."""

    class Type(models.TextChoices):
        PHYSICAL = "physical", "Physical restraint"
        SECLUSION = "seclusion", "Seclusion"
        CHEMICAL = "chemical", "Medication to calm (chemical restraint)"
        MECHANICAL = "mechanical", "Mechanical restraint"
        ENVIRONMENTAL = "environmental", "Environmental restriction (for example a locked door)"
        OTHER = "other", "Other restrictive practice"

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="restrictive_practice")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="restrictive_practices"
    )
    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    type = models.CharField(max_length=20, choices=Type.choices)
    duration_minutes = models.PositiveIntegerField()
    authorised_by = _user_fk()
    debrief_with_person = models.TextField()
    occurred_at = models.DateTimeField()

    AUDIT_FIELDS = ["type", "duration_minutes", "authorised_by", "debrief_with_person"]

    class Meta:
        ordering = ["-occurred_at"]


class SafeguardingConcern(LivedModel):
    """Staff-only: the concern, the referral to the local authority and its outcome."""

    class Category(models.TextChoices):
        PHYSICAL = "physical", "Physical abuse"
        EMOTIONAL = "emotional", "Psychological or emotional abuse"
        FINANCIAL = "financial", "Financial abuse"
        NEGLECT = "neglect", "Neglect or acts of omission"
        SELF_NEGLECT = "self_neglect", "Self-neglect"
        SEXUAL = "sexual", "Sexual abuse"
        DISCRIMINATORY = "discriminatory", "Discriminatory abuse"
        ORGANISATIONAL = "organisational", "Organisational abuse"
        DOMESTIC = "domestic", "Domestic abuse"
        EXPLOITATION = "exploitation", "Modern slavery or exploitation"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="safeguarding_concerns"
    )
    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    incident = models.OneToOneField(
        Incident, on_delete=models.PROTECT, null=True, blank=True, related_name="safeguarding"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    details = models.TextField(blank=True)
    referred_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    raised_at = models.DateTimeField()
    outcome = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = _user_fk(null=True, blank=True)

    AUDIT_FIELDS = ["category", "details", "referred_on", "reference", "outcome", "closed_at"]

    class Meta:
        ordering = ["-raised_at"]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ComplaintTheme(models.Model):
    """A configurable theme (managed in the Django admin). Forms offer it by public id, never by key."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Complaint(LivedModel):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "Complaint"
        COMPLIMENT = "compliment", "Compliment"

    class RaisedBy(models.TextChoices):
        PERSON = "person", "The person"
        FAMILY = "family", "Family or friend"
        OTHER = "other", "Someone else"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="complaints")
    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMPLAINT)
    raised_by = models.CharField(max_length=20, choices=RaisedBy.choices)
    raised_by_name = models.CharField(max_length=200, blank=True)
    received_on = models.DateField()
    summary = models.TextField()
    themes = models.ManyToManyField(ComplaintTheme, blank=True, related_name="complaints")
    response = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    recorded_by = _user_fk()

    AUDIT_FIELDS = [
        "kind",
        "raised_by",
        "raised_by_name",
        "received_on",
        "summary",
        "themes",
        "response",
        "outcome",
        "closed_on",
    ]

    class Meta:
        ordering = ["-received_on", "-pk"]

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
