"""Scenario 7. Given Jo's weekly rhythm, when Tom records that she said no to the art group three
times this week, each time with the alternative offered and what she chose, then a review is raised
by itself and Hannah sees it on Jo's reviews page. Every page passes axe."""

import datetime

from playwright.sync_api import expect


def _jo():
    from lived.people.models import Person

    return Person.objects.get(preferred_name="Jo")


def test_three_declines_raise_a_review_visible_on_jos_reviews_page(visit):
    from lived.notes.models import DailyNote
    from lived.reviews.models import Review

    jo = _jo()
    assert not Review.objects.filter(person=jo, trigger="repeated_declines").exists()
    tom = visit()
    tom.sign_in("tom")
    page = tom.page
    for n, (alternative, chosen) in enumerate(
        [
            ("Drawing at home", "Drew the sanctuary goats for an hour"),
            ("Art group on Thursday instead", "Said maybe Thursday; fed the ducks"),
            ("A short walk to feed the ducks", "Went to feed the ducks"),
        ]
    ):
        tom.goto(f"/people/{jo.public_id}/notes/record/")
        page.get_by_role("checkbox", name="Flexible: the library art group").check()
        page.get_by_role("radio", name="The person said no").check()
        page.get_by_label("If the person said no: the alternative you offered").fill(alternative)
        page.get_by_label("If the person said no: what happened next").fill(chosen)
        if n == 0:
            page.get_by_label("Note", exact=True).fill("Jo refused the art group.")
        with page.expect_navigation():
            page.get_by_role("button", name="Save the note").click()
        expect(page.get_by_text("Note saved")).to_be_visible()
        tom.check_accessibility()
    since = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=10)
    assert DailyNote.objects.filter(person=jo, outcome="declined", occurred_at__gte=since).count() == 3
    assert Review.objects.filter(person=jo, trigger="repeated_declines", status="open").count() == 1

    tom.goto(f"/people/{jo.public_id}/notes/")
    first_decline = page.locator(".lived-note", has_text="Jo refused the art group.").first
    expect(first_decline).to_contain_text("Instead of “refused”")

    hannah = visit()
    hannah.sign_in("hannah")
    hannah.goto(f"/people/{jo.public_id}/reviews/")
    expect(hannah.page.get_by_text("Support declined several times").first).to_be_visible()
    # Seniors see who has not read handover, and whose plans are not being used.
    hannah.goto("/briefing/handover/")
    expect(hannah.page.get_by_role("heading", level=1)).to_have_text("Handover not yet read")
    hannah.goto("/notes/plans-in-use/?show=all")
    expect(hannah.page.get_by_role("link", name="Jo (Joanne) Whitfield")).to_be_visible()


def test_jos_notes_show_said_no_falling_and_participation_rising(visit):
    """Scenario 7, the outcome: over the weeks of her weekly rhythm, fewer "said no" and more done."""
    from lived.people.models import Person

    jo = Person.objects.get(preferred_name="Jo")
    hannah = visit()
    hannah.sign_in("hannah")
    hannah.goto(f"/people/{jo.public_id}/notes/")
    figure = hannah.page.locator("figure", has_text="Support offered each week, last 8 weeks")
    figure.get_by_text("Show as a table").click()
    rows = figure.locator("tbody tr")
    done = [int(rows.nth(i).locator("td").nth(0).inner_text()) for i in range(rows.count())]
    said_no = [int(rows.nth(i).locator("td").nth(1).inner_text()) for i in range(rows.count())]
    # Compare the earlier and later halves of the weeks that have notes: the demo's story is six weeks
    # long, so in an eight-week window which half a week falls in depends on the day of the week.
    first = next(i for i in range(len(done)) if done[i] or said_no[i])
    done, said_no = done[first:], said_no[first:]
    half = len(done) // 2
    assert sum(said_no[:half]) > sum(said_no[-half:]), said_no
    assert sum(done[-half:]) > sum(done[:half]), done
    hannah.check_accessibility()
