"""Agreed plans built through lived.plans.services, and a frozen clock, for review tests."""

import pytest

from tests.reviews.factories import AGREED_ON, agreed_plan, at


@pytest.fixture
def agreed_version(person, senior, person_user):
    with at(AGREED_ON):
        return agreed_plan(person=person, senior=senior, person_user=person_user)
