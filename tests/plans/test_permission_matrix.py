"""Every role × every support plan URL, GET and POST: allowed → the declared answer, not allowed → 403,
someone else's person → 404, never 500, nothing written by a GET or a refused POST
(tests/matrix_helpers.py). tests/test_permission_matrix.py fails if a plan URL is missing from MATRIX."""

import pytest

from tests.matrix_helpers import CARE, SENIOR_UP, Expect, Redirect, anonymous_failures, route_failures
from tests.plans.factories import PlanObjects, build_agreed_plan_and_draft

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
