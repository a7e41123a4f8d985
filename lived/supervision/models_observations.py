"""Observations of practice (spot checks, C14): a senior or manager watches a worker support a person,
with the person's agreement, against one routine or one action of the person's agreed plan, and says
whether the agreed words, order, arrival window and boundaries were followed, whether choices were
offered and consent checked, what the person said of it in their own words, and the feedback given.

Every change goes through lived/supervision/services_observations.py against the version the editor
opened. `part_key` is the routine's or action's `key`, which stays the same across plan versions, so a
routine's observations roll up together after the plan is agreed again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from lived.core.models import LivedModel, Versioned

User = settings.AUTH_USER_MODEL


class Observation(LivedModel, Versioned):
    class Followed(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"
        DOES_NOT_APPLY = "not_applicable", "Does not apply here"

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="observations")
    observer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="observations_made")
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="observations_received")
    observed_on = models.DateField("Date of the observation")
    # What was observed: one routine or one action of the plan version agreed at the time.
    plan_version = models.ForeignKey("plans.PlanVersion", on_delete=models.PROTECT, related_name="+")
    routine = models.ForeignKey(
        "plans.Routine", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        "plans.Action", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    part_key = models.UUIDField()
    part_name = models.CharField("What was observed", max_length=300)
    # The person said yes to being observed. Required: an observation without it is refused.
    person_agreed = models.BooleanField("The person agreed to the observation", default=False)
    how_agreed = models.CharField("How they agreed", max_length=300, blank=True)
    words = models.CharField("Agreed words used", max_length=20, choices=Followed.choices)
    words_note = models.TextField(blank=True)
    order = models.CharField("Agreed order followed", max_length=20, choices=Followed.choices)
    order_note = models.TextField(blank=True)
    window = models.CharField("Arrival window kept", max_length=20, choices=Followed.choices)
    window_note = models.TextField(blank=True)
    boundaries = models.CharField("Boundaries kept as agreed", max_length=20, choices=Followed.choices)
    boundaries_note = models.TextField(blank=True)
    choices_offered = models.CharField("Choices offered", max_length=20, choices=Followed.choices)
    choices_note = models.TextField(blank=True)
    consent_checked = models.CharField("Consent checked", max_length=20, choices=Followed.choices)
    consent_note = models.TextField(blank=True)
    # The person's own view of how it went, in their words (shown as theirs, never paraphrased).
    in_persons_words = models.TextField("How it went, in the person's words", blank=True)
    feedback = models.TextField("Feedback given to the worker")
    # Words, order, window and boundaries each "yes" or "does not apply": worked out by the service
    # on every save, so the roll-up counts in the database.
    followed_as_agreed = models.BooleanField(default=False)

    # The four parts of "followed as agreed", then choice and consent: (field, note field).
    AGREED_PARTS = [
        ("words", "words_note"),
        ("order", "order_note"),
        ("window", "window_note"),
        ("boundaries", "boundaries_note"),
    ]
    PRACTICE_PARTS = [("choices_offered", "choices_note"), ("consent_checked", "consent_note")]
    EDITABLE_FIELDS = [
        "observed_on",
        "person_agreed",
        "how_agreed",
        *[name for pair in AGREED_PARTS + PRACTICE_PARTS for name in pair],
        "in_persons_words",
        "feedback",
    ]

    class Meta:
        ordering = ["-observed_on", "-pk"]
        indexes = [
            models.Index(fields=["service", "observed_on"]),
            models.Index(fields=["worker", "observed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(routine__isnull=False, action__isnull=True)
                | Q(routine__isnull=True, action__isnull=False),
                name="observation_of_one_routine_or_action",
            ),
            models.CheckConstraint(condition=Q(person_agreed=True), name="observation_only_with_agreement"),
        ]

    def __str__(self) -> str:
        return f"Observation of {self.part_name} on {self.observed_on:%d %B %Y}"

    @property
    def kind_of_part(self) -> str:
        return "Routine" if self.routine_id else "Plan action"
