"""HAZ-029. Given Tom opens the shift briefing and finds Ada in the people search, when Ada opens "Who
has looked at my record", then she reads in plain words that Tom saw her routine, how she communicates
and her name, and where. Every page passes axe."""

from playwright.sync_api import expect


def test_ada_reads_that_tom_saw_her_in_the_briefing_and_the_search(visit):
    tom = visit()
    tom.sign_in("tom")
    tom.goto("/briefing/?shift=early")
    tom.goto("/people/?q=Kowalski")
    tom.close()

    ada = visit()
    ada.sign_in("ada")
    ada.click(role="link", name="See who has looked at your record, and when")
    page = ada.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at my record")
    briefing = page.get_by_role("listitem").filter(has_text="in the shift briefing").first
    expect(briefing).to_contain_text("Tom Okafor (Support worker) saw your")
    expect(briefing).to_contain_text("how you communicate")
    search = page.get_by_role("listitem").filter(has_text="in a search for people").first
    expect(search).to_contain_text("Tom Okafor (Support worker) saw your name")
