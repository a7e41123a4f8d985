"""The person's record: who they are, "About me" in their words, how they communicate and consent,
their circle of support and what they choose to share with whom."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from lived.core.models import Archivable, LivedModel, Versioned
from lived.people.queries import CircleMemberQuerySet, PersonQuerySet


class Person(LivedModel, Archivable, Versioned):
    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="people")
    key_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="key_people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_record",
        help_text="The person's own sign-in, if they have one.",
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True)
    on_cpa = models.BooleanField("On the Care Programme Approach (CPA)", default=False)
    section_117_aftercare = models.BooleanField("Entitled to section 117 aftercare", default=False)
    legal_context_notes = models.TextField(blank=True)
    communication_needs = models.TextField(blank=True)
    preferred_language = models.CharField(max_length=100, blank=True)
    food_and_drink = models.TextField(blank=True)
    faith_and_spirituality = models.TextField(blank=True)
    identity_and_culture = models.TextField(blank=True)
    privacy = models.TextField(blank=True)
    relationships = models.TextField(blank=True)
    lifestyle = models.TextField(blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["service", "archived_at", "family_name", "given_name"])]
        permissions = []

    def __str__(self) -> str:
        return self.name

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.given_name

    @property
    def name(self) -> str:
        if self.preferred_name and self.preferred_name != self.given_name:
            return f"{self.preferred_name} ({self.given_name}) {self.family_name}"
        return f"{self.given_name} {self.family_name}"

    DETAIL_FIELDS = [
        "given_name",
        "family_name",
        "preferred_name",
        "pronouns",
        "date_of_birth",
        "nhs_number",
        "service",
        "key_worker",
        "on_cpa",
        "section_117_aftercare",
        "legal_context_notes",
        "communication_needs",
        "preferred_language",
        "food_and_drink",
        "faith_and_spirituality",
        "identity_and_culture",
        "privacy",
        "relationships",
        "lifestyle",
    ]


class AboutMeSection(models.TextChoices):
    # The seven PRSB About Me sections, in the standard's order.
    MOST_IMPORTANT = "most_important", "What is most important to me"
    IMPORTANT_PEOPLE = "important_people", "People who are important to me"
    COMMUNICATION = "communication", "How I communicate and how to communicate with me"
    WELLNESS = "wellness", "My wellness"
    DO_AND_DONT = "do_and_dont", "Please do and please don't"
    HOW_AND_WHEN = "how_and_when", "How and when to support me"
    ALSO_WORTH_KNOWING = "also_worth_knowing", "Also worth knowing about me"
    # Further sections that mental health support plans lean on.
    GOOD_DAY = "good_day", "A good day for me"
    BAD_DAY = "bad_day", "A bad day for me"
    STRENGTHS = "strengths", "My strengths and interests"
    EARLY_WARNING_SIGNS = "early_warning_signs", "Early warning signs that I am becoming unwell"
    WHEN_DISTRESSED = "when_distressed", "What helps when I am distressed"
    INTRUSIVE = "intrusive", "Support that feels intrusive to me"


class AboutMeEntry(LivedModel, Archivable, Versioned):
    """One version of one entry in "About me".

    When `in_persons_words` is set the text is the person's own and is shown as their quote. Entries
    are never written over: a change saves a new version that `replaces` this one, and this one is
    archived ("Replaced by a newer version"), so every reader of current entries skips it and the
    words stay in the record. Who wrote a version is who was signed in when it was saved (the
    services decide it, never a form). A staff version of an entry that held the person's own words
    keeps pointing at those words (`persons_words`), so they stay shown, as the person's, beside
    what staff wrote."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="about_me_entries")
    section = models.CharField(max_length=40, choices=AboutMeSection.choices)
    text = models.TextField()
    in_persons_words = models.BooleanField(default=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    supported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    written_on = models.DateField(default=timezone.localdate)
    # One-to-one: a version is replaced at most once, so two saves of the same version cannot fork it.
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    persons_words = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="On a staff version: the person's own words it was written beside, still shown.",
    )
    # Made by the server when the form is drawn, so the same form posted twice saves once (ADR 0008).
    # Null on entries saved before keys existed, and on entries made by code rather than a form.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # A staff summary reaches the people the person shares About me with only when the person ticks
    # it, on their own account (services.share_staff_summary). Each version starts unshared: new
    # staff words need the person's own choice. The person's own words are always shared.
    shared_with_circle = models.BooleanField(
        "Shared with the people I share About me with", default=False, editable=False
    )

    class Meta:
        ordering = ["section", "created_at"]
        verbose_name_plural = "About me entries"

    AUDIT_FIELDS = [
        "section",
        "text",
        "in_persons_words",
        "written_by",
        "supported_by",
        "written_on",
        "shared_with_circle",
    ]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.text[:40]}"


