"""Daily notes, handover notes and the language flags raised on them.

Notes are records: never edited in place. A correction is a new note that `amends` the earlier one,
with the reason; the earlier note stays, marked as corrected. Every note carries an idempotency key
made before it is sent (in the form, so it works without JavaScript; on the phone, when a note is
kept offline), so a note sent twice is saved once."""

from django.conf import settings
from django.db import models

from lived.core.models import LivedModel


class Shift(models.TextChoices):
    EARLY = "early", "Early"
    LATE = "late", "Late"
    NIGHT = "night", "Night"


class DailyNote(LivedModel):
    class Outcome(models.TextChoices):
        AS_AGREED = "as_agreed", "Done as agreed"
        ADJUSTED = "adjusted", "Done, with changes"
        DECLINED = "declined", "The person said no"
        NOTE = "note", "A note (nothing offered)"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="daily_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField()
    shift = models.CharField(max_length=10, choices=Shift.choices)
    actions = models.ManyToManyField("plans.Action", blank=True, related_name="+")
    steps = models.ManyToManyField("plans.RoutineStep", blank=True, related_name="+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.NOTE)
    choices_offered = models.TextField("Choices offered", blank=True)
    chosen = models.TextField("What the person chose", blank=True)
    consent_explained = models.BooleanField("Explained", default=False)
    consent_options = models.BooleanField("Offered options", default=False)
    consent_confirmed = models.BooleanField("Confirmed the person agrees", default=False)
    alternative_offered = models.TextField("Alternative offered", blank=True)
    what_happened_next = models.TextField("What happened next", blank=True)
    adjustments = models.TextField("Adjustments made", blank=True)
    self_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField("Note", blank=True)
    # A visit's times as the worker recorded them ("I have just arrived", or typed): the rota measures
    # arrival within the agreed window and short visits from these, not from the plan (issue 14).
    arrived_at = models.DateTimeField("Arrived", null=True, blank=True)
    left_at = models.DateTimeField("Left", null=True, blank=True)
    # A correction: this note replaces `amends`, which stays in the record.
    amends = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correction"
    )
    amendment_reason = models.TextField(blank=True)
    idempotency_key = models.UUIDField(unique=True)
    content_hash = models.CharField(max_length=64)

    TEXT_FIELDS = [
        "text",
        "choices_offered",
        "chosen",
        "alternative_offered",
        "what_happened_next",
        "adjustments",
        "amendment_reason",
    ]
    AUDIT_FIELDS = [
        "occurred_at",
        "shift",
        "outcome",
        "consent_explained",
        "consent_options",
        "consent_confirmed",
        "self_rating",
        "arrived_at",
        "left_at",
        *TEXT_FIELDS,
    ]

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["person", "occurred_at"])]

    def __str__(self) -> str:
        return f"Note about {self.person} at {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def visit_minutes(self) -> int | None:
        """How long the visit lasted, in whole minutes, when both times were recorded."""
        if self.arrived_at is None or self.left_at is None:
            return None
        return int((self.left_at - self.arrived_at).total_seconds() // 60)

    @property
    def has_consent_check(self) -> bool:
        return self.consent_explained or self.consent_options or self.consent_confirmed


class HandoverNote(LivedModel):
    """What the outgoing shift wants the incoming shift to know about one person."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="handover_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shift_date = models.DateField()
    shift = models.CharField(max_length=10, choices=Shift.choices)
    text = models.TextField("Handover note")
    # Made by the server when the form is drawn, so the same handover posted twice saves once
    # (ADR 0008). Null on notes saved before keys existed, and on notes made by code, not a form.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    AUDIT_FIELDS = ["shift_date", "shift", "text"]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "created_at"])]

    def __str__(self) -> str:
        return f"Handover about {self.person}, {self.shift_date} {self.shift}"


class HandoverRead(models.Model):
    """An incoming staff member confirms they have read a handover note."""

    handover = models.ForeignKey(HandoverNote, on_delete=models.PROTECT, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["handover", "user"], name="one_read_per_handover_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.handover}"


class LanguageFlagRecord(models.Model):
    """One word the respectful-language check flagged when a record was saved, kept so governance can
    count them (per term, per month, per service). Never blocks saving."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=60)  # e.g. "notes.dailynote"
    record_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=60)
    term = models.CharField(max_length=100)
    code = models.CharField(max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["service", "created_at"])]

    def __str__(self) -> str:
        return f"{self.term} ({self.record_type} {self.record_id}.{self.field})"


class PlanUseDaily(models.Model):
    """A rollup: per person per day (Europe/London), how many daily notes stand (not corrected) and how
    many of those name a step or action of the plan. "Plans in use" and the person's notes page read
    this, so a provider-wide figure never scans raw notes (ADR 0016 measured why).

    Kept up to date inside the same transaction as the note that changes it (`record_note`: a note adds
    one; a correction takes its note's one away and adds its own). Derived data only:
    `manage.py rebuild_plan_use` rebuilds it from the notes, and the notes are what is true."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    notes = models.PositiveIntegerField(default=0)
    notes_naming_plan = models.PositiveIntegerField(default=0)

    class Meta:
        # Its index (person, day) is the one every read uses: these people, since that day.
        constraints = [models.UniqueConstraint(fields=["person", "day"], name="one_plan_use_row_per_day")]

    def __str__(self) -> str:
        return f"Plan use for {self.person_id} on {self.day}: {self.notes_naming_plan}/{self.notes}"
