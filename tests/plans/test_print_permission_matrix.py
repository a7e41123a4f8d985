"""Every role × every URL in lived/plans/urls_print.py: allowed → 200, not allowed → 403, someone
else's person → 404, signed out → sign in. MATRIX has the same shape as tests/test_permission_matrix.py's
and is read by its `test_every_url_is_in_the_matrix` through APP_MATRICES."""

from types import SimpleNamespace

import pytest

from lived.plans import urls_print
from tests.plans.test_print import make_plan
from tests.test_permission_matrix import CARE, ROLES, SENIOR_UP, UNREACHABLE

pytestmark = pytest.mark.django_db

# Reading the plan is for everyone who works with the person and the person themself; the one-page
# summary for agency staff is for staff only.
MATRIX = {
    "plans:person_version": (lambda o: f"/people/{o.p}/plan/easy-read/", CARE | {"person"}),
    "plans:person_version_pdf": (lambda o: f"/people/{o.p}/plan/easy-read/pdf/", CARE | {"person"}),
    "plans:agency_summary": (lambda o: f"/people/{o.p}/plan/agency-summary/", CARE),
    "plans:plan_pdf": (lambda o: f"/people/{o.p}/plan/pdf/", CARE | {"person"}),
    "plans:routine_pdf": (lambda o: f"/people/{o.p}/plan/routines/{o.routine}/pdf/", CARE | {"person"}),
    "plans:prompt_card_pdf": (lambda o: f"/people/{o.p}/plan/prompt-cards/{o.card}/pdf/", CARE | {"person"}),
}


def test_the_matrix_covers_every_print_url():
    assert set(MATRIX) == {f"plans:{pattern.name}" for pattern in urls_print.urlpatterns}


def test_nothing_here_is_for_seniors_only():
    # Printing and reading the plan must reach the support worker on shift, not only seniors.
    assert all(allowed > SENIOR_UP for _, allowed in MATRIX.values())


@pytest.fixture
def objects(person, senior, circle_member):
    plan = make_plan(person, senior)
    return SimpleNamespace(p=person.public_id, routine=plan.routine.public_id, card=plan.card.public_id)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, objects, url_name, role):
    build, allowed = MATRIX[url_name]
    path = build(objects)
    client.force_login(users[role])
    status = client.get(path).status_code
    if role in allowed:
        expected = 200
    elif role in UNREACHABLE:
        expected = 404
    else:
        expected = 403
    assert status == expected, f"{role} at {url_name} {path}: got {status}, expected {expected}"


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, objects, url_name):
    build, _ = MATRIX[url_name]
    response = client.get(build(objects))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response.url
