"""Fictional demo supervision (C14). `load(context)` is called once, inside the demo's transaction,
after the rota's demo data. Everything goes through lived.supervision.services, so every record
arrives with the audit rows a real one writes.

Hannah supervises Tom at Riverside and Grace at Harbour House, roughly every six weeks over the last
year. Tom's early sessions keep coming back to "routine over preference" and "pressure to comply"
(Ada's mornings were run to the rota's clock); after the work on Ada's morning routine with her,
about five months ago, "choice offered" and "communication profile used" take their place. Grace's
sessions are about Jenny's family and positive risk. Every session is signed by both except Tom's
latest, which waits for his reflection. Tom's last signed session left an action open (reading Ada's
new plan), shown when Hannah opens his next one. Grace is overdue on Daniel's due list.

The prompts a new session with Tom walks through come from his own demo notes since that last signed
session (lived/demo/notes_data.py): Ada's tea and quiet time, steps that can flex, recorded the same way
every morning; Jo saying no to the swim and the art group; a word the language check flagged in his
notes. Nothing here writes them."""

from __future__ import annotations

import datetime

from lived.supervision import services, services_observations, starting_prompts, starting_themes
from lived.supervision.models import Prompt, Supervision, Theme

ROUTINE, PRESSURE, CHOICE, PROFILE, RISK, CARERS = (
    "routine-over-preference",
    "pressure-to-comply",
    "choice-offered",
    "communication-profile-used",
    "positive-risk",
    "carer-involvement",
)

# (weeks ago, kind, themes, what we talked about, wellbeing, the worker's reflection)
TOM = [
    (
        52,
        "one_to_one",
        [ROUTINE, PRESSURE],
        "Ada's mornings: personal care first so the visit ends on time. Ada has said she wants tea first.",
        "Busy; picking up extra early shifts.",
        "I know Ada likes her tea first but the visit is only 45 minutes, so I start with personal care.",
    ),
    (
        45,
        "one_to_one",
        [ROUTINE],
        "Notes say 'declined personal care' three times this month. What might Ada be telling us?",
        "Fine. Would like more time on visits.",
        "Maybe she declines because it is the first thing I ask, before she is ready.",
    ),
    (
        38,
        "reflective",
        [ROUTINE, PRESSURE],
        "Reflective practice with the team on what 'encouraging' means when someone says no.",
        "Tired after a run of lates.",
        "I felt I was persuading rather than offering. I did not like that.",
    ),
    (
        31,
        "one_to_one",
        [ROUTINE, CHOICE],
        "Ada's plan is being reviewed with her. Tom to bring what he has noticed about her mornings.",
        "Better; the rota has settled.",
        "I told Hannah what Ada says about mornings. I am glad it is being looked at.",
    ),
    (
        22,
        "one_to_one",
        [CHOICE, PROFILE],
        "The new morning routine: tea first, quiet time, then personal care. The order is Ada's.",
        "Good. Enjoying the work more.",
        "Mornings are calmer. Ada chooses the order and I follow her communication profile.",
    ),
    (
        15,
        "one_to_one",
        [CHOICE, PROFILE],
        "Declines are down. Ada offered to help with breakfast. Talked about flex days.",
        "Good.",
        "I ask Ada what she would like first, every time, even when I think I know.",
    ),
    (
        7,
        "one_to_one",
        [CHOICE, RISK],
        "Ada wants to walk to the shop on her own. What would support that, least restrictive first.",
        "Good; booked annual leave.",
        "I worried about the road, but it is Ada's choice. We agreed to talk it through with her.",
    ),
]
# The latest: Hannah has written her part; Tom's reflection and both signatures wait.
TOM_LATEST = (
    1,
    "one_to_one",
    [CHOICE, CARERS],
    "Ada's sister visits on Sundays now. Ada wants her there for her review.",
    "Good.",
)
GRACE = [
    (50, "one_to_one", [CARERS], "Jenny's children: who she wants told what, and when.", "Fine.", ""),
    (40, "one_to_one", [RISK, CARERS], "Jenny going to her daughter's school play alone.", "Fine.", ""),
    (
        28,
        "appraisal",
        [RISK],
        "Grace's year: positive risk, and her training day.",
        "Wants more training.",
        "",
    ),
    (
        10,
        "one_to_one",
        [CARERS, CHOICE],
        "Jenny's family meeting: who chairs it (Jenny).",
        "Good.",
        "Jenny chaired it. I only took notes.",
    ),
]


def _session(supervisor, worker, today, themes, spec, *, sign: bool, action: tuple | None = None):
    weeks, kind, codes, discussed, wellbeing, *reflection = spec
    record = services.start_supervision(
        actor=supervisor, worker=worker, held_on=today - datetime.timedelta(weeks=weeks), kind=kind
    )
    record = services.save_supervisor_part(
        actor=supervisor,
        record=record,
        data={"held_on": record.held_on, "kind": kind, "discussed": discussed, "wellbeing": wellbeing},
        themes=[themes[code] for code in codes],
        opened_version=record.version,
    )
    if action is not None:
        what, owner, due_in_weeks = action
        services.add_action(
            actor=supervisor,
            record=record,
            what=what,
            owner=worker if owner == "worker" else supervisor,
            due_on=record.held_on + datetime.timedelta(weeks=due_in_weeks),
        )
        record.refresh_from_db()
    if reflection and reflection[0]:
        record = services.save_reflection(
            actor=worker, record=record, data={"reflection": reflection[0]}, opened_version=record.version
        )
    if sign:
        record = services.sign(actor=worker, record=record, opened_version=record.version)
        record = services.sign(actor=supervisor, record=record, opened_version=record.version)
    return record


