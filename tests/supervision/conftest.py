"""Supervision fixtures: the senior supervises the support worker at the service; a second support
worker at the same service (who must never see the first one's records); a record started today."""

import datetime

import pytest
from django.utils import timezone

from lived.accounts.models import Role
from lived.supervision import services, starting_themes
from lived.supervision.models import Supervision, Theme
from tests.factories import make_user


@pytest.fixture
def colleague(service):
    """Another support worker at the same service."""
    return make_user("colleague", roles=[Role.SUPPORT_WORKER], service=service)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def record(senior, support_worker, today):
    return services.start_supervision(
        actor=senior, worker=support_worker, held_on=today - datetime.timedelta(days=1), kind="one_to_one"
    )


@pytest.fixture
def themes(db):
    # The data migration's rows are gone if a browser or process test on this test process emptied
    # the database before (TransactionTestCase flushes it), so make sure they are there.
    starting_themes.ensure(Theme)
    return {t.code: t for t in Theme.objects.all()}


def supervisor_data(record: Supervision, **overrides) -> dict:
    data = {
        "held_on": record.held_on,
        "kind": record.kind,
        "discussed": "Ada's morning routine: tea first, then quiet time.",
        "wellbeing": "Tired after a run of lates.",
    }
    data.update(overrides)
    return data


def post_date(name: str, day: datetime.date) -> dict:
    return {f"{name}[day]": day.day, f"{name}[month]": day.month, f"{name}[year]": day.year}
