"""The demo's observations of practice: a year at Riverside and Harbour House, every one with the
person's agreement, and Riverside's routines followed as agreed more often after the morning work."""

import pytest
from django.utils import timezone

from lived.organisations.models import Service
from lived.supervision.models_observations import Observation
from lived.supervision.queries_observations import observation_rollup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]


def test_both_services_have_a_year_of_observations_each_with_the_persons_agreement():
    for name in ("Riverside Supported Living", "Harbour House"):
        observations = Observation.objects.filter(service__name=name)
        assert observations.count() >= 20
        assert not observations.filter(person_agreed=False).exists()
        days = sorted(observations.values_list("observed_on", flat=True))
        assert (days[-1] - days[0]).days > 300


def test_routines_are_followed_as_agreed_more_often_at_riverside_than_a_year_ago():
    rollup = observation_rollup(Service.objects.get(name="Riverside Supported Living"), timezone.localdate())
    first, last = rollup.quarters[0], rollup.quarters[-2]
    assert first.routines and last.routines
    assert last.routines_share - first.routines_share >= 25
    assert any(p.label == "Morning support agreement" for p in rollup.parts)
