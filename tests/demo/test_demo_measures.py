"""A new user opening the measures of choice and continuity in the demo finds real figures: the demo
publishes the last four weeks' rotas and this week's at Riverside and Harbour House, and the worker
the rota sent writes each visit's note with the times they arrived and left (lived/demo/rota_data.py)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lived.accounts.models import User
from lived.organisations.models import Service
from lived.people.models import Person
from lived.rota.measures import default_period, measure
from lived.rota.models import RotaWeek

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]


def _figures(service_name, given_name):
    service = Service.objects.get(name=service_name)
    result = measure(Person.objects.all(), service, *default_period(timezone.localdate()))
    (figures,) = [f for person, f in result.people if person.given_name == given_name]
    return result.totals, figures


def test_both_services_have_the_last_four_weeks_published():
    for name in ("Riverside Supported Living", "Harbour House"):
        weeks = RotaWeek.objects.filter(
            service__name=name, published__isnull=False, week_start__lt=timezone.localdate()
        )
        assert weeks.count() >= 5, name  # four past weeks and this one


def test_adas_last_28_days_are_counted_from_her_visit_notes():
    totals, ada = _figures("Riverside Supported Living", "Ada")
    assert ada.sessions == 28 and ada.missed.denominator == 27
    # Tom's two days of leave two weeks ago sent Hannah, whom Ada did not choose.
    assert ada.preferred_worker.text == "26 of 28 (93%)"
    assert ada.missed.numerator == 0 and ada.arrival_not_recorded == 0
    # Four late mornings and one before her window opened; one visit of 25 minutes.
    assert ada.on_time.text == "22 of 27 (81%)"
    assert ada.short.text == "1 of 27 (4%)" and ada.short_agreed == 0
    assert ada.continuity.workers == 3
    assert totals.on_time.denominator >= 27


def test_jennys_one_to_one_time_at_harbour_house_is_counted():
    totals, jenny = _figures("Harbour House", "Jennifer")
    assert jenny.sessions >= 11
    # Hannah's day of leave last week: no one could be sent, so that walk was missed.
    assert jenny.missed.numerator == 1
    assert 0 < jenny.on_time.numerator < jenny.on_time.denominator
    assert totals.sessions == jenny.sessions


def test_the_measures_page_shows_riversides_figures(client):
    client.force_login(User.objects.get(username="daniel"))
    riverside = Service.objects.get(name="Riverside Supported Living")
    response = client.get(reverse("rota:service_measures"), {"service": riverside.public_id})
    assert response.status_code == 200
    page = response.content.decode()
    # The service's figures (its summary list) and Ada's row among everyone at Riverside.
    for testid in ("preferred", "preferences-met", "missed", "short", "on-time"):
        figure = re.search(rf'data-testid="{testid}">([^<]*)<', page).group(1)
        assert re.match(r"\d+ of \d+ \(\d+%\)", figure), (testid, figure)
    assert re.search(r'data-testid="on-time">22 of 27 \(81%\)', page)
    assert re.search(r'data-testid="continuity">3\.0 \(3 different workers', page)
