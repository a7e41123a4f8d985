"""Every role × every reviews URL, GET and POST: allowed → the declared answer, not allowed → 403,
someone else's person → 404, never 500, nothing written by a GET or a refused POST
(tests/matrix_helpers.py). tests/test_permission_matrix.py checks every URL is in one MATRIX."""

import pytest

from lived.reviews import services
from tests.matrix_helpers import CARE, SENIOR_UP, WRITERS, anonymous_failures, route_failures

pytestmark = pytest.mark.django_db

# url name → (path builder, roles allowed). Person-scoped URLs give 404 to UNREACHABLE roles.
MATRIX = {
    "reviews:person_reviews": (lambda o: f"/people/{o.p}/reviews/", CARE | {"person"}),
    "reviews:ask": (lambda o: f"/people/{o.p}/reviews/ask/", WRITERS | {"person"}),
    "reviews:review": (lambda o: f"/people/{o.p}/reviews/{o.review}/", CARE | {"person"}),
    "reviews:add_agenda_item": (lambda o: f"/people/{o.p}/reviews/{o.review}/agenda/", WRITERS | {"person"}),
    "reviews:complete": (lambda o: f"/people/{o.p}/reviews/{o.review}/complete/", SENIOR_UP),
    "reviews:cancel": (lambda o: f"/people/{o.p}/reviews/{o.review}/cancel/", SENIOR_UP),
    "reviews:add_check_in": (lambda o: f"/people/{o.p}/check-ins/add/", WRITERS | {"person"}),
    # Any care role, at any service: each sees only their own services' people.
    "reviews:service_reviews": (lambda o: "/reviews/", CARE | {"outsider"}),
}


class Objects:
    def __init__(self, person, review):
        self.p = person.public_id
        self.review = review.public_id


@pytest.fixture
def review(person):
    return services.raise_review(person=person, trigger="person_asks", details="I want to talk about work")


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, person, circle_member, review, url_name):
    failures = route_failures(client, users, url_name, MATRIX[url_name], Objects(person, review))
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, person, review, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], Objects(person, review))
    assert not failures, f"{url_name}: " + "; ".join(failures)


def test_another_persons_review_is_not_found_under_this_persons_address(
    client, manager, person, other_person
):
    theirs = services.raise_review(person=other_person, trigger="crisis", details="Elsewhere")
    client.force_login(manager)
    for suffix in ["", "agenda/", "complete/", "cancel/"]:
        path = f"/people/{person.public_id}/reviews/{theirs.public_id}/{suffix}"
        assert client.get(path).status_code == 404, path
        if suffix:
            response = client.post(path, {"text": "x", "decisions": "x", "reason": "x"})
            assert response.status_code == 404, path
    for path in [
        f"/people/{other_person.public_id}/reviews/",
        f"/people/{other_person.public_id}/reviews/{theirs.public_id}/",
        f"/people/{other_person.public_id}/check-ins/add/",
    ]:
        assert client.get(path).status_code == 404, path
    assert (
        client.get(f"/people/{person.public_id}/reviews/00000000-0000-0000-0000-000000000000/").status_code
        == 404
    )
