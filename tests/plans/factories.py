"""Support plans for tests: a plan like scenario 2's, and an agreed version with a draft after it,
shared by the plan, notes, print and permission tests."""

import datetime
from types import SimpleNamespace

from lived.people import services as people_services
from lived.plans import services
from lived.plans.models import Action, Outcome, PlanningConversation, PromptCard, Routine, RoutineStep


def make_plan(person, senior, *, outcomes=1):
    """A plan like Ada's in scenario 2: an outcome with an action, a morning routine with a boundary
    step, a traffic-light card, and a communication profile with a pause word."""
    draft = services.start_plan(actor=senior, person=person)
    for n in range(outcomes):
        outcome = services.add_part(
            actor=senior,
            model=Outcome,
            parent=draft,
            data={
                "in_persons_words": "I want slower mornings, with tea before anything else."
                if n == 0
                else f"I want to go to the garden centre {n} times a month.",
                "life_area": "home",
                "chime_domain": "empowerment",
                "evidence": "Fewer mornings when I feel rushed, in my check-ins",
                "review_owner": senior,
                "review_frequency_weeks": 6,
            },
        )
        services.add_part(
            actor=senior,
            model=Action,
            parent=outcome,
            data={
                "what": "Make tea with Sam before personal care",
                "owner": senior,
                "frequency": "Every morning",
            },
        )
    routine = services.add_part(
        actor=senior,
        model=Routine,
        parent=draft,
        data={
            "name": "Morning support agreement",
            "in_persons_words": "Rushing makes me anxious.",
            "arrival_window": "8:00 to 8:45",
            "agency_summary": "Tea first, quiet time, then personal care. Medication at 9 is fixed.",
            "when_distress_rises": "Offer to come back in 30 minutes.",
        },
    )
    tea = services.add_part(
        actor=senior, model=RoutineStep, parent=routine, data={"what": "Tea first", "agreed_language": "Tea?"}
    )
    meds = services.add_part(
        actor=senior,
        model=RoutineStep,
        parent=routine,
        data={
            "what": "Morning tablets",
            "flexibility": "boundary",
            "boundary_reason": "They work best at 9.",
        },
    )
    # Times set directly: lived/core/audit.py cannot yet snapshot a datetime.time (reported).
    RoutineStep.objects.filter(pk=tea.pk).update(
        window_start=datetime.time(8, 0), window_end=datetime.time(8, 45)
    )
    RoutineStep.objects.filter(pk=meds.pk).update(
        window_start=datetime.time(9, 0), window_end=datetime.time(9, 15)
    )
    card = services.add_part(
        actor=senior,
        model=PromptCard,
        parent=draft,
        data={
            "title": "When anxiety rises in the morning",
            "green_looks_like": "Chatting, making plans",
            "green_staff_do": "Follow the routine",
            "amber_looks_like": "Pacing, short answers",
            "amber_staff_do": "Pause and offer tea",
            "red_looks_like": "Shouting, asking staff to leave",
            "red_staff_do": "Step outside and try again in 30 minutes",
        },
    )
    people_services.save_communication_profile(
        actor=senior,
        person=person,
        data={
            "shows_yes": "Nods and says yeah",
            "shows_no": "Looks away",
            "shows_overload": "Covers ears",
            "pause_words": "Hang on",
            "phrasing_to_avoid": "You need to",
            "consent_explain": "Say what and why",
        },
        opened_version=1,
    )
    return SimpleNamespace(draft=draft, routine=routine, card=card)


def agree(version, person_user):
    return services.record_response(
        actor=person_user,
        version=version,
        agrees=True,
        persons_words="Yes, that's me",
        opened_version=version.version,
    )


def add(actor, model, parent, **data):
    return services.add_part(actor=actor, model=model, parent=parent, data=data)


def build_agreed_plan_and_draft(person, senior):
    """Version 1 agreed by the person, with one of every part; version 2 open as a draft copy."""
    first = services.start_plan(actor=senior, person=person)
    outcome = add(
        senior,
        Outcome,
        first,
        in_persons_words="I want to cook my own tea twice a week.",
        life_area="home",
        chime_domain="empowerment",
        evidence="Meals cooked, in daily notes",
        review_frequency_weeks=6,
        review_owner=senior,
    )
    add(
        senior,
        Action,
        outcome,
        what="Shop for one meal with Sam on Mondays",
        owner=senior,
        frequency="Mondays",
    )
    routine = add(senior, Routine, first, name="Morning support agreement", arrival_window="8:00 to 8:45")
    add(
        senior,
        RoutineStep,
        routine,
        what="Tea first",
        agreed_language="Tea first, then we'll see",
        window_start=datetime.time(8, 0),
        window_end=datetime.time(8, 45),
    )
    add(
        senior,
        PromptCard,
        first,
        title="When anxiety rises in the morning",
        green_looks_like="Chatty",
        green_staff_do="Carry on",
        amber_looks_like="Quiet, pacing",
        amber_staff_do="Offer tea and time",
        red_looks_like="Shouting",
        red_staff_do="Step back and give space",
    )
    add(
        senior,
        PlanningConversation,
        first,
        held_on=datetime.date(2026, 1, 5),
        participants="Sam, Hannah",
        options_considered="Cooking class, cooking at home",
        agreed="Cook at home on Mondays",
        why="Sam prefers home",
    )
    first.refresh_from_db()
    services.record_response(
        actor=person.user or senior,
        version=first,
        agrees=True,
        persons_words="Yes, that's me",
        opened_version=first.version,
    )
    draft = services.start_new_draft(
        actor=senior, plan=first.plan, reason="Sam wants to add cooking with friends"
    )
    first.refresh_from_db()
    return first, draft


class PlanObjects:
    def __init__(self, person, agreed, draft):
        self.p = person.public_id
        self.agreed = agreed.number
        self.draft = draft.number
        self.outcome = draft.outcomes.get().public_id
        self.action = Action.objects.get(outcome__plan_version=draft).public_id
        self.routine = draft.routines.get().public_id
        self.step = RoutineStep.objects.get(routine__plan_version=draft).public_id
        self.card = draft.prompt_cards.get().public_id
        self.conversation = draft.conversations.get().public_id
