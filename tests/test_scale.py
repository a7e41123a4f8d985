"""Pages that grow with the provider (issue 13, ADR 0016): the same queries, and a page that stays
small, at 200 and at 2,000 people. People are made with bulk_create (services of 50, as a provider
grows by adding services), so each test takes a few seconds.

`grow(n)` adds people up to n; each test measures a page at 200, grows the provider to 2,000 and
measures again."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from lived.accounts.models import Role, ServiceRole
from lived.notes.models import PlanUseDaily
from lived.people.models import Person
from tests.factories import Provider, assert_does_not_grow, at_200_and_2000, measure

pytestmark = pytest.mark.django_db


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
