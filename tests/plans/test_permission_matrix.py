"""Every role × every support plan URL, GET and POST: allowed → the declared answer, not allowed → 403,
someone else's person → 404, never 500, nothing written by a GET or a refused POST
(tests/matrix_helpers.py). tests/test_permission_matrix.py fails if a plan URL is missing from MATRIX."""

import datetime

import pytest

from lived.plans import services
from lived.plans.models import Action, Outcome, PlanningConversation, PromptCard, Routine, RoutineStep
from tests.matrix_helpers import CARE, SENIOR_UP, Expect, Redirect, anonymous_failures, route_failures

pytestmark = pytest.mark.django_db

VIEWERS = CARE | {"person"}
EDITORS = SENIOR_UP
RESPONDERS = SENIOR_UP | {"person"}
OVERSIGHT = {"senior", "manager", "quality_lead"}

D = "/people/{o.p}/plan/versions/{o.draft}/"


def _d(suffix):
    return lambda o: D.format(o=o) + suffix.format(o=o)


def _plan(o):
    return f"/people/{o.p}/plan/"


# url name → (path builder, roles allowed)
MATRIX = {
    "plans:plan": (lambda o: f"/people/{o.p}/plan/", VIEWERS),
    # Starting is a button on the plan page: the address itself goes back there.
    "plans:start": (lambda o: f"/people/{o.p}/plan/start/", EDITORS, Expect(get=Redirect(_plan))),
    # Version 2 is already open as a draft, so asking for a new one opens it.
    "plans:new_draft": (
        lambda o: f"/people/{o.p}/plan/new-draft/",
        EDITORS,
        Expect(get=Redirect(lambda o: D.format(o=o))),
    ),
    "plans:settings": (lambda o: f"/people/{o.p}/plan/settings/", EDITORS),
    "plans:compare": (lambda o: f"/people/{o.p}/plan/compare/?from=1&to=2", VIEWERS),
    "plans:version": (lambda o: f"/people/{o.p}/plan/versions/{o.agreed}/", VIEWERS),
    "plans:respond": (_d("respond/"), RESPONDERS),
    "plans:readers": (lambda o: f"/people/{o.p}/plan/versions/{o.agreed}/readers/", OVERSIGHT),
    "plans:confirm_read": (lambda o: f"/people/{o.p}/plan/versions/{o.agreed}/confirm-read/", CARE),
    "plans:add_outcome": (_d("outcomes/add/"), EDITORS),
    "plans:edit_outcome": (_d("outcomes/{o.outcome}/"), EDITORS),
    "plans:remove_outcome": (_d("outcomes/{o.outcome}/remove/"), EDITORS),
    "plans:add_action": (_d("outcomes/{o.outcome}/actions/add/"), EDITORS),
    "plans:edit_action": (_d("actions/{o.action}/"), EDITORS),
    "plans:remove_action": (_d("actions/{o.action}/remove/"), EDITORS),
    "plans:add_conversation": (_d("conversations/add/"), EDITORS),
    "plans:edit_conversation": (_d("conversations/{o.conversation}/"), EDITORS),
    "plans:remove_conversation": (_d("conversations/{o.conversation}/remove/"), EDITORS),
    "plans:add_routine": (_d("routines/add/"), EDITORS),
    "plans:edit_routine": (_d("routines/{o.routine}/"), EDITORS),
    "plans:remove_routine": (_d("routines/{o.routine}/remove/"), EDITORS),
    "plans:add_step": (_d("routines/{o.routine}/steps/add/"), EDITORS),
    "plans:edit_step": (_d("steps/{o.step}/"), EDITORS),
    "plans:remove_step": (_d("steps/{o.step}/remove/"), EDITORS),
    "plans:add_prompt_card": (_d("prompt-cards/add/"), EDITORS),
    "plans:edit_prompt_card": (_d("prompt-cards/{o.card}/"), EDITORS),
    "plans:remove_prompt_card": (_d("prompt-cards/{o.card}/remove/"), EDITORS),
}


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


@pytest.fixture
def plan_objects(person, senior):
    agreed, draft = build_agreed_plan_and_draft(person, senior)
    return PlanObjects(person, agreed, draft)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, circle_member, plan_objects, url_name):
    failures = route_failures(client, users, url_name, MATRIX[url_name], plan_objects)
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, plan_objects, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], plan_objects)
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_another_services_person_is_not_found(client, manager, other_person, plan_objects, url_name):
    build, *_ = MATRIX[url_name]
    path = build(plan_objects).replace(str(plan_objects.p), str(other_person.public_id))
    client.force_login(manager)
    assert client.get(path).status_code == 404, path


def test_every_plan_url_is_in_the_matrix():
    from lived.plans.urls_editing import urlpatterns

    assert {f"plans:{pattern.name}" for pattern in urlpatterns} <= set(MATRIX)
