"""The complaint form never puts a database key in the page: themes are chosen by public id, and an
error never repeats the value that was posted."""

import re
import uuid

import pytest

from lived.complaints.models import ComplaintTheme

pytestmark = pytest.mark.django_db

VALUE = re.compile(r'value="([^"]*)"')


def option_values(html: str, name: str) -> list[str]:
    """The values of a select's options, or of a group of radios or checkboxes, called `name`."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    if select:
        return [v for v in VALUE.findall(select.group(1)) if v]
    inputs = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
    return [v for tag in inputs for v in VALUE.findall(tag)]


def assert_all_public_ids(values):
    assert values
    for value in values:
        assert not value.isdigit(), f"{value} is a database key"
        uuid.UUID(value)


def test_complaint_themes_are_offered_by_public_id(client, person, person_user, support_worker):
    for user in (support_worker, person_user):
        client.force_login(user)
        html = client.get(f"/people/{person.public_id}/complaints/new/").content.decode()
        values = option_values(html, "themes")
        assert_all_public_ids(values)
        assert set(values) == {str(t.public_id) for t in ComplaintTheme.objects.filter(active=True)}


def test_every_theme_has_its_own_public_id():
    ids = list(ComplaintTheme.objects.values_list("public_id", flat=True))
    assert ids and None not in ids and len(set(ids)) == len(ids)


def test_posting_a_themes_database_key_is_refused_without_repeating_it(client, person, person_user):
    client.force_login(person_user)
    theme = ComplaintTheme.objects.get(name="felt pressured")
    key = str(theme.pk)
    response = client.post(
        f"/people/{person.public_id}/complaints/new/",
        {"kind": "complaint", "summary": "I felt I had to go.", "themes": [key]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose what it is about from the list" in html
    assert f"{key} is not one of" not in html
    assert not person.complaints.exists()
