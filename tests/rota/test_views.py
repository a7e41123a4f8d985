"""The pages: the person's "Who supports me" on their own account, the staff page on their record, and
who sees the not-to-send list and its reason anywhere (the page, "What has changed", the audit trail).
Bad input saves nothing and says what to do; a stale save shows the conflict page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.accounts.models import Role
from lived.core.models import AuditEvent
from lived.rota import services
from lived.rota.models import NotToSend, SupportPreferences
from tests.factories import make_user

pytestmark = pytest.mark.django_db

REASON = "He rushed me in the mornings"
ME = "/me/who-supports-me/"


def _page(person, suffix=""):
    return f"/people/{person.public_id}/who-supports-me/{suffix}"


@pytest.fixture
def chosen(person, person_user, tom, megan, support_worker):
    """Tom then Megan, a small team, and the support worker fixture not to be sent."""
    services.save_preferences(
        actor=person_user,
        person=person,
        preferred=[tom, megan],
        data={"preferred_gender": "", "preferred_language": "", "small_team": True},
        opened_version=1,
    )
    return services.add_not_to_send(actor=person_user, person=person, worker=support_worker, reason=REASON)


def _html(client, user, path):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_person_sees_their_choices_in_the_first_person(client, person_user, chosen):
    html = _html(client, person_user, ME)
    assert "<h1>Who supports me</h1>" in html
    assert "The people I would like to support me" in html and "People I do not want to be sent" in html
    assert "I would like a small team" in html
    assert html.index("<strong>Tom</strong>") < html.index("<strong>Megan</strong>")
    assert "I love gardening and football; I speak Polish" in html
    assert REASON in html  # their own words, theirs to read
    assert "You chose this on your own account" in html


def test_me_links_to_who_supports_me_and_the_record_links_to_the_staff_page(
    client, person, person_user, senior
):
    assert ME in _html(client, person_user, "/me/")
    assert _page(person) in _html(client, senior, f"/people/{person.public_id}/")


def test_a_support_worker_sees_the_choices_but_never_the_not_to_send_list(
    client, person, support_worker, chosen
):
    html = _html(client, support_worker, _page(person))
    assert "<strong>Tom</strong>" in html and "<strong>Megan</strong>" in html
    assert "not to send" not in html.lower() and REASON not in html
    assert "not-to-send" not in html


def test_a_senior_sees_who_is_not_to_be_sent_but_not_why(client, person, senior, chosen):
    html = _html(client, senior, _page(person))
    assert "People not to send" in html and "Support_Worker" in html
    assert REASON not in html
    assert "Only managers and Sam can read why" in html


def test_a_manager_sees_who_and_why(client, person, manager, chosen):
    html = _html(client, manager, _page(person))
    assert "People not to send" in html and REASON in html


def test_a_circle_member_does_not_see_the_choices(client, person, circle_member, circle_user, chosen):
    client.force_login(circle_user)
    assert client.get(_page(person)).status_code == 403


@pytest.mark.parametrize("role", ["support_worker", "quality_lead"])
def test_what_has_changed_never_shows_the_not_to_send_list_to_those_who_may_not_see_it(
    client, users, person, chosen, role
):
    html = _html(client, users[role], f"/people/{person.public_id}/changes/")
    assert REASON not in html
    assert "People not to send" not in html and "Not to send" not in html
    assert "Who supports me" in html  # the choices themselves are theirs to see


def test_what_has_changed_shows_a_senior_who_but_not_why(client, person, senior, chosen):
    html = _html(client, senior, f"/people/{person.public_id}/changes/")
    assert "Not to send: Support_Worker Tester" in html
    assert REASON not in html


def test_the_person_sees_their_own_reason_in_what_has_changed(client, person, person_user, chosen):
    html = _html(client, person_user, f"/people/{person.public_id}/changes/")
    assert "People you do not want to be sent" in html and REASON in html


def test_the_audit_trail_names_the_not_to_send_rows_to_managers_only(
    client, person, manager, quality_lead, chosen
):
    html = _html(client, manager, f"/people/{person.public_id}/audit/?kind=rota")
    assert "Not to send: Support_Worker Tester" in html and "Who supports me: choices saved" in html
    assert REASON not in html  # the trail says what changed, not the words
    html = _html(client, quality_lead, f"/people/{person.public_id}/audit/?kind=rota")
    assert REASON not in html and "Not to send" not in html
    assert "Who supports me: choices saved" in html


def test_who_has_looked_does_not_tell_a_support_worker_about_not_to_send_pages(
    client, person, senior, person_user, chosen
):
    client.force_login(senior)
    client.get(_page(person, "not-to-send/add/"))
    html = _html(client, person_user, f"/people/{person.public_id}/who-has-looked/")
    assert "People not to send (adding)" in html  # the person may see it


def test_the_person_saves_tom_then_megan_and_a_small_team(client, person, person_user, tom, megan):
    client.force_login(person_user)
    response = client.post(
        _page(person, "change/"),
        {
            "version": "1",
            "first_choice": str(tom.public_id),
            "second_choice": str(megan.public_id),
            "third_choice": "",
            "preferred_gender": "",
            "preferred_language": "",
            "small_team": "true",
        },
    )
    assert response.status_code == 302 and response.url == ME
    prefs = SupportPreferences.objects.get(person=person)
    assert [p.worker for p in prefs.ranked()] == [tom, megan] and prefs.small_team
    assert "Your choices are saved" in _html(client, person_user, ME)


def test_choosing_the_same_person_twice_saves_nothing_and_says_so(client, person, person_user, tom):
    client.force_login(person_user)
    response = client.post(
        _page(person, "change/"),
        {"version": "1", "first_choice": str(tom.public_id), "second_choice": str(tom.public_id)},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "Choose each person only once" in html
    assert not SupportPreferences.objects.exists()


def test_staff_must_say_the_person_chose_with_them(client, person, senior, tom):
    client.force_login(senior)
    data = {"version": "1", "first_choice": str(tom.public_id)}
    response = client.post(_page(person, "change/"), data)
    assert (
        response.status_code == 400
        and "Confirm that Sam made these choices with you" in response.content.decode()
    )
    assert not SupportPreferences.objects.exists()
    response = client.post(_page(person, "change/"), {**data, "with_person": "true"})
    assert response.status_code == 302
    prefs = SupportPreferences.objects.get(person=person)
    assert prefs.supported_by == senior
    assert "Chosen by Sam with Senior Tester" in _html(client, senior, _page(person))


def test_a_stale_save_shows_the_conflict_page_and_saves_nothing(
    client, person, person_user, senior, tom, megan
):
    services.save_preferences(
        actor=senior, person=person, preferred=[tom], data={"small_team": False}, opened_version=1
    )
    client.force_login(person_user)
    response = client.post(_page(person, "change/"), {"version": "1", "first_choice": str(megan.public_id)})
    html = response.content.decode()
    assert response.status_code == 409
    assert "This changed since you opened it" in html and "Megan" in html
    assert [p.worker for p in SupportPreferences.objects.get(person=person).ranked()] == [tom]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONFLICT).exists()


def test_a_worker_at_another_service_cannot_be_named_not_to_send(client, person, person_user, far_worker):
    client.force_login(person_user)
    response = client.post(
        _page(person, "not-to-send/add/"), {"worker": str(far_worker.public_id), "reason": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "Choose someone who works at Elm House" in html
    assert not NotToSend.objects.exists()


def test_someone_not_to_send_is_not_offered_as_a_choice(client, person, person_user, support_worker, chosen):
    html = _html(client, person_user, _page(person, "change/"))
    assert str(support_worker.public_id) not in html


def test_the_person_cannot_set_choices_for_someone_else(client, person_user, other_person, tom):
    client.force_login(person_user)
    for suffix in ["", "change/", "not-to-send/add/"]:
        assert client.get(_page(other_person, suffix)).status_code == 404
    response = client.post(
        _page(other_person, "change/"), {"version": "1", "first_choice": str(tom.public_id)}
    )
    assert response.status_code == 404
    assert not SupportPreferences.objects.exists()


def test_the_key_worker_may_change_the_choices_with_the_person(client, person, support_worker, tom):
    person.key_worker = support_worker
    person.save()
    html = _html(client, support_worker, _page(person, "change/"))
    assert "Sam made these choices with me" in html


def test_taking_someone_off_the_list(client, person, person_user, chosen):
    client.force_login(person_user)
    response = client.post(_page(person, f"not-to-send/{chosen.public_id}/remove/"))
    assert response.status_code == 302 and response.url == ME + "#not-to-send"
    chosen.refresh_from_db()
    assert chosen.archived_at is not None
    assert REASON not in _html(client, person_user, ME)


JUNK = [
    {},
    {"version": "not-a-number", "first_choice": "not-a-uuid", "worker": "1", "gender": "x", "reason": ""},
    {
        "version": "-1",
        "first_choice": "00000000-0000-0000-0000-000000000000",
        "preferred_gender": "robot",
        "preferred_language": "x" * 500,
        "worker": "00000000-0000-0000-0000-000000000000",
        "reason": "y" * 5000,
        "shared_about_me": "z" * 5000,
        "contracted_hours": "lots",
        "maximum_hours": "-3",
        "home_postcode": "x" * 50,
        "with_person": "maybe",
    },
]


@pytest.mark.parametrize("junk", JUNK, ids=["empty", "wrong-types", "tampered-and-oversized"])
def test_junk_to_every_rota_form_gets_a_clear_answer_and_saves_nothing(
    client, person, person_user, manager, support_worker, junk
):
    before = {m: m.objects.count() for m in (SupportPreferences, NotToSend, AuditEvent)}
    for user, path in [
        (person_user, _page(person, "change/")),
        (person_user, _page(person, "not-to-send/add/")),
        (manager, _page(person, "change/")),
        (manager, _page(person, "not-to-send/add/")),
        (support_worker, "/staff/my-profile/"),
        (manager, f"/staff/{support_worker.public_id}/"),
    ]:
        client.force_login(user)
        response = client.post(path, junk)
        assert response.status_code == 400, path
        assert "There is a problem" in response.content.decode(), path
    assert {m: m.objects.count() for m in before} == before


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_pages_take_the_same_queries_however_many_work_at_the_service(
    client, person, manager, service, chosen
):
    client.force_login(manager)
    paths = [_page(person), _page(person, "change/"), "/staff/"]
    before = [_queries(client, path) for path in paths]
    for n in range(6):
        make_user(f"extra{n}", roles=[Role.SUPPORT_WORKER], service=service)
    assert [_queries(client, path) for path in paths] == before
