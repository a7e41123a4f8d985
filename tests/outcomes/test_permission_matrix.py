"""Every role × every outcomes URL, GET and POST: allowed → the declared answer, not allowed → 403,
someone else's person → 404, never 500, nothing written by a GET or a refused POST
(tests/matrix_helpers.py). tests/test_permission_matrix.py checks every URL is in one MATRIX."""

import pytest

from tests.matrix_helpers import CARE, SENIOR_UP, WRITERS, Expect, anonymous_failures, route_failures
from tests.outcomes.factories import Objects

pytestmark = pytest.mark.django_db

# url name → (path builder, roles allowed). Person-scoped URLs give 404 to UNREACHABLE roles.
MATRIX = {
    "outcomes:person_outcomes": (lambda o: f"/people/{o.p}/outcomes/", CARE | {"person"}),
    "outcomes:complete_measure": (
        lambda o: f"/people/{o.p}/outcomes/questionnaires/phq9/",
        WRITERS | {"person"},
    ),
    "outcomes:rate_self": (lambda o: f"/people/{o.p}/outcomes/self-rating/{o.scale}/", WRITERS | {"person"}),
    # The person has no key worker here, so seniors and managers (see test_views for the key worker).
    "outcomes:acknowledge_alert": (
        lambda o: f"/people/{o.p}/outcomes/alerts/{o.alert}/acknowledge/",
        SENIOR_UP,
    ),
    "outcomes:score_goals": (lambda o: f"/people/{o.p}/outcomes/goals/", WRITERS),
    "outcomes:add_schedule": (lambda o: f"/people/{o.p}/outcomes/schedules/new/", WRITERS),
    "outcomes:record_health_check": (lambda o: f"/people/{o.p}/outcomes/health-checks/new/", WRITERS),
    "outcomes:add_follow_up": (
        lambda o: f"/people/{o.p}/outcomes/health-checks/{o.check}/follow-ups/new/",
        WRITERS,
    ),
    "outcomes:close_follow_up": (
        lambda o: f"/people/{o.p}/outcomes/follow-ups/{o.follow_up}/close/",
        WRITERS,
    ),
    "outcomes:summary_pdf": (lambda o: f"/people/{o.p}/outcomes/summary.pdf", CARE | {"person"}),
    "outcomes:service_outcomes": (lambda o: "/outcomes/", CARE | {"outsider"}),
    "outcomes:new_group": (lambda o: "/outcomes/groups/new/", SENIOR_UP | {"outsider"}),
    "outcomes:new_scale": (lambda o: "/outcomes/scales/new/", SENIOR_UP | {"outsider"}),
    # A group at another service is out of scope for the outsider: 404.
    "outcomes:group": (
        lambda o: f"/outcomes/groups/{o.group}/",
        CARE,
        Expect(not_found_for=frozenset({"outsider"})),
    ),
}


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, person, circle_member, senior, service, url_name):
    objects = Objects(person, senior, service)
    failures = route_failures(client, users, url_name, MATRIX[url_name], objects)
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, person, senior, service, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], Objects(person, senior, service))
    assert not failures, f"{url_name}: " + "; ".join(failures)
