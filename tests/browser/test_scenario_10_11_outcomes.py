"""Scenarios 10 and 11: the Oakwood Recovery College term comparison (chart and table: social
isolation and unscheduled GP, A&E and mental health visits, start vs end), and the physical health
check due and overdue list for Riverside and Harbour. Every page passes axe."""

import re

from playwright.sync_api import expect


def test_college_term_comparison_and_health_check_lists(visit):
    carys = visit()
    carys.sign_in("carys")
    carys.goto("/outcomes/")
    page = carys.page
    carys.click(role="link", name="Oakwood Recovery College: autumn term")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oakwood Recovery College: autumn term")
    expect(page.locator("figure.lived-chart svg")).to_be_visible()
    table = page.locator("#comparison")
    row = table.locator("tr").filter(has_text="Social isolation")
    expect(row.locator("td")).to_have_text(["5", "7.40", "5.20", "-29.7%", "Better"])
    expect(table.locator("tr").filter(has_text="A&E visits").locator("td")).to_have_text(
        ["5", "0.80", "0.20", "-75.0%", "Better"]
    )
    expect(table.locator("tr").filter(has_text="Unscheduled GP visits")).to_be_visible()
    expect(table.locator("tr").filter(has_text="Unplanned mental health visits")).to_be_visible()
    # Readable on a phone: the chart shrinks to the screen and the page still passes axe.
    page.set_viewport_size({"width": 375, "height": 800})
    carys.check_accessibility()
    box = page.locator("figure.lived-chart svg").bounding_box()
    assert box is not None and box["width"] <= 375

    hannah = visit()
    hannah.sign_in("hannah")
    hannah.goto("/outcomes/")
    hp = hannah.page
    health = hp.locator("table").filter(has_text="Last complete check")
    expect(health.locator("tr").filter(has_text="Leon Baptiste")).to_contain_text("Overdue")
    expect(health.locator("tr").filter(has_text="John Adeyemi")).to_contain_text("Due soon")
    expect(health.locator("tr").filter(has_text=re.compile("Jenny"))).to_contain_text("Overdue")
    expect(health.locator("tr").filter(has_text="Sam (Samuel) Carter")).to_have_count(0)  # up to date
    expect(hp.get_by_text("Book the blood test for HbA1c and cholesterol")).to_be_visible()
    hannah.click(role="link", name="Leon Baptiste")
    expect(hp.get_by_role("heading", name="Physical health checks")).to_be_visible()
    expect(hp.get_by_text("The annual check was due on")).to_be_visible()
