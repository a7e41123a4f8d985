"""Pages with person data are never stored by the browser or a proxy: the Back button after sign-out,
or the next person at a shared computer, cannot bring a record back from the cache."""

import pytest

from tests.crisis.factories import CRISIS

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_not_stored(response):
    directives = cache_control(response)
    assert {"no-store", "private"} <= directives, response.get("Cache-Control")
    assert "public" not in directives


def test_a_persons_record_is_sent_no_store(client, support_worker, person):
    client.force_login(support_worker)
    response = client.get(f"/people/{person.public_id}/")
    assert response.status_code == 200
    assert_not_stored(response)


def test_the_persons_own_pages_are_sent_no_store(client, person, person_user):
    client.force_login(person_user)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert_not_stored(response)


def test_the_briefing_is_sent_no_store(client, support_worker, person):
    client.force_login(support_worker)
    response = client.get("/briefing/")
    assert response.status_code == 200
    assert_not_stored(response)


def test_a_printed_crisis_card_is_sent_no_store(client, senior, person):
    from lived.crisis import services as crisis_services

    crisis_services.save_crisis_plan(actor=senior, person=person, data=dict(CRISIS))
    client.force_login(senior)
    response = client.get(f"/people/{person.public_id}/crisis-plan/card.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_not_stored(response)


def test_forbidden_and_unknown_pages_are_sent_no_store(client, support_worker, other_person):
    client.force_login(support_worker)
    response = client.get(f"/people/{other_person.public_id}/")
    assert response.status_code in (403, 404)
    assert_not_stored(response)


def test_signed_out_pages_and_redirects_are_sent_no_store(client, organisation):
    assert_not_stored(client.get("/accounts/sign-in/"))
    redirect = client.get("/people/")
    assert redirect.status_code == 302
    assert_not_stored(redirect)


def test_static_files_stay_cacheable(client):
    response = client.get("/static/lived/lived.css")
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)
