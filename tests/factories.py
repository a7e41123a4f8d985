"""Shared builders for tests in more than one folder: the objects the permission matrix and the
bad-input test ask about, and a provider that grows to 2,000 people for the scale tests.

App-specific builders are in tests/<app>/factories.py."""

from __future__ import annotations

import datetime
import functools
import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.accounts.models import ServiceRole, User
from lived.organisations.models import Service
from lived.people.models import Person, SharingAgreement
from lived.people.services import add_about_me_entry

# The password of every user the tests make (fictional).
PASSWORD = "correct-horse-battery"


def make_user(username, *, roles=(), service=None, **extra):
    user = User.objects.create_user(
        username=username, password=PASSWORD, first_name=username.title(), last_name="Tester", **extra
    )
    for role in roles:
        ServiceRole.objects.create(user=user, service=service, role=role)
    return user


def person_data(service, **overrides):
    data = {
        "given_name": "Samira",
        "family_name": "Testperson",
        "preferred_name": "Sam",
        "pronouns": "she/her",
        "date_of_birth": datetime.date(1990, 5, 17),
        "nhs_number": "9434765919",
        "service": service,
    }
    data.update(overrides)
    return data


class Objects:
    def __init__(self, person, circle_member):
        self.p = person.public_id
        self.entry = person.about_me_entries.first().public_id
        self.member = circle_member.public_id
        self.agreement = SharingAgreement.objects.get(member=circle_member).public_id
        self._person = person

    @functools.cached_property
    def staff_entry(self):
        """A staff summary in About me (made when a route first asks for one)."""
        entry = add_about_me_entry(
            actor=self._person.created_by,
            person=self._person,
            section="wellness",
            text="A staff summary.",
            in_persons_words=False,
        )
        return entry.public_id


PER_SERVICE = 50


_names = itertools.count()


class Provider:
    """A provider that grows: services of PER_SERVICE people; `staff` get `role` at every service."""

    def __init__(self, organisation, staff: dict, extra=None):
        self.organisation = organisation
        self.staff = staff  # user → role at every service
        self.extra = extra  # called with the new people, to give them records
        self.people: list[Person] = []

    def grow(self, n: int) -> None:
        while len(self.people) < n:
            number = next(_names)
            service = Service.objects.create(organisation=self.organisation, name=f"Service {number:03d}")
            ServiceRole.objects.bulk_create(
                ServiceRole(user=user, service=service, role=role) for user, role in self.staff.items()
            )
            new = Person.objects.bulk_create(
                Person(
                    service=service,
                    given_name=f"Given{number:03d}x{i:02d}",
                    family_name=f"Family{number:03d}x{i:02d}",
                    nhs_number="",
                )
                for i in range(min(PER_SERVICE, n - len(self.people)))
            )
            new = list(Person.objects.filter(service=service))
            if self.extra:
                self.extra(new)
            self.people += new
        for user in self.staff:
            user.__dict__.pop("roles_by_service", None)
            user.__dict__.pop("_care_service_ids", None)


def measure(client, user, path: str) -> tuple[int, int, str]:
    """(queries, bytes, page) for one GET by `user`."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(ctx), len(response.content), response.content.decode()


def at_200_and_2000(client, provider: Provider, user, path: str):
    provider.grow(200)
    small = measure(client, user, path)
    provider.grow(2000)
    large = measure(client, user, path)
    assert Person.objects.count() == 2000
    return small, large


# Budgets: what one page may cost whatever the number of people (it grows only with the number of
# services in the service chooser).
MAX_KB = 120


def assert_does_not_grow(small, large, *, slack_queries: int = 0, max_kb: int = MAX_KB):
    (q_small, b_small, _), (q_large, b_large, _) = small, large
    assert q_large <= q_small + slack_queries, f"queries grew from {q_small} to {q_large}"
    assert b_large <= max_kb * 1024, f"{b_large // 1024} KB at 2,000 people"
    assert b_large < 2 * b_small + 20 * 1024, f"bytes grew from {b_small} to {b_large}"
