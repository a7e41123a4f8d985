"""Incident forms never put a database key in the page: who authorised a restrictive practice and the
related risk plan are chosen by public id, and an error never repeats the value that was posted."""

import re
import uuid

import pytest

from lived.incidents import forms
from tests.incidents.factories import incident_post

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


def test_the_incident_form_offers_who_authorised_it_by_public_id(
    client, person, senior, manager, support_worker
):
    client.force_login(support_worker)
    html = client.get(f"/people/{person.public_id}/incidents/new/").content.decode()
    values = option_values(html, "rp_authorised_by")
    assert_all_public_ids(values)
    assert set(values) == {str(senior.public_id), str(manager.public_id)}
    assert not re.search(r'<option value="\d+"', html)


def test_a_restrictive_practice_is_authorised_by_public_id(client, person, senior, support_worker):
    from lived.incidents.models import RestrictivePractice

    client.force_login(support_worker)
    post = incident_post(rp_authorised_by=str(senior.public_id))
    response = client.post(f"/people/{person.public_id}/incidents/new/", post)
    assert response.status_code == 302
    assert RestrictivePractice.objects.get().authorised_by == senior


def test_posting_a_users_database_key_is_refused_without_repeating_it(client, person, senior, support_worker):
    client.force_login(support_worker)
    key = str(senior.pk)
    response = client.post(f"/people/{person.public_id}/incidents/new/", incident_post(rp_authorised_by=key))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose who authorised it from the list" in html
    assert f"{key} is not one of" not in html
    form = forms.IncidentForm(incident_post(rp_authorised_by=key), person=person)
    assert not form.is_valid()
    assert form.errors["rp_authorised_by"] == ["Choose who authorised it from the list"]


def test_an_unknown_risk_plan_is_refused_without_repeating_it(person):
    form = forms.IncidentForm(incident_post(risk_plan="12345"), person=person)
    assert not form.is_valid()
    assert form.errors["risk_plan"] == ["Choose a related risk plan from the list"]
