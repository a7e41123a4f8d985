"""Who supports the person (C13): what each worker shares about themselves and the facts the rota
needs about them (skills, hours, home postcode), and the person's own choices of who supports them.

The person's preferences are one versioned row (`SupportPreferences`) with its ranked workers
(`PreferredWorker`), so a stale save of the whole choice is refused. Each worker not to send is a row
of its own (`NotToSend`): its audit rows are a kind of their own, shown only to those who may see the
list, and its reason only to managers and the person (lived/core/audit_visibility.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from lived.core.models import Archivable, LivedModel, Versioned

User = settings.AUTH_USER_MODEL


def _hours(value) -> str:
    """37.5 as "37.5", 48.0 as "48", none as "Not recorded"."""
    if value is None:
        return "Not recorded"
    return f"{value:.1f}".removesuffix(".0")


class Skill(models.Model):
    """A skill a session may need (medication-trained, driver, a language), managed in the admin.
    Forms offer it by public id, never by key."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class StaffProfile(LivedModel, Versioned):
    """One worker: what they choose to share with the people they support (their own words, their
    gender and languages, all optional and self-declared), and what managers set (skills, hours, the
    48-hour opt-out, a home postcode for travel)."""

    class Gender(models.TextChoices):
        WOMAN = "woman", "Woman"
        MAN = "man", "Man"
        NON_BINARY = "non_binary", "Non-binary"
        ANOTHER = "another", "In another way"
        PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"

    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="staff_profile")
    shared_about_me = models.TextField("What I would like the people I support to know about me", blank=True)
    gender = models.CharField("My gender", max_length=20, choices=Gender.choices, blank=True)
    languages = models.CharField("Languages I speak", max_length=200, blank=True)
    contracted_hours = models.DecimalField(
        "Contracted hours a week", max_digits=4, decimal_places=1, null=True, blank=True
    )
    maximum_hours = models.DecimalField(
        "Most hours a week", max_digits=4, decimal_places=1, null=True, blank=True
    )
    opted_out_of_48_hours = models.BooleanField(
        "Has opted out of the 48-hour average week (Working Time Regulations)", default=False
    )
    home_postcode = models.CharField("Home postcode", max_length=10, blank=True)

    # What the worker writes about themselves, and what a manager sets.
    OWN_FIELDS = ["shared_about_me", "gender", "languages"]
    MANAGED_FIELDS = ["contracted_hours", "maximum_hours", "opted_out_of_48_hours", "home_postcode"]

    def __str__(self) -> str:
        return f"Staff profile: {self.user}"

    @property
    def contracted_hours_text(self) -> str:
        return _hours(self.contracted_hours)

    @property
    def maximum_hours_text(self) -> str:
        return _hours(self.maximum_hours)

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]


class WorkerSkill(LivedModel, Archivable):
    """A skill a worker holds, set by a manager, until it lapses (`expires_on`, when it does).
    Audited on the worker's profile; removing one archives it."""

    profile = models.ForeignKey(StaffProfile, on_delete=models.PROTECT, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["skill__order", "skill__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill"],
                condition=models.Q(archived_at__isnull=True),
                name="one_current_skill_per_worker",
            )
        ]

    def __str__(self) -> str:
        if self.expires_on is None:
            return str(self.skill)
        return f"{self.skill} (until {self.expires_on.day} {self.expires_on:%B %Y})"


class SupportPreferences(LivedModel, Versioned):
    """The person's choices of who supports them, set by the person on their own account or by staff
    with them (`supported_by` names who helped). Versioned: a stale save is refused."""

    class Gender(models.TextChoices):
        WOMAN = "woman", "A woman"
        MAN = "man", "A man"

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="support_preferences"
    )
    preferred_gender = models.CharField(
        "I would like to be supported by", max_length=20, choices=Gender.choices, blank=True
    )
    preferred_language = models.CharField("A language I would like them to speak", max_length=100, blank=True)
    small_team = models.BooleanField("I would like a small team", default=False)
    supported_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    workers = models.ManyToManyField(User, through="PreferredWorker", related_name="+")

    class Meta:
        verbose_name_plural = "support preferences"

    def __str__(self) -> str:
        return f"Who supports {self.person}"

    def ranked(self) -> list[PreferredWorker]:
        return sorted(self.preferred_workers.all(), key=lambda p: p.rank)


class PreferredWorker(models.Model):
    """One worker the person would like, at their rank (1 is the first choice). Audited on the
    preferences it belongs to, which picture the whole ranking before and after."""

    preferences = models.ForeignKey(
        SupportPreferences, on_delete=models.CASCADE, related_name="preferred_workers"
    )
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["preferences", "rank"], name="one_worker_per_rank"),
            models.UniqueConstraint(fields=["preferences", "worker"], name="one_rank_per_worker"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.worker}"


class NotToSend(LivedModel, Archivable):
    """A worker the person does not want sent, with why. The list is never shown to support workers;
    the reason only to managers and the person. Taking someone off the list archives the row."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="not_to_send")
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    supported_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    AUDIT_FIELDS = ["worker", "reason", "supported_by"]

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "workers not to send"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "worker"],
                condition=models.Q(archived_at__isnull=True),
                name="one_current_not_to_send_per_worker",
            )
        ]

    def __str__(self) -> str:
        return f"Not to send: {self.worker}"
