"""Scoped reads for notes and the shift briefing. Everything takes a person already reached through
the scoped query, or a `Person.objects.visible_to(user)` queryset. The briefing reads are a fixed
number of queries whatever the number of people."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from lived.accounts.models import WRITERS, ServiceRole
from lived.core.conf import lived_settings
from lived.core.models import AuditEvent
from lived.core.weeks import RollingWeeks
from lived.notes import rollups
from lived.notes.models import DailyNote, HandoverNote, HandoverRead, LanguageFlagRecord, PlanUseDaily
from lived.notes.shifts import handover_since, since_last_worked
from lived.outcomes import briefing as outcomes_briefing
from lived.people.models import CommunicationProfile
from lived.plans.models import ReadConfirmation, Routine
from lived.plans.queries import current_agreed_versions
from lived.reviews.models import Review
from lived.risk import briefing as risk_briefing


def notes_for(person):
    return (
        DailyNote.objects.filter(person=person)
        .select_related("author", "amends")
        .prefetch_related("actions", "steps")
        .annotate(corrected=Count("correction"))
        .order_by("-occurred_at", "-pk")
    )


# The notes page charts the person's own ratings over this many days.
RATINGS_SHOWN_DAYS = 60


def ratings_for(person, since: datetime.datetime | None = None):
    """The person's own ratings since `since` (by default the last `RATINGS_SHOWN_DAYS` days), oldest
    first, leaving out notes that were corrected."""
    since = since or timezone.now() - datetime.timedelta(days=RATINGS_SHOWN_DAYS)
    return list(
        DailyNote.objects.filter(
            person=person, occurred_at__gte=since, self_rating__isnull=False, correction__isnull=True
        )
        .order_by("occurred_at", "pk")
        .values_list("occurred_at", "self_rating")
    )


def weekly_outcomes(person, today: datetime.date, weeks: int = 8) -> dict:
    """How offered support went, week by week for the last `weeks` weeks: notes done (as agreed or
    with changes) and notes where the person said no, leaving out notes that were corrected. Scenario
    7's "declines fall and participation rises". One query."""
    run = RollingWeeks(today, weeks)
    done, declined = run.zeros(), run.zeros()
    rows = DailyNote.objects.filter(
        person=person, occurred_at__gte=run.since, correction__isnull=True
    ).values_list("occurred_at", "outcome")
    for occurred_at, outcome in rows:
        index = run.index(occurred_at)
        if index is None:
            continue
        if outcome == DailyNote.Outcome.DECLINED:
            declined[index] += 1
        elif outcome in (DailyNote.Outcome.AS_AGREED, DailyNote.Outcome.ADJUSTED):
            done[index] += 1
    return {"starts": run.starts, "done": done, "declined": declined}


def handovers_for(person, since: datetime.datetime):
    return HandoverNote.objects.filter(person=person, created_at__gte=since).select_related("author")


def plan_use(people, *, days: int | None = None, today: datetime.date | None = None) -> dict[int, dict]:
    """Per person: notes in the last `days` days (today and the days before it) that stand, and how
    many of them name a plan action or routine step. One query, on the rollup (`PlanUseDaily`), never
    the raw notes, so its cost follows people and days, not the number of notes."""
    days = days or plan_use_days()
    since = (today or rollups.today()) - datetime.timedelta(days=days - 1)
    rows = (
        PlanUseDaily.objects.filter(person__in=people, day__gte=since)
        .values("person_id")
        .annotate(total=Sum("notes"), used=Sum("notes_naming_plan"))
        .filter(total__gt=0)
        .order_by()
    )
    return {r["person_id"]: {"total": r["total"], "used": r["used"]} for r in rows}


def plan_use_days() -> int:
    """How many days back the plan-in-use figures look (today and the days before it)."""
    return lived_settings().plan_use_days


def plan_use_threshold() -> int:
    """The share of notes, in per cent, below which a person's plan counts as not in use."""
    return lived_settings().plan_use_threshold


def plan_use_share(counts: dict) -> int | None:
    """The share of the person's standing notes that name their plan, in whole per cent; None with no
    notes at all."""
    return round(100 * counts["used"] / counts["total"]) if counts["total"] else None


def plan_not_in_use(share: int | None, threshold: int) -> bool:
    """The plan-in-use rule: a plan counts as not in use when fewer than `threshold` per cent of the
    person's notes name it, or when there are no notes to tell."""
    return share is None or share < threshold


def plan_use_by_person(people, *, days: int, threshold: int) -> list[dict]:
    """For each of these people (already loaded through the scoped query), in their order: their
    notes in the last `days` days (`total`), how many name the plan (`used`), the `share` and whether
    the plan counts as not in use (`low`). One query, as `plan_use`."""
    use = plan_use(people, days=days)
    rows = []
    for person in people:
        counts = use.get(person.pk, {"total": 0, "used": 0})
        share = plan_use_share(counts)
        rows.append({"person": person, **counts, "share": share, "low": plan_not_in_use(share, threshold)})
    return rows


