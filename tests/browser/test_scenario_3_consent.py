"""Scenario 3. Given Leon's consent profile (three-step check, staged choices, pause words "time
out"), when Tom records offering his medication with the consent check and staged choices, then the
note shows each step of the check and Leon's choice, and the shift briefing shows his pause words.
Every page passes axe."""

import re

from playwright.sync_api import expect


def _leon():
    from lived.people.models import Person

    return Person.objects.get(given_name="Leon")


def test_tom_records_leons_consent_check_and_the_briefing_shows_his_pause_words(visit):
    from lived.notes.models import DailyNote

    leon = _leon()
    before = DailyNote.objects.filter(person=leon).count()
    tom = visit()
    tom.sign_in("tom")
    tom.goto(f"/people/{leon.public_id}/notes/record/")
    page = tom.page
    expect(page.locator(".lived-pause")).to_contain_text("“time out”")
    page.get_by_text("Leon's consent check").click()
    expect(page.get_by_text("Step 3: ask Leon to say back")).to_be_visible()

    page.get_by_role("checkbox", name=re.compile(r"^Before anything that needs Leon")).check()
    page.get_by_role("checkbox", name=re.compile(r"^For things that must happen")).check()
    page.get_by_role("radio", name="Done as agreed").check()
    page.get_by_label("Choices offered").fill("Tablets now, in 30 minutes, or after breakfast")
    page.get_by_label("What the person chose").fill("After breakfast")
    page.get_by_role("checkbox", name=re.compile(r"^Step 1")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Step 2")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Step 3")).check()
    page.get_by_label("Note", exact=True).fill("Leon said back: 'tablets after my toast'.")
    with page.expect_navigation():
        with page.expect_navigation():
            page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Note saved")).to_be_visible()
    tom.check_accessibility()
    note = DailyNote.objects.filter(person=leon).order_by("-pk").first()
    assert DailyNote.objects.filter(person=leon).count() == before + 1
    assert note.consent_explained and note.consent_options and note.consent_confirmed
    assert note.chosen == "After breakfast" and note.actions.count() == 2

    tom.goto(f"/people/{leon.public_id}/notes/")
    first = page.locator(".lived-note").first
    expect(first).to_contain_text("explained, options offered, agreement confirmed")
    expect(first).to_contain_text("Chosen: After breakfast")

    tom.goto("/briefing/")
    card = page.get_by_role("region", name=re.compile("Leon"))
    expect(card).to_contain_text("Pause words: “time out”")
    expect(card).to_contain_text("Consent check: explain, offer options, confirm")

    # The quality lead sees the words flagged this month (Leon's demo note said "kicked off").
    farah = visit()
    farah.sign_in("farah")
    farah.goto("/notes/language/")
    expect(farah.page.get_by_role("table")).to_contain_text("kicked off")
