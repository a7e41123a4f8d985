"""Dates near midnight: "today" is the date in Lived's time zone (Europe/London), whatever the
clock of the machine it runs on says. Just after midnight in summer (23:30 UTC is 00:30 BST) a date
of "today" must not be refused as being in the future."""

import datetime
import os
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from lived.core.nhsuk_forms import NHSDateField


@pytest.fixture
def machine_clock_in_utc():
    """The host's own clock in UTC, as on most servers and containers."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_today_in_london_is_accepted_just_after_midnight_in_summer(machine_clock_in_utc):
    just_after_midnight_bst = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(just_after_midnight_bst, tick=False):
        today_in_london = just_after_midnight_bst.astimezone(ZoneInfo("Europe/London")).date()
        assert today_in_london == datetime.date(2026, 7, 2)
        field = NHSDateField(past_only=True)
        assert field.clean(["2", "7", "2026"]) == today_in_london


def test_tomorrow_in_london_is_still_refused(machine_clock_in_utc):
    with time_machine.travel(datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC), tick=False):
        field = NHSDateField(past_only=True)
        with pytest.raises(Exception, match="today or in the past"):
            field.clean(["3", "7", "2026"])
