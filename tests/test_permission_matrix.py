"""Every role × every URL, with GET and POST: allowed → the declared answer (200 unless the entry says
otherwise), not allowed → 403, someone else's person → 404, never 500, and nothing written by a GET
or by a refused POST. The checker is tests/matrix_helpers.py.

MATRIX is in tests/permission_matrix_data.py (tests/people/test_no_write_on_get.py reads it too). A new
URL that is not in MATRIX fails `test_every_url_is_in_the_matrix`, so nothing escapes it.
"""

import importlib
import inspect

import pytest

from tests.factories import Objects
from tests.matrix_helpers import (
    FUNCTION_VIEWS,
    SIGN_IN,
    TWO_FACTOR,
    Redirect,
    anonymous_failures,
    function_views,
    route_failures,
    takes_post,
    unpack,
    views_by_name,
)
from tests.permission_matrix_data import MATRIX

pytestmark = pytest.mark.django_db

# Reachable without signing in, or the admin (its own sign-in and permissions, covered by Django).
PUBLIC = {
    "accounts:sign_in",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "health_live",
    "health_ready",
    # A worker's calendar feed, opened by the secret in its address (tests/rota/test_permission_matrix.py).
    "rota:calendar_file",
}


# Each app's own matrix (same shape as MATRIX) lives beside its tests.
APP_MATRICES = [
    "tests.plans.test_permission_matrix",
    "tests.plans.test_print_permission_matrix",
    "tests.reviews.test_permission_matrix",
    "tests.notes.test_permission_matrix",
    "tests.risk.test_permission_matrix",
    "tests.outcomes.test_permission_matrix",
    "tests.accounts.test_role_requests",
    "tests.jobs.test_permission_matrix",
    "tests.rota.test_permission_matrix",
    "tests.supervision.test_permission_matrix",
]


def _all_matrices() -> dict:
    matrices = {__name__: MATRIX}
    for module in APP_MATRICES:
        try:
            matrices[module] = importlib.import_module(module).MATRIX
        except ModuleNotFoundError:
            pass  # the app's URLs then show up as missing in test_every_url_is_in_the_matrix
    return matrices


def test_every_url_is_in_the_matrix():
    covered = {name for matrix in _all_matrices().values() for name in matrix}
    missing = set(views_by_name()) - covered - PUBLIC
    assert not missing, f"Add these URLs to the permission matrix: {sorted(missing)}"


def test_every_function_view_is_listed_with_whether_it_takes_post():
    # View classes say whether they take POST; a function view takes any method unless decorated.
    assert function_views() == set(FUNCTION_VIEWS)


def test_the_matrix_knows_which_routes_take_post():
    # Known POST routes (one per kind of view) and known GET-only ones, so discovery cannot go blind.
    assert takes_post("people:edit_communication") and takes_post("plans:add_outcome")
    assert takes_post("accounts:sign_out") and takes_post("home")
    assert not takes_post("people:record") and not takes_post("plans:plan_pdf")


def test_every_matrix_is_checked_with_get_and_post():
    # route_failures sends the POSTs; a matrix with its own loop would check GET only.
    for module in APP_MATRICES:
        source = inspect.getsource(importlib.import_module(module))
        assert "route_failures(" in source and "anonymous_failures(" in source, module


def test_no_redirect_to_sign_in_or_two_factor_is_declared_as_an_answer():
    # Only signing out may end at sign-in, and only the two-factor pages may send a signed-in user
    # to the other two-factor page.
    for matrix in _all_matrices().values():
        for url_name, entry in matrix.items():
            _build, allowed, expect = unpack(entry)
            wanted = [expect.get_for(role) for role in allowed] + [expect.post]
            for target in {w.to for w in wanted if isinstance(w, Redirect) and isinstance(w.to, str)}:
                assert not target.startswith(SIGN_IN) or url_name == "accounts:sign_out", url_name
                two_factor_page = url_name.startswith("accounts:two_factor")
                assert not target.startswith(TWO_FACTOR) or two_factor_page, url_name


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, person, circle_member, url_name):
    objects = Objects(person, circle_member)
    failures = route_failures(client, users, url_name, MATRIX[url_name], objects)
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, person, circle_member, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], Objects(person, circle_member))
    assert not failures, f"{url_name}: " + "; ".join(failures)


def test_another_services_person_is_not_found_for_every_person_url(client, manager, other_person, person):
    client.force_login(manager)
    for path in [
        f"/people/{other_person.public_id}/",
        f"/people/{other_person.public_id}/about-me/",
        f"/people/{other_person.public_id}/communication/edit/",
        f"/people/{other_person.public_id}/circle/",
        f"/people/{other_person.public_id}/audit/",
        f"/circle/{other_person.public_id}/",
    ]:
        assert client.get(path).status_code == 404, path


def test_unknown_ids_are_not_found(client, manager, person):
    client.force_login(manager)
    assert client.get("/people/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert (
        client.get(f"/people/{person.public_id}/about-me/00000000-0000-0000-0000-000000000000/").status_code
        == 404
    )
    assert client.get("/people/not-a-uuid/").status_code == 404
