"""Scenario 2, who comes through Ada's door (C13, issue 14): on her phone, Ada opens Who supports me
from her own page, chooses Tom, then Megan, and a small team, and sees it saved. Daniel, her manager,
sees her choices from her record, with the list of people not to send; Tom sees her choices and never
that list, on her page or on Leon's, who has asked for Chris not to be sent. Every page passes axe."""

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


def _person_id(given_name):
    from lived.people.models import Person

    return Person.objects.get(given_name=given_name).public_id


def test_ada_chooses_who_supports_her_on_her_phone_and_her_manager_and_tom_see_it(visit):
    ada_id, leon_id = _person_id("Ada"), _person_id("Leon")
    ada = visit()
    ada.page.set_viewport_size(PHONE)
    ada.sign_in("ada")
    ada.goto("/me/")
    page = ada.page
    ada.click(role="link", name="Who supports you: the people you would like")
    expect(page.get_by_role("heading", level=1, name="Who supports me")).to_be_visible()
    expect(page.get_by_role("heading", name="People I do not want to be sent")).to_be_visible()
    expect(page.get_by_text("I love gardening and football; I speak Polish.").first).to_be_visible()
    assert page.evaluate(SIDEWAYS) <= 0

    ada.click(role="link", name="Change who I would like")
    expect(page.get_by_role("heading", level=1, name="The people I would like to support me")).to_be_visible()
    # Given the same person twice, the form says what is wrong and saves nothing.
    page.get_by_label("First choice").select_option(label="Megan")
    page.get_by_label("Second choice").select_option(label="Megan")
    ada.click(role="button", name="Save my choices")
    expect(page.get_by_role("alert")).to_contain_text("Choose each person only once")

    page.get_by_label("First choice").select_option(label="Tom")
    page.get_by_label("Second choice").select_option(label="Megan")
    page.get_by_label("A language I would like them to speak").fill("Polish")
    page.get_by_label("I would like a small team").check()
    assert page.evaluate(SIDEWAYS) <= 0
    ada.click(role="button", name="Save my choices")
    expect(page.get_by_text("Your choices are saved")).to_be_visible()
    chosen = page.locator("ol.lived-preferred li")
    expect(chosen).to_have_count(2)
    expect(chosen.nth(0)).to_contain_text("Tom")
    expect(chosen.nth(1)).to_contain_text("Megan")
    expect(page.get_by_text("You chose this on your own account")).to_be_visible()
    expect(page.locator(".nhsuk-summary-list")).to_contain_text("Polish")

    daniel = visit()
    daniel.sign_in("daniel")
    daniel.goto(f"/people/{ada_id}/")
    daniel.click(role="link", name="Who supports Ada: their choices")
    dp = daniel.page
    expect(dp.locator("ol.lived-preferred li").nth(0)).to_contain_text("Tom")
    expect(dp.locator("ol.lived-preferred li").nth(1)).to_contain_text("Megan")
    expect(dp.get_by_text("Chosen by Ada on their own account")).to_be_visible()
    expect(dp.get_by_role("heading", name="People not to send")).to_be_visible()
    daniel.goto(f"/people/{leon_id}/who-supports-me/")
    expect(dp.locator(".lived-not-to-send")).to_contain_text("talks over him")

    tom = visit()
    tom.sign_in("tom")
    tom.goto(f"/people/{ada_id}/who-supports-me/")
    tp = tom.page
    expect(tp.locator("ol.lived-preferred li").nth(0)).to_contain_text("Tom")
    expect(tp.get_by_text("A small team")).to_be_visible()
    expect(tp.get_by_role("heading", name="People not to send")).to_have_count(0)
    tom.goto(f"/people/{leon_id}/who-supports-me/")
    expect(tp.get_by_role("heading", name="People not to send")).to_have_count(0)
    expect(tp.locator("body")).not_to_contain_text("talks over him")
    expect(tp.locator("body")).not_to_contain_text("not to send")
