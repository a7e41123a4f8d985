"""Fictional demo data for notes. `load(context)` is called once, inside the demo's transaction,
after people and support plans exist. `context` is a `lived.demo.loader.DemoContext`.

- Ada: six weeks of morning notes saying which steps of her morning agreement were used, with her own
  rating of how she feels rising as her mornings get calmer. Since the demo's rota began (its last
  four weeks and this one, lived/demo/rota_data.py, loaded first), the worker the rota sent writes
  them, and the last note of each visit says when they arrived and left: most within her 8:00 to
  8:45 window, four late, one early, and one morning she asked to be left after 25 minutes.
- Jo: early on, 'not today' to activities she had not chosen, each with the alternative offered; then
  fewer, and more of the things she chose. Spaced so that no review is raised by the demo itself.
- Leon: the three-step consent check and staged choices.
- Today's handover for Riverside's early shift, and a few flagged words in realistic notes.

Fixed random seed; dates relative to `context.today`. Everything goes through lived.notes.services."""

from __future__ import annotations

import datetime
import random
import uuid

from django.utils import timezone

from lived.demo import rota_data
from lived.notes import services
from lived.plans.queries import agreed_actions, agreed_steps


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _note(actor, person, when, **data):
    base = {
        "outcome": "as_agreed",
        "choices_offered": "",
        "chosen": "",
        "alternative_offered": "",
        "what_happened_next": "",
        "adjustments": "",
        "text": "",
        "self_rating": None,
        "steps": [],
        "actions": [],
        "idempotency_key": uuid.uuid4(),
        "occurred_at": when,
    }
    base.update(data)
    return services.record_note(actor=actor, person=person, data=base)[0]


def _ada(context, rng):
    ada, tom, megan = context.people["ada"], context.users["tom"], context.users["megan"]
    steps = agreed_steps(ada)
    if len(steps) < 4:
        return
    tea, quiet, care, meds = steps[:4]
    # Since the rota began (lived/demo/rota_data.py), the worker it sent writes the morning's notes
    # and the last of them records when they arrived and left.
    sent = rota_data.sent_to(ada, context.today - datetime.timedelta(days=42), context.today)
    arrivals = random.Random(14)  # noqa: S311 (fictional data): its own, so the ratings stay as they were
    for days_ago in range(42, 0, -1):
        day = context.today - datetime.timedelta(days=days_ago)
        week = (42 - days_ago) // 7  # 0 … 5
        worker = sent.get(day) or (tom if days_ago % 2 else megan)
        rating = max(0, min(10, 3 + week + rng.choice([-1, 0, 0, 1])))
        tea_minute = 20 + rng.randint(0, 20)
        if day in sent:
            _ada_visit(worker, ada, day, days_ago, arrivals, rating, (tea, quiet, care, meds))
            continue
        _note(worker, ada, _at(day, 8, tea_minute), steps=[tea, quiet], self_rating=rating)
        if week < 2 and days_ago % 3 == 0:
            _note(
                worker,
                ada,
                _at(day, 9, 5),
                steps=[care],
                outcome="adjusted",
                choices_offered="Wash now, after quiet time, or before lunch",
                chosen="Before lunch",
                adjustments="Moved washing to 11:30 as Ada chose; stepped out of the doorway "
                "when she said 'wait, wait'.",
            )
        else:
            _note(
                worker,
                ada,
                _at(day, 9, 10),
                steps=[care],
                choices_offered="Wash now or after quiet time",
                chosen="Now",
            )
        _note(worker, ada, _at(day, 9, 30), steps=[meds], text="Tablets at the window with her tea.")
    # A note from the first week that the language check flagged (kept as written: notes are records).
    _note(
        megan,
        ada,
        _at(context.today - datetime.timedelta(days=40), 10, 0),
        text="Ada refused her shower again and was very demanding about her tea.",
    )


# Days ago on which the worker sent to Ada arrived after her window closed (8:45), or before it opened.
ADA_LATE = {3: 55, 11: 50, 18: 62, 25: 48}
ADA_EARLY = {20: -4}
# The morning Ada asked to be left after her tea: a visit of 25 minutes, not agreed in advance.
ADA_SHORT = 9


def _ada_visit(worker, ada, day, days_ago, arrivals, rating, steps):
    """One morning visit to Ada as the worker sent wrote it up: tea and quiet time, personal care,
    then her tablets, the last note with the times they arrived and left."""
    tea, quiet, care, meds = steps
    late = days_ago in ADA_LATE
    offset = ADA_LATE.get(
        days_ago, ADA_EARLY.get(days_ago, arrivals.choice([0, 2, 5, 5, 8, 10, 12, 15, 20, 25, 30]))
    )
    arrived = _at(day, 8, 0) + datetime.timedelta(minutes=offset)
    minute = datetime.timedelta(minutes=1)
    _note(worker, ada, arrived + 12 * minute, steps=[tea, quiet], self_rating=rating)
    if days_ago == ADA_SHORT:
        left = arrived + 25 * minute
        _note(
            worker,
            ada,
            left,
            outcome="adjusted",
            choices_offered="Stay for personal care now, or come back later",
            chosen="Time on her own",
            adjustments="Ada asked for time on her own after her tea, so I left and told the office. "
            "Hannah rang her at 9:30 about her tablets.",
            arrived=arrived.time(),
            left=left.time(),
        )
        return
    _note(
        worker,
        ada,
        arrived + 55 * minute,
        steps=[care],
        choices_offered="Wash now or after quiet time",
        chosen="Now",
    )
    left = arrived + (100 + arrivals.randint(0, 5)) * minute
    _note(
        worker,
        ada,
        left,
        steps=[meds],
        text="I was late: the bus was held up. Ada waited for her tea; tablets by the window at the end "
        "of her window."
        if late
        else "Tablets at the window with her tea.",
        arrived=arrived.time(),
        left=left.time(),
    )


