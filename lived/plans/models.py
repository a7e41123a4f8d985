"""The co-produced support plan: outcomes in the person's words, the actions staff take, how each is
reviewed and evidenced, planning conversations, routines and prompt cards. Every plan is a series of
versions: draft → agreed → superseded. Agreed versions never change."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from lived.core.models import LivedModel, Versioned


class SupportPlan(LivedModel):
    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="support_plan")
    review_frequency_weeks = models.PositiveSmallIntegerField(
        "Review the whole plan every (weeks)", default=26
    )
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Support plan for {self.person}"


class PlanVersion(LivedModel, Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AGREED = "agreed", "Agreed"
        SUPERSEDED = "superseded", "Superseded"

    class Response(models.TextChoices):
        AGREED = "agreed", "Agreed"
        DISAGREED = "disagreed", "Disagreed"

    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reason_for_change = models.TextField(blank=True)
    # The person's response, in their own words, recorded when the version is agreed (or not).
    response = models.CharField(max_length=20, choices=Response.choices, blank=True)
    persons_words = models.TextField(blank=True)
    disagreement_reason = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    response_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response_supported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    # The plan quality check's findings and the person's-version readability, frozen at agreement.
    quality_findings = models.JSONField(default=list, blank=True)
    readability_score = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version_number"),
            models.UniqueConstraint(fields=["plan"], condition=Q(status="draft"), name="one_draft_per_plan"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="agreed"), name="one_agreed_version_per_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} ({self.get_status_display().lower()})"

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT


class LifeArea(models.TextChoices):
    HOME = "home", "Home and daily living"
    HEALTH = "health", "Health and wellbeing"
    RELATIONSHIPS = "relationships", "Relationships and family"
    WORK = "work", "Work, learning and volunteering"
    MONEY = "money", "Money"
    COMMUNITY = "community", "Community and leisure"
    SAFETY = "safety", "Staying safe"
    IDENTITY = "identity", "Culture, faith and identity"


class ChimeDomain(models.TextChoices):
    CONNECTEDNESS = "connectedness", "Connectedness"
    HOPE = "hope", "Hope and optimism"
    IDENTITY = "identity", "Identity"
    MEANING = "meaning", "Meaning and purpose"
    EMPOWERMENT = "empowerment", "Empowerment"


class PlanPart(LivedModel, Versioned):
    """A part of one plan version. `key` stays the same across versions so changes can be compared."""

    key = models.UUIDField(default=uuid.uuid4, editable=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class Outcome(PlanPart):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="outcomes")
    in_persons_words = models.TextField("What I want, in my words")
    written_by_person = models.BooleanField("These are the person's own words", default=True)
    life_area = models.CharField(max_length=20, choices=LifeArea.choices)
    chime_domain = models.CharField("Recovery (CHIME) domain", max_length=20, choices=ChimeDomain.choices)
    review_frequency_weeks = models.PositiveSmallIntegerField("Review every (weeks)", null=True, blank=True)
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evidence = models.TextField("How we will know it is working", blank=True)
    funded_by = models.CharField("Paid for by", max_length=200, blank=True)
    is_limited = models.BooleanField("Risk or resources limit what the person wants", default=False)
    limit_explained = models.TextField("The limit, explained in plain words", blank=True)

    COMPARE_FIELDS = [
        "in_persons_words",
        "written_by_person",
        "life_area",
        "chime_domain",
        "review_frequency_weeks",
        "review_owner",
        "evidence",
        "funded_by",
        "is_limited",
        "limit_explained",
    ]

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.in_persons_words[:60]


class Action(PlanPart):
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="actions")
    what = models.TextField("What staff will do")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_role = models.CharField(
        "Who (if not one named person)",
        max_length=100,
        blank=True,
        help_text="For example, any support worker on shift",
    )
    frequency = models.CharField("When or how often", max_length=200, blank=True)
    prompts = models.TextField("Prompts", blank=True)
    adjustments = models.TextField("Adjustments", blank=True)

    COMPARE_FIELDS = ["what", "owner", "owner_role", "frequency", "prompts", "adjustments"]

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def who(self) -> str:
        if self.owner_id:
            return self.owner.display_name
        return self.owner_role


class PlanningConversation(PlanPart):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="conversations")
    held_on = models.DateField()
    participants = models.TextField("Who took part", help_text="The person, family, advocate, staff")
    person_took_part = models.BooleanField("The person took part", default=True)
    options_considered = models.TextField("Options considered")
    agreed = models.TextField("What was agreed")
    why = models.TextField("Why")
    disagreement = models.TextField("Any disagreement, and the reason", blank=True)

    COMPARE_FIELDS = ["held_on", "participants", "options_considered", "agreed", "why", "disagreement"]

    class Meta(PlanPart.Meta):
        pass


class Routine(PlanPart):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="routines")
    name = models.CharField(max_length=200, help_text="For example, morning support agreement")
    in_persons_words = models.TextField("Why this routine matters to me", blank=True)
    arrival_window = models.CharField(
        "Arrival window", max_length=100, blank=True, help_text="For example, 8:00 to 8:45"
    )
    when_distress_rises = models.TextField("Options when distress rises", blank=True)
    agency_summary = models.TextField("Short summary for agency staff", blank=True)

    COMPARE_FIELDS = ["name", "in_persons_words", "arrival_window", "when_distress_rises", "agency_summary"]

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class RoutineStep(PlanPart):
    class Flexibility(models.TextChoices):
        FLEXIBLE = "flexible", "Can flex"
        BOUNDARY = "boundary", "Needs a boundary"

    routine = models.ForeignKey(Routine, on_delete=models.PROTECT, related_name="steps")
    what = models.CharField(max_length=300)
    agreed_language = models.TextField("Words to use", blank=True)
    window_start = models.TimeField(null=True, blank=True)
    window_end = models.TimeField(null=True, blank=True)
    flexibility = models.CharField(max_length=20, choices=Flexibility.choices, default=Flexibility.FLEXIBLE)
    boundary_reason = models.TextField("Why this needs a boundary", blank=True)

    COMPARE_FIELDS = [
        "what",
        "agreed_language",
        "window_start",
        "window_end",
        "flexibility",
        "boundary_reason",
    ]

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.what


class PromptCard(PlanPart):
    """A traffic-light card any staff member can follow: what each state looks like, what staff do."""

    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="prompt_cards")
    title = models.CharField(max_length=200, help_text="For example, when anxiety rises in the morning")
    green_looks_like = models.TextField("Green: what it looks like")
    green_staff_do = models.TextField("Green: what staff do")
    amber_looks_like = models.TextField("Amber: what it looks like")
    amber_staff_do = models.TextField("Amber: what staff do")
    red_looks_like = models.TextField("Red: what it looks like")
    red_staff_do = models.TextField("Red: what staff do")

    COMPARE_FIELDS = [
        "title",
        "green_looks_like",
        "green_staff_do",
        "amber_looks_like",
        "amber_staff_do",
        "red_looks_like",
        "red_staff_do",
    ]

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.title


class ReadConfirmation(models.Model):
    """A staff member confirms they have read and understood an agreed version's changes."""

    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="read_confirmations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan_version", "user"], name="one_read_per_user_version")
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.plan_version}"
