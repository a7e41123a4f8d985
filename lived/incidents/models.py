"""Incidents, the restrictive-practice register and safeguarding concerns.

The tables keep the names they had when this lived in lived.risk (`risk_incident`,
`risk_restrictivepractice`, `risk_safeguardingconcern`): the move changed which app holds the models,
not a row (docs/adr/0017-risk-split-into-contexts.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lived.core.models import LivedModel

User = settings.AUTH_USER_MODEL


def _user_fk(**extra):
    return models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", **extra)


class Incident(LivedModel):
    """Something that happened: what, where, who was involved, whether the crisis plan was used, and
    whether restrictive practice was used or a safeguarding concern raised."""

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
    # The risk plan the incident is about, if any: named by label, so incidents needs nothing from
    # lived.risk but its table.
    risk_plan = models.ForeignKey(
        "risk.RiskPlan", on_delete=models.PROTECT, null=True, blank=True, related_name="incidents"
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
        db_table = "risk_incident"
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
        db_table = "risk_restrictivepractice"
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
        db_table = "risk_safeguardingconcern"
        ordering = ["-raised_at"]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
