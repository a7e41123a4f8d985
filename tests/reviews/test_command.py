"""manage.py raise_due_reviews: for cron, idempotent, says how many it raised."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from lived.reviews.models import Review
from tests.reviews.factories import AGREED_ON, at

pytestmark = pytest.mark.django_db

PLAN_DUE = AGREED_ON + datetime.timedelta(weeks=26)


def run(*args) -> str:
    out = io.StringIO()
    call_command("raise_due_reviews", *args, stdout=out)
    return out.getvalue().strip()


def test_the_command_raises_due_reviews_once(agreed_version):
    with at(PLAN_DUE - datetime.timedelta(days=20)):
        assert run() == "Raised 0 scheduled reviews."
    with at(PLAN_DUE - datetime.timedelta(days=10)):
        assert run() == "Raised 1 scheduled review."
        assert run() == "Raised 0 scheduled reviews."
    assert Review.objects.get().due_on == PLAN_DUE


def test_the_command_can_catch_up_from_a_given_date(agreed_version):
    assert run("--today", PLAN_DUE.isoformat()) == "Raised 1 scheduled review."


def test_a_bad_date_is_a_clear_error(db):
    with pytest.raises(CommandError, match="--today must be a date"):
        run("--today", "next tuesday")
