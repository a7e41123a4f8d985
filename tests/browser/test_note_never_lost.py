"""A note is never lost on a phone (tracker issue 12, HAZ-032, HAZ-033, scenario 2: Tom records Ada's
morning on his phone).

Given Tom on Ada's recording page, when his session has ended (idle sign-out) and he taps "Done as
agreed", then the note is kept on the phone, says so, and is sent exactly once after he signs in
again. The same for a handover note and an incident. A note kept while a new plan version was agreed
is saved against the step it was written against. A note the server refuses stays on the phone,
flagged, until Tom discards it, and the discard is in the audit trail.

Each deliberate 401 or 400 answer goes to the page's own address, which the browser fixture counts
as the page working (`PAGE_OWN_4XX` in tests/browser/conftest.py), not as a console error."""

from playwright.sync_api import expect

SENT = "has now been sent"


def _ada():
    from lived.people.models import Person

    return Person.objects.get(given_name="Ada")


def _notes_about(person, step_what):
    from lived.notes.models import DailyNote

    return list(DailyNote.objects.filter(person=person, steps__what__startswith=step_what))


def _sign_in_to(visitor, path, username="tom"):
    """Sign in and land on `path`, as the outbox's "Sign in again" link does (and without the shift
    briefing's own background requests racing this test's writes to the test database)."""
    visitor.goto(f"/accounts/sign-in/?next={path}")
    visitor.page.get_by_label("Username").fill(username)
    visitor.page.get_by_label("Password").fill("lived-demo-2026")
    visitor.page.get_by_role("button", name="Sign in").click()
    visitor.page.wait_for_url(f"**{path}")
    visitor.check_accessibility()


def _session_ends(visitor):
    """The 30-minute idle sign-out: the session cookie (and the CSRF cookie with it) is gone."""
    visitor.context.clear_cookies()


def test_a_note_tapped_after_the_session_ended_is_kept_and_sent_once_after_signing_in(visit):
    ada = _ada()
    step = "Quiet time"
    before = len(_notes_about(ada, step))
    tom = visit()
    _sign_in_to(tom, f"/people/{ada.public_id}/notes/record/")
    page = tom.page

    _session_ends(tom)
    page.get_by_role("button", name=f"Done as agreed: {step}").click()
    kept = page.locator("#lived-outbox")
    expect(kept).to_contain_text("Not sent yet: sign in again and it will be sent. Saved on this phone at")
    expect(kept).to_contain_text(f"done as agreed, {step}")
    expect(page.locator("#offline-status")).to_contain_text(
        "Sign in again to send the notes saved on this phone"
    )
    expect(page.get_by_role("link", name="Sign in again")).to_be_visible()
    tom.check_accessibility()
    assert len(_notes_about(ada, step)) == before  # nothing reached the server, nothing was lost

    page.get_by_role("link", name="Sign in again").click()
    tom.check_accessibility()
    page.get_by_label("Username").fill("tom")
    page.get_by_label("Password").fill("lived-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#offline-status")).to_contain_text(SENT)  # back on the recording page
    tom.check_accessibility()
    expect(kept).to_be_hidden()
    assert len(_notes_about(ada, step)) == before + 1
    tom.goto(f"/people/{ada.public_id}/notes/record/")  # a page load sends the outbox again: nothing left
    assert len(_notes_about(ada, step)) == before + 1


def test_a_note_waiting_on_a_page_from_before_signing_in_again_gets_a_fresh_token_and_is_sent(visit):
    """Signed in again in another tab: the first tab's CSRF token is from the old session. The outbox
    fetches this session's token instead of letting the 403 drop the note."""
    ada = _ada()
    step = "Tea first"
    before = len(_notes_about(ada, step))
    tom = visit()
    _sign_in_to(tom, f"/people/{ada.public_id}/notes/record/")
    first_tab = tom.page
    _session_ends(tom)
    first_tab.get_by_role("button", name=f"Done as agreed: {step}").first.click()
    expect(first_tab.locator("#lived-outbox")).to_contain_text("Not sent yet: sign in again")

    tom.page = tom.context.new_page()  # another tab, with no outbox on it, where Tom signs in again
    _sign_in_to(tom, "/people/")
    tom.page.close()
    tom.page = first_tab
    posts = []
    first_tab.on("response", lambda r: r.request.method == "POST" and posts.append(r.status))
    first_tab.evaluate("window.dispatchEvent(new Event('online'))")
    expect(first_tab.locator("#offline-status")).to_contain_text(SENT)
    assert posts == [403, 200]  # the old token refused, this session's one fetched, then saved
    tom.check_accessibility()
    assert len(_notes_about(ada, step)) == before + 1


