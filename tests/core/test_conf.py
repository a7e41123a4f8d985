"""The typed LIVED_* settings: defaults in one place, overridable in tests, checked at start-up."""

import dataclasses
import datetime

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from lived.config.settings import base
from lived.core.checks import check_lived_settings
from lived.core.conf import DEFAULTS, LivedSettings, lived_settings, setting_name


def test_every_setting_has_a_one_line_description_and_a_check():
    for spec in dataclasses.fields(LivedSettings):
        assert spec.metadata["doc"].strip() and "\n" not in spec.metadata["doc"], spec.name
        assert callable(spec.metadata["check"]), spec.name


def test_the_defaults_are_those_the_settings_module_uses():
    for spec in dataclasses.fields(LivedSettings):
        name = setting_name(spec.name)
        if hasattr(base, name) and name != "LIVED_SIGN_IN_LIMITS":
            assert getattr(base, name) == getattr(DEFAULTS, spec.name), name
    assert DEFAULTS.plan_use_days == 14
    assert DEFAULTS.shift_times()["night"] == (datetime.time(21, 30), datetime.time(7, 30))


def test_a_setting_left_out_takes_its_default(settings):
    del settings.LIVED_PLAN_USE_DAYS
    assert lived_settings().plan_use_days == DEFAULTS.plan_use_days


def test_override_settings_is_read_at_once():
    before = lived_settings().declines_trigger_count
    with override_settings(LIVED_DECLINES_TRIGGER_COUNT=before + 4):
        assert lived_settings().declines_trigger_count == before + 4
    assert lived_settings().declines_trigger_count == before


def test_the_settings_fixture_is_read_at_once(settings):
    settings.LIVED_SHIFTS = {
        "early": ("08:00", "16:00"),
        "late": ("16:00", "23:00"),
        "night": ("23:00", "08:00"),
    }
    assert lived_settings().shift_times()["early"] == (datetime.time(8), datetime.time(16))


def test_the_settings_object_cannot_be_changed():
    with pytest.raises(dataclasses.FrozenInstanceError):
        lived_settings().plan_use_days = 1


def test_good_settings_pass_the_check():
    assert check_lived_settings() == []


@override_settings(LIVED_SHIFTS={"early": ("07:00", "14:30"), "late": ("14:00", "22:00")})
def test_a_missing_shift_fails_the_check_with_its_id():
    errors = check_lived_settings()
    assert [e.id for e in errors] == ["lived.E001"]
    assert "LIVED_SHIFTS" in errors[0].msg and "night" in errors[0].msg


@override_settings(
    LIVED_SHIFTS={"early": ("7 am", "14:30"), "late": ("14:00", "22:00"), "night": ("21:30", "07:30")}
)
def test_a_badly_written_time_fails_the_check_and_start_up():
    assert [e.id for e in run_checks(tags=["lived"])] == ["lived.E001"]
    with pytest.raises(SystemCheckError, match=r"lived\.E001.*LIVED_SHIFTS"):
        call_command("check", tags=["lived"])
    with pytest.raises(ImproperlyConfigured, match="LIVED_SHIFTS"):
        lived_settings()


@override_settings(LIVED_PLAN_USE_DAYS="fourteen", LIVED_REQUIRE_TWO_FACTOR="yes", LIVED_SERVICE_NAME="")
def test_numbers_switches_and_text_are_checked():
    errors = {e.obj: e.id for e in check_lived_settings()}
    assert errors == {
        "LIVED_PLAN_USE_DAYS": "lived.E002",
        "LIVED_REQUIRE_TWO_FACTOR": "lived.E003",
        "LIVED_SERVICE_NAME": "lived.E004",
    }


@override_settings(LIVED_DECLINES_TRIGGER_COUNT=1)
def test_a_number_below_its_minimum_fails_the_check():
    (error,) = check_lived_settings()
    assert error.id == "lived.E002" and "2 or more" in error.msg
