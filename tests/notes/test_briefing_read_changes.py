"""'Read the changes' on a briefing card leads to a page where the worker can confirm they have read
them, and confirming brings them back to the briefing they came from."""

import re

import pytest

from lived.plans.models import ReadConfirmation

pytestmark = pytest.mark.django_db


def test_read_the_changes_leads_to_a_confirm_button_and_back_to_the_briefing(
    client, support_worker, person, agreed
):
    client.force_login(support_worker)
    briefing = client.get("/briefing/?shift=early").content.decode()
    assert "Not read by you yet" in briefing
    link = re.search(r'href="([^"]*)">Read the changes', briefing).group(1).replace("&amp;", "&")
    page = client.get(link)
    assert page.status_code == 200
    assert "I have read and understood the changes" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"].startswith("/briefing/")
    assert ReadConfirmation.objects.filter(user=support_worker, plan_version=agreed.version).exists()
    assert "Not read by you yet" not in client.get("/briefing/?shift=early").content.decode()


def test_the_way_back_never_leaves_lived(client, support_worker, person, agreed):
    client.force_login(support_worker)
    url = f"/people/{person.public_id}/plan/versions/{agreed.version.number}/confirm-read/"
    response = client.post(url + "?next=https://evil.example/")
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
