"""Supervision records (C14): one session between a supervisor and a worker at a service, what was
discussed, the worker's wellbeing, the agreed actions, the worker's own reflection (theirs alone to
write), sign-off by both and the themes the supervisor tagged.

A record is versioned: every change goes through lived/supervision/services.py against the version
the editor opened. Once both have signed, the record is the agreed version and nothing in it changes
(an agreed action can still be marked done at a later session: that is the follow-up, not a change to
what was agreed)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from lived.core.models import LivedModel, Versioned

User = settings.AUTH_USER_MODEL


class Theme(models.Model):
    """A theme a supervisor may tag a session with ("choice offered", "routine over preference"),
    managed in the admin and seeded by a data migration. Retired themes stay on old records."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Supervision(LivedModel, Versioned):
    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", "One-to-one"
        GROUP = "group", "Group supervision"
        REFLECTIVE = "reflective", "Reflective practice"
        TEAM_MEETING = "team_meeting", "Team meeting"
        PROBATION = "probation", "Probation review"
        APPRAISAL = "appraisal", "Appraisal"

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervisions_given")
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervisions_received")
    held_on = models.DateField("Date of the session")
    kind = models.CharField("Kind of session", max_length=20, choices=Kind.choices, default=Kind.ONE_TO_ONE)
    discussed = models.TextField("What we talked about", blank=True)
    wellbeing = models.TextField("How the worker is doing", blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    # The worker's own words, written on their own account: the supervisor never edits these.
    reflection = models.TextField("My reflection", blank=True)
    disagreement = models.TextField("What I disagree with", blank=True)
    supervisor_signed_at = models.DateTimeField(null=True, blank=True)
    worker_signed_at = models.DateTimeField(null=True, blank=True)

    SUPERVISOR_FIELDS = ["held_on", "kind", "discussed", "wellbeing"]
    WORKER_FIELDS = ["reflection", "disagreement"]

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["worker", "held_on"]), models.Index(fields=["service", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d %B %Y}"

    @property
    def is_agreed(self) -> bool:
        """Both have signed: the record is locked."""
        return self.supervisor_signed_at is not None and self.worker_signed_at is not None


class AgreedAction(LivedModel):
    """Something agreed at a session, who will do it and by when. Open actions are shown when the next
    session with the same worker is opened, and marked done there."""

    supervision = models.ForeignKey(Supervision, on_delete=models.PROTECT, related_name="actions")
    what = models.CharField("What we agreed", max_length=300)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("By when")
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.what} (by {self.due_on:%d %B %Y})"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class Prompt(models.Model):
    """A reflective prompt (issue 15, items 3 and 4), written as data so quality leads can edit it.

    Caseload prompts are drawn from the worker's own records since their last session (the code names
    what lived/supervision/prompts.py counts); journey-stage prompts are a library for supervision,
    team meetings and reviews. The code never changes; a retired prompt stays on old records and is
    never newly attached."""

    class Kind(models.TextChoices):
        CASELOAD = "caseload", "From the worker's caseload"
        JOURNEY = "journey", "A stage of the person's journey"

    class Stage(models.TextChoices):
        PRIMARY_CARE = "primary_care", "Primary care"
        CRISIS = "crisis", "Crisis and home treatment"
        MHA = "mha", "A Mental Health Act assessment"
        COMMUNITY_SERVICES = "community_services", "Community services"
        CARE_COORDINATION = "care_coordination", "Assessment, review and care coordination"
        FAMILY = "family", "Family and social network"
        COMMUNITY_LIFE = "community_life", "Being part of the community"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    stage = models.CharField("Stage of the journey", max_length=30, choices=Stage.choices, blank=True)
    title = models.CharField(max_length=150)
    wording = models.TextField("What the prompt asks")
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "stage", "order", "title"]

    def __str__(self) -> str:
        return self.title


class SessionPrompt(LivedModel):
    """A prompt walked through at one session, and what the supervisor noted was discussed. It keeps
    the prompt even after the prompt is retired, so old records read as they were."""

    supervision = models.ForeignKey(Supervision, on_delete=models.PROTECT, related_name="session_prompts")
    prompt = models.ForeignKey(Prompt, on_delete=models.PROTECT, related_name="+")
    discussed = models.TextField("What we talked about", blank=True)

    class Meta:
        ordering = ["prompt__kind", "prompt__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["supervision", "prompt"], name="one_prompt_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.prompt} at {self.supervision}"


class ReviewAgendaPrompt(LivedModel):
    """A library prompt on a review's agenda. It lives here, not in lived/reviews, because reviews sits
    below supervision in the layer order and may not import it."""

    review = models.ForeignKey("reviews.Review", on_delete=models.PROTECT, related_name="+")
    prompt = models.ForeignKey(Prompt, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["prompt__stage", "prompt__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "prompt"], name="one_prompt_per_review_agenda")
        ]

    def __str__(self) -> str:
        return f"{self.prompt} on the agenda of {self.review}"


from lived.supervision.models_observations import Observation  # noqa: E402, F401
