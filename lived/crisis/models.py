"""The person's crisis plan and advance statement, with its history.

The tables keep the names they had when this lived in lived.risk (`risk_crisisplan`,
`risk_crisisplanversion`): the move changed which app holds the models, not a row
(docs/adr/0017-risk-split-into-contexts.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lived.core.models import LivedModel, Versioned

User = settings.AUTH_USER_MODEL


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

    # Every part of the plan, in order: what the audit trail pictures and each kept version holds.
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
    # What staff write with the person (the form's fields and what the service saves); the person adds
    # `persons_own_words` themselves.
    STAFF_FIELDS = tuple(name for name in AUDIT_FIELDS if name != "persons_own_words")

    class Meta:
        db_table = "risk_crisisplan"

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
    saved_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "risk_crisisplanversion"
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_crisis_version_number")]

    def __str__(self) -> str:
        return f"Crisis plan version {self.number}"