def test_a_note_kept_offline_while_a_new_version_was_agreed_is_saved_against_the_old_step(visit):
    from lived.accounts.models import User
    from lived.plans import services as plan_services
    from lived.plans.models import PlanVersion, RoutineStep

    ada = _ada()
    step = "Quiet time"
    old = PlanVersion.objects.get(plan__person=ada, status=PlanVersion.Status.AGREED)
    old_step = RoutineStep.objects.get(routine__plan_version=old, what__startswith=step)
    before = len([n for n in _notes_about(ada, step) if old_step in n.steps.all()])
    tom = visit()
    _sign_in_to(tom, f"/people/{ada.public_id}/notes/record/")
    page = tom.page
    tom.context.set_offline(True)
    page.get_by_role("button", name=f"Done as agreed: {step}").click()
    expect(page.locator("#offline-status")).to_contain_text("1 note is waiting to be sent")

    # Meanwhile, in the office, Ada agrees a new version of her plan with Hannah.
    hannah = User.objects.get(username="hannah")
    draft = PlanVersion.objects.filter(plan__person=ada, status=PlanVersion.Status.DRAFT).first()
    draft = draft or plan_services.start_new_draft(actor=hannah, plan=old.plan, reason="Ada's review")
    plan_services.record_response(
        actor=hannah,
        version=draft,
        agrees=True,
        persons_words="Yes, that is me",
        opened_version=draft.version,
    )
    old.refresh_from_db()
    assert old.status == PlanVersion.Status.SUPERSEDED

    tom.context.set_offline(False)
    expect(page.locator("#offline-status")).to_contain_text(SENT)
    tom.check_accessibility()
    # Saved, against the step of the version in force when Tom tapped.
    assert len([n for n in _notes_about(ada, step) if old_step in n.steps.all()]) == before + 1


def test_a_note_the_server_refuses_stays_flagged_until_it_is_discarded_and_the_discard_is_audited(visit):
    from lived.core.models import AuditEvent
    from lived.notes.models import DailyNote

    ada = _ada()
    tom = visit()
    _sign_in_to(tom, f"/people/{ada.public_id}/notes/record/")
    page = tom.page
    tom.context.set_offline(True)
    page.get_by_role("button", name="Done as agreed: Quiet time").click()
    expect(page.locator("#offline-status")).to_contain_text("1 note is waiting to be sent")
    # The phone's clock was a day fast when Tom tapped.
    key = page.evaluate(
        """() => {
        const items = JSON.parse(localStorage.getItem("lived-outbox"));
        const wrong = ([k, v]) => [k, k === "occurred_at" ? "2099-01-01 07:41:00" : v];
        items[0].fields = items[0].fields.map(wrong);
        localStorage.setItem("lived-outbox", JSON.stringify(items));
        return items[0].key;
    }"""
    )
    before = DailyNote.objects.count()

    tom.context.set_offline(False)
    item = page.locator("#lived-outbox li")
    expect(item).to_contain_text("This note could not be saved: The time of the note cannot be in the future")
    tom.check_accessibility()
    tom.goto(f"/people/{ada.public_id}/notes/record/")  # still there, still flagged, after a reload
    expect(item).to_contain_text("This note could not be saved")
    assert DailyNote.objects.count() == before

    item.get_by_label("Why discard it? This is kept in the record").fill("Recorded again with the right time")
    item.get_by_role("button", name="Discard this note").click()
    expect(page.locator("#offline-status")).to_contain_text("The note was discarded")
    expect(page.locator("#lived-outbox")).to_be_hidden()
    tom.check_accessibility()
    row = AuditEvent.objects.get(object_public_id=key)
    assert row.actor.username == "tom" and row.after == {"reason": "Recorded again with the right time"}
    assert ["occurred_at", "2099-01-01 07:41:00"] in row.before["fields"]
    assert "cannot be in the future" in row.before["refused_because"]
    assert page.evaluate("localStorage.getItem('lived-outbox')") == "[]"


def test_an_incident_and_a_handover_written_after_the_session_ended_are_sent_after_signing_in(visit):
    from lived.incidents.models import Incident
    from lived.notes.models import HandoverNote

    ada = _ada()
    words = "Ada asked for a later start tomorrow: she slept badly."
    tom = visit()
    _sign_in_to(tom, f"/people/{ada.public_id}/handover/")
    page = tom.page
    page.get_by_label("Handover note for the next shift").fill(words)
    _session_ends(tom)
    page.get_by_role("button", name="Add to handover").click()
    expect(page.locator("#lived-outbox")).to_contain_text("Handover note about Ada")
    expect(page.locator("#lived-outbox")).to_contain_text("Not sent yet: sign in again and it will be sent.")
    tom.check_accessibility()
    assert not HandoverNote.objects.filter(text=words).exists()

    _sign_in_to(tom, f"/people/{ada.public_id}/incidents/new/")
    page.get_by_label("Type of incident").select_option("distress")
    page.get_by_label("Low").check()
    page.locator("[name='occurred_on[day]']").fill("1")
    page.locator("[name='occurred_on[month]']").fill("1")
    page.locator("[name='occurred_on[year]']").fill("2026")
    page.get_by_label("Time (for example 14:30)").fill("07:41")
    page.get_by_label("Where it happened").fill("the hallway by the stairs")
    page.get_by_label("What happened").fill("Ada was upset after a phone call and settled with tea.")
    page.locator("[name='crisis_plan_used'][value='yes']").check()
    # By now the handover kept earlier has been sent: this page loaded after signing in.
    assert HandoverNote.objects.filter(text=words).count() == 1
    _session_ends(tom)
    page.get_by_role("button", name="Save the incident").click()
    expect(page.locator("#lived-outbox")).to_contain_text("Incident about Ada")
    expect(page.locator("#lived-outbox")).to_contain_text("Not sent yet: sign in again and it will be sent.")
    assert not Incident.objects.filter(place="the hallway by the stairs").exists()

    _sign_in_to(tom, f"/people/{ada.public_id}/incidents/new/")
    expect(page.locator("#offline-status")).to_contain_text(SENT)
    assert Incident.objects.filter(place="the hallway by the stairs").count() == 1
    assert HandoverNote.objects.filter(text=words).count() == 1
