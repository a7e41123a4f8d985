"""Fictional demo data for outcomes. `load(context)` is called once, inside the demo's transaction,
after people and support plans exist. `context` is a `lived.demo.loader.DemoContext`.

Everything is made through lived.outcomes.services (so audit rows exist), with fixed values (no
randomness) and dates relative to `context.today`:
- Ada (scenario 2) signs in as "ada" (lived/demo/data.py) and rates herself: weekly
  anxiety ratings over six weeks, improving; a GAD-7 at the start and now showing reliable improvement
  and recovery; goal attainment on her plan outcomes; a GAD-7 schedule.
- Sam: two DIALOG ratings (one with Tom, one on his own account) and an overdue PHQ-9 schedule.
- Priya: a PHQ-9 with item 9 above 0 and the urgent alert, acknowledged by Hannah (fictional).
- Oakwood Recovery College autumn term (scenario 10): social isolation and unscheduled GP, A&E and
  mental health service visits at the start and end of term for Femi, Rachel, Connor, Hui Min, Gareth.
- Annual physical health checks (scenario 11) for Riverside and Harbour people: up to date, due soon,
  overdue, incomplete, with open follow-ups.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from lived.outcomes import services
from lived.outcomes.models import CompletionMode
from lived.plans.queries import agreed_outcomes

WITH_STAFF = CompletionMode.WITH_STAFF.value


def _days(context, n: int) -> datetime.date:
    return context.today - datetime.timedelta(days=n)


def _answers(prefix: str, values: list[int]) -> dict[str, int]:
    return {f"{prefix}_{n}": v for n, v in enumerate(values, start=1)}


def _scales(context):
    hannah, carys = context.users["hannah"], context.users["carys"]
    anxiety = services.define_scale(
        actor=hannah,
        service=context.services["riverside"],
        data={
            "name": "Anxiety",
            "question": "How anxious have you felt this week?",
            "low": 0,
            "high": 10,
            "low_anchor": "not anxious at all",
            "high_anchor": "as anxious as I have ever been",
            "higher_is_better": False,
            "chime_domain": "hope",
        },
    )
    oakwood = context.services["oakwood"]
    isolation = services.define_scale(
        actor=carys,
        service=oakwood,
        data={
            "name": "Social isolation",
            "question": "How cut off from other people do you feel?",
            "low": 0,
            "high": 10,
            "low_anchor": "not at all cut off",
            "high_anchor": "completely cut off",
            "higher_is_better": False,
            "chime_domain": "connectedness",
            "allow_with_staff": True,
        },
    )
    counts = [
        services.define_scale(
            actor=carys,
            service=oakwood,
            data={
                "name": name,
                "question": question,
                "kind": "count",
                "low": 0,
                "high": 50,
                "higher_is_better": False,
                "allow_with_staff": True,
            },
        )
        for name, question in [
            ("Unscheduled GP visits", "How many times did you see a GP without an appointment booked ahead?"),
            ("A&E visits", "How many times did you go to A&E?"),
            (
                "Unplanned mental health visits",
                "How many unplanned contacts did you have with mental health services?",
            ),
        ]
    ]
    return anxiety, isolation, counts


def _ada(context, anxiety):
    ada = context.people["ada"]
    user = context.people["ada"].user  # Ada's sign-in is in lived/demo/data.py
    hannah = context.users["hannah"]
    # Scenario 2: weekly anxiety ratings on her own account, six weeks, improving.
    for weeks_ago, value in zip(range(6, 0, -1), [8, 7, 7, 6, 5, 4], strict=True):
        services.record_self_rating(
            actor=user, person=ada, scale=anxiety, value=value, rated_on=_days(context, 7 * weeks_ago)
        )
    # GAD-7 at the start (14, moderate, with Hannah) and now (7, mild, on her own): reliable improvement.
    services.complete_measure(
        actor=hannah,
        person=ada,
        measure_code="gad7",
        answers=_answers("gad7", [2, 2, 3, 2, 1, 2, 2]),
        mode=WITH_STAFF,
        completed_on=_days(context, 84),
    )
    outcomes = agreed_outcomes(ada)
    services.complete_measure(
        actor=user,
        person=ada,
        measure_code="gad7",
        answers=_answers("gad7", [1, 1, 1, 1, 1, 1, 1]),
        completed_on=_days(context, 7),
        outcome_key=outcomes[0].key if outcomes else None,
    )
    if outcomes:
        services.add_schedule(
            actor=hannah,
            person=ada,
            measure_code="gad7",
            every_weeks=6,
            first_due=_days(context, -35),
            outcome_key=outcomes[0].key,
        )
        first = [(o, 1, -1) for o in outcomes[:3]]
        services.score_goals(actor=hannah, person=ada, scores=first, scored_on=_days(context, 56))
        later = [(o, 1, s) for o, s in zip(outcomes[:3], [1, 0, 1], strict=False)]
        services.score_goals(actor=hannah, person=ada, scores=later, scored_on=_days(context, 7))


def _sam(context):
    sam, tom = context.people["sam"], context.users["tom"]
    services.complete_measure(
        actor=tom,
        person=sam,
        measure_code="dialog",
        answers={
            "dialog_mental_health": 4,
            "dialog_physical_health": 3,
            "dialog_job": 2,
            "dialog_accommodation": 5,
            "dialog_leisure": 3,
            "dialog_partner_family": 4,
            "dialog_friendships": 3,
            "dialog_safety": 5,
            "dialog_medication": 4,
            "dialog_practical_help": 5,
            "dialog_meetings": 4,
        },
        more_help={"dialog_job": True, "dialog_friendships": True},
        mode=WITH_STAFF,
        completed_on=_days(context, 90),
    )
    services.complete_measure(
        actor=sam.user,
        person=sam,
        measure_code="dialog",
        answers={
            "dialog_mental_health": 5,
            "dialog_physical_health": 4,
            "dialog_job": 4,
            "dialog_accommodation": 5,
            "dialog_leisure": 5,
            "dialog_partner_family": 4,
            "dialog_friendships": 4,
            "dialog_safety": 6,
            "dialog_medication": 5,
            "dialog_practical_help": 6,
            "dialog_meetings": 5,
        },
        more_help={"dialog_job": True},
        completed_on=_days(context, 3),
    )
    services.add_schedule(
        actor=context.users["hannah"],
        person=sam,
        measure_code="phq9",
        every_weeks=12,
        first_due=_days(context, 5),
    )


def _priya(context):
    priya, hannah = context.people["priya"], context.users["hannah"]
    response = services.complete_measure(
        actor=hannah,
        person=priya,
        measure_code="phq9",
        answers=_answers("phq9", [2, 2, 1, 2, 1, 2, 1, 0, 1]),
        mode=WITH_STAFF,
        completed_on=_days(context, 10),
    )
    services.acknowledge_alert(
        actor=hannah,
        alert=response.alert,
        action_taken="Talked with Priya straight away. She said the thoughts come at night and she has no "
        "plans to act on them. Went through her crisis plan together and she agreed to ring the crisis line "
        "if they get stronger. Told Daniel and her care coordinator the same day.",
    )


def _oakwood_term(context, isolation, counts):
    oakwood = context.services["oakwood"]
    refs = ["femi", "rachel", "connor", "huimin", "gareth"]
    people = [context.people[r] for r in refs]
    tutors = {"femi": "carys", "rachel": "carys", "huimin": "carys", "connor": "owen", "gareth": "owen"}
    services.create_group(
        actor=context.users["carys"],
        service=oakwood,
        name="Oakwood Recovery College: autumn term",
        starts_on=_days(context, 84),
        ends_on=context.today,
        members=people,
    )
    values = {
        # scale: ([start per person], [end per person]) in the order of refs
        isolation: ([8, 7, 9, 6, 7], [5, 6, 6, 4, 5]),
        counts[0]: ([3, 2, 4, 1, 2], [1, 1, 2, 1, 0]),
        counts[1]: ([1, 0, 2, 0, 1], [0, 0, 1, 0, 0]),
        counts[2]: ([2, 1, 3, 1, 2], [1, 0, 1, 0, 1]),
    }
    for scale, (start, end) in values.items():
        for ref, person, first, last in zip(refs, people, start, end, strict=True):
            tutor = context.users[tutors[ref]]
            for value, day in ((first, _days(context, 80)), (last, _days(context, 3))):
                services.record_self_rating(
                    actor=tutor, person=person, scale=scale, value=value, mode=WITH_STAFF, rated_on=day
                )


def _check(context, ref, days_ago, by, *, complete=True, **extra):
    data = {
        "checked_on": _days(context, days_ago),
        "done_by": by,
        "height_cm": Decimal("170.0"),
        "weight_kg": Decimal("82.0"),
        "systolic": 128,
        "diastolic": 82,
        "glucose_test": "hba1c",
        "glucose_value": Decimal("41.0"),
        "cholesterol": Decimal("5.2"),
        "smoking": "ex",
        "alcohol_units": 6,
    }
    if not complete:
        data.update({"glucose_test": "", "glucose_value": None, "cholesterol": None})
    data.update(extra)
    return services.record_health_check(actor=context.users["hannah"], person=context.people[ref], data=data)


def _health_checks(context):
    gp = "Riverside Medical Centre (practice nurse)"
    _check(context, "sam", 200, gp, smoking="current", alcohol_units=10)
    _check(context, "ada", 100, gp, height_cm=Decimal("162.0"), weight_kg=Decimal("70.5"), smoking="never")
    _check(context, "john", 350, gp)  # due soon
    _check(context, "leon", 400, gp, weight_kg=Decimal("95.0"))  # overdue
    jenny = _check(context, "jenny", 380, "Harbour Surgery (GP)", cholesterol=Decimal("6.8"))  # overdue
    services.add_follow_up(
        actor=context.users["hannah"],
        person=context.people["jenny"],
        health_check=jenny,
        what="Repeat cholesterol test and talk to the GP about it",
        owner=context.users["hannah"],
        due_on=_days(context, -14),
    )
    declan = _check(context, "declan", 30, "Grace Ellis (support worker), with Declan", complete=False)
    services.add_follow_up(
        actor=context.users["grace"],
        person=context.people["declan"],
        health_check=declan,
        what="Book the blood test for HbA1c and cholesterol at the surgery",
        owner=context.users["grace"],
        due_on=_days(context, 3),
    )


def load(context) -> None:
    anxiety, isolation, counts = _scales(context)
    _ada(context, anxiety)
    _sam(context)
    _priya(context)
    _oakwood_term(context, isolation, counts)
    _health_checks(context)
