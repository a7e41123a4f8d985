"""Scenario 8: before a Mental Health Act assessment, Jenny's crisis plan shows what matters most to
her (the safety of her children), her advance wishes, and who looks after the children. Every page
passes axe (WCAG 2.2 AA)."""

from playwright.sync_api import expect

from lived.people.models import Person


def test_jennys_crisis_plan_puts_her_children_first(visit):
    jenny = Person.objects.get(preferred_name="Jenny")
    hannah = visit()
    hannah.sign_in("hannah")
    page = hannah.page
    hannah.goto(f"/people/{jenny.public_id}/")
    hannah.click(role="link", name="Crisis plan for Jenny")
    expect(page.get_by_role("heading", name="What matters most to Jenny")).to_be_visible()
    expect(
        page.get_by_text("The safety of my two children, Ama and Kojo.", exact=False).first
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Advance wishes about sharing")).to_be_visible()
    expect(page.get_by_text("make sure Ama and Kojo are with Abena", exact=False).first).to_be_visible()
    expect(page.get_by_role("heading", name="Children, dependants and pets")).to_be_visible()
    expect(page.get_by_text("Abena, Jenny's sister, looks after them", exact=False)).to_be_visible()
    expect(page.get_by_role("link", name="Print the crisis card (PDF, one page)")).to_be_visible()
