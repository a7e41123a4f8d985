"""The demo tells one consistent story: decisions happen in order, and who a crisis plan says to
contact agrees with who the person has said may be told."""

import pytest
from django.utils import timezone

from lived.crisis.models import CrisisPlan
from lived.incidents.models import Incident
from lived.people.models import CircleMember
from lived.risk.models import CapacityAssessment, RiskDecision, RiskPlan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]

# Crisis-plan contacts that are services, not people in the person's life.
SERVICE_WORDS = ("team", "office", "line", "service", "surgery", "gp", "111", "samaritans")


def test_risk_decisions_happen_in_order():
    problems = []
    for plan in RiskPlan.objects.filter(approved_at__isnull=False).select_related("person"):
        decisions = list(RiskDecision.objects.filter(plan=plan).order_by("decided_at"))
        approvals = [d for d in decisions if d.kind == RiskDecision.Kind.APPROVAL]
        assert approvals, f"{plan.person}: approved with no approval decision"
        approved = approvals[0].decided_at
        for d in decisions:
            if d.kind != RiskDecision.Kind.APPROVAL and d.decided_at < approved:
                problems.append(
                    f"{plan.person}: {d.get_kind_display()} on {d.decided_at:%d %b} before approval"
                )
        if plan.last_manager_review_at and plan.last_manager_review_at < approved:
            problems.append(f"{plan.person}: last manager review before approval")
        for capacity in CapacityAssessment.objects.filter(plan=plan):
            if timezone.localtime(approved).date() < capacity.assessed_on:
                problems.append(f"{plan.person}: approved before capacity was assessed")
    assert not problems, problems


def test_nothing_in_the_demo_happens_in_the_future():
    now = timezone.now()
    assert not RiskDecision.objects.filter(decided_at__gt=now).exists()
    assert not Incident.objects.filter(occurred_at__gt=now).exists()


def test_crisis_plan_contacts_are_people_the_person_has_said_may_be_told():
    problems = []
    for crisis in CrisisPlan.objects.select_related("person"):
        circle = {
            m.name: m for m in CircleMember.objects.filter(person=crisis.person, archived_at__isnull=True)
        }
        for contact in crisis.contacts:
            name = contact.get("name", "")
            where = f"{crisis.person}'s crisis plan names {name}"
            if any(word in name.lower().split() for word in SERVICE_WORDS):
                continue
            member = circle.get(name)
            if member is None:
                problems.append(f"{where}, who is not in their circle of support")
            elif not member.sharing_agreements.filter(withdrawn_at__isnull=True).exists():
                problems.append(f"{where}, with whom they share nothing")
    assert not problems, problems
