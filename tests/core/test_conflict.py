"""The one conflict page (lived/core/conflict.py): the refusal is audited on whose record it is, and the
saved version and the editor's stand side by side, field by field."""

import pytest
from django.test import RequestFactory

from lived.core.concurrency import StaleEdit
from lived.core.conflict import conflict_page, conflict_rows
from lived.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_each_field_is_a_row_saying_whether_the_versions_differ(person):
    error = StaleEdit(
        current=person, submitted={"preferred_name": "Sammy", "pronouns": person.pronouns}, opened_version=1
    )
    rows = conflict_rows(error, {"preferred_name": "Preferred name", "pronouns": "Pronouns"})
    assert rows == [
        {"label": "Preferred name", "saved": person.preferred_name, "yours": "Sammy", "differs": True},
        {"label": "Pronouns", "saved": person.pronouns, "yours": person.pronouns, "differs": False},
    ]


def test_a_submitted_list_is_shown_joined_and_a_saved_value_can_be_given(person):
    error = StaleEdit(current=person, submitted={"themes": ["Choice", "Routine"]}, opened_version=1)
    rows = conflict_rows(error, {"themes": "Themes"}, saved={"themes": "Choice, Routine"})
    assert rows == [
        {"label": "Themes", "saved": "Choice, Routine", "yours": "Choice, Routine", "differs": False}
    ]


def test_the_page_is_a_409_and_the_refusal_is_audited_on_the_persons_record(person, senior):
    request = RequestFactory().post("/")
    request.user = senior
    error = StaleEdit(current=person, submitted={"preferred_name": "Sammy"}, opened_version=1)
    response = conflict_page(
        request, error, {"preferred_name": "Preferred name"}, "/back/", person_public_id=person.public_id
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "This changed since you opened it" in page and "Sammy" in page and 'href="/back/"' in page
    row = AuditEvent.objects.get(action=AuditEvent.Action.CONFLICT)
    assert row.person_public_id == person.public_id and row.actor == senior


def test_a_record_that_is_nobodys_is_audited_on_no_ones(person, senior):
    request = RequestFactory().post("/")
    request.user = senior
    error = StaleEdit(current=person, submitted={}, opened_version=1)
    conflict_page(request, error, {}, "/back/")
    assert AuditEvent.objects.get(action=AuditEvent.Action.CONFLICT).person_public_id is None
