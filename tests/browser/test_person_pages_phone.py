"""On a phone (390 pixels wide), the person's own pages read cleanly: no table heading is broken
inside a word, nothing pushes the page sideways, the 0 to 10 rating is a row of labelled choices,
and every page passes axe (tracker issue 12, item 11)."""

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}

# Every word of every table header cell, and whether the browser drew any word across two lines.
BROKEN_HEADER_WORDS = """
() => {
  const broken = [];
  for (const th of document.querySelectorAll("th")) {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const tops = new Set(rects.map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}
"""
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


def _person_id(given_name):
    from lived.people.models import Person

    return Person.objects.get(given_name=given_name).public_id


def _looks_right_on_a_phone(visitor, path):
    visitor.goto(path)
    page = visitor.page
    assert page.evaluate(BROKEN_HEADER_WORDS) == [], f"{path}: table headings broken inside a word"
    assert page.evaluate(SIDEWAYS) <= 0, f"{path}: the page scrolls sideways"


def test_adas_own_pages_on_a_phone_have_whole_words_and_a_scale_to_choose_from(visit):
    ada_id = _person_id("Ada")
    ada = visit()
    ada.page.set_viewport_size(PHONE)
    ada.sign_in("ada")
    for part in ("outcomes/", "changes/", "notes/", "who-has-looked/", "reviews/", "risk/"):
        _looks_right_on_a_phone(ada, f"/people/{ada_id}/{part}")
    _looks_right_on_a_phone(ada, "/me/")

    ada.goto(f"/people/{ada_id}/outcomes/")
    ada.click(role="link", name="Anxiety")
    page = ada.page
    scale = page.get_by_role("group", name="How anxious have you felt this week?")
    expect(scale.get_by_role("radio")).to_have_count(11)
    expect(scale.get_by_label("0 – not anxious at all")).to_be_visible()
    expect(scale.get_by_label("10 – as anxious as I have ever been")).to_be_visible()
    assert page.get_by_role("spinbutton").count() == 0  # no bare number box
    # Given no choice, the form says what is wrong and saves nothing.
    ada.click(role="button", name="Save my rating")
    expect(page.get_by_role("alert")).to_contain_text("Choose a number from 0 to 10")
    scale.get_by_label("4", exact=True).check()
    ada.click(role="button", name="Save my rating")
    expect(page.get_by_text("Anxiety: 4 saved")).to_be_visible()
    assert page.evaluate(BROKEN_HEADER_WORDS) == []


def test_john_reads_on_his_phone_that_his_wishes_are_being_followed(visit):
    john = visit()
    john.page.set_viewport_size(PHONE)
    john.sign_in("john")
    _looks_right_on_a_phone(john, "/me/")
    told = john.page.locator(".lived-wishes-told")
    expect(told).to_contain_text("your wishes for when you are unwell are being followed")
    expect(told).to_contain_text("Hannah Reid (your key worker) decided this because:")
    expect(told).to_contain_text("Michael Adeyemi (dad) can see whether you are well or unwell")
