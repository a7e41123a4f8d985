"""What a worker typed survives an expired session, in every form (ADR 0022, HAZ-043; scenario 1:
Hannah writes Sam's plan with him; scenario 8: Jenny's crisis plan).

Given Hannah typing into a form that is not one of the phone's outbox forms, when her session ends
(the 30-minute idle sign-out: the cookies are gone) and she presses Save, then the sign-in page brings
her back to the form with her words and the notice, and saving keeps them. The words are kept in this
tab only (sessionStorage), for her only, are never put over a field someone changed meanwhile, and are
gone after a save, a discard or signing out. axe runs on every page visited."""

import re

from django.db.models import F
from django.urls import reverse
from playwright.sync_api import expect

NOTICE = "We kept what you typed before you were signed out. Check it, then save."


def _person(given_name):
    from lived.people.models import Person

    return (
        Person.objects.get(user__username="sam")
        if given_name == "Sam"
        else Person.objects.get(family_name="Osei")
    )


def _sams_draft_outcome():
    from lived.plans.models import PlanVersion

    sam = _person("Sam")
    draft = PlanVersion.objects.get(plan__person=sam, status=PlanVersion.Status.DRAFT)
    outcome = draft.outcomes.order_by("order", "pk").first()
    return outcome, reverse("plans:edit_outcome", args=[sam.public_id, draft.number, outcome.public_id])


def _sign_in_to(visitor, path, username):
    visitor.goto(f"/accounts/sign-in/?next={path}")
    _sign_in_here(visitor, username, path)


def _sign_in_here(visitor, username, path):
    """On the sign-in page the session's end sent the visitor to: sign in, and land on `path`."""
    page = visitor.page
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    visitor.check_accessibility()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("lived-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{path}")
    visitor.check_accessibility()


def _session_ends(visitor):
    """The 30-minute idle sign-out: the session cookie (and the CSRF cookie with it) is gone."""
    visitor.context.clear_cookies()


def _kept(page):
    """Everything this tab keeps, as text: the drafts in sessionStorage, and all of localStorage."""
    return page.evaluate(
        """() => ({
            session: Object.keys(sessionStorage).filter((k) => k.startsWith("lived-draft|"))
                .map((k) => k + "=" + sessionStorage.getItem(k)).join("\\n"),
            local: Object.keys(localStorage).map((k) => k + "=" + localStorage.getItem(k)).join("\\n"),
        })"""
    )


def _type_then_lose_the_session(visitor, label, words):
    page = visitor.page
    page.get_by_label(label).fill(words)
    _session_ends(visitor)
    page.get_by_role("button", name="Save").click()


def test_hannahs_words_in_sams_outcome_come_back_after_signing_in_again_and_are_saved(visit):
    outcome, path = _sams_draft_outcome()
    words = "I want to do my own food shopping on Saturdays, with Hannah for the first month."
    hannah = visit()
    _sign_in_to(hannah, path, "hannah")
    page = hannah.page
    label = "What Sam wants, in their words"

    _type_then_lose_the_session(hannah, label, words)
    _sign_in_here(hannah, "hannah", path)

    expect(page.get_by_text(NOTICE)).to_be_visible()
    expect(page.get_by_label(label)).to_have_value(words)
    expect(page.get_by_role("button", name="Discard what was kept")).to_be_visible()
    hannah.click(role="button", name="Save")
    expect(page.get_by_text("Outcome saved")).to_be_visible()
    outcome.refresh_from_db()
    assert outcome.in_persons_words == words


def test_hannahs_words_in_jennys_crisis_plan_come_back_after_signing_in_again(visit):
    jenny = _person("Jenny")
    plan = jenny.crisis_plan
    path = reverse("crisis:edit_crisis_plan", args=[jenny.public_id])
    words = "Sit with Jenny somewhere quiet and let her talk about her children first."
    hannah = visit()
    _sign_in_to(hannah, path, "hannah")
    page = hannah.page
    drawn_avoid = page.get_by_label("Language and actions to avoid").input_value()

    _type_then_lose_the_session(hannah, "What helps", words)
    _sign_in_here(hannah, "hannah", path)

    expect(page.get_by_text(NOTICE)).to_be_visible()
    expect(page.get_by_label("What helps")).to_have_value(words)
    expect(page.get_by_label("Language and actions to avoid")).to_have_value(drawn_avoid)
    hannah.click(role="button", name="Save")
    expect(page.get_by_text("Crisis plan saved")).to_be_visible()
    plan.refresh_from_db()
    assert plan.what_helps == words


