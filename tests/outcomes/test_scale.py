"""/outcomes/ and the new-group form at a provider of 2,000 people (ADR 0016): counts at the top and
each list a page at a time; a person picker that searches instead of drawing everyone. The same
queries and a small page at 200 and 2,000 people."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from lived.accounts.models import Role
from lived.outcomes.models import (
    HealthCheck,
    HealthFollowUp,
    MeasureResponse,
    MeasureSchedule,
    OutcomeGroup,
    UrgentAlert,
)
from tests.factories import Provider, assert_does_not_grow, at_200_and_2000, measure

pytestmark = pytest.mark.django_db


def _outcomes_records(author):
    """Everyone has a questionnaire overdue and no complete health check; every tenth person has an
    urgent alert, and every fifth a health check with an open follow-up."""

    def add(people):
        today = timezone.localdate()
        MeasureSchedule.objects.bulk_create(
            MeasureSchedule(
                person=p, measure_code="gad7", every_weeks=4, next_due=today - datetime.timedelta(days=2)
            )
            for p in people
        )
        responses = MeasureResponse.objects.bulk_create(
            MeasureResponse(
                person=p,
                measure_code="phq9",
                answers={"phq9_9": 1},
                total=10,
                completed_on=today,
                completed_by=author,
                mode="with_staff",
            )
            for p in people[::10]
        )
        UrgentAlert.objects.bulk_create(
            UrgentAlert(person=r.person, response=r, item_code="phq9_9", reason="Answered question 9")
            for r in responses
        )
        checks = HealthCheck.objects.bulk_create(
            HealthCheck(
                person=p, checked_on=today - datetime.timedelta(days=30), done_by="GP", recorded_by=author
            )
            for p in people[::5]
        )
        HealthFollowUp.objects.bulk_create(
            HealthFollowUp(
                person=c.person, health_check=c, what="Blood pressure again", owner=author, due_on=today
            )
            for c in checks
        )

    return add


def test_the_outcomes_page_costs_the_same_at_200_and_2000_people(client, organisation, manager):
    provider = Provider(organisation, {manager: Role.MANAGER}, extra=_outcomes_records(manager))
    small, large = at_200_and_2000(client, provider, manager, "/outcomes/?service=all")
    assert_does_not_grow(small, large, max_kb=150)
    page = large[2]
    # The counts at the top are of everyone, the lists a page at a time.
    assert '<a href="#questionnaires">2000</a>' in page
    assert '<a href="#alerts">200</a>' in page
    assert '<a href="#follow-ups">400</a>' in page
    assert "Showing 1 to 25 of 2000 questionnaires" in page


def test_each_outcomes_list_pages_on_its_own_and_keeps_the_others_where_they_were(
    client, organisation, manager
):
    provider = Provider(organisation, {manager: Role.MANAGER}, extra=_outcomes_records(manager))
    provider.grow(100)
    _, _, page = measure(client, manager, "/outcomes/?service=all&alerts=1&questionnaires=3")
    assert "Showing 51 to 75 of 100 questionnaires" in page
    # The next page of questionnaires keeps the service and the alerts' page, and comes back to its list.
    assert "?service=all&amp;alerts=1&amp;questionnaires=4#questionnaires" in page
    assert "questionnaires=2#questionnaires" in page
    _, _, junk = measure(client, manager, "/outcomes/?questionnaires=junk&health=-4")
    assert "Showing 1 to 25 of 100 questionnaires" in junk


def test_the_group_form_never_draws_everyone(client, organisation, senior):
    provider = Provider(organisation, {senior: Role.SENIOR})
    small, large = at_200_and_2000(client, provider, senior, "/outcomes/groups/new/")
    assert_does_not_grow(small, large, max_kb=40)
    assert "Family" not in large[2]


def test_the_group_forms_search_button_finds_people_and_keeps_what_was_typed(client, organisation, senior):
    provider = Provider(organisation, {senior: Role.SENIOR})
    provider.grow(2000)
    chosen = provider.people[49]  # at the same service as the group
    service = provider.people[0].service
    client.force_login(senior)
    form = {
        "name": "Spring course",
        "service": str(service.public_id),
        "starts_on[day]": "1",
        "starts_on[month]": "1",
        "starts_on[year]": "2026",
        "ends_on[day]": "1",
        "ends_on[month]": "4",
        "ends_on[year]": "2026",
        "members": [str(chosen.public_id)],
        "q": chosen.family_name[:9],  # everyone at the service
        "action": "search",
    }
    response = client.post("/outcomes/groups/new/", form)
    page = response.content.decode()
    assert response.status_code == 200 and len(response.content) < 60 * 1024
    assert 'value="Spring course"' in page
    assert f'value="{chosen.public_id}" checked' in page
    assert f"The first 20 people matching “{chosen.family_name[:9]}”" in page
    assert not OutcomeGroup.objects.exists()

    found = provider.people[0]  # the first match
    form |= {"action": "create", "members": [str(chosen.public_id), str(found.public_id)]}
    response = client.post("/outcomes/groups/new/", form)

    assert response.status_code == 302
    group = OutcomeGroup.objects.get()
    assert set(group.members.all()) == {chosen, found}


def test_the_group_form_refuses_someone_the_senior_may_not_see(client, senior, person, other_person):
    client.force_login(senior)
    response = client.post(
        "/outcomes/groups/new/",
        {
            "name": "Course",
            "service": str(person.service.public_id),
            "starts_on[day]": "1",
            "starts_on[month]": "1",
            "starts_on[year]": "2026",
            "ends_on[day]": "1",
            "ends_on[month]": "4",
            "ends_on[year]": "2026",
            "members": [str(other_person.public_id)],
        },
    )
    assert response.status_code == 400
    assert "Choose people from the list" in response.content.decode()
    assert other_person.name not in response.content.decode()
    assert not OutcomeGroup.objects.exists()


def test_the_person_search_costs_the_same_at_200_and_2000_people(client, organisation, senior):
    provider = Provider(organisation, {senior: Role.SENIOR})
    provider.grow(200)
    prefix = provider.people[0].family_name[:9]  # "Family012": the 50 people at one service
    small, large = at_200_and_2000(client, provider, senior, f"/people/search/?q={prefix}&name=members")
    assert_does_not_grow(small, large, max_kb=20)
    assert large[2].count('name="members"') == 20
    assert "Type more of the name" in large[2]
