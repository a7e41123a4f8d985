"""Fictional demo data for who supports the person (C13). `load(context)` is called once, inside the
demo's transaction, after people exist. `context` is a `lived.demo.loader.DemoContext`.

Everything goes through lived.rota.services, so every profile and choice arrives with the audit rows
a real change writes: workers write what they share themselves; Daniel, their manager, sets skills
and hours; Ada chooses Tom, then Megan, and a small team on her own account; Leon, with Hannah, asks
for Chris not to be sent. Postcodes are in Millbridge's fictional MB area.

Then the week's shape: each worker's weekly times at Riverside and Harbour House; Tom on leave on
Tuesday next week, Chris off sick from today for three days, Grace on a training day; the sessions the
agreed plans give for the next 14 days (Ada's morning routine, 8:00 to 8:45, gives her a visit every
morning; Jo's weekly timetable gives no daily session); and, at Harbour House, whose plans carry no
times, an early and a late shift each day added by hand by Daniel.

Before that, the rota's past: the last four weeks and this one, each run and published by Daniel in
turn (so each week knows who came the week before), with Tom on leave on a Wednesday and Thursday two
weeks ago and Grace off sick on a Monday and Tuesday three weeks ago. At Harbour House, Jenny, with
Hannah, chose Hannah and then Grace for her one-to-one time (a walk along the front, Monday,
Wednesday and Friday mornings, arriving 10:00 to 10:30); the worker the rota sent writes a note of
each visit with the times they arrived and left (Ada's morning notes, in notes_data, are written by
the worker the rota sent her, through `sent_to`). So the measures pages (lived/rota/measures.py)
have real visits to count: most begin within the agreed window, some late, one short.

Last, next week's rota at both services, run and published by Daniel. At Riverside, Tom goes to Ada
on the weekdays and Megan at the weekend; on Tuesday Tom is on leave, so someone Ada did not choose
goes, and that shortfall is recorded with why. At Harbour House, Grace and Ellie cover most shifts;
the rest are uncovered with the reasons (Grace's training day, hours limits)."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from lived.notes import services as note_services
from lived.rota import allocation, services
from lived.rota.management.commands.load_postcodes import load as load_postcodes
from lived.rota.models import Absence, Allocation, Assignment, RotaWeek, Skill
from lived.rota.solver.assignment import solve

POSTCODES = Path(__file__).resolve().parent / "data" / "postcodes.csv"
SKILLS = ["Medication trained", "Driver", "First aid", "Moving and handling", "Speaks Polish"]

# username → (what they share, gender, languages)
SHARED = {
    "tom": ("I love gardening and football; I speak Polish.", "man", "English, Polish"),
    "megan": ("I work nights and make a proper pot of tea. I like quiet mornings too.", "woman", "English"),
    "chris": ("I play the guitar and I am learning to bake bread.", "man", "English"),
    "hannah": ("I have worked at Riverside for nine years. I love dogs and cooking.", "woman", "English"),
    "grace": ("I grew up by the sea and love a walk along the front.", "woman", "English, Welsh"),
    "ellie": ("Crosswords, old films and my allotment.", "prefer_not_to_say", ""),
    "ravi": ("I am a keen cricketer and I speak Gujarati and Hindi.", "man", "English, Gujarati, Hindi"),
    "owen": ("I run on Sunday mornings and I read a lot of history.", "man", "English"),
}

# username → (contracted hours, most hours, opted out of the 48-hour average, home postcode,
#             {skill: months until it lapses, or None})
MANAGED = {
    "tom": ("37.5", "48", False, "MB2 4TN", {"Medication trained": 10, "Speaks Polish": None}),
    "megan": ("30", "40", False, "MB2 9LS", {"Medication trained": 2, "First aid": 14}),
    "chris": ("20", "30", False, "MB1 6DW", {"Driver": None, "Moving and handling": 8}),
    "hannah": ("37.5", "45", False, "MB3 2QA", {"Medication trained": 6, "First aid": 5}),
    "grace": ("37.5", "55", True, "MB3 7HR", {"Driver": None, "Medication trained": 11, "First aid": 9}),
    "ellie": ("24", "36", False, "MB3 1PE", {"First aid": 1, "Medication trained": 7}),
}


T = datetime.time
WEEKDAYS = [0, 1, 2, 3, 4]
# username → [(weekdays, from, until)]
AVAILABILITY = {
    "tom": [(WEEKDAYS, T(7, 0), T(15, 0))],
    "megan": [([0, 1, 2, 3], T(14, 0), T(22, 0)), ([5, 6], T(7, 0), T(13, 0))],
    "chris": [([0, 2, 4], T(8, 0), T(14, 0))],
    "hannah": [(WEEKDAYS, T(8, 0), T(16, 0))],
    "grace": [(WEEKDAYS, T(7, 30), T(15, 30)), ([5], T(9, 0), T(13, 0))],
    "ellie": [([0, 1, 2, 3], T(14, 0), T(22, 0)), ([5, 6], T(14, 0), T(22, 0))],
}
# Harbour House's shifts, every day: (from, until to arrive, minutes, what, skill needed or None).
HARBOUR_SHIFTS = [
    (T(7, 30), T(7, 45), 8 * 60, "Early shift", "First aid"),
    (T(14, 30), T(14, 45), 7 * 60 + 30, "Late shift", "Medication trained"),
]
SESSION_DAYS = 14
# Published weeks before this one, for the measures pages (the default period is the last 28 days).
PAST_WEEKS = 4
# Jenny's one-to-one time at Harbour House: (weekdays, from, until to arrive, minutes).
JENNY_VISITS = ([0, 2, 4], T(10, 0), T(10, 30), 60)
# Minutes after the window opens that the worker arrived at Jenny's, in turn (the 45 is late).
JENNY_ARRIVALS = [5, 12, 0, 20, 8, 45, 15, 3, 25, 10, 30, 6]
# The demo's published rotas are solved while it loads, with this time limit for each.
ROTA_SECONDS = 5


def _next_weekday(day: datetime.date, weekday: int) -> datetime.date:
    """The first `weekday` in the week after the one `day` is in."""
    monday = day + datetime.timedelta(days=7 - day.weekday())
    return monday + datetime.timedelta(days=weekday)


def _this_monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _load_week(context, skills) -> None:
    users, today, daniel = context.users, context.today, context.users["daniel"]
    first = _this_monday(today) - datetime.timedelta(weeks=PAST_WEEKS)
    for username, pattern in AVAILABILITY.items():
        for weekdays, start, end in pattern:
            for weekday in weekdays:
                services.add_availability(
                    actor=daniel, worker=users[username], weekday=weekday, start=start, end=end
                )
    tuesday = _next_weekday(today, 1)
    services.add_absence(
        actor=daniel,
        worker=users["tom"],
        kind=Absence.Kind.LEAVE,
        starts_on=tuesday,
        ends_on=tuesday,
        note="Booked in the summer: his sister's wedding.",
    )
    services.add_absence(
        actor=daniel,
        worker=users["chris"],
        kind=Absence.Kind.SICKNESS,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=2),
        note="Rang in at 6:30. Will call on Thursday.",
    )
    thursday = _next_weekday(today, 3)
    services.add_absence(
        actor=daniel,
        worker=users["grace"],
        kind=Absence.Kind.TRAINING,
        starts_on=thursday,
        ends_on=thursday,
        note="Medication refresher at the training centre.",
    )
    past = [
        ("tom", Absence.Kind.LEAVE, 2, 2, 3, "A long weekend away, booked in the spring."),
        ("grace", Absence.Kind.SICKNESS, 3, 0, 1, "A bad cold. Back on Wednesday."),
        ("hannah", Absence.Kind.LEAVE, 1, 4, 4, "Her son's graduation."),
    ]
    for username, kind, weeks_ago, first_day, last_day, note in past:
        monday = _this_monday(today) - datetime.timedelta(weeks=weeks_ago)
        services.add_absence(
            actor=daniel,
            worker=users[username],
            kind=kind,
            starts_on=monday + datetime.timedelta(days=first_day),
            ends_on=monday + datetime.timedelta(days=last_day),
            note=note,
        )
    days = (today - first).days + SESSION_DAYS
    for ref in ("riverside", "harbour"):
        services.generate_sessions(daniel, context.services[ref], first, days)
    harbour = context.services["harbour"]
    weekdays, start, end, minutes = JENNY_VISITS
    for n in range(days):
        day = first + datetime.timedelta(days=n)
        if day.weekday() in weekdays:
            services.add_session(
                actor=daniel,
                service=harbour,
                data={
                    "person": context.people["jenny"],
                    "date": day,
                    "window_start": start,
                    "window_end": end,
                    "duration_minutes": minutes,
                    "staff_needed": 1,
                    "skills": [],
                    "what": "One-to-one time: a walk along the front",
                },
            )
        for start_at, end_at, shift_minutes, what, skill in HARBOUR_SHIFTS:
            services.add_session(
                actor=daniel,
                service=harbour,
                data={
                    "person": None,
                    "date": day,
                    "window_start": start_at,
                    "window_end": end_at,
                    "duration_minutes": shift_minutes,
                    "staff_needed": 1,
                    "skills": [skills[skill]] if skill else [],
                    "what": what,
                },
            )


def _months_on(day: datetime.date, months: int | None) -> datetime.date | None:
    if months is None:
        return None
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def load(context) -> None:
    users, today = context.users, context.today
    # Invented Millbridge postcodes with coordinates, so the rota weighs travel between homes.
    load_postcodes(POSTCODES)
    skills = {
        name: Skill.objects.get_or_create(name=name, defaults={"order": n})[0]
        for n, name in enumerate(SKILLS)
    }
    for username, (shared, gender, languages) in SHARED.items():
        services.save_own_profile(
            actor=users[username],
            data={"shared_about_me": shared, "gender": gender, "languages": languages},
            opened_version=1,
        )
    daniel = users["daniel"]
    for username, (contracted, most, opted_out, postcode, held) in MANAGED.items():
        services.save_staff_profile(
            actor=daniel,
            worker=users[username],
            data={
                "contracted_hours": Decimal(contracted),
                "maximum_hours": Decimal(most),
                "opted_out_of_48_hours": opted_out,
                "home_postcode": postcode,
            },
            skills={skills[name]: _months_on(today, months) for name, months in held.items()},
            opened_version=2,  # each worker wrote their own profile first
        )

    ada = context.people["ada"]
    services.save_preferences(
        actor=ada.user or users["hannah"],
        person=ada,
        preferred=[users["tom"], users["megan"]],
        data={"preferred_gender": "", "preferred_language": "", "small_team": True},
        opened_version=1,
    )
    leon = context.people["leon"]
    services.add_not_to_send(
        actor=users["hannah"],
        person=leon,
        worker=users["chris"],
        reason="Leon says Chris talks over him when he uses his pause word, and he feels rushed.",
    )
    jenny = context.people["jenny"]
    services.save_preferences(
        actor=users["hannah"],
        person=jenny,
        preferred=[users["hannah"], users["grace"]],
        data={"preferred_gender": "", "preferred_language": "", "small_team": False},
        opened_version=1,
    )
    _load_week(context, skills)
    this_monday = _this_monday(today)
    for weeks_ago in range(PAST_WEEKS, -2, -1):  # the oldest first, next week last
        for ref in ("riverside", "harbour"):
            _publish_rota(daniel, context.services[ref], this_monday - datetime.timedelta(weeks=weeks_ago))
    _jennys_notes(context, this_monday - datetime.timedelta(weeks=PAST_WEEKS))


def sent_to(person, start: datetime.date, end: datetime.date) -> dict:
    """Day → the worker the published rota sent to the person's first session that day, from `start`
    to `end`: who writes the day's visit note in the demo. One query."""
    sent = {}
    for row in (
        Assignment.objects.filter(
            allocation__status=Allocation.Status.PUBLISHED,
            replaced_at__isnull=True,
            session__person=person,
            session__date__range=(start, end),
        )
        .select_related("worker", "session")
        .order_by("session__date", "session__window_start", "pk")
    ):
        sent.setdefault(row.session.date, row.worker)
    return sent


