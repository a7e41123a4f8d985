"""The measures pages: a service's (managers and quality leads at the service) and one person's
(staff who may see the person); the period form's errors; charts with tables; and query counts that
do not grow with the number of people or sessions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.people import services as people_services
from tests.factories import person_data
from tests.rota.measures_factories import MONDAY, assign, choose, note, published_week, session

pytestmark = pytest.mark.django_db

SERVICE_PAGE = "/rota/measures/"


def period(start: datetime.date, end: datetime.date) -> dict:
    return {
        "date_from[day]": start.day,
        "date_from[month]": start.month,
        "date_from[year]": start.year,
        "date_to[day]": end.day,
        "date_to[month]": end.month,
        "date_to[year]": end.year,
    }


def the_week(service) -> dict:
    return {"service": service.public_id, **period(MONDAY, MONDAY + datetime.timedelta(days=6))}


@pytest.fixture
def visited(service, person, tom, megan):
    """Sam chose Tom; Tom came on Monday on time, Megan on Tuesday 20 minutes late."""
    rota = published_week(service)
    choose(person, tom)
    assign(rota, session(service, person, MONDAY), tom)
    note(person, tom, MONDAY, "08:10", "08:50")
    tuesday = MONDAY + datetime.timedelta(days=1)
    assign(rota, session(service, person, tuesday), megan)
    note(person, megan, tuesday, "09:05", "09:30")
    return rota


def test_a_manager_sees_everyone_and_the_totals_with_a_chart_and_table(
    client, manager, service, person, visited
):
    client.force_login(manager)
    response = client.get(SERVICE_PAGE, the_week(service))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choice and continuity" in page
    assert "From 2 March 2026 to 8 March 2026 (7 days)" in page
    assert "1 of 2 (50%)" in page  # by a preferred worker, and began in the window
    assert "Show as a table" in page and "<svg" in page
    assert person.name in page
    # The person's link keeps the period.
    assert f"/people/{person.public_id}/who-supports-me/measures/?date_from%5Bday%5D=2" in page


def test_a_quality_lead_sees_the_service(client, quality_lead, service, visited):
    client.force_login(quality_lead)
    assert client.get(SERVICE_PAGE, {"service": service.public_id}).status_code == 200


@pytest.mark.parametrize("role", ["support_worker", "senior"])
def test_support_workers_and_seniors_may_not_see_the_service_page(client, users, service, role):
    client.force_login(users[role])
    assert client.get(SERVICE_PAGE, {"service": service.public_id}).status_code == 403


def test_another_services_manager_does_not_find_this_service(client, outsider, service):
    client.force_login(outsider)
    assert client.get(SERVICE_PAGE, {"service": service.public_id}).status_code == 404


def test_the_default_period_is_the_last_28_days(client, manager, service):
    client.force_login(manager)
    page = client.get(SERVICE_PAGE).content.decode()
    assert "(28 days)" in page


def test_one_persons_figures_beside_the_service(client, support_worker, manager, person, visited):
    path = f"/people/{person.public_id}/who-supports-me/measures/"
    client.force_login(support_worker)
    response = client.get(path, period(MONDAY, MONDAY + datetime.timedelta(days=6)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choice and continuity for Sam" in page
    assert "Who was sent" in page and "tom" in page.lower()
    # A support worker is not offered the service's page; a manager is.
    assert "/rota/measures/?service=" not in page
    client.force_login(manager)
    assert "/rota/measures/?service=" in client.get(path).content.decode()


def test_another_services_person_is_not_found(client, manager, other_person):
    client.force_login(manager)
    assert client.get(f"/people/{other_person.public_id}/who-supports-me/measures/").status_code == 404


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({"date_from[day]": "2", "date_from[month]": "3"}, "Enter a day, month and year"),
        ({**period(MONDAY, MONDAY), "date_from[day]": "31", "date_from[month]": "2"}, "Enter a real date"),
        (period(MONDAY, MONDAY - datetime.timedelta(days=1)), "must be the same as or after"),
        (period(MONDAY, MONDAY + datetime.timedelta(days=366)), "The period can be a year at most"),
        (
            {k: v for k, v in period(MONDAY, MONDAY).items() if k.startswith("date_from")},
            "Enter the date the period ends",
        ),
    ],
)
def test_bad_dates_get_an_error_summary_and_no_figures(client, manager, person, service, dates, message):
    for path, extra in [
        (SERVICE_PAGE, {"service": service.public_id}),
        (f"/people/{person.public_id}/who-supports-me/measures/", {}),
    ]:
        client.force_login(manager)
        response = client.get(path, {**extra, **dates})
        assert response.status_code == 400, path
        page = response.content.decode()
        assert "There is a problem" in page
        assert message in page
        assert "Put the dates right to see the figures" in page


def test_a_year_exactly_is_allowed(client, manager, service):
    client.force_login(manager)
    response = client.get(
        SERVICE_PAGE, {"service": service.public_id, **period(MONDAY, MONDAY + datetime.timedelta(days=365))}
    )
    assert response.status_code == 200


def _queries(client, user, path, params) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(ctx)


def _more(service, senior, workers, n):
    rota = published_week(service, MONDAY + datetime.timedelta(days=7))
    for i in range(n):
        someone = people_services.create_person(
            actor=senior,
            data=person_data(service, given_name=f"Extra{i}", family_name="Person", nhs_number=""),
        )
        choose(someone, *workers)
        for d in range(7, 14):
            day = MONDAY + datetime.timedelta(days=d)
            assign(rota, session(service, someone, day), workers[d % 2])
            note(someone, workers[d % 2], day, "08:10", "08:40")


def test_the_pages_queries_do_not_grow_with_people_or_sessions(
    client, manager, senior, service, person, visited, tom, megan
):
    params = {"service": service.public_id, **period(MONDAY, MONDAY + datetime.timedelta(days=27))}
    person_path = f"/people/{person.public_id}/who-supports-me/measures/"
    small = _queries(client, manager, SERVICE_PAGE, params)
    small_person = _queries(client, manager, person_path, params)
    _more(service, senior, [tom, megan], 6)
    assert _queries(client, manager, SERVICE_PAGE, params) == small
    assert _queries(client, manager, person_path, params) == small_person
    assert small <= 20