class CommunicationProfile(LivedModel, Versioned):
    """How the person shows yes, no, not sure and overload; pause words; the consent check staff use."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="communication_profile")
    shows_yes = models.TextField("How I show yes", blank=True)
    shows_no = models.TextField("How I show no", blank=True)
    shows_not_sure = models.TextField("How I show I am not sure", blank=True)
    shows_overload = models.TextField("How I show I have had too much", blank=True)
    pause_words = models.CharField("My pause words", max_length=200, blank=True)
    preferred_phrasing = models.TextField("Words and phrases that work for me", blank=True)
    phrasing_to_avoid = models.TextField("Words and phrases to avoid", blank=True)
    trusted_staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    consent_check_required = models.BooleanField("Use the three-step consent check with me", default=True)
    consent_explain = models.TextField("Step 1: how to explain", blank=True)
    consent_options = models.TextField("Step 2: how to offer options", blank=True)
    consent_confirm = models.TextField("Step 3: how to confirm I agree", blank=True)
    staged_choices = models.TextField("Staged choices for essential tasks", blank=True)
    in_persons_words = models.BooleanField(default=False)

    AUDIT_FIELDS = [
        "shows_yes",
        "shows_no",
        "shows_not_sure",
        "shows_overload",
        "pause_words",
        "preferred_phrasing",
        "phrasing_to_avoid",
        "trusted_staff",
        "consent_check_required",
        "consent_explain",
        "consent_options",
        "consent_confirm",
        "staged_choices",
        "in_persons_words",
    ]


class CircleMember(LivedModel, Archivable, Versioned):
    class Relationship(models.TextChoices):
        FAMILY = "family", "Family"
        PARTNER = "partner", "Partner"
        FRIEND = "friend", "Friend"
        CARER = "carer", "Carer"
        ADVOCATE = "advocate", "Advocate"
        NEIGHBOUR = "neighbour", "Neighbour"
        PROFESSIONAL = "professional", "Professional outside the service"
        OTHER = "other", "Other"

    class CarersAssessment(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", "Not applicable"
        OFFERED = "offered", "Offered"
        COMPLETED = "completed", "Completed"
        DECLINED = "declined", "Offered and declined"
        NOT_YET_OFFERED = "not_yet_offered", "Not yet offered"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="circle")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    relationship_detail = models.CharField(max_length=100, blank=True, help_text="For example, Dad, sister")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    gives_substantial_care = models.BooleanField(default=False)
    carers_assessment = models.CharField(
        max_length=20, choices=CarersAssessment.choices, default=CarersAssessment.NOT_APPLICABLE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="circle_memberships",
        help_text="Their sign-in, if the person has invited them to use Lived.",
    )

    objects = CircleMemberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    AUDIT_FIELDS = [
        "name",
        "relationship",
        "relationship_detail",
        "phone",
        "email",
        "address",
        "gives_substantial_care",
        "carers_assessment",
    ]

    def __str__(self) -> str:
        detail = self.relationship_detail or self.get_relationship_display()
        return f"{self.name} ({detail})"


class SharedSection(models.TextChoices):
    """What a person can choose to share with someone in their circle. Later capabilities add sections."""

    ABOUT_ME = "about_me", "About me"
    COMMUNICATION = "communication", "How I communicate and consent"
    SUPPORT_PLAN = "support_plan", "My support plan"
    CRISIS_PLAN = "crisis_plan", "My crisis plan"
    DAILY_NOTES = "daily_notes", "Daily notes"
    APPOINTMENTS = "appointments", "Appointments"
    OUTCOMES = "outcomes", "How I am getting on (outcomes)"
    WELLBEING = "wellbeing", "Whether I am well or unwell"


class SharingAgreement(LivedModel):
    """The person agrees to share one section with one circle member, from a date, perhaps until a date.

    `when_unwell_only` agreements come from the person's advance wishes and apply only while those
    wishes are in force. Withdrawal ends an agreement at once; nothing is deleted.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="sharing_agreements")
    member = models.ForeignKey(CircleMember, on_delete=models.PROTECT, related_name="sharing_agreements")
    section = models.CharField(max_length=30, choices=SharedSection.choices)
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)
    when_unwell_only = models.BooleanField(default=False)
    persons_words = models.TextField(blank=True, help_text="What the person said about this, in their words")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["member__name", "section"]

    AUDIT_FIELDS = ["member", "section", "starts_on", "ends_on", "when_unwell_only", "persons_words"]

    def __str__(self) -> str:
        return f"{self.get_section_display()} with {self.member}"

    def is_active(self, today=None, wishes_in_force: bool = False) -> bool:
        today = today or timezone.localdate()
        if self.withdrawn_at is not None or self.starts_on > today:
            return False
        if self.ends_on is not None and self.ends_on < today:
            return False
        return wishes_in_force or not self.when_unwell_only

    @property
    def status(self) -> str:
        today = timezone.localdate()
        if self.withdrawn_at:
            return "Withdrawn"
        if self.starts_on > today:
            return "Not started"
        if self.ends_on and self.ends_on < today:
            return "Ended"
        if self.when_unwell_only:
            return "Only when I am unwell"
        return "Shared"


class AdvanceSharingWishes(LivedModel, Versioned):
    """What the person wants shared, and with whom, if they become unwell, and whether that is in force."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="advance_sharing_wishes")
    statement = models.TextField("In my words", blank=True)
    in_force = models.BooleanField(default=False)
    in_force_since = models.DateTimeField(null=True, blank=True)
    in_force_reason = models.TextField(blank=True)
    # Who last put the wishes in force or stopped them, and when: what the person is told on their
    # own page ("Hannah Reid decided this because ..."). Not `updated_by`, which the person's own
    # edits of the statement also set.
    in_force_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    in_force_changed_at = models.DateTimeField(null=True, blank=True)

    AUDIT_FIELDS = [
        "statement",
        "in_force",
        "in_force_since",
        "in_force_reason",
        "in_force_changed_by",
        "in_force_changed_at",
    ]
