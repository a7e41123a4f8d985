"""Scenario 6, supervision that asks about personalisation (C14, issue 15). Hannah records a session
with Tom: she sees the action still open from his last session, writes what they talked about, tags
the themes and agrees an action, and signs. Tom, on a 390 px phone, reads it, writes his reflection
in his own words and signs, and the record is the agreed version. Daniel, their manager, sees who is
due supervision and the themes at Riverside month by month, as a chart and a table. Every page
passes axe."""

from django.utils import timezone
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


def _latest_for_tom():
    from lived.supervision.models import Supervision

    return Supervision.objects.filter(worker__username="tom").latest("created_at").public_id


def test_a_session_for_tom_is_recorded_reflected_on_signed_and_rolled_up(visit):
    hannah = visit()
    hannah.sign_in("hannah")
    hannah.goto("/supervision/")
    page = hannah.page
    hannah.click(role="link", name="Record a supervision session")
    page.get_by_label("Who is the session with?").select_option(
        label="Tom Okafor (Riverside Supported Living)"
    )
    hannah.click(role="button", name="Start the record")
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision with Tom Okafor")
    # The prompts come from Tom's own notes since his last signed session, not from the demo's words.
    expect(page.get_by_test_id("prompts-in-short")).to_contain_text("Routines that can flex")
    expect(page.get_by_test_id("prompts-in-short")).to_contain_text("Steps the person often said no to")
    page.get_by_label("What we talked about").fill(
        "Ada's new morning routine, and the Sunday visits from her sister."
    )
    page.get_by_label("How they are doing").fill("Good; settled on earlies.")
    page.get_by_label("Choice offered").check()
    page.get_by_label("Carer involvement").check()
    hannah.click(role="button", name="Save the record")
    expect(page.get_by_test_id("themes")).to_contain_text("Choice offered")
    expect(page.get_by_test_id("open-before")).to_contain_text("Read Ada's agreed plan and confirm it")
    flex = page.get_by_test_id("prompt-flex-routine-same-way")
    expect(flex).to_contain_text("Ada")
    expect(flex).to_contain_text("Morning support agreement")
    declines = page.get_by_test_id("prompt-repeated-declines")
    expect(declines).to_contain_text("Jo")
    expect(declines).to_contain_text("What would the person say?")
    hannah.goto(declines.locator("a", has_text="Note what we talked about").get_attribute("href"))
    page.get_by_label("What we talked about").fill("Jo says no to things she did not choose. Ask her first.")
    hannah.click(role="button", name="Save")
    expect(page.get_by_test_id("prompt-repeated-declines")).to_contain_text("Ask her first")
    hannah.click(role="link", name="Add prompts from the library")
    page.get_by_label("Being part of the community: Places the person belongs").check()
    hannah.click(role="button", name="Add the prompts")
    expect(page.get_by_test_id("library-journey-community-life-belonging")).to_be_visible()
    hannah.click(role="link", name="Add an agreed action")
    page.get_by_label("What you agreed").fill("Ask Ada who she would like at her review")
    page.get_by_label("Tom Okafor").check()
    due = timezone.localdate()
    page.locator("#id_due_on-day").fill(str(due.day))
    page.locator("#id_due_on-month").fill(str(due.month))
    page.locator("#id_due_on-year").fill(str(due.year))
    hannah.click(role="button", name="Add the action")
    expect(page.get_by_test_id("actions")).to_contain_text("Ask Ada who she would like at her review")
    hannah.click(role="button", name="Sign the record")
    expect(page.get_by_test_id("signed")).to_have_text("Supervisor has signed")
    # Hannah cannot write Tom's reflection: there is no link, and the address refuses her.
    expect(page.get_by_role("link", name="Write my reflection")).to_have_count(0)

    record = _latest_for_tom()
    tom = visit()
    tom.page.set_viewport_size(PHONE)
    tom.sign_in("tom")
    tom.goto("/supervision/")
    phone = tom.page
    expect(phone.get_by_role("heading", name="My supervision")).to_be_visible()
    tom.goto(f"/supervision/{record}/")
    expect(phone.get_by_role("heading", level=2, name="My reflection")).to_be_visible()
    assert phone.evaluate(SIDEWAYS) <= 0
    tom.click(role="link", name="Write my reflection")
    phone.get_by_label("My reflection").fill(
        "I ask Ada what she would like first, every time. I want to ask her about her review too."
    )
    tom.click(role="button", name="Save my reflection")
    expect(phone.get_by_test_id("reflection")).to_contain_text("I ask Ada what she would like first")
    # Saving changed the record, so Hannah's signature is taken off: both sign the same version.
    expect(phone.get_by_test_id("signed")).to_have_text("Not signed yet")
    tom.click(role="button", name="Sign the record")
    expect(phone.get_by_test_id("signed")).to_have_text("Worker has signed")
    assert phone.evaluate(SIDEWAYS) <= 0

    hannah.goto(f"/supervision/{record}/")
    expect(page.get_by_test_id("reflection")).to_contain_text("I ask Ada what she would like first")
    hannah.click(role="button", name="Sign the record")
    expect(page.get_by_test_id("signed")).to_have_text("Signed by both")
    expect(page.get_by_role("link", name="Change the session record")).to_have_count(0)

    daniel = visit()
    daniel.sign_in("daniel")
    daniel.goto("/supervision/")
    manager = daniel.page
    daniel.click(role="link", name="Who is due supervision")
    expect(manager.get_by_test_id("due")).to_contain_text("Grace Ellis")
    daniel.goto("/supervision/")
    daniel.click(role="link", name="Themes from supervision, by month")
    # The page opens on the first of Daniel's services by name (Harbour House); he chooses Riverside.
    if manager.locator(".nhsuk-caption-l").inner_text().strip() != "Riverside Supported Living":
        daniel.click(role="link", name="Riverside Supported Living")
    expect(manager.locator(".nhsuk-caption-l")).to_have_text("Riverside Supported Living")
    expect(manager.locator("svg").first).to_be_visible()
    expect(manager.get_by_test_id("rollup")).to_contain_text("Routine over preference")
