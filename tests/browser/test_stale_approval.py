"""Scenario 4, approval (HAZ-034): Hannah opens the approve page for Priya's changed risk plan. While
it is open, Tom changes the plan again. When Hannah approves, she is told it changed since she opened
it, sees what changed, and nothing is approved; she opens the page again and approves the new text.
Every page passes axe (WCAG 2.2 AA)."""

import re

from playwright.sync_api import expect

from lived.accounts.models import User
from lived.people.models import Person
from lived.risk import services
from lived.risk.models import RiskDecision, RiskPlan

FIRST = "Priya has capacity for this decision and chose the staged plan; the route is short."
SECOND = "Priya has capacity; since her fall in the rain she takes her stick and goes in daylight only."


def _tom_changes(plan, why_proportionate):
    plan.refresh_from_db()
    data = {name: getattr(plan, name) for name in services.PLAN_FIELDS}
    services.save_risk_plan(
        actor=User.objects.get(username="tom"),
        person=plan.person,
        data={**data, "why_proportionate": why_proportionate},
        plan=plan,
        opened_version=plan.version,
    )


def test_hannah_approves_only_the_plan_text_she_has_read(visit):
    priya = Person.objects.get(preferred_name="Priya")
    plan = priya.risk_plans.get()
    _tom_changes(plan, FIRST)  # back to draft: it needs approval again
    approvals = RiskDecision.objects.filter(plan=plan, kind="approval").count()

    hannah = visit()
    hannah.sign_in("hannah")
    page = hannah.page
    hannah.goto(f"/people/{priya.public_id}/risk/plans/{plan.public_id}/approve/")
    expect(page.get_by_role("heading", level=1, name="Approve the risk plan")).to_be_visible()
    expect(page.get_by_text(FIRST)).to_be_visible()
    page.get_by_label("Why", exact=True).fill("Priya chose it; it balances her goal and the fall risk.")
    page.get_by_label("Who was involved").fill("Priya, Tom and Hannah")

    _tom_changes(plan, SECOND)  # meanwhile, with the page still open

    hannah.click(role="button", name="Approve the plan")
    expect(page.get_by_role("heading", level=1, name="This changed since you opened it")).to_be_visible()
    expect(page.get_by_text("Your changes have not been saved")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Why proportionate"))
    expect(row).to_contain_text(SECOND)  # saved now
    expect(row).to_contain_text(FIRST)  # what Hannah was shown
    plan.refresh_from_db()
    assert plan.status == RiskPlan.Status.DRAFT
    assert RiskDecision.objects.filter(plan=plan, kind="approval").count() == approvals

    hannah.click(role="link", name="Open the page again with the saved version")
    expect(page.get_by_text(SECOND)).to_be_visible()
    page.get_by_label("Why", exact=True).fill(
        "Priya chose it; the daylight rule answers the fall in the rain."
    )
    page.get_by_label("Who was involved").fill("Priya, Tom and Hannah")
    hannah.click(role="button", name="Approve the plan")
    expect(page.get_by_text("Risk plan approved")).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == RiskPlan.Status.APPROVED
    approval = RiskDecision.objects.filter(plan=plan, kind="approval").first()
    assert approval.snapshot["why_proportionate"] == SECOND