def test_someone_else_signing_in_in_the_same_tab_never_sees_the_kept_words(visit):
    outcome, path = _sams_draft_outcome()
    words = "Hannah's words, typed just before her session ended."
    hannah = visit()
    _sign_in_to(hannah, path, "hannah")
    page = hannah.page
    _type_then_lose_the_session(hannah, "What Sam wants, in their words", words)
    kept = _kept(page)
    assert words in kept["session"]  # kept in this tab while nobody is signed in
    assert words not in kept["local"]

    # Daniel, a manager who may edit Sam's draft too, signs in in the same tab.
    _sign_in_here(hannah, "daniel", path)
    expect(page.get_by_text(NOTICE)).to_have_count(0)
    expect(page.get_by_label("What Sam wants, in their words")).to_have_value(outcome.in_persons_words)
    kept = _kept(page)
    assert words not in kept["session"] and words not in kept["local"]
    assert "daniel" not in kept["session"]  # the sign-in form is never kept
    assert "/accounts/" not in kept["session"]


def test_after_a_save_the_form_opens_with_no_notice_and_nothing_is_kept(visit):
    outcome, path = _sams_draft_outcome()
    words = "I want to cook a curry for my sister once a month."
    hannah = visit()
    _sign_in_to(hannah, path, "hannah")
    page = hannah.page
    page.get_by_label("What Sam wants, in their words").fill(words)
    page.wait_for_function("() => Object.keys(sessionStorage).some((k) => k.startsWith('lived-draft|'))")
    hannah.click(role="button", name="Save")
    expect(page.get_by_text("Outcome saved")).to_be_visible()
    assert _kept(page)["session"] == ""

    hannah.goto(path)
    expect(page.get_by_text(NOTICE)).to_have_count(0)
    expect(page.get_by_label("What Sam wants, in their words")).to_have_value(words)
    outcome.refresh_from_db()
    assert outcome.in_persons_words == words


def test_a_field_someone_else_changed_meanwhile_is_not_overwritten_and_the_words_are_shown_beside_it(visit):
    from lived.plans.models import Outcome

    outcome, path = _sams_draft_outcome()
    words = "Hannah's version, typed before her session ended."
    theirs = "I want to shop for myself, on my own, by the summer."
    hannah = visit()
    _sign_in_to(hannah, path, "hannah")
    page = hannah.page
    _type_then_lose_the_session(hannah, "What Sam wants, in their words", words)
    # Meanwhile someone else saves a change to the same outcome.
    Outcome.objects.filter(pk=outcome.pk).update(in_persons_words=theirs, version=F("version") + 1)

    _sign_in_here(hannah, "hannah", path)
    expect(page.get_by_text(NOTICE)).to_be_visible()
    expect(page.get_by_text("Someone changed part of this since you began")).to_be_visible()
    expect(page.get_by_label("What Sam wants, in their words")).to_have_value(theirs)
    kept_block = page.locator("details", has_text="What you typed before you were signed out")
    expect(kept_block).to_contain_text(words)
    hannah.check_accessibility()


def test_discard_and_signing_out_forget_what_was_kept(visit):
    outcome, path = _sams_draft_outcome()
    words = "Words Hannah decides not to keep."
    hannah = visit()
    _sign_in_to(hannah, path, "hannah")
    page = hannah.page
    label = "What Sam wants, in their words"
    _type_then_lose_the_session(hannah, label, words)
    _sign_in_here(hannah, "hannah", path)
    expect(page.get_by_label(label)).to_have_value(words)

    hannah.click(role="button", name="Discard what was kept")
    expect(page.get_by_text(NOTICE)).to_have_count(0)
    expect(page.get_by_label(label)).to_have_value(outcome.in_persons_words)
    assert _kept(page)["session"] == ""

    # Typed again, then Hannah signs out: nothing typed outlives signing out.
    page.get_by_label(label).fill(words)
    page.wait_for_function("() => Object.keys(sessionStorage).some((k) => k.startsWith('lived-draft|'))")
    page.get_by_role("link", name="Sign out").click()
    page.wait_for_url(re.compile("/accounts/sign-out/"))
    hannah.check_accessibility()
    page.get_by_role("button", name="Sign out").click()
    # Checked only once the signed-out page has loaded: axe on the page being left fails at random.
    page.wait_for_url(re.compile("/accounts/sign-in/"))
    expect(page.get_by_text("You have signed out")).to_be_visible()
    hannah.check_accessibility()
    assert _kept(page)["session"] == ""
