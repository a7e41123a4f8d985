"""Scenario 1, a plan people recognise themselves in. Given the demo provider, when Hannah writes
Sam's plan with him and the quality check flags "promote independence" until it is rewritten, and
Sam agrees on his own account in his words, then the version is agreed and frozen. Every page passes
axe (WCAG 2.2 AA)."""

import re

from playwright.sync_api import expect

VAGUE_ACTION = re.compile("promote independence", re.IGNORECASE)


def _sam():
    from lived.people.models import Person

    return Person.objects.get(user__username="sam")


def _quality_check_installed() -> bool:
    try:
        import lived.plans.quality  # noqa: F401
    except ImportError:
        return False
    return True


def _open_a_draft(hannah):
    """Whatever the demo holds for Sam: start a plan, open the draft, or start a new draft."""
    page = hannah.page
    if page.get_by_role("button", name="Start a plan").count():
        hannah.click(role="button", name="Start a plan")
    elif page.get_by_role("link", name=re.compile(r"^Open the draft")).count():
        hannah.click(role="link", name=re.compile(r"^Open the draft"))
    else:
        hannah.click(role="link", name="Start a new draft")
        page.get_by_label("Why the plan is changing").fill("Sam wants to take over his own money")
        hannah.click(role="button", name="Start a new draft")
    expect(page.get_by_role("heading", level=1)).to_contain_text("(draft)")


