"""Who supports the person (C13): what each worker shares about themselves and the facts the rota
needs about them (skills, hours, home postcode), and the person's own choices of who supports them.

The person's preferences are one versioned row (`SupportPreferences`) with its ranked workers
(`PreferredWorker`), so a stale save of the whole choice is refused. Each worker not to send is a row
of its own (`NotToSend`): its audit rows are a kind of their own, shown only to those who may see the
list, and its reason only to managers and the person (lived/core/audit_visibility.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
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


# --- support sessions ----------------------------------------------------------------------------


class SupportSession(LivedModel, Versioned, Archivable):
    """One unit of support that needs a named worker: a domiciliary visit, or a supported-living shift
    or one-to-one hours. For a person, or for the service as a whole (`person` empty: a shift).

    Made from the person's agreed plan (a routine with times: `source_key` is the routine's stable key,
    `plan_version` the version it was made from) or added by hand. A session made from the plan has a
    `generation_key` (the person, the routine's key and the date), unique, so making the sessions
    again never makes a second one. Cancelling keeps the row (status, and the archive fields say who,
    when and why); nothing is deleted."""

    class Origin(models.TextChoices):
        PLAN = "plan", "Made from the agreed plan"
        HAND = "hand", "Added by hand"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        CANCELLED = "cancelled", "Cancelled"

    class SourceKind(models.TextChoices):
        ROUTINE = "routine", "Routine"
        ACTION = "action", "Action"

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="support_sessions"
    )
    date = models.DateField()
    window_start = models.TimeField("Arrive from")
    window_end = models.TimeField("Arrive by")
    duration_minutes = models.PositiveSmallIntegerField("How long, in minutes")
    staff_needed = models.PositiveSmallIntegerField(
        "Staff needed", default=1, choices=[(1, "One"), (2, "Two (a double-up)")]
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="+")
    what = models.CharField("What the session is for", max_length=200, blank=True)
    source_kind = models.CharField(max_length=20, choices=SourceKind.choices, blank=True)
    source_key = models.UUIDField(null=True, blank=True)
    plan_version = models.ForeignKey(
        "plans.PlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.HAND)
    generation_key = models.CharField(max_length=120, unique=True, null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["date", "window_start", "pk"]
        indexes = [models.Index(fields=["service", "date"], name="rota_session_service_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gte=models.F("window_start")),
                name="session_window_in_order",
            ),
            models.CheckConstraint(condition=models.Q(duration_minutes__gt=0), name="session_has_a_length"),
            models.CheckConstraint(
                condition=models.Q(staff_needed__in=[1, 2]), name="session_one_or_two_staff"
            ),
        ]

    def __str__(self) -> str:
        who = self.person.known_as if self.person_id else "Shift"
        return f"{who}, {self.date:%A} {self.date.day} {self.date:%B %Y}, {self.window_text}"

    @property
    def window_text(self) -> str:
        return f"{self.window_start:%H:%M}–{self.window_end:%H:%M}"

    @property
    def duration_text(self) -> str:
        hours, minutes = divmod(self.duration_minutes, 60)
        parts = []
        if hours:
            parts.append(f"{hours} hour" + ("s" if hours > 1 else ""))
        if minutes:
            parts.append(f"{minutes} minutes")
        return " ".join(parts)


# --- availability and leave ----------------------------------------------------------------------


class Availability(LivedModel, Archivable):
    """When a worker can work, week by week: one weekday and times. Set by a manager at their service;
    taking one off archives it."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="availability")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start = models.TimeField("From")
    end = models.TimeField("Until")

    class Meta:
        ordering = ["weekday", "start", "pk"]
        verbose_name_plural = "availability"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="availability_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Absence(LivedModel, Archivable):
    """A worker away: leave, sickness or training, from one date to another (both included). The note
    is for managers only. Taking one off archives it."""

    class Kind(models.TextChoices):
        LEAVE = "leave", "Leave"
        SICKNESS = "sickness", "Off sick"
        TRAINING = "training", "Training"

    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="absences")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    starts_on = models.DateField("From")
    ends_on = models.DateField("Until")
    note = models.TextField("Note for managers", blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="absence_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.dates_text}"

    @property
    def dates_text(self) -> str:
        def day(d):
            return f"{d:%A} {d.day} {d:%B %Y}"

        if self.starts_on == self.ends_on:
            return day(self.starts_on)
        return f"{day(self.starts_on)} to {day(self.ends_on)}"


# --- allocation: who is sent, what could not be met, and the published rota ---------------------


class RotaWeek(LivedModel, Versioned):
    """A service's rota for one week (Monday to Sunday). The unit the planner edits: every run of the
    allocation, every override and every publish moves its version on, so a planner page opened
    before any of them cannot publish over it (the conflict page says what changed)."""

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    week_start = models.DateField("Week beginning")
    draft = models.ForeignKey("Allocation", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    published = models.ForeignKey(
        "Allocation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["week_start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["service", "week_start"], name="one_rota_per_service_week"),
        ]

    def __str__(self) -> str:
        return f"Rota for the week beginning {self.week_start.day} {self.week_start:%B %Y}"

    def clean(self):
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": "A rota week begins on a Monday"})


class Allocation(LivedModel):
    """One run of the allocation for a rota week, kept whole: its assignments, the sessions it could
    not cover and the preferences it could not meet. A run is never changed after it is published;
    re-planning makes a new run from the published one (`based_on`), whose changes are penalised."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        READY = "ready", "Ready to check"
        FAILED = "failed", "Could not finish"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Replaced by a newer rota"

    week = models.ForeignKey(RotaWeek, on_delete=models.PROTECT, related_name="allocations")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    job_public_id = models.UUIDField(null=True, blank=True)
    # What the solver reported: optimal, feasible at the time limit, or infeasible (the best partial rota).
    solver_status = models.CharField(max_length=40, blank=True)
    objective = models.BigIntegerField(null=True, blank=True)
    bound = models.BigIntegerField(null=True, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    time_limit_seconds = models.PositiveSmallIntegerField(default=10)
    sessions_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Allocation for {self.week}: {self.get_status_display()}"

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        return (self.objective - self.bound) / max(1, abs(self.objective))


class Assignment(LivedModel):
    """A worker sent to a session in one allocation. An override by a manager records who and why;
    the row it replaced is kept (`replaced_at`), never deleted."""

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="assignments")
    session = models.ForeignKey(SupportSession, on_delete=models.PROTECT, related_name="assignments")
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="rota_assignments")
    override_reason = models.TextField(blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["session__date", "session__window_start", "pk"]
        indexes = [models.Index(fields=["worker", "allocation"], name="rota_assignment_worker")]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "session", "worker"],
                condition=models.Q(replaced_at__isnull=True),
                name="one_current_assignment_per_worker_session",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} to {self.session}"


class Uncovered(LivedModel):
    """A session an allocation could not fully staff, with why in plain words."""

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="uncovered")
    session = models.ForeignKey(SupportSession, on_delete=models.PROTECT, related_name="+")
    missing = models.PositiveSmallIntegerField(default=1)
    reason = models.TextField()

    class Meta:
        ordering = ["session__date", "session__window_start", "pk"]
        verbose_name_plural = "uncovered sessions"

    def __str__(self) -> str:
        return f"Not covered: {self.session}"


class Shortfall(LivedModel):
    """A preference the person set that a rota could not meet: which one, for which session (none for
    a preference about the week, such as a small team), the reason in plain words, and who is coming
    instead. Made by the allocation and by an override that breaks a preference (`by_override`).
    The reason never names a worker on the person's not-to-send list."""

    class Preference(models.TextChoices):
        PREFERRED_WORKER = "preferred_worker", "A worker they chose"
        GENDER = "gender", "The gender of who supports them"
        LANGUAGE = "language", "A language"
        SMALL_TEAM = "small_team", "A small team"
        LAST_WEEK = "last_week", "The worker who came last week"

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="shortfalls")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="rota_shortfalls")
    session = models.ForeignKey(
        SupportSession, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    preference = models.CharField(max_length=30, choices=Preference.choices)
    reason = models.TextField()
    instead = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    by_override = models.BooleanField(default=False)

    class Meta:
        ordering = ["session__date", "session__window_start", "pk"]
        indexes = [models.Index(fields=["person", "allocation"], name="rota_shortfall_person")]

    def __str__(self) -> str:
        return f"Shortfall for {self.person}: {self.get_preference_display()}"


class CalendarFeed(LivedModel, Archivable):
    """A worker's private calendar address for their own published sessions (RFC 5545). Only a hash
    of its secret is stored, so the address is shown once; making a new one, or turning it off,
    archives the old one and the old address stops working at once."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="calendar_feeds")
    secret_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(archived_at__isnull=True), name="one_live_feed_per_worker"
            )
        ]

    def __str__(self) -> str:
        return f"Calendar feed for {self.user}"


# --- places, for travel between visits (lived/rota/travel.py) ------------------------------------


def normalise_postcode(value: str) -> str:
    """A UK postcode upper-case with one space before its last three characters ("mb24tn" is "MB2 4TN");
    "" for nothing."""
    compact = "".join((value or "").split()).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


class Postcode(models.Model):
    """Where a postcode is (its centre, in degrees), held locally so travel needs no outside service.
    Loaded from the ONS Postcode Directory or a file like it by `manage.py load_postcodes`."""

    postcode = models.CharField(max_length=8, unique=True)  # normalised: "MB2 4TN"
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["postcode"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                ),
                name="postcode_on_the_earth",
            )
        ]

    def __str__(self) -> str:
        return self.postcode

    def save(self, *args, **kwargs):
        self.postcode = normalise_postcode(self.postcode)
        super().save(*args, **kwargs)


class VisitPlace(LivedModel):
    """The postcode where a person is visited (their home), for travel between domiciliary visits.
    A row of its own here because the person's record (lived/people) holds no address and the rota
    should not change it; a person without one is visited at their service's address (its last line
    is its postcode), which is right for supported living, where the person lives at the service."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="visit_place")
    postcode = models.CharField("Postcode", max_length=8)

    def __str__(self) -> str:
        return f"Where {self.person} is visited"

    def save(self, *args, **kwargs):
        self.postcode = normalise_postcode(self.postcode)
        super().save(*args, **kwargs)
