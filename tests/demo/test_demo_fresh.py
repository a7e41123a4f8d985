"""Demo loading behaviours that need an empty database: the first load, refusals, a later year."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from lived.accounts.models import User
from lived.demo.loader import demo_nhs_numbers
from lived.organisations.models import Organisation
from lived.people.models import Person
from tests.demo.factories import assert_plausible_ages, counts, load

pytestmark = pytest.mark.django_db


def test_running_twice_creates_nothing_new():
    first = load()
    before = counts()
    second = load()
    assert counts() == before
    assert "Loaded" in first
    assert "already loaded" in second


def test_refuses_to_run_in_production(settings):
    settings.LIVED_IS_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Organisation.objects.exists()
    assert not Person.objects.exists()
    assert not User.objects.exists()


def test_refuses_and_leaves_nothing_behind_when_a_demo_username_is_taken():
    User.objects.create_user(username="tom", password="someone-else-entirely")
    with pytest.raises(CommandError, match="tom"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Organisation.objects.exists()
    assert not Person.objects.exists()
    assert User.objects.count() == 1


def test_nhs_numbers_are_deterministic():
    assert demo_nhs_numbers(30) == demo_nhs_numbers(30)


def test_ages_stay_plausible_when_loaded_in_a_later_year():
    with time_machine.travel(datetime.datetime(2031, 12, 31, 12, tzinfo=datetime.UTC), tick=False):
        load()
        assert_plausible_ages()
