"""Complaints and compliments, with themes configured in the Django admin.

The tables keep the names they had when this lived in lived.risk (`risk_complainttheme`,
`risk_complaint`, `risk_complaint_themes`): the move changed which app holds the models, not a row
(docs/adr/0017-risk-split-into-contexts.md)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from lived.core.models import LivedModel

User = settings.AUTH_USER_MODEL


def _user_fk(**extra):
    return models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", **extra)


class ComplaintTheme(models.Model):
    """A configurable theme (managed in the Django admin). Forms offer it by public id, never by key."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "risk_complainttheme"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Complaint(LivedModel):
    """A complaint or a compliment, from the person, their family or someone else, with the response
    and the outcome."""

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
        db_table = "risk_complaint"  # and so its themes stay in `risk_complaint_themes`
        ordering = ["-received_on", "-pk"]

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
