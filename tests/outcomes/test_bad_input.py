"""Junk posted to every outcomes form gets 400 with the error summary (or 403/404), never a 500, and
nothing is saved."""

import pytest
from django.apps import apps

from tests.outcomes.factories import Objects

pytestmark = pytest.mark.django_db

POST_URLS = [
    "/people/{p}/outcomes/questionnaires/phq9/",
    "/people/{p}/outcomes/questionnaires/gad7/",
    "/people/{p}/outcomes/questionnaires/dialog/",
    "/people/{p}/outcomes/self-rating/{scale}/",
    "/people/{p}/outcomes/alerts/{alert}/acknowledge/",
    "/people/{p}/outcomes/goals/",
    "/people/{p}/outcomes/schedules/new/",
    "/people/{p}/outcomes/health-checks/new/",
    "/people/{p}/outcomes/health-checks/{check}/follow-ups/new/",
    "/people/{p}/outcomes/follow-ups/{follow_up}/close/",
    "/outcomes/groups/new/",
    "/outcomes/scales/new/",
]

JUNK = [
    {},
    {"mode": "nonsense", "phq9_1": "99", "gad7_1": "-3", "dialog_job": "0", "value": "x", "action_taken": ""},
    {
        "measure_code": "swemwbs",
        "every_weeks": "-4",
        "first_due[day]": "99",
        "checked_on[day]": "31",
        "checked_on[month]": "2",
        "checked_on[year]": "2026",
        "height_cm": "1e9",
        "systolic": "abc",
        "owner": "00000000-0000-0000-0000-000000000000",
        "service": "not-a-uuid",
        "members": ["00000000-0000-0000-0000-000000000000"],
        "low": "9",
        "high": "2",
        "outcome": "",
    },
]


def _counts():
    return {m.__name__: m.objects.count() for m in apps.get_app_config("outcomes").get_models()}


@pytest.mark.parametrize("template", POST_URLS)
def test_junk_to_every_form_is_refused_and_nothing_is_saved(client, users, person, senior, service, template):
    objects = Objects(person, senior, service)
    path = template.format(**vars(objects))
    before = _counts()
    for role in ("senior", "person"):
        client.force_login(users[role])
        for junk in JUNK:
            response = client.post(path, junk)
            assert response.status_code in {400, 403, 404}, (role, path, junk, response.status_code)
            if response.status_code == 400:
                assert "There is a problem" in response.content.decode()
    assert _counts() == before
