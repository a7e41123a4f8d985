"""Observations of practice (C14, issue 15 item 6). Hannah, on a 390 px phone, records a spot check of
Tom supporting Ada with her morning support agreement: without Ada's agreement ticked the observation
is refused with an error summary and nothing is saved; with it, Ada's own words are shown as hers and
Tom reads the observation of his practice. Daniel, the manager, sees the roll-up at Riverside by
quarter and by routine. Hannah corrects a note on the change page. Every page passes axe."""

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"
ADA_SAYS = "Tom waited while I had my tea. I liked that he asked first."


def _count_observations():
    from lived.supervision.models_observations import Observation

    return Observation.objects.count()


def _answer(page, question, answer):
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_a_senior_records_an_observation_on_a_phone_and_the_manager_sees_the_rollup(visit):
    hannah = visit()
    hannah.page.set_viewport_size(PHONE)
    hannah.sign_in("hannah")
    hannah.goto("/supervision/")
    phone = hannah.page
    hannah.click(role="link", name="Observations of practice")
    hannah.click(role="link", name="Record an observation")
    phone.get_by_label("Who was the worker supporting?").select_option(
        label="Ada Kowalski (Riverside Supported Living)"
    )
    hannah.click(role="button", name="Continue")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Observation of practice with Ada")
    phone.get_by_label("Who did you observe?").select_option(label="Tom Okafor")
    phone.get_by_label("Routine: Morning support agreement").check()
    _answer(phone, "Were the agreed words used?", "Yes")
    _answer(phone, "Was the agreed order followed?", "Yes")
    _answer(phone, "Was the arrival window kept?", "Partly")
    phone.get_by_label("About the arrival time").fill("Ten minutes late after the bus")
    _answer(phone, "Were the boundaries kept as agreed?", "Yes")
    _answer(phone, "Were choices offered?", "Yes")
    _answer(phone, "Was consent checked?", "Yes")
    phone.get_by_label("How it went, in Ada's own words").fill(ADA_SAYS)
    phone.get_by_label("Feedback you gave the worker").fill("Lovely pace. Text Ada if the bus is late.")
    before = _count_observations()
    # Without Ada's agreement: refused, with the error summary, and nothing saved.
    hannah.click(role="button", name="Save the observation")
    expect(phone.locator(".nhsuk-error-summary")).to_contain_text("Confirm that Ada agreed to be observed")
    assert _count_observations() == before
    assert phone.evaluate(SIDEWAYS) <= 0
    phone.get_by_label("Ada agreed to be observed").check()
    phone.get_by_label("How they agreed").fill("Said yes when I asked at the door")
    hannah.click(role="button", name="Save the observation")
    expect(phone.get_by_test_id("persons-words")).to_contain_text(ADA_SAYS)
    expect(phone.get_by_test_id("persons-words")).to_contain_text("Ada's own words")
    expect(phone.get_by_test_id("as-agreed")).to_have_text("Not all as agreed")
    assert _count_observations() == before + 1
    assert phone.evaluate(SIDEWAYS) <= 0
    observation_path = phone.url.split("//", 1)[1].split("/", 1)[1]
    # Hannah corrects the note on the arrival time (the change page, against the version she opened).
    hannah.click(role="link", name="Change the observation")
    phone.get_by_label("About the arrival time").fill("Ten minutes late: the bus was held up")
    hannah.click(role="button", name="Save the observation")
    expect(phone.get_by_test_id("answers")).to_contain_text("the bus was held up")

    tom = visit()
    tom.page.set_viewport_size(PHONE)
    tom.sign_in("tom")
    tom.goto("/supervision/")
    tom.click(role="link", name="Observations of practice")
    expect(tom.page.get_by_test_id("about-me")).to_contain_text("Morning support agreement, with Ada")
    tom.goto("/" + observation_path)
    expect(tom.page.get_by_role("heading", level=1)).to_contain_text("Observation: me")
    expect(tom.page.get_by_test_id("feedback")).to_contain_text("Text Ada if the bus is late")

    daniel = visit()
    daniel.sign_in("daniel")
    daniel.goto("/supervision/")
    manager = daniel.page
    daniel.click(role="link", name="Observations of practice")
    # The page opens on the first of Daniel's services by name (Harbour House); he chooses Riverside.
    if manager.locator(".nhsuk-caption-l").inner_text().strip() != "Riverside Supported Living":
        daniel.click(role="link", name="Riverside Supported Living")
    expect(manager.locator(".nhsuk-caption-l")).to_have_text("Riverside Supported Living")
    expect(manager.get_by_test_id("headline")).to_contain_text("Routines followed as agreed in")
    expect(manager.get_by_test_id("quarters")).to_be_visible()
    expect(manager.locator("figure.lived-chart svg").first).to_be_visible()
    expect(manager.get_by_test_id("parts")).to_contain_text("Morning support agreement")
    expect(manager.get_by_test_id("observations")).to_contain_text("Tom Okafor")
