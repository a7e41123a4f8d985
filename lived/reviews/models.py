"""Reviews of a person's support plan: scheduled (per plan and per outcome) and raised by a trigger
(crisis, incident, missed check-in, the person asking…), the agenda the person sets in advance, and
the weekly "what worked / what didn't" check-in. A completed review feeds the next plan version."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from lived.core.models import LivedModel, Versioned


class Review(LivedModel, Versioned):
    """A review. Its version goes up with every change to it or its agenda, so completing or cancelling
    it is done on the agenda the decider was shown (see services.complete_review)."""

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        TRIGGERED = "triggered", "Raised by something that happened"

    class Trigger(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled review"
        PERSON_ASKS = "person_asks", "The person asked"
        CHANGE_IN_CIRCUMSTANCES = "change_in_circumstances", "A change in circumstances"
        CRISIS = "crisis", "A crisis"
        INCIDENT = "incident", "An incident"
        MISSED_CHECK_IN = "missed_check_in", "A missed check-in"
        REPEATED_DECLINES = "repeated_declines", "Support declined several times"
        FALLING_SELF_RATING = "falling_self_rating", "Self-rating falling"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="reviews")
    plan = models.ForeignKey(
        "plans.SupportPlan", on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    # A review of one outcome. Outcome.key stays the same across plan versions.
    outcome_key = models.UUIDField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    trigger = models.CharField(max_length=40, choices=Trigger.choices)
    details = models.TextField(blank=True)
    # Null when Lived raised the review by itself (a scheduled review, an automatic trigger).
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    what_is_working = models.TextField("What is working", blank=True)
    what_is_not_working = models.TextField("What is not working", blank=True)
    decisions = models.TextField("What was decided", blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_reason = models.TextField(blank=True)
    resulting_version = models.ForeignKey(
        "plans.PlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Makes scheduled raising idempotent, e.g. "plan:12:2026-09-01". Empty for one-off reviews.
    dedupe_key = models.CharField(max_length=100, blank=True)

    AUDIT_FIELDS = [
        "kind",
        "trigger",
        "details",
        "outcome_key",
        "due_on",
        "owner",
        "status",
        "what_is_working",
        "what_is_not_working",
        "decisions",
        "cancelled_reason",
    ]

    class Meta:
        ordering = ["due_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="unique_review_dedupe_key_per_person",
            ),
            # raise_review is idempotent per trigger: one open triggered review per person and trigger.
            models.UniqueConstraint(
                fields=["person", "trigger"],
                condition=Q(status="open", kind="triggered"),
                name="one_open_triggered_review_per_trigger",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self) -> str:
        return f"Review of {self.person} ({self.get_trigger_display().lower()}), due {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and self.due_on < today

    def agenda_text(self, up_to_version: int | None = None) -> str:
        """The agenda as plain text; with `up_to_version`, only what was on it at that version."""
        items = self.agenda_items.all()
        if up_to_version is not None:
            items = [item for item in items if item.review_version <= up_to_version]
        return "; ".join(item.text for item in items) or "Nothing on the agenda"

    @property
    def agenda_now(self) -> str:
        return self.agenda_text()

    @property
    def raised_by_person(self) -> bool:
        """The person asked for this review on their own account: its details are their words."""
        return self.raised_by_id is not None and self.raised_by_id == self.person.user_id


class AgendaItem(LivedModel):
    """Something to talk about at the review. The person adds their own before the review."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="agenda_items")
    text = models.TextField()
    # Null when added automatically (a repeated trigger adds its details here).
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Always True when the person added it on their own account.
    in_persons_words = models.BooleanField(default=True)
    # The review's version once this was added: what a decider saw is every item up to their version.
    review_version = models.PositiveIntegerField(default=1)

    AUDIT_FIELDS = ["text", "in_persons_words", "added_by"]

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class CheckIn(LivedModel):
    """The weekly check-in: what worked and what didn't, one per person per week (weeks start Monday)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="check_ins")
    week_starting = models.DateField()
    what_worked = models.TextField("What worked", blank=True)
    what_didnt = models.TextField("What didn't work", blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The staff member who did the check-in with the person (null when the person did it alone).
    with_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    in_persons_words = models.BooleanField(default=True)

    AUDIT_FIELDS = [
        "week_starting",
        "what_worked",
        "what_didnt",
        "completed_by",
        "with_staff",
        "in_persons_words",
    ]

    class Meta:
        ordering = ["-week_starting"]
        constraints = [
            models.UniqueConstraint(fields=["person", "week_starting"], name="one_check_in_per_person_week")
        ]

    def __str__(self) -> str:
        return f"Check-in for {self.person}, week starting {self.week_starting}"
