"""A worker's own week on the published rota (C13, issue 14): only their own sessions, day by day,
with the person's first name, a link to the record where they may open it, the double-up partner and
what the session is for; plainly when nothing is published; a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from lived.accounts.models import Role
from lived.core.weeks import week_start as monday
from lived.rota.models import SupportSession
from lived.rota.my_week import my_week
from tests.factories import make_user
from tests.rota import published as rows

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2030, 3, 4)


@pytest.fixture
def week(service, person, tom, megan):
    allocation = rows.publish(service, MONDAY)
    morning = rows.session(service, person, MONDAY, what="Tea first, then personal care")
    day = datetime.timedelta(days=1)
    tuesday = rows.session(service, person, MONDAY + day, "18:00", "18:30", 60, staff=2)
    megans = rows.session(service, person, MONDAY + 2 * day, "09:00", "09:30")
    rows.assign(allocation, morning, tom)
    rows.assign(allocation, tuesday, tom, megan)
    rows.assign(allocation, megans, megan)
    return allocation, morning, tuesday, megans


def _sessions(result):
    return [item for _day, items in result.days for item in items]


def test_a_worker_sees_only_their_own_published_sessions_day_by_day(week, tom, person):
    _allocation, morning, tuesday, _megans = week
    result = my_week(tom, MONDAY + datetime.timedelta(days=3))  # any day of the week opens its Monday
    assert result.start == MONDAY and result.published
    items = _sessions(result)
    assert [i.session for i in items] == [morning, tuesday]
    assert items[0].person_name == person.known_as and items[0].person_link
    assert items[1].partners == ["Megan"]
    assert result.count == 2 and result.minutes == 90


def test_a_replaced_assignment_and_a_cancelled_session_drop_out(week, tom, megan):
    _allocation, morning, tuesday, _megans = week
    morning.assignments.filter(worker=tom).update(replaced_at=timezone.now())
    SupportSession.objects.filter(pk=tuesday.pk).update(status=SupportSession.Status.CANCELLED)
    assert _sessions(my_week(tom, MONDAY)) == []


def test_a_draft_or_superseded_allocation_is_not_shown(service, person, tom):
    allocation = rows.publish(service, MONDAY)
    newer = rows.publish(service, MONDAY)  # the newer one is published; the first is not any more
    first = rows.session(service, person, MONDAY)
    rows.assign(allocation, first, tom)
    assert _sessions(my_week(tom, MONDAY)) == []
    rows.assign(newer, first, tom)
    assert len(_sessions(my_week(tom, MONDAY))) == 1


def test_nothing_published_is_said_plainly(client, tom):
    client.force_login(tom)
    response = client.get("/rota/my-week/?start=2030-03-04")
    assert response.status_code == 200
    assert "The rota for this week is not published yet" in response.content.decode()


def test_the_page_shows_the_week_and_links_to_the_record(client, week, tom, person):
    client.force_login(tom)
    page = client.get("/rota/my-week/?start=2030-03-06").content.decode()
    assert "My week: Monday 4 March to Sunday 10 March 2030" in page
    assert f'href="/people/{person.public_id}/"' in page
    assert "Tea first, then personal care" in page
    assert "A double-up: with Megan" in page
    assert "08:00 and 08:45" in page and "18:00 and 18:30" in page
    assert "09:00 and 09:30" not in page  # Megan's own session is not Tom's
    assert "?start=2030-02-25" in page and "?start=2030-03-11" in page


def test_a_bad_start_is_this_week_not_an_error(client, tom):
    client.force_login(tom)
    response = client.get("/rota/my-week/?start=not-a-date")
    assert response.status_code == 200
    start = monday(timezone.localdate())
    assert f"{start.day} {start:%B}" in response.content.decode()


def test_a_person_elsewhere_is_named_without_a_link(service, other_service, other_person, tom):
    # Sent to a visit at another service: Tom sees the first name and times, not a link he cannot open.
    allocation = rows.publish(other_service, MONDAY)
    visit = rows.session(other_service, other_person, MONDAY)
    rows.assign(allocation, visit, tom)
    (item,) = _sessions(my_week(tom, MONDAY))
    assert item.person_name == other_person.known_as and not item.person_link


def test_a_shift_for_the_service_has_no_person(service, tom, client):
    allocation = rows.publish(service, MONDAY)
    shift = rows.session(service, None, MONDAY, "07:00", "07:00", 480, what="Day shift")
    rows.assign(allocation, shift, tom)
    client.force_login(tom)
    assert f"A shift at {service.name}" in client.get("/rota/my-week/?start=2030-03-04").content.decode()


def test_my_week_takes_the_same_queries_however_many_sessions(
    client, service, person, tom, megan, django_assert_max_num_queries
):
    allocation = rows.publish(service, MONDAY)
    for n in range(7):
        for hour in (8, 12, 18):
            day = MONDAY + datetime.timedelta(days=n)
            s = rows.session(service, person, day, f"{hour:02}:00", f"{hour:02}:30")
            rows.assign(allocation, s, tom, megan)
    client.force_login(tom)
    client.get("/rota/my-week/?start=2030-03-04")  # warm the session and the user's roles
    with django_assert_max_num_queries(8):
        response = client.get("/rota/my-week/?start=2030-03-04")
    assert response.content.decode().count("lived-my-sessions") == 7


def test_a_quality_lead_and_a_person_have_no_week(client, quality_lead, person_user):
    for user in (quality_lead, person_user):
        client.force_login(user)
        assert client.get("/rota/my-week/").status_code == 403


def test_a_senior_sees_their_own_week(client, service, person):
    senior = make_user("sen2", roles=[Role.SENIOR], service=service)
    allocation = rows.publish(service, MONDAY)
    rows.assign(allocation, rows.session(service, person, MONDAY), senior)
    client.force_login(senior)
    assert "08:00 and 08:45" in client.get("/rota/my-week/?start=2030-03-04").content.decode()