@dataclass
class PersonBriefing:
    person: object
    version: object = None
    steps: list = field(default_factory=list)  # (routine, step) in this shift
    routines: list = field(default_factory=list)
    cards: list = field(default_factory=list)
    profile: object = None
    changed_version: object = None
    read_changes: bool = False
    handovers: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    risk: object = None
    outcomes: object = None


@dataclass(frozen=True)
class BriefingWindow:
    """What this reader's briefing covers. `since`: incidents, plan changes and alerts from then on
    (see `shifts.since_last_worked`). `last_seen`: when the reader last opened the full briefing
    showing each person, by the person's public id (absent: never); what was recorded after that is
    "new to you"."""

    since: datetime.datetime
    because: str  # why it starts then, in words: "24 hours back"
    last_worked: datetime.datetime | None
    last_seen: dict = field(default_factory=dict)

    def new_to_reader(self, person, recorded_at: datetime.datetime | None) -> bool:
        seen = self.last_seen.get(person.public_id)
        return recorded_at is not None and (seen is None or recorded_at > seen)


def briefing_window(people, *, shift, viewer) -> BriefingWindow:
    """The reader's window for `shift` over these people (a visible_to queryset). Two aggregate
    queries whatever the number of people: the reader's briefing access rows per person (the last
    one, and the last one before this shift began), and the last note they recorded before it.
    Until there is a rota, those are how Lived knows when the reader last worked here."""
    views = (
        AuditEvent.objects.filter(
            actor=viewer,
            action=AuditEvent.Action.VIEW,
            person_public_id__in=people.values("public_id"),
            after__page="briefing",
        )
        .values("person_public_id")
        .annotate(last=Max("at"), before=Max("at", filter=Q(at__lt=shift.start)))
        .order_by()
    )
    last_seen, worked = {}, []
    for row in views:
        last_seen[row["person_public_id"]] = row["last"]
        if row["before"]:
            worked.append(row["before"])
    last_note = DailyNote.objects.filter(
        author=viewer, person__in=people, created_at__lt=shift.start
    ).aggregate(last=Max("created_at"))["last"]
    if last_note:
        worked.append(last_note)
    last_worked = max(worked, default=None)
    since, because = since_last_worked(shift, last_worked)
    return BriefingWindow(since=since, because=because, last_worked=last_worked, last_seen=last_seen)


def briefing(people, *, shift, viewer, window: BriefingWindow | None = None) -> list[PersonBriefing]:
    """What each person's support looks like this shift. `people` is a visible_to queryset already
    narrowed to one service. A fixed number of queries. Incidents, plan changes and alerts go back to
    the reader's `window` (by default `briefing_window`), and those recorded since the reader last
    opened the briefing are marked new to them."""
    window = window or briefing_window(people, shift=shift, viewer=viewer)
    people = list(people.select_related("service").order_by("family_name", "given_name", "pk"))
    ids = [p.pk for p in people]
    since = window.since
    handovers_from = handover_since(shift)
    versions = current_agreed_versions(
        ids,
        prefetch=[Prefetch("routines", queryset=Routine.objects.prefetch_related("steps")), "prompt_cards"],
    )
    read_ids = set(
        ReadConfirmation.objects.filter(
            user=viewer, plan_version__in=[v.pk for v in versions.values()]
        ).values_list("plan_version_id", flat=True)
    )
    profiles = {p.person_id: p for p in CommunicationProfile.objects.filter(person_id__in=ids)}
    handovers = defaultdict(list)
    for handover in (
        # Handover goes from shift to shift, confirmed read (ConfirmHandover reads the same window).
        HandoverNote.objects.filter(person_id__in=ids, created_at__gte=handovers_from)
        .select_related("author")
        .annotate(read_by_me=Count("reads", filter=Q(reads__user=viewer)))
        .order_by("created_at")
    ):
        handovers[handover.person_id].append(handover)
    today = timezone.localdate()
    reviews = defaultdict(list)
    for review in Review.objects.filter(person_id__in=ids, status=Review.Status.OPEN).filter(
        Q(kind=Review.Kind.TRIGGERED) | Q(due_on__lte=today + datetime.timedelta(days=7))
    ):
        reviews[review.person_id].append(review)
    risk = risk_briefing.briefing_for(people, since)
    outcomes = outcomes_briefing.briefing_for(people, since)

    result = []
    for person in people:
        item = PersonBriefing(person=person, profile=profiles.get(person.pk))
        version = versions.get(person.pk)
        if version is not None:
            item.version = version
            item.routines = list(version.routines.all())
            for routine in item.routines:
                for step in routine.steps.all():
                    if (
                        step.window_start is None
                        or shift.contains_time(step.window_start)
                        or (shift.contains_time(step.window_end))
                    ):
                        item.steps.append((routine, step))
            item.cards = list(version.prompt_cards.all())
            if version.agreed_at and version.agreed_at >= since:
                item.changed_version = version
                item.read_changes = version.pk in read_ids
        item.handovers = handovers.get(person.pk, [])
        item.reviews = reviews.get(person.pk, [])
        item.risk = _marked_for_reader(risk.get(person.pk), "incidents", person, window)
        item.outcomes = _marked_for_reader(outcomes.get(person.pk), "lines", person, window)
        result.append(item)
    return result


