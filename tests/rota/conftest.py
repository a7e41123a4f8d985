"""Workers for the rota's tests: two support workers at the person's service (what they share about
themselves on their profiles), one at another service, and skills."""

import pytest

from lived.accounts.models import Role
from lived.rota import services
from lived.rota.models import Skill
from tests.factories import make_user


def _worker(username, service, shared=""):
    worker = make_user(username, roles=[Role.SUPPORT_WORKER], service=service)
    if shared:
        services.save_own_profile(actor=worker, data={"shared_about_me": shared}, opened_version=1)
    return worker


@pytest.fixture
def tom(service):
    return _worker("tom", service, "I love gardening and football; I speak Polish")


@pytest.fixture
def megan(service):
    return _worker("megan", service, "I make a good cup of tea")


@pytest.fixture
def far_worker(other_service):
    """A support worker at another service: never a choice for the person."""
    return _worker("faraway", other_service)


@pytest.fixture
def medication(db):
    return Skill.objects.create(name="Medication trained", order=1)


@pytest.fixture
def driver(db):
    return Skill.objects.create(name="Driver", order=2)
