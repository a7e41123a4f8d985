"""Scenario 9: John's father, signed in as a circle member, sees exactly what John's advance wishes
share with him while they are in force, and nothing else."""

from playwright.sync_api import expect

from lived.people.models import Person


def test_johns_father_sees_only_what_john_chose_to_share(visit):
    john = Person.objects.get(given_name="John", family_name="Adeyemi")
    michael = visit()
    michael.sign_in("michael")
    page = michael.page
    expect(page.get_by_role("heading", level=1)).to_have_text("People who share with you")
    michael.click(role="link", name="John Adeyemi")
    expect(page.get_by_role("heading", level=1)).to_have_text("What John shares with you")
    expect(page.get_by_text("give me a minute")).to_be_visible()
    expect(page.get_by_text("John's wishes for when unwell", exact=True)).to_be_visible()
    body = page.locator("main").inner_text()
    assert "I keep a notebook of songs I am writing." not in body
    assert john.nhs_number not in body.replace(" ", "")

    michael.goto(f"/people/{john.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have permission to see this page")
    michael.goto(f"/people/{john.public_id}/about-me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have permission to see this page")
    other = Person.objects.exclude(pk=john.pk).first()
    michael.goto(f"/circle/{other.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
