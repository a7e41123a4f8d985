"""Scenario 2. Given Ada's agreed morning routine, when Tom records her morning step by step from his
phone, then each step is saved in one tap, and the early-shift briefing shows her arrival window,
the boundary on her tablets and her prompt card. Every page passes axe."""

from playwright.sync_api import expect


def _ada():
    from lived.people.models import Person

    return Person.objects.get(given_name="Ada")


def test_tom_records_adas_morning_and_the_briefing_shows_her_window_and_card(visit):
    from lived.notes.models import DailyNote

    ada = _ada()
    before = DailyNote.objects.filter(person=ada).count()
    tom = visit()
    tom.page.set_viewport_size({"width": 390, "height": 844})  # a phone
    tom.sign_in("tom")
    tom.goto(f"/people/{ada.public_id}/notes/")
    page = tom.page
    tom.click(role="link", name="Record a note about Ada")
    for step in ["Tea first", "Quiet time"]:
        with page.expect_navigation():
            page.get_by_role("button", name=f"Done as agreed: {step}").first.click()
        expect(page.get_by_text("Note saved")).to_be_visible()
        tom.check_accessibility()
    assert DailyNote.objects.filter(person=ada).count() == before + 2
    button = page.get_by_role("button", name="Done as agreed: Quiet time").bounding_box()
    assert button["height"] >= 44

    tom.goto(f"/people/{ada.public_id}/notes/")
    expect(page.get_by_role("heading", name="Ada's own ratings")).to_be_visible()

    tom.page.set_viewport_size({"width": 1280, "height": 900})
    tom.goto("/briefing/?shift=early")
    card = page.get_by_role("region", name="Ada Kowalski")
    expect(card).to_contain_text("08:00–08:45")
    expect(card).to_contain_text("Tea first")
    expect(card).to_contain_text("Boundary")
    expect(card).to_contain_text("daj mi chwilę")
    card.get_by_text("More about Ada").click()
    expect(card).to_contain_text("Prompt card: When anxiety rises in the morning")
    tom.check_accessibility()
    # Ada has no crisis plan yet: the card says so and offers Tom to write one with her (HAZ-036).
    expect(card).to_contain_text("No crisis plan")
    expect(card.get_by_role("link", name="write one with Ada")).to_be_visible()

    tom.click(role="link", name="Plain summary for agency or new staff")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Summary for agency and new staff")
    tom.goto(f"/people/{ada.public_id}/handover/")
    page.get_by_label("Handover note for the next shift").fill("Ada enjoyed the radio this morning.")
    with page.expect_navigation():  # the outbox sends it, then opens the page that says so
        page.get_by_role("button", name="Add to handover").click()
    tom.check_accessibility()
    expect(page.get_by_text("Handover note added")).to_be_visible()
    tom.click(role="link", name="Correct this note")
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct a note")


def test_over_six_weeks_adas_mornings_get_easier(visit):
    """The dashboard half of scenario 2: morning incidents falling, her own anxiety ratings improving."""
    ada = _ada()
    hannah = visit()
    hannah.sign_in("hannah")
    page = hannah.page
    hannah.goto(f"/people/{ada.public_id}/risk/")
    figure = page.locator("figure", has_text="Incidents each week, last 8 weeks")
    figure.get_by_text("Show as a table").click()
    rows = figure.locator("tbody tr")
    mornings = [int(rows.nth(i).locator("td").nth(0).inner_text()) for i in range(rows.count())]
    assert sum(mornings[:4]) > sum(mornings[4:]), mornings  # the first four weeks against the last four
    hannah.check_accessibility()

    hannah.goto(f"/people/{ada.public_id}/outcomes/")
    expect(page.get_by_text("Reliable improvement").first).to_be_visible()
