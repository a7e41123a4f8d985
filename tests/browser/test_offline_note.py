"""Given Tom on Ada's recording page with no signal, when he records a routine step, then the note is
kept on the phone with a visible message and a count, and when the signal returns it is sent by
itself and saved exactly once."""

from playwright.sync_api import expect


def _ada():
    from lived.people.models import Person

    return Person.objects.get(given_name="Ada")


def _notes_about(person, step_what):
    from lived.notes.models import DailyNote

    return DailyNote.objects.filter(person=person, steps__what__startswith=step_what).count()


def test_a_note_recorded_offline_is_sent_once_when_back_online(visit):
    ada = _ada()
    step = "Quiet time"
    before = _notes_about(ada, step)
    tom = visit()
    tom.sign_in("tom")
    tom.goto(f"/people/{ada.public_id}/notes/record/")
    page = tom.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a note")

    tom.context.set_offline(True)
    page.get_by_role("button", name=f"Done as agreed: {step}").click()
    status = page.locator("#offline-status")
    expect(status).to_contain_text("Saved on this phone — it will be sent when you are back online")
    expect(status).to_contain_text("1 note is waiting to be sent")
    tom.check_accessibility()
    assert _notes_about(ada, step) == before  # nothing reached the server

    tom.context.set_offline(False)
    expect(status).to_contain_text("has now been sent")
    assert _notes_about(ada, step) == before + 1
    # Sending again (a page load flushes the outbox) does not duplicate it: the outbox is empty.
    tom.goto(f"/people/{ada.public_id}/notes/record/")
    assert _notes_about(ada, step) == before + 1
    tom.goto(f"/people/{ada.public_id}/notes/")
    expect(page.get_by_text("Quiet time").first).to_be_visible()


def test_a_note_kept_on_the_phone_survives_being_signed_out_and_is_sent_after_signing_in(visit):
    """HAZ-013 d: when the phone reconnects after the session has ended, the note is not thrown away
    and not lost: the worker is asked to sign in, and it is sent once they have."""
    ada = _ada()
    step = "Tea first"
    before = _notes_about(ada, step)
    tom = visit()
    tom.sign_in("tom")
    tom.goto(f"/people/{ada.public_id}/notes/record/")
    page = tom.page

    tom.context.set_offline(True)
    page.get_by_role("button", name=f"Done as agreed: {step}").first.click()
    status = page.locator("#offline-status")
    expect(status).to_contain_text("1 note is waiting to be sent")

    tom.context.clear_cookies()  # the session ends while the phone has no signal
    tom.context.set_offline(False)
    expect(status).to_contain_text("Sign in again to send the notes saved on this phone")
    expect(status).to_contain_text("1 note is waiting to be sent")
    assert _notes_about(ada, step) == before

    tom.sign_in("tom")
    tom.goto(f"/people/{ada.public_id}/notes/record/")
    expect(status).to_contain_text("has now been sent")
    assert _notes_about(ada, step) == before + 1
