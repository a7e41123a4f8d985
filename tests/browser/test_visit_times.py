"""A visit's times on a phone (issue 14, item 7): Tom taps "I have just arrived" when he reaches Ada,
writes the note, and the note shows when he arrived. Every page passes axe."""

import re

from playwright.sync_api import expect


def test_tom_taps_just_arrived_and_the_note_keeps_the_time(visit):
    from lived.notes.models import DailyNote
    from lived.people.models import Person

    ada = Person.objects.get(given_name="Ada")
    tom = visit()
    page = tom.page
    page.set_viewport_size({"width": 390, "height": 844})
    tom.sign_in("tom")
    tom.goto(f"/people/{ada.public_id}/notes/record/")
    arrived = page.get_by_label("What time did you arrive?")
    expect(arrived).to_have_value("")
    page.get_by_role("button", name="I have just arrived").click()
    expect(arrived).to_have_value(re.compile(r"^\d\d:\d\d$"))
    typed = arrived.input_value()
    page.get_by_label("Note", exact=True).fill("Ada was up and dressed; we had tea.")
    tom.check_accessibility()
    with page.expect_navigation():
        page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Note saved")).to_be_visible()
    tom.check_accessibility()
    note = DailyNote.objects.filter(person=ada, text__startswith="Ada was up").get()
    assert note.arrived_at is not None and note.left_at is None
    tom.goto(f"/people/{ada.public_id}/notes/")
    expect(page.locator(f"#note-{note.public_id}")).to_contain_text(f"Visit: arrived {typed}")
