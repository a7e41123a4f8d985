"""Pages that grow with the provider (issue 13, ADR 0016): the same queries, and a page that stays
small, at 200 and at 2,000 people. People are made with bulk_create (services of 50, as a provider
grows by adding services), so each test takes a few seconds.

`grow(n)` adds people up to n; each test measures a page at 200, grows the provider to 2,000 and
measures again."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lived.accounts.models import Role, ServiceRole
from lived.notes.models import PlanUseDaily
from lived.organisations.models import Service
from lived.people.models import Person

pytestmark = pytest.mark.django_db

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


def test_the_people_list_costs_the_same_at_200_and_2000_people(client, organisation, manager):
    provider = Provider(organisation, {manager: Role.MANAGER})
    small, large = at_200_and_2000(client, provider, manager, "/people/")
    assert_does_not_grow(small, large)
    assert "2000 people" in large[2].replace(",", "")


def test_the_briefing_costs_the_same_at_200_and_2000_people(client, organisation, support_worker):
    """A support worker's briefing is their service's people, however big the provider."""
    home = ServiceRole.objects.get(user=support_worker).service
    provider = Provider(organisation, {})
    provider.grow(200)
    Person.objects.bulk_create(
        Person(service=home, given_name=f"Home{i:02d}", family_name="Briefing", nhs_number="")
        for i in range(40)
    )
    small = measure(client, support_worker, "/briefing/?shift=early")
    provider.grow(2000)
    large = measure(client, support_worker, "/briefing/?shift=early")
    assert_does_not_grow(small, large, max_kb=400)
    assert "Home39" in large[2]


def test_service_risk_costs_the_same_at_200_and_2000_people(client, organisation, manager):
    provider = Provider(organisation, {manager: Role.MANAGER})
    small, large = at_200_and_2000(client, provider, manager, "/risk/")
    assert_does_not_grow(small, large)


def _plan_use(people):
    """Every other person wrote notes that rarely name their plan; the rest use it."""
    today = timezone.localdate()
    PlanUseDaily.objects.bulk_create(
        PlanUseDaily(
            person=p,
            day=today - datetime.timedelta(days=d),
            notes=2,
            notes_naming_plan=0 if n % 2 else 2,
        )
        for n, p in enumerate(people)
        for d in range(3)
    )


def test_plans_in_use_costs_the_same_at_200_and_2000_people(client, organisation, quality_lead):
    provider = Provider(organisation, {quality_lead: Role.QUALITY_LEAD}, extra=_plan_use)
    small, large = at_200_and_2000(client, provider, quality_lead, "/notes/plans-in-use/?service=all")
    assert_does_not_grow(small, large)
    assert "of 1000 people" in large[2].replace(",", "")


def test_a_large_page_is_sent_compressed_when_the_browser_asks(client, organisation, manager):
    import gzip

    Provider(organisation, {manager: Role.MANAGER}).grow(200)
    client.force_login(manager)
    plain = client.get("/people/")
    packed = client.get("/people/", headers={"accept-encoding": "gzip, deflate, br"})

    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    page = gzip.decompress(packed.content).decode()
    assert "<h1>People we support</h1>" in page and "200 people" in page
    assert len(packed.content) < len(plain.content) / 4
