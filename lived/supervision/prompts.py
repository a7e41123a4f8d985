"""Personalisation prompts drawn from the worker's own caseload (issue 15, item 3).

For one supervision record, `caseload_prompts(record, viewer)` looks at what the worker recorded since
their last session both signed (or, with none, over the usual gap between sessions) and finds, for
each caseload prompt, the evidence that makes it worth asking:

- `plan-changed`: people the worker wrote daily notes about whose plan was agreed again in the window,
  and whether the worker has confirmed reading the version agreed now;
- `flex-routine-same-way`: steps the plan says can flex that the worker recorded at least
  FLEX_SAME_WAY_MIN times, every time done as agreed (never adjusted, never declined) with at most one
  distinct choice recorded;
- `repeated-declines`: steps the worker recorded the person saying no to at least DECLINES_MIN times;
- `consent-check-missing`: notes where something was offered, about a person whose communication
  profile asks for the three-step consent check, with no part of the check recorded;
- `language-suggestions`: words the respectful-language check suggested changing in the worker's notes;
- `restrictive-practice`: incidents with restrictive practice the worker recorded or authorised.

Evidence is counts and links to the person's own pages, never the text of a note. Every read starts
from `Person.objects.visible_to(viewer)`, so a viewer never sees evidence about someone outside their
services; and the number of queries is fixed however many people and notes there are
(tests/supervision/test_prompts.py)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from lived.core.conf import lived_settings
from lived.incidents.models import Incident
from lived.notes.models import DailyNote, LanguageFlagRecord
from lived.people.models import Person
from lived.plans.models import PlanVersion, ReadConfirmation, RoutineStep
from lived.supervision.models import Prompt, SessionPrompt, Supervision

# The four questions every caseload prompt asks, whatever its own wording.
FOUR_QUESTIONS = [
    "How did your support follow the person's priorities?",
    "How were choices offered?",
    "Where did practice drift into routine?",
    "What would the person say?",
]

FLEX_SAME_WAY_MIN = 3
DECLINES_MIN = 2

PLAN_CHANGED = "plan-changed"
FLEX_SAME_WAY = "flex-routine-same-way"
DECLINES = "repeated-declines"
CONSENT = "consent-check-missing"
LANGUAGE = "language-suggestions"
RESTRICTIVE = "restrictive-practice"
CASELOAD_CODES = [PLAN_CHANGED, FLEX_SAME_WAY, DECLINES, CONSENT, LANGUAGE, RESTRICTIVE]


@dataclass(frozen=True)
class Evidence:
    """One line of evidence: what was found, about whom, and where to read it."""

    person_name: str
    text: str
    url: str
    link_text: str


@dataclass
class CaseloadPrompt:
    prompt: Prompt
    evidence: list[Evidence] = field(default_factory=list)
    session_prompt: SessionPrompt | None = None

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence)


@dataclass(frozen=True)
class Window:
    """The time the prompts look over: after `start`, up to the end of the session's day."""

    start: datetime.datetime
    end: datetime.datetime
    since_session: Supervision | None

    @property
    def since_text(self) -> str:
        if self.since_session is not None:
            return f"since the last session you both signed, on {self.since_session.held_on:%-d %B %Y}"
        return f"over the {lived_settings().supervision_every_weeks} weeks before this session"


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def window_for(record: Supervision) -> Window:
    """From the worker's last session at the service, held before this one and signed by both, to the
    end of this session's day. One query."""
    previous = (
        Supervision.objects.filter(
            worker_id=record.worker_id,
            service_id=record.service_id,
            held_on__lt=record.held_on,
            supervisor_signed_at__isnull=False,
            worker_signed_at__isnull=False,
        )
        .exclude(pk=record.pk)
        .order_by("-held_on", "-pk")
        .first()
    )
    end = _day_start(record.held_on + datetime.timedelta(days=1))
    if previous is not None:
        start = _day_start(previous.held_on + datetime.timedelta(days=1))
    else:
        start = end - datetime.timedelta(weeks=lived_settings().supervision_every_weeks)
    return Window(start, end, previous)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def caseload_evidence(record: Supervision, viewer, window: Window | None = None) -> dict[str, list[Evidence]]:
    """The evidence for each caseload prompt code, about people the viewer may see. A fixed number of
    queries (eight), however many people and notes."""
    window = window or window_for(record)
    worker_id = record.worker_id
    who = record.worker.first_name or record.worker.display_name
    people = Person.objects.visible_to(viewer).filter(service_id=record.service_id)
    in_window = Q(occurred_at__gt=window.start, occurred_at__lt=window.end)
    # Notes that stand: a corrected note is counted once, as its correction.
    notes = DailyNote.objects.filter(
        in_window, author_id=worker_id, person__in=people, correction__isnull=True
    )

    # 1. Each step the worker recorded: how often, how often declined or changed, how many choices.
    step_rows = list(
        DailyNote.steps.through.objects.filter(dailynote__in=notes)
        .values(
            "routinestep_id",
            "routinestep__what",
            "routinestep__flexibility",
            "routinestep__routine__name",
            "dailynote__person_id",
        )
        .annotate(
            times=Count("dailynote_id", distinct=True),
            declined=Count(
                "dailynote_id", filter=Q(dailynote__outcome=DailyNote.Outcome.DECLINED), distinct=True
            ),
            changed=Count(
                "dailynote_id",
                filter=~Q(dailynote__outcome=DailyNote.Outcome.AS_AGREED) | ~Q(dailynote__adjustments=""),
                distinct=True,
            ),
            choices=Count("dailynote__chosen", filter=~Q(dailynote__chosen=""), distinct=True),
        )
        .order_by("dailynote__person_id", "routinestep__routine__name", "routinestep__what")
    )
    # 2. Per person: notes where something was offered with no consent check, where the profile asks.
    consent_rows = list(
        notes.filter(person__communication_profile__consent_check_required=True)
        .exclude(outcome=DailyNote.Outcome.NOTE)
        .filter(consent_explained=False, consent_options=False, consent_confirmed=False)
        .values("person_id")
        .annotate(n=Count("pk"))
    )
    # 3. Whose plans were agreed again in the window, among the people the worker wrote about, and
    # whether the worker confirmed reading the version agreed now.
    plan_rows = list(
        PlanVersion.objects.filter(
            plan__person__in=people,
            plan__person__daily_notes__in=notes,
            status=PlanVersion.Status.AGREED,
            agreed_at__gt=window.start,
            agreed_at__lt=window.end,
        )
        .annotate(
            read=Exists(ReadConfirmation.objects.filter(plan_version=OuterRef("pk"), user_id=worker_id))
        )
        .values("plan__person_id", "number", "agreed_at", "read")
        .distinct()
    )
    # 4. Respectful-language suggestions in the worker's notes.
    language_rows = list(
        LanguageFlagRecord.objects.filter(
            person__in=people,
            user_id=worker_id,
            record_type="notes.dailynote",
            created_at__gt=window.start,
            created_at__lt=window.end,
        )
        .values("person_id")
        .annotate(n=Count("pk"))
    )
    # 5. Restrictive practice the worker recorded or authorised.
    restrictive = list(
        Incident.objects.filter(in_window, person__in=people, restrictive_practice_used=True)
        .filter(Q(recorded_by_id=worker_id) | Q(restrictive_practice__authorised_by_id=worker_id))
        .values("person_id", "public_id", "occurred_at")
        .order_by("occurred_at")
    )
    # 6. The people named, for their names and links.
    person_ids = (
        {r["dailynote__person_id"] for r in step_rows}
        | {r["person_id"] for r in consent_rows}
        | {r["plan__person_id"] for r in plan_rows}
        | {r["person_id"] for r in language_rows}
        | {r["person_id"] for r in restrictive}
    )
    named = {p.pk: p for p in people.filter(pk__in=person_ids)} if person_ids else {}

    found: dict[str, list[Evidence]] = {code: [] for code in CASELOAD_CODES}

    def add(code, person_id, text, url_name, link_text, *extra):
        person = named.get(person_id)
        if person is None:
            return
        url = reverse(url_name, args=[person.public_id, *extra])
        found[code].append(Evidence(person.known_as, text, url, link_text))

    for row in plan_rows:
        read = f"{who} has confirmed reading it" if row["read"] else f"{who} has not yet confirmed reading it"
        add(
            PLAN_CHANGED,
            row["plan__person_id"],
            f"Version {row['number']} of the plan was agreed on "
            f"{timezone.localtime(row['agreed_at']):%-d %B}: {read}.",
            "plans:plan",
            "Read the plan",
        )
    same_way: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for row in step_rows:
        if (
            row["routinestep__flexibility"] == RoutineStep.Flexibility.FLEXIBLE
            and row["times"] >= FLEX_SAME_WAY_MIN
            and row["changed"] == 0
            and row["choices"] <= 1
        ):
            same_way[(row["dailynote__person_id"], row["routinestep__routine__name"])].append(row)
        if row["declined"] >= DECLINES_MIN:
            add(
                DECLINES,
                row["dailynote__person_id"],
                f"“{row['routinestep__what']}”: the person said no {_plural(row['declined'], 'time')} "
                f"in {row['times']} notes {who} wrote.",
                "notes:person_notes",
                "See the notes",
            )
    for (person_id, routine_name), rows in same_way.items():
        names = ", ".join(f"“{r['routinestep__what']}”" for r in rows)
        times = max(r["times"] for r in rows)
        add(
            FLEX_SAME_WAY,
            person_id,
            f"{routine_name}: {_plural(len(rows), 'step')} that can flex ({names}), done as agreed with "
            f"nothing changed, in all {_plural(times, 'note')} {who} wrote.",
            "plans:plan",
            "See the routine",
        )
    for row in consent_rows:
        add(
            CONSENT,
            row["person_id"],
            f"{_plural(row['n'], 'note')} by {who} with no consent check recorded, where their "
            "profile asks for one.",
            "people:communication",
            "How they communicate and consent",
        )
    for row in language_rows:
        add(
            LANGUAGE,
            row["person_id"],
            f"{_plural(row['n'], 'word')} in {who}'s notes the respectful-language check suggested changing.",
            "notes:person_notes",
            "See the notes",
        )
    for row in restrictive:
        add(
            RESTRICTIVE,
            row["person_id"],
            f"Restrictive practice on {timezone.localtime(row['occurred_at']):%-d %B}.",
            "incidents:incident",
            "Read the incident",
            row["public_id"],
        )
    return found


