"""Every role × every notes URL, GET and POST: allowed → the declared answer, not allowed → 403,
someone else's person → 404, never 500, nothing written by a GET or a refused POST
(tests/matrix_helpers.py). tests/test_permission_matrix.py checks every URL is in one MATRIX."""

import pytest

from lived.notes import services
from tests.matrix_helpers import (
    CARE,
    SENIOR_UP,
    WRITERS,
    Expect,
    Redirect,
    anonymous_failures,
    route_failures,
)
from tests.notes.factories import note_data

pytestmark = pytest.mark.django_db

# url name → (path builder, roles allowed). Person-scoped URLs give 404 to UNREACHABLE roles.
MATRIX = {
    "notes:person_notes": (lambda o: f"/people/{o.p}/notes/", CARE | {"person"}),
    "notes:record": (lambda o: f"/people/{o.p}/notes/record/", WRITERS),
    "notes:correct": (lambda o: f"/people/{o.p}/notes/{o.note}/correct/", WRITERS),
    "notes:add_handover": (lambda o: f"/people/{o.p}/handover/", WRITERS),
    # Only the phone's outbox posts here (tests/notes/test_offline_answers.py); the address leads back.
    "notes:discard_kept": (
        lambda o: f"/people/{o.p}/notes/kept-on-phone/discard/",
        WRITERS,
        Expect(get=Redirect(lambda o: f"/people/{o.p}/notes/record/")),
    ),
    # Confirming is a button on the notes page: the address itself goes back there.
    "notes:confirm_handover": (
        lambda o: f"/people/{o.p}/handover/read/",
        WRITERS,
        Expect(get=Redirect(lambda o: f"/people/{o.p}/notes/")),
    ),
    # Service-wide pages: each user sees only their own services' people.
    "notes:briefing": (lambda o: "/briefing/", CARE | {"outsider"}),
    "notes:unread_handover": (lambda o: "/briefing/handover/", SENIOR_UP | {"outsider"}),
    "notes:language_report": (lambda o: "/notes/language/", {"manager", "quality_lead", "outsider"}),
    "notes:plan_use": (lambda o: "/notes/plans-in-use/", SENIOR_UP | {"quality_lead", "outsider"}),
}


class Objects:
    def __init__(self, person, note):
        self.p = person.public_id
        self.note = note.public_id


@pytest.fixture
def note(person, support_worker):
    return services.record_note(
        actor=support_worker, person=person, data=note_data(text="Tea by the window")
    )[0]


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, person, circle_member, note, url_name):
    failures = route_failures(client, users, url_name, MATRIX[url_name], Objects(person, note))
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, person, note, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], Objects(person, note))
    assert not failures, f"{url_name}: " + "; ".join(failures)


def test_another_persons_note_is_not_found_under_this_persons_address(
    client, support_worker, outsider, person, other_person
):
    theirs = services.record_note(actor=outsider, person=other_person, data=note_data(text="Elsewhere"))[0]
    client.force_login(support_worker)
    assert client.get(f"/people/{person.public_id}/notes/{theirs.public_id}/correct/").status_code == 404
    for path in ["notes/", "notes/record/", "handover/"]:
        assert client.get(f"/people/{other_person.public_id}/{path}").status_code == 404
    response = client.post(f"/people/{other_person.public_id}/notes/record/", {"text": "x"})
    assert response.status_code == 404
