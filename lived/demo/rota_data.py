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

Last, next week's rota at both services, run and published by Daniel. At Riverside, Tom goes to Ada
on the weekdays and Megan at the weekend; on Tuesday Tom is on leave, so someone Ada did not choose
goes, and that shortfall is recorded with why. At Harbour House, Grace and Ellie cover most shifts;
the rest are uncovered with the reasons (Grace's training day, hours limits)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from lived.rota import allocation, services
from lived.rota.management.commands.load_postcodes import load as load_postcodes
from lived.rota.models import Absence, RotaWeek, Skill
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
# The demo's published rotas are solved while it loads, with this time limit for each.
ROTA_SECONDS = 5


def _next_weekday(day: datetime.date, weekday: int) -> datetime.date:
    """The first `weekday` in the week after the one `day` is in."""
    monday = day + datetime.timedelta(days=7 - day.weekday())
    return monday + datetime.timedelta(days=weekday)


def _load_week(context, skills) -> None:
    users, today, daniel = context.users, context.today, context.users["daniel"]
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
    for ref in ("riverside", "harbour"):
        services.generate_sessions(daniel, context.services[ref], today, SESSION_DAYS)
    harbour = context.services["harbour"]
    for n in range(SESSION_DAYS):
        for start, end, minutes, what, skill in HARBOUR_SHIFTS:
            services.add_session(
                actor=daniel,
                service=harbour,
                data={
                    "person": None,
                    "date": today + datetime.timedelta(days=n),
                    "window_start": start,
                    "window_end": end,
                    "duration_minutes": minutes,
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
    _load_week(context, skills)
    monday = _next_weekday(today, 0)
    for ref in ("riverside", "harbour"):
        _publish_rota(daniel, context.services[ref], monday)


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
