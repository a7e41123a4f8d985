"""Every role × every notes URL: allowed → 200 (or a redirect), not allowed → 403, someone else's
person → 404, never 500. tests/test_permission_matrix.py checks every URL is in one MATRIX."""

import pytest

from tests.test_permission_matrix import CARE, role_failures

pytestmark = pytest.mark.django_db

# url name → (path builder, roles allowed). Person-scoped URLs give 404 to UNREACHABLE roles.
MATRIX = {
    "notes:person_notes": (lambda o: f"/people/{o.p}/notes/", CARE | {"person"}),
    "notes:briefing": (lambda o: "/briefing/", CARE | {"outsider"}),
}


class Objects:
    def __init__(self, person):
        self.p = person.public_id


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, person, circle_member, url_name):
    build, allowed = MATRIX[url_name]
    path = build(Objects(person))
    person_scoped = str(person.public_id) in path
    failures = role_failures(client, users, path, allowed, person_scoped)
    assert not failures, f"{url_name} {path}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, person, url_name):
    build, _ = MATRIX[url_name]
    response = client.get(build(Objects(person)))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response.url
