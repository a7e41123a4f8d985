"""The demo's supervision: Tom at Riverside and Grace at Harbour House, with "routine over
preference" falling after the morning routine work at Riverside."""

import datetime

import pytest
from django.utils import timezone

from lived.accounts.models import User
from lived.core.weeks import months_back
from lived.supervision.models import Supervision
from lived.supervision.queries import due_supervision, open_actions_before, theme_rollup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]


def test_tom_has_a_year_of_signed_supervision_and_one_waiting_for_him():
    tom = User.objects.get(username="tom")
    records = list(Supervision.objects.filter(worker=tom).order_by("held_on"))
    assert len(records) == 8
    assert all(r.is_agreed for r in records[:-1])
    latest = records[-1]
    assert not latest.is_agreed and latest.reflection == "" and latest.supervisor.username == "hannah"
    assert [a.what for a in open_actions_before(latest)] == ["Read Ada's agreed plan and confirm it"]


def test_routine_over_preference_falls_at_riverside():
    tom = User.objects.get(username="tom")
    service = Supervision.objects.filter(worker=tom).first().service
    rollup = theme_rollup(service, months_back(timezone.localdate(), 13))
    routine = next(t for t in rollup.themes if t.code == "routine-over-preference")
    choice = next(t for t in rollup.themes if t.code == "choice-offered")
    first_half, second_half = rollup.months[:6], rollup.months[7:]
    assert sum(rollup.count(routine, m) for m in first_half) >= 3
    assert sum(rollup.count(routine, m) for m in second_half) == 0
    assert sum(rollup.count(choice, m) for m in second_half) >= 3


def test_grace_is_overdue_on_daniels_list():
    daniel = User.objects.get(username="daniel")
    rows = {d.worker.username: d for d in due_supervision(daniel, timezone.localdate(), 8)}
    assert rows["grace"].status == "overdue"
    assert rows["tom"].status == "not_yet"
    assert rows["tom"].last_held_on == timezone.localdate() - datetime.timedelta(weeks=1)
