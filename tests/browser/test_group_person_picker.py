"""Scenario: a senior starts a recovery course and finds the people for it by typing part of a name,
never scrolling a list of everyone (issue 13 item 5, ADR 0016). With JavaScript the matches appear as
they type; the people ticked stay ticked."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_senior_finds_people_for_a_group_by_typing_part_of_their_name(visit):
    from lived.outcomes.models import OutcomeGroup

    hannah = visit()
    hannah.sign_in("hannah")
    hannah.goto("/outcomes/groups/new/")
    page = hannah.page
    # Given no one is listed until a name is typed
    expect(page.get_by_text("Type part of a name or an NHS number to find people.")).to_be_visible()
    assert page.locator("input[name='members']").count() == 0
    # When she types part of Sam's family name, Sam appears as she types
    page.get_by_label("Name of the group or course").fill("Walking group")
    page.get_by_label("Service").select_option(label="Riverside Supported Living")
    page.get_by_label("Find someone to add").fill("Carte")
    sam = page.get_by_label("Carter", exact=False)
    expect(sam).to_be_visible()
    sam.check()
    # and stays ticked when she searches for someone else
    page.get_by_label("Find someone to add").fill("zzzz-nobody")
    expect(page.get_by_text("No one else matches")).to_be_visible()
    expect(page.get_by_label("Carter", exact=False)).to_be_checked()
    hannah.check_accessibility()
    # Then the group is created with her in it
    page.get_by_label("Day").first.fill("1")
    page.get_by_label("Month").first.fill("1")
    page.get_by_label("Year").first.fill("2026")
    page.get_by_label("Day").nth(1).fill("1")
    page.get_by_label("Month").nth(1).fill("4")
    page.get_by_label("Year").nth(1).fill("2026")
    page.get_by_role("button", name="Create the group").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Walking group")
    group = OutcomeGroup.objects.get(name="Walking group")
    assert [m.family_name for m in group.members.all()] == ["Carter"]
