"""The crisis plan's pages: advance wishes, the circle's view, the printed card, the person's own words."""

import datetime

import pytest

from lived.people import services as people_services
from lived.people.models import AdvanceSharingWishes, SharedSection

pytestmark = pytest.mark.django_db


def test_crisis_plan_page_shows_advance_wishes_and_links_to_them(client, person, senior, crisis_plan):
    AdvanceSharingWishes.objects.update_or_create(
        person=person, defaults={"statement": "Tell my sister first."}
    )
    client.force_login(senior)
    page = client.get(f"/people/{person.public_id}/crisis-plan/").content.decode()
    assert "Tell my sister first." in page
    assert f"/people/{person.public_id}/sharing/wishes/" in page
    assert page.index("When to call 999") < page.index("Early signs")  # the most urgent first
    assert "07700 900123" in page and "Biscuit the cat" in page


def test_circle_sees_the_crisis_plan_only_when_shared(
    client, person, senior, circle_user, circle_member, crisis_plan
):
    client.force_login(circle_user)
    page = client.get(f"/circle/{person.public_id}/").content.decode()
    assert "Delroy Green" not in page
    assert client.get(f"/people/{person.public_id}/crisis-plan/").status_code == 403
    people_services.agree_sharing(
        actor=senior,
        person=person,
        data={
            "member": circle_member,
            "section": SharedSection.CRISIS_PLAN,
            "starts_on": datetime.date(2020, 1, 1),
        },
    )
    page = client.get(f"/circle/{person.public_id}/").content.decode()
    assert "Delroy Green" in page and "When to call 999" in page


def test_the_crisis_card_is_one_page(rf, person, senior, crisis_plan):
    from lived.core.pdf import render_document
    from lived.crisis.presenters import crisis_context as _crisis_context

    request = rf.get("/")
    request.user = senior
    context = {**_crisis_context(person, senior), "person": person, "viewer_is_person": False}
    assert len(render_document(request, "crisis/crisis_card_pdf.jinja", context).pages) == 1


def test_the_crisis_card_pdf_is_served(client, person, support_worker, crisis_plan):
    client.force_login(support_worker)
    response = client.get(f"/people/{person.public_id}/crisis-plan/card.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_person_adds_their_own_words_on_their_account(client, person, person_user, crisis_plan):
    client.force_login(person_user)
    url = f"/people/{person.public_id}/crisis-plan/edit/"
    page = client.get(url).content.decode()
    assert "Anything you want to add in your own words" in page and "Early signs" not in page
    response = client.post(
        url, {"persons_own_words": "Play me Bob Marley, quietly.", "version": crisis_plan.version}
    )
    assert response.status_code == 302
    page = client.get(f"/people/{person.public_id}/crisis-plan/").content.decode()
    assert (
        "Your crisis plan" in page and "Play me Bob Marley, quietly." in page and "In your own words" in page
    )
