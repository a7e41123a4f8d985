"""Scenario 2: given Ada's weekly anxiety ratings, when she rates herself on her own account, then her
key worker Hannah sees the chart move (the new value in the chart's table). Then Priya's PHQ-9 item-9
alert history and the urgent-alert path: the alert shows the crisis-plan link. Every page passes axe.

Ada has no sign-in in the shared demo data; lived/demo/outcomes_data.py gives her one ("ada")."""

import re

from playwright.sync_api import expect


def _person_id(given_name):
    from lived.people.models import Person

    return Person.objects.get(given_name=given_name).public_id


def test_ada_rates_her_anxiety_and_hannah_sees_the_chart_move(visit):
    ada_id = _person_id("Ada")
    ada = visit()
    ada.sign_in("ada")
    ada.goto(f"/people/{ada_id}/outcomes/")
    page = ada.page
    expect(page.get_by_role("heading", level=2, name="Your outcomes and health")).to_be_visible()
    expect(page.get_by_text("Reliable improvement")).to_be_visible()

    ada.click(role="link", name="Anxiety")
    expect(page.get_by_role("heading", level=1, name="Anxiety")).to_be_visible()
    # The rating is a row of labelled choices (no number box to type 12 into). Given no choice, the
    # form says what is wrong and saves nothing.
    ada.click(role="button", name="Save my rating")
    expect(page.get_by_role("alert")).to_contain_text("Choose a number from 0 to 10")
    scale = page.get_by_role("group", name="How anxious have you felt this week?")
    scale.get_by_label("3", exact=True).check()
    ada.click(role="button", name="Save my rating")
    expect(page.get_by_text("Anxiety: 3 saved")).to_be_visible()
    expect(page.get_by_text("By you, on your account.")).to_be_visible()

    hannah = visit()
    hannah.sign_in("hannah")
    hannah.goto(f"/people/{ada_id}/outcomes/")
    hp = hannah.page
    chart = hp.locator("figure.lived-chart").filter(has_text="Anxiety (0 to 10")
    chart.get_by_text("Show as a table").click()
    last_row = chart.locator("tbody tr").last
    expect(last_row.locator("td")).to_have_text("3")
    expect(chart.locator("tbody tr")).to_have_count(7)
    expect(hp.get_by_text("Latest: 3")).to_be_visible()
    expect(hp.get_by_text("By Ada on their own account.")).to_be_visible()


def test_an_item_9_answer_reaches_the_key_worker_with_the_crisis_plan(visit):
    sam_id = _person_id("Samuel")
    sam = visit()
    sam.sign_in("sam")
    sam.goto(f"/people/{sam_id}/outcomes/questionnaires/phq9/")
    page = sam.page
    for n in range(1, 9):
        page.get_by_role("group", name=re.compile(rf"^{n}\. ")).get_by_label("Not at all").check()
    page.get_by_role("group", name=re.compile(r"^9\. ")).get_by_label("Several days").check()
    sam.click(role="button", name="Save my answers")
    expect(page.get_by_text("One answer needs someone to talk with you today")).to_be_visible()
    expect(page.get_by_role("link", name="Your crisis plan").first).to_be_visible()

    hannah = visit()
    hannah.sign_in("hannah")
    hannah.goto("/outcomes/")
    hp = hannah.page
    expect(hp.get_by_text("Sam (Samuel) Carter").first).to_be_visible()
    expect(hp.get_by_role("link", name="Crisis plan for Sam")).to_have_attribute(
        "href", f"/people/{sam_id}/crisis-plan/"
    )
    hannah.goto(f"/people/{sam_id}/outcomes/")
    hannah.click(role="link", name=re.compile("Acknowledge this alert"))
    hannah.click(role="button", name="Acknowledge the alert")
    expect(hp.get_by_role("alert")).to_contain_text("Say what was done")
    hp.get_by_label("What did you do?").fill(
        "Rang Sam straight away and went through his crisis plan with him."
    )
    hannah.click(role="button", name="Acknowledge the alert")
    expect(hp.get_by_text("Alert acknowledged")).to_be_visible()
    expect(hp.get_by_text("Acknowledged by Hannah Reid")).to_be_visible()