def _jennys_notes(context, first: datetime.date) -> None:
    """A note of each of Jenny's one-to-one walks before today, by the worker sent, with the times
    they arrived and left. On a day no one could be sent there is no note: a visit missed."""
    jenny, today = context.people["jenny"], context.today
    tz = timezone.get_current_timezone()
    _weekdays, opens, _closes, minutes = JENNY_VISITS
    sent = sent_to(jenny, first, today - datetime.timedelta(days=1))
    for n, (day, worker) in enumerate(sorted(sent.items())):
        arrived = datetime.datetime.combine(day, opens, tzinfo=tz) + datetime.timedelta(
            minutes=JENNY_ARRIVALS[n % len(JENNY_ARRIVALS)]
        )
        left = arrived + datetime.timedelta(minutes=minutes - n % 3 * 5)
        late = arrived.time() > _closes
        note_services.record_note(
            actor=worker,
            person=jenny,
            data={
                "outcome": "as_agreed",
                "choices_offered": "The front, or the park",
                "chosen": "The front" if n % 3 else "The park, to see the ducks",
                "alternative_offered": "",
                "what_happened_next": "",
                "adjustments": "",
                "text": (
                    "I was late: the early shift's handover ran over. Jenny waited and we still went."
                    if late
                    else "We walked and talked about Ama and Kojo's visit at the weekend."
                ),
                "self_rating": None,
                "steps": [],
                "actions": [],
                "idempotency_key": uuid.uuid4(),
                "occurred_at": left,
                "arrived": arrived.time(),
                "left": left.time(),
            },
        )


def _publish_rota(daniel, service, week_start: datetime.date) -> None:
    """Next week's rota, run and published by Daniel: solved here, as the demo loads in one
    transaction (the planner runs it in the background). The job it queues finds the run saved and
    does nothing."""
    week = RotaWeek.objects.filter(service=service, week_start=week_start).first()
    queued = allocation.start_run(
        actor=daniel, service=service, week_start=week_start, opened_version=week.version if week else 1
    )
    run = allocation.mark_running(queued.public_id)
    built = allocation.build_problem(service, week_start, published=run.based_on)
    allocation.save_rota(run, built, solve(built.problem, time_limit=ROTA_SECONDS, threads=2))
    week = RotaWeek.objects.get(service=service, week_start=week_start)
    allocation.publish(actor=daniel, allocation=run, opened_version=week.version)
