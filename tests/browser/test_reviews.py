"""Given the demo provider, when Sam asks for a review and sets its agenda in his own words, then his
key worker sees it on the service's review list and reads his items as his words. Every page passes
axe (WCAG 2.2 AA)."""

import re

from playwright.sync_api import expect


def _sams_id():
    from lived.people.models import Person

    return Person.objects.get(user__username="sam").public_id


def test_sam_asks_for_a_review_and_hannah_sees_his_agenda_in_his_words(visit):
    sam = visit()
    sam.sign_in("sam")
    sam.goto(f"/people/{_sams_id()}/reviews/")
    page = sam.page
    expect(page.get_by_role("heading", level=2, name="Your reviews")).to_be_visible()

    # Given an empty request, the form says what is wrong and saves nothing.
    sam.click(role="button", name="Ask for a review")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    page.get_by_label("What would you like to talk about at your review?").fill(
        "I'd like to talk about working more hours."
    )
    sam.click(role="button", name="Ask for a review")
    expect(page.get_by_text("You have asked for a review")).to_be_visible()

    page.get_by_label("What do you want to talk about?").fill("Whether my visits can move to the afternoon.")
    sam.click(role="button", name="Add to the agenda")
    expect(page.get_by_text("Added to the agenda")).to_be_visible()
    expect(page.get_by_text("Whether my visits can move to the afternoon.")).to_be_visible()
    expect(page.get_by_text("In your own words").first).to_be_visible()

    hannah = visit()
    hannah.sign_in("hannah")
    hannah.goto("/reviews/")
    expect(hannah.page.get_by_role("heading", level=1)).to_have_text("Reviews needing attention")
    expect(hannah.page.get_by_text("I'd like to talk about working more hours.")).to_be_visible()
    hannah.click(role="link", name=re.compile(r"Sam \(Samuel\) Carter"))
    expect(hannah.page.get_by_text("Whether my visits can move to the afternoon.")).to_be_visible()
    expect(hannah.page.get_by_text("In Sam's own words").first).to_be_visible()
    expect(hannah.page.get_by_role("button", name="Complete the review")).to_be_visible()


def test_hannah_records_a_check_in_with_sam_and_completes_a_review(visit):
    hannah = visit()
    hannah.sign_in("hannah")
    page = hannah.page
    hannah.goto(f"/people/{_sams_id()}/reviews/")
    expect(page.get_by_role("heading", level=2, name="Reviews")).to_be_visible()

    hannah.click(role="link", name="Record a weekly check-in with Sam")
    hannah.click(role="button", name="Save the check-in")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    page.get_by_label("What worked for Sam this week?").fill("Cooked pasta on Tuesday, on his own.")
    page.get_by_label("Sam's own words").check()
    hannah.click(role="button", name="Save the check-in")
    expect(page.get_by_text("Check-in saved")).to_be_visible()
    expect(page.get_by_text("Cooked pasta on Tuesday, on his own.")).to_be_visible()

    page.get_by_label("A change in circumstances").check()
    page.get_by_label("What has happened").fill("Sam has been offered more hours at the café.")
    hannah.click(role="button", name="Ask for a review")
    expect(page.get_by_text("Review raised")).to_be_visible()

    hannah.click(role="button", name="Add to the agenda")  # nothing written: a clear error
    expect(page.get_by_role("alert")).to_contain_text("Write what to talk about")
    page.get_by_label("What to talk about").fill("Travel to the café on early shifts")
    page.get_by_label("A staff note of what Sam said").check()
    hannah.click(role="button", name="Add to the agenda")
    expect(page.get_by_text("Staff note by Hannah Reid").first).to_be_visible()

    hannah.click(role="link", name=re.compile("Cancel this review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel this review")
    page.go_back()

    hannah.click(role="button", name="Complete the review")
    expect(page.get_by_role("alert")).to_contain_text("Write what was decided")
    page.get_by_label("What is working").fill("Work is going well")
    page.get_by_label("What was decided").fill("Move morning visits to the afternoon on work days")
    # The plan page belongs to the plans pages; here we only check we land on it.
    page.get_by_role("button", name="Complete the review").click()
    expect(page).to_have_url(re.compile(r"/people/[0-9a-f-]+/plan/$"))