def test_hannah_and_sam_write_his_plan_and_sam_agrees_in_his_words(visit):
    sam_record = _sam()
    plan_path = f"/people/{sam_record.public_id}/plan/"

    hannah = visit()
    hannah.sign_in("hannah")
    page = hannah.page
    hannah.goto(f"/people/{sam_record.public_id}/")
    hannah.click(role="link", name="Support plan")
    expect(page.get_by_role("heading", level=2, name="Support plan")).to_be_visible()
    _open_a_draft(hannah)
    draft_url = page.url

    # An outcome in Sam's words, with an action written vaguely.
    hannah.click(role="link", name="Add an outcome")
    hannah.click(role="button", name="Save")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    page.get_by_label("What Sam wants, in their words").fill(
        "I want to do my own food shopping and choose what I eat."
    )
    page.get_by_label("Life area").select_option(label="Home and daily living")
    page.get_by_label("Empowerment").check()
    page.get_by_label("How we will know it is working").fill("Sam's shopping trips, from his own diary")
    hannah.click(role="button", name="Save")
    expect(page.get_by_text("Outcome added to the draft")).to_be_visible()
    expect(page.get_by_text("I want to do my own food shopping and choose what I eat.")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Add an action")).last.click()
    hannah.check_accessibility()
    page.get_by_label("What staff will do").fill("Promote independence")
    hannah.click(role="button", name="Save")
    expect(page.get_by_text("Action added to the draft")).to_be_visible()

    quality = page.locator("#quality")
    if _quality_check_installed():
        expect(quality).to_contain_text("Plan quality check")
        expect(quality).to_contain_text("“Promote independence” is vague")

    # Rewritten with Sam, specifically, with who and when.
    vague = page.locator("li[id^=action-]", has_text=VAGUE_ACTION)
    while vague.count():
        vague.first.get_by_role("link", name=re.compile(r"^Change")).click()
        hannah.check_accessibility()
        page.get_by_label("What staff will do").fill(
            "Walk to the shop with Sam on Mondays. Sam writes the list, chooses and pays; staff carry bags "
            "only if he asks."
        )
        page.get_by_label("Who will do it").select_option(label="Hannah Reid")
        page.get_by_label("When or how often").fill("Mondays after two")
        hannah.click(role="button", name="Save")
        expect(page.get_by_text("Action saved")).to_be_visible()
    expect(page.get_by_text("Sam writes the list, chooses and pays").first).to_be_visible()
    if _quality_check_installed():
        expect(quality).not_to_contain_text("Promote independence")

    # Sam, on his own account, reads the draft and agrees in his words.
    sam = visit()
    sam.sign_in("sam")
    sam.goto(plan_path)
    sam_page = sam.page
    expect(sam_page.get_by_role("heading", level=1)).to_have_text("Your support plan")
    sam.click(role="link", name=re.compile(r"^Read version \d+ and say whether you agree"))
    expect(sam_page.get_by_text("I want to do my own food shopping and choose what I eat.")).to_be_visible()
    expect(sam_page.get_by_text("In your own words").first).to_be_visible()
    sam.click(role="button", name="Say whether you agree")
    expect(sam_page.get_by_role("heading", level=1)).to_have_text("Do you agree with your plan?")
    sam_page.get_by_label("Yes, I agree").check()
    sam_page.get_by_label("In your own words").fill("yes, that's me")
    sam.click(role="button", name="Send my answer")
    expect(sam_page.get_by_text("Thank you. You have agreed your plan, in your words.")).to_be_visible()
    expect(sam_page.get_by_text("This version is agreed and cannot be changed")).to_be_visible()
    expect(sam_page.locator("blockquote", has_text="yes, that's me")).to_be_visible()

    # The version is frozen: no edit links for Hannah, and a change is refused with a clear message.
    hannah.goto(draft_url.split("#")[0].replace(hannah.base_url, ""))
    expect(page.get_by_text("This version is agreed and cannot be changed")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Agreed on .+\. In Sam's words:"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^(Change|Remove|Add an)"))).to_have_count(0)
    hannah.goto(draft_url.split("#")[0].replace(hannah.base_url, "") + "outcomes/add/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("cannot be changed")
    hannah.goto(plan_path)
    expect(page.get_by_text("yes, that's me").first).to_be_visible()


def _riverside_plan_with_everything():
    """An agreed demo plan with a routine, a prompt card and a planning conversation (Ada's, in the demo)."""
    from lived.plans.models import PlanVersion

    version = (
        PlanVersion.objects.filter(
            status=PlanVersion.Status.AGREED,
            plan__person__service__name="Riverside Supported Living",
            routines__steps__isnull=False,
            prompt_cards__isnull=False,
            conversations__isnull=False,
        )
        .select_related("plan__person")
        .first()
    )
    assert version is not None, "the demo should have an agreed plan with routines and prompt cards"
    return version


def test_every_plan_page_and_its_error_states_pass_axe(visit):
    agreed = _riverside_plan_with_everything()
    person = agreed.plan.person
    plan = f"/people/{person.public_id}/plan/"

    hannah = visit()
    hannah.sign_in("hannah")
    page = hannah.page
    hannah.goto(plan)
    hannah.goto(f"{plan}versions/{agreed.number}/")
    hannah.goto(f"{plan}versions/{agreed.number}/readers/")
    hannah.goto(f"{plan}versions/{agreed.number}/confirm-read/")
    hannah.goto(f"{plan}compare/")
    hannah.goto(f"{plan}compare/?from=1&to=1")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    hannah.goto(f"{plan}versions/{agreed.number}/outcomes/add/")  # frozen: a clear message
    expect(page.get_by_role("heading", level=1)).to_contain_text("cannot be changed")

    hannah.goto(f"{plan}settings/")
    page.get_by_label("Review the whole plan every (weeks)").fill("0")
    hannah.click(role="button", name="Save")
    expect(page.get_by_role("alert")).to_contain_text("The number of weeks must be 1 or more")

    hannah.goto(plan)
    if page.get_by_role("link", name="Start a new draft").count():
        hannah.click(role="link", name="Start a new draft")
        hannah.click(role="button", name="Start a new draft")
        expect(page.get_by_role("alert")).to_contain_text("Say why the plan is changing")
        page.get_by_label("Why the plan is changing").fill("Review with the person")
        hannah.click(role="button", name="Start a new draft")
    else:
        hannah.click(role="link", name=re.compile(r"^Open the draft"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("(draft)")
    draft = page.url.split("#")[0].replace(hannah.base_url, "")

    # Every add form, empty: the error summary is accessible too.
    for link in ["Add an outcome", "Add a routine", "Add a prompt card", "Record a planning conversation"]:
        hannah.goto(draft)
        hannah.click(role="link", name=link)
        hannah.click(role="button", name="Save")
        expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    for link in [r"^Add an action", r"^Add a step"]:
        hannah.goto(draft)
        page.get_by_role("link", name=re.compile(link)).first.click()
        hannah.check_accessibility()
        hannah.click(role="button", name="Save")
        expect(page.get_by_role("alert")).to_contain_text("There is a problem")

    # Every change form and a remove page.
    hannah.goto(draft)
    hrefs = page.eval_on_selector_all(
        "a", "links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])"
    )
    changes = {href for text, href in hrefs if text.startswith("Change") and "/versions/" in href}
    removes = [href for text, href in hrefs if text.startswith("Remove") and "/versions/" in href]
    for href in sorted(changes):
        hannah.goto(href)
    hannah.goto(removes[0])
    hannah.click(role="button", name="Continue")
    expect(page.get_by_role("alert")).to_contain_text("Select yes if you want to remove it")

    hannah.goto(draft + "respond/")
    hannah.click(role="button", name=re.compile(r"^Save .*'s answer"))
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