def load(context) -> None:
    users, today = context.users, context.today
    starting_themes.ensure(Theme)
    # The prompts a session walks through: drawn from each worker's own demo notes, never written here.
    starting_prompts.ensure(Prompt)
    themes = {t.code: t for t in Theme.objects.all()}
    hannah, tom, grace = users["hannah"], users["tom"], users["grace"]
    for n, spec in enumerate(TOM):
        last = n == len(TOM) - 1
        action = ("Read Ada's agreed plan and confirm it", "worker", 2) if last else None
        if n == 4:
            action = ("Bring three notes about Ada's mornings to the next session", "worker", 4)
        _session(hannah, tom, today, themes, spec, sign=True, action=action)
    # The one from 22 weeks ago was followed up: its action is done.
    for record in Supervision.objects.filter(worker=tom).prefetch_related("actions"):
        for action in record.actions.all():
            if action.what.startswith("Bring three notes"):
                services.mark_action_done(actor=tom, action=action, record=record)
    _session(hannah, tom, today, themes, (*TOM_LATEST, ""), sign=False)
    for spec in GRACE:
        _session(hannah, grace, today, themes, spec, sign=True)
    load_observations(context)


# --- Observations of practice (spot checks) ---------------------------------------------------------
# Every week over the last year at Riverside and Harbour House, a senior (Hannah; now and then
# Daniel, the manager) watches a worker support someone with an agreed plan, with their agreement, and
# checks it against one routine or plan action. At Riverside routines were often run to the rota's
# clock a year ago (the order and window "partly" or "no"); after the work on Ada's morning routine
# about five months ago most are followed as agreed. Harbour House stays steady. Fixed choices (no
# randomness), so the figures are the same every time the demo is loaded.

OBSERVED = {
    "riverside": (["tom", "chris", "megan"], ["ada", "jo", "sam"]),
    "harbour": (["grace", "ellie"], ["jenny", "declan", "shauna", "abdi", "ferhat"]),
}
PERSONS_WORDS = [
    "It was alright. I had my tea first, like I said.",
    "Bit rushed today. I didn't like that.",
    "Good. She asked me before she did anything.",
    "Fine. I chose what to wear.",
    "I felt listened to.",
    "",
]
FEEDBACK_FOLLOWED = "You used the words in the plan and let the person set the pace. Keep doing that."
FEEDBACK_DRIFTED = (
    "The visit ran to the clock, not the plan's order. Next time: ask first, then follow their order."
)


def _drifted(ref: str, weeks_ago: int, n: int) -> bool:
    """Whether this observation found support run to the clock rather than as agreed: at Riverside
    about half before the morning work and one in five after it; at Harbour House about three in ten
    throughout. (n * 7) % 10 steps through 0 to 9 in a mixed order, so drift does not follow the
    routine or action observed."""
    spread = (n * 7) % 10
    if ref == "riverside":
        return spread < (5 if weeks_ago > 22 else 2)
    return spread < 3


def load_observations(context) -> None:
    users, today = context.users, context.today
    for ref, (workers, people_refs) in OBSERVED.items():
        people = [context.people[p] for p in people_refs if p in context.people]
        parts = []
        for person in people:
            routines, actions = services_observations.observable_parts(person)
            parts += [(person, part) for part in routines + actions[:1]]
        if not parts:
            continue
        for n, weeks_ago in enumerate(range(52, 0, -1)):
            person, part = parts[n % len(parts)]
            drifted = _drifted(ref, weeks_ago, n)
            no = "no" if drifted else "yes"
            answers = {
                "observed_on": today - datetime.timedelta(weeks=weeks_ago, days=n % 4),
                "person_agreed": True,
                "how_agreed": "Said yes when asked at the start of the visit",
                "words": "partly" if drifted else "yes",
                "words_note": "Said 'you need to' once" if drifted else "",
                "order": no,
                "order_note": "Personal care first, to finish on time" if drifted else "",
                "window": "yes" if n % 3 else "not_applicable",
                "boundaries": "yes",
                "choices_offered": "partly" if drifted else "yes",
                "choices_note": "Offered one option only" if drifted else "",
                "consent_checked": "yes",
                "in_persons_words": PERSONS_WORDS[1] if drifted else PERSONS_WORDS[n % len(PERSONS_WORDS)],
                "feedback": FEEDBACK_DRIFTED if drifted else FEEDBACK_FOLLOWED,
            }
            observer = users["daniel"] if n % 5 == 4 else users["hannah"]
            services_observations.record_observation(
                actor=observer,
                person=person,
                worker=users[workers[n % len(workers)]],
                part=part,
                data=answers,
            )
