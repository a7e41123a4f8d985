"""Reads for supervision. A record is read only through `visible_records(user)`: the worker it is about,
the supervisor who holds it and managers at its service. Anyone else gets nothing, so a page about
the record is a 404 for them, never a 403 that says it exists.

Lists take a fixed number of queries, however many records there are (tests/supervision/)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import TruncMonth

from lived.accounts.models import MANAGERS, SENIORS, WRITERS, User
from lived.organisations.models import Service
from lived.supervision.models import AgreedAction, Supervision, Theme

# The sessions that count towards a worker's regular supervision (groups and team meetings do not).
INDIVIDUAL_KINDS = (Supervision.Kind.ONE_TO_ONE, Supervision.Kind.PROBATION, Supervision.Kind.APPRAISAL)
# A session due within this many days shows as due soon.
DUE_SOON_DAYS = 14


def visible_records(user):
    """Every record the user may open: about them, held by them, or at a service they manage."""
    if not user.is_authenticated:
        return Supervision.objects.none()
    return Supervision.objects.filter(
        Q(worker=user) | Q(supervisor=user) | Q(service_id__in=user.service_ids_with(*MANAGERS))
    )


def record_for(user, public_id) -> Supervision | None:
    """One record the user may open, with its people, themes and actions (and each action's owner)."""
    return (
        visible_records(user)
        .filter(public_id=public_id)
        .select_related("service", "supervisor", "worker")
        .prefetch_related(
            "themes",
            Prefetch("actions", queryset=AgreedAction.objects.select_related("owner", "done_by")),
        )
        .first()
    )


def records_about(user) -> list[Supervision]:
    """The user's own supervision, newest first."""
    return list(
        Supervision.objects.filter(worker=user).select_related("service", "supervisor").order_by("-held_on")
    )


def records_held_by(user) -> list[Supervision]:
    """The sessions the user holds as supervisor, newest first."""
    return list(
        Supervision.objects.filter(supervisor=user).select_related("service", "worker").order_by("-held_on")
    )


def open_actions_before(record: Supervision) -> list[AgreedAction]:
    """Actions agreed at earlier sessions with the same worker at the same service and not yet done:
    the follow-up for this session."""
    return list(
        AgreedAction.objects.filter(
            supervision__worker_id=record.worker_id,
            supervision__service_id=record.service_id,
            supervision__held_on__lte=record.held_on,
            done_on__isnull=True,
        )
        .exclude(supervision=record)
        .select_related("owner", "supervision")
        .order_by("due_on", "pk")
    )


def supervisable(user) -> list[tuple[User, Service]]:
    """Who the user may supervise: each worker at a service where the user is a senior or manager,
    with that service (the first by name where a worker is at several), never the user themself."""
    service_ids = user.service_ids_with(*SENIORS)
    found: dict[int, tuple[User, Service]] = {}
    workers = (
        User.objects.filter(
            service_roles__service_id__in=service_ids, service_roles__role__in=WRITERS, is_active=True
        )
        .exclude(pk=user.pk)
        .distinct()
        .prefetch_related("service_roles__service")
        .order_by("first_name", "last_name", "pk")
    )
    for worker in workers:
        shared = sorted(
            (
                r.service
                for r in worker.service_roles.all()
                if r.service_id in service_ids and r.role in WRITERS
            ),
            key=lambda s: (s.name, s.pk),
        )
        if shared:
            found[worker.pk] = (worker, shared[0])
    return list(found.values())


def themes_offered(record: Supervision | None = None) -> list[Theme]:
    """The active themes, and any retired one already on this record (it stays on old records)."""
    query = Q(active=True)
    if record is not None and record.pk:
        query |= Q(pk__in=[t.pk for t in record.themes.all()])
    return list(Theme.objects.filter(query).order_by("order", "name"))


@dataclass(frozen=True)
class Due:
    worker: User
    service: Service
    last_held_on: datetime.date | None
    due_on: datetime.date | None
    status: str  # "overdue", "due_soon", "not_yet"

    @property
    def status_text(self) -> str:
        if self.last_held_on is None:
            return "No supervision recorded"
        return {"overdue": "Overdue", "due_soon": "Due soon", "not_yet": "Not due yet"}[self.status]


def due_supervision(user, today: datetime.date, every_weeks: int) -> list[Due]:
    """Every worker at the services the user manages (not the user), with their last individual
    session, when the next is due and whether it is overdue: overdue first, then by due date. Two
    queries, however many workers."""
    service_ids = user.service_ids_with(*MANAGERS)
    last = (
        Supervision.objects.filter(worker=OuterRef("pk"), kind__in=INDIVIDUAL_KINDS)
        .values("worker")
        .annotate(last=Max("held_on"))
        .values("last")
    )
    workers = (
        User.objects.filter(
            service_roles__service_id__in=service_ids, service_roles__role__in=WRITERS, is_active=True
        )
        .exclude(pk=user.pk)
        .distinct()
        .annotate(last_held_on=Subquery(last))
        .prefetch_related("service_roles__service")
    )
    rows = []
    for worker in workers:
        services = sorted(
            (r.service for r in worker.service_roles.all() if r.service_id in service_ids),
            key=lambda s: (s.name, s.pk),
        )
        last_held = worker.last_held_on
        if last_held is None:
            due_on, status = None, "overdue"
        else:
            due_on = last_held + datetime.timedelta(weeks=every_weeks)
            if due_on < today:
                status = "overdue"
            elif due_on <= today + datetime.timedelta(days=DUE_SOON_DAYS):
                status = "due_soon"
            else:
                status = "not_yet"
        rows.append(Due(worker, services[0], last_held, due_on, status))
    order = {"overdue": 0, "due_soon": 1, "not_yet": 2}
    rows.sort(key=lambda d: (order[d.status], d.due_on or datetime.date.min, d.worker.first_name))
    return rows


@dataclass
class Rollup:
    months: list[datetime.date]
    themes: list[Theme]
    counts: dict[tuple[int, datetime.date], int]  # (theme pk, month) → sessions tagged
    sessions: dict[datetime.date, int]  # month → sessions held

    def count(self, theme: Theme, month: datetime.date) -> int:
        return self.counts.get((theme.pk, month), 0)

    def total(self, theme: Theme, last: int | None = None) -> int:
        """Sessions tagged with the theme over the last `last` months (all the months by default)."""
        months = self.months if last is None else self.months[-last:]
        return sum(self.count(theme, m) for m in months)

    def held(self, last: int | None = None) -> int:
        months = self.months if last is None else self.months[-last:]
        return sum(self.sessions.get(m, 0) for m in months)


def theme_rollup(service: Service, months: list[datetime.date]) -> Rollup:
    """How many sessions at the service were tagged with each theme, month by month, and how many
    sessions were held each month. Three queries, however many records."""
    start = months[0]
    end = _next_month(months[-1])
    in_range = Q(supervision__service=service, supervision__held_on__gte=start, supervision__held_on__lt=end)
    through = Supervision.themes.through
    tagged = (
        through.objects.filter(in_range)
        .annotate(month=TruncMonth("supervision__held_on"))
        .values("theme_id", "month")
        .annotate(n=Count("supervision_id", distinct=True))
    )
    counts = {(row["theme_id"], _as_date(row["month"])): row["n"] for row in tagged}
    held = (
        Supervision.objects.filter(service=service, held_on__gte=start, held_on__lt=end)
        .annotate(month=TruncMonth("held_on"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    sessions = {_as_date(row["month"]): row["n"] for row in held}
    used = {theme_id for theme_id, _month in counts}
    themes = list(Theme.objects.filter(Q(active=True) | Q(pk__in=used)).order_by("order", "name"))
    return Rollup(months, themes, counts, sessions)


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
