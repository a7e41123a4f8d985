"""Given the demo provider, when staff and the person work on "About me", then both see it, in the
person's words, and every page passes axe (WCAG 2.2 AA)."""

from playwright.sync_api import expect


def test_a_key_worker_finds_sam_and_adds_to_about_me_in_sams_words(visit):
    hannah = visit()
    hannah.sign_in("hannah")
    page = hannah.page
    expect(page.get_by_role("heading", level=1)).to_have_text("People we support")

    page.get_by_label("Name or NHS number").fill("Sam")
    hannah.click(name="Search", role="button")
    hannah.click(role="link", name="Sam (Samuel) Carter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sam (Samuel) Carter")

    hannah.click(role="link", name="About me")
    hannah.click(role="link", name="Add to support that feels intrusive to me")
    # Given a blank entry, the form says what is wrong and saves nothing.
    hannah.click(role="button", name="Save")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    page.get_by_label("What they said").fill(
        "Being asked how I am every hour. Once in the morning is enough."
    )
    page.get_by_label("Sam's own words").check()
    hannah.click(role="button", name="Save")
    expect(page.get_by_text("Saved to About me")).to_be_visible()
    expect(page.get_by_text("Being asked how I am every hour.")).to_be_visible()
    expect(page.get_by_text("written with Hannah Reid").first).to_be_visible()


def test_sam_signs_in_and_changes_their_own_words_and_staff_see_what_changed(visit):
    sam = visit()
    sam.sign_in("sam")
    page = sam.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Sam")
    sam.click(role="link", name="Add something to A good day for me")
    page.get_by_label("In your own words").fill("A good day is when my bus is on time and I see my sister.")
    sam.click(role="button", name="Save")
    expect(page.get_by_text("A good day is when my bus is on time")).to_be_visible()
    expect(page.get_by_text("In your own words").first).to_be_visible()
    sam.click(role="link", name="See who has looked at your record, and when")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at my record")

    hannah = visit()
    hannah.sign_in("hannah")
    hannah.goto("/people/")
    hannah.click(role="link", name="Sam (Samuel) Carter")
    hannah.click(role="link", name="What has changed")
    expect(hannah.page.get_by_text("A good day is when my bus is on time").first).to_be_visible()
    expect(hannah.page.get_by_text("(the person)").first).to_be_visible()


def test_two_people_editing_the_same_entry_never_overwrite_each_other(visit):
    hannah, tom = visit(), visit()
    for visitor, username in [(hannah, "hannah"), (tom, "tom")]:
        visitor.sign_in(username)
        visitor.goto("/people/?q=Sam")
        visitor.click(role="link", name="Sam (Samuel) Carter")
        visitor.click(role="link", name="About me")
        visitor.click(role="link", name="Change this entry in A good day for me")

    hannah.page.get_by_label("What they said").fill("Hannah's version")
    hannah.click(role="button", name="Save")
    tom.page.get_by_label("What they said").fill("Tom's version")
    tom.click(role="button", name="Save")
    expect(tom.page.get_by_role("heading", level=1)).to_have_text("This changed since you opened it")
    expect(tom.page.get_by_text("Tom's version")).to_be_visible()
    expect(tom.page.get_by_text("Hannah's version")).to_be_visible()