def _marked_for_reader(section, lines: str, person, window: BriefingWindow):
    """The provider's `lines` (each with a `recorded_at`) with those the reader has not yet seen
    marked `new_to_you`."""
    if section is not None:
        setattr(
            section,
            lines,
            [
                replace(line, new_to_you=window.new_to_reader(person, line.recorded_at))
                for line in getattr(section, lines)
            ],
        )
    return section


def unread_handovers(people, since: datetime.datetime):
    """Handover notes about these people since `since`, each with who has confirmed reading it."""
    return (
        HandoverNote.objects.filter(person__in=people, created_at__gte=since)
        .select_related("person", "author")
        .prefetch_related(Prefetch("reads", queryset=HandoverRead.objects.select_related("user")))
        .order_by("person__family_name", "created_at")
    )


def language_counts(service_ids, *, months: int = 6):
    """Flags per term per month at these services: rows of (month, code, term, count)."""
    since = timezone.now() - datetime.timedelta(days=31 * months)
    return (
        LanguageFlagRecord.objects.filter(service_id__in=service_ids, created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "code", "service__name")
        .annotate(count=Count("pk"))
        .order_by("-month", "service__name", "-count", "code")
    )


# Who is expected to read handover at a service (the "not yet read" page lists the same people).
# Who is expected to read handover: those who may confirm reading it (notes.confirm_handover).
HANDOVER_READER_ROLES = WRITERS

# The "not yet read" page looks back this many days.
UNREAD_HANDOVER_DAYS = 3


def handover_readers(service) -> list:
    """The users expected to read handover at this service (they hold a reader role there), each once,
    by display name. Empty without a service. One query."""
    if service is None:
        return []
    roles = ServiceRole.objects.filter(service=service, role__in=HANDOVER_READER_ROLES).select_related("user")
    return sorted({r.user for r in roles}, key=lambda u: u.display_name)


def who_has_read(handover, readers) -> tuple[list, list]:
    """(read, unread): the `readers` who have confirmed reading this handover note (its `reads`
    prefetched), and those who have not. Its author is never waiting to read their own note."""
    done = {r.user_id for r in handover.reads.all()}
    read = [u for u in readers if u.pk in done]
    unread = [u for u in readers if u.pk not in done and u.pk != handover.author_id]
    return read, unread


def handover_read_status(people, since: datetime.datetime, readers) -> list[dict]:
    """Each handover note about these people since `since` (as `unread_handovers`), with which of the
    `readers` have read it and which have not yet."""
    rows = []
    for handover in unread_handovers(people, since):
        read, unread = who_has_read(handover, readers)
        rows.append({"handover": handover, "read": read, "unread": unread})
    return rows


def handovers_not_read_by_everyone(people, since: datetime.datetime) -> dict[int, int]:
    """Per service: handover notes about these people since `since` that someone expected to read
    them (not the author) has not confirmed reading. One aggregate query for every service."""
    read = HandoverRead.objects.filter(handover_id=OuterRef(OuterRef("pk")), user_id=OuterRef("user_id"))
    unread_by = (
        ServiceRole.objects.filter(service_id=OuterRef("person__service_id"), role__in=HANDOVER_READER_ROLES)
        .exclude(user_id=OuterRef("author_id"))
        .exclude(Exists(read))
    )
    rows = (
        HandoverNote.objects.filter(person__in=people, created_at__gte=since)
        .filter(Exists(unread_by))
        .values("person__service_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["person__service_id"]: r["n"] for r in rows}


def handovers_not_read_by(user, people, since: datetime.datetime) -> dict[int, int]:
    """Per service: handover notes about these people since `since` that `user` has not confirmed
    reading. One aggregate query for every service."""
    rows = (
        HandoverNote.objects.filter(person__in=people, created_at__gte=since)
        .exclude(Exists(HandoverRead.objects.filter(handover_id=OuterRef("pk"), user=user)))
        .values("person__service_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["person__service_id"]: r["n"] for r in rows}