def _jo(context, rng):
    jo, tom, hannah = context.people["jo"], context.users["tom"], context.users["hannah"]
    steps = agreed_steps(jo)
    if len(steps) < 5:
        return
    swim, sanctuary, art, music, alternatives = steps[:5]
    flexible = [art, music]
    for days_ago in range(42, 0, -1):
        day = context.today - datetime.timedelta(days=days_ago)
        weekday = day.weekday()
        early = days_ago > 21
        if weekday in (1, 4):  # Tuesday, Friday: the swim she chose
            went = rng.random() < (0.6 if early else 0.95)
            if went:
                _note(
                    tom,
                    jo,
                    _at(day, 8, 40),
                    steps=[swim],
                    chosen="Went to the swim, then the café",
                    self_rating=rng.randint(6, 8),
                )
            else:
                _note(
                    tom,
                    jo,
                    _at(day, 7, 5),
                    steps=[swim],
                    outcome="declined",
                    choices_offered="Swim with company, swim solo, or not today",
                    alternative_offered="A short walk to feed the ducks later",
                    what_happened_next="Jo chose the walk at 11 and fed the ducks.",
                    chosen="Not today; the ducks instead",
                )
        elif weekday == 2:  # Wednesday: the sanctuary
            _note(
                hannah,
                jo,
                _at(day, 16, 30),
                steps=[sanctuary],
                chosen="Sanctuary: looked after the new lambs",
                self_rating=rng.randint(6, 9),
            )
        elif weekday in (0, 3):  # the art group, Monday or Thursday
            if early and weekday == 0:
                _note(
                    tom,
                    jo,
                    _at(day, 14, 10),
                    steps=[art],
                    outcome="declined",
                    alternative_offered="Drawing at home, or the art group on Thursday",
                    what_happened_next="Jo drew at home for an hour and said Thursday might be better.",
                    text="Jo refused the art group."
                    if days_ago > 35
                    else "Jo said not today to the art group.",
                )
            elif not early:
                _note(
                    tom,
                    jo,
                    _at(day, 15, 30),
                    steps=[art],
                    chosen="Art group: started a painting of the sanctuary",
                )
        elif weekday == 5 and not early:
            _note(hannah, jo, _at(day, 20, 0), steps=[music], chosen="Musical night with Nan", self_rating=8)
        elif weekday == 6:
            _note(
                hannah,
                jo,
                _at(day, 19, 0),
                steps=[alternatives] if early else [rng.choice(flexible)],
                text="Planned the week with Jo on paper.",
            )


def _leon(context, rng):
    leon, tom, hannah = context.people["leon"], context.users["tom"], context.users["hannah"]
    actions = agreed_actions(leon)
    if len(actions) < 3:
        return
    consent, staged, time_out = actions[:3]
    for days_ago in range(20, 0, -2):
        day = context.today - datetime.timedelta(days=days_ago)
        _note(
            tom if days_ago % 4 else hannah,
            leon,
            _at(day, 9, 15),
            actions=[consent, staged],
            consent_explained=True,
            consent_options=True,
            consent_confirmed=days_ago % 6 != 0,
            choices_offered="Medication now, in 30 minutes, or after breakfast",
            chosen="After breakfast" if days_ago % 3 else "Now",
            text=(
                "Leon said 'whatever', so not agreed yet. Came back after breakfast "
                "and he said it back in his words."
                if days_ago % 6 == 0
                else "Leon said back what he was agreeing to."
            ),
            self_rating=rng.randint(5, 7),
        )
    _note(
        tom,
        leon,
        _at(context.today - datetime.timedelta(days=9), 18, 0),
        actions=[time_out],
        text="Leon kicked off when the rent letter came. He said 'time out'; "
        "I left and came back in ten minutes.",
    )


def _handover(context):
    riverside = [p for p in context.people.values() if p.service_id == context.services["riverside"].pk]
    tom, megan = context.users["tom"], context.users["megan"]
    words = {
        "ada": "Ada slept badly and asked for the Polish radio early. Go gently with the tea and quiet time.",
        "jo": "Jo chose the swim tomorrow and wants to go solo. Her bag is packed by the door.",
        "leon": "Leon asked for his injection reminder as a text, not in person.",
    }
    for person in riverside:
        ref = next((r for r, p in context.people.items() if p.pk == person.pk), "")
        if ref in words:
            services.add_handover(actor=megan if ref == "jo" else tom, person=person, text=words[ref])


def load(context) -> None:
    rng = random.Random(4)  # noqa: S311 (fictional data, not security)
    _ada(context, rng)
    _jo(context, rng)
    _leon(context, rng)
    _handover(context)
