"""Every role × every URL in lived/plans/urls_print.py: allowed → 200, not allowed → 403, someone
else's person → 404, signed out → sign in, and nothing written but access rows (tests/matrix_helpers.py).
MATRIX has the same shape as tests/test_permission_matrix.py's and is read by its
`test_every_url_is_in_the_matrix` through APP_MATRICES."""

from types import SimpleNamespace

import pytest

from lived.plans import urls_print
from tests.matrix_helpers import CARE, SENIOR_UP, anonymous_failures, route_failures
from tests.plans.factories import make_plan

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


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, objects, url_name):
    failures = route_failures(client, users, url_name, MATRIX[url_name], objects)
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, objects, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], objects)
    assert not failures, f"{url_name}: " + "; ".join(failures)