@dataclass
class RecordPrompts:
    """What the record page shows: the caseload prompts with their evidence, the library prompts
    attached to the session, and the library prompts that may still be attached."""

    window: Window
    caseload: list[CaseloadPrompt]
    library: list[SessionPrompt]
    to_attach: list[Prompt]

    @property
    def with_evidence(self) -> list[CaseloadPrompt]:
        return [p for p in self.caseload if p.has_evidence or p.session_prompt is not None]

    @property
    def without_evidence(self) -> list[CaseloadPrompt]:
        return [p for p in self.caseload if not p.has_evidence and p.session_prompt is None]


def prompts_for_record(record: Supervision, viewer) -> RecordPrompts:
    """The prompts for one session, as the viewer may see them: every active caseload prompt (and any
    retired one already discussed at this session) with its evidence; the library prompts attached;
    the active library prompts not attached yet. A fixed number of queries."""
    window = window_for(record)
    evidence = caseload_evidence(record, viewer, window)
    attached = list(SessionPrompt.objects.filter(supervision=record).select_related("prompt"))
    by_prompt = {sp.prompt_id: sp for sp in attached}
    prompts = list(
        Prompt.objects.filter(Q(active=True) | Q(pk__in=list(by_prompt))).order_by(
            "kind", "stage", "order", "title"
        )
    )
    caseload = [
        CaseloadPrompt(p, evidence.get(p.code, []), by_prompt.get(p.pk))
        for p in prompts
        if p.kind == Prompt.Kind.CASELOAD
    ]
    library = [sp for sp in attached if sp.prompt.kind == Prompt.Kind.JOURNEY]
    library.sort(key=lambda sp: (sp.prompt.stage, sp.prompt.order, sp.prompt.title))
    to_attach = [p for p in prompts if p.kind == Prompt.Kind.JOURNEY and p.active and p.pk not in by_prompt]
    return RecordPrompts(window, caseload, library, to_attach)


def library_by_stage(prompts) -> list[tuple[str, list[Prompt]]]:
    """Library prompts grouped by journey stage, in the stages' order."""
    grouped: dict[str, list[Prompt]] = defaultdict(list)
    for prompt in prompts:
        grouped[prompt.stage].append(prompt)
    return [(label, grouped[value]) for value, label in Prompt.Stage.choices if grouped.get(value)]
