"""Issue 12 item 8. Given Daniel manages Riverside and Harbour House and Riverside has handover not
yet read, when he opens "Handover not yet read", then it opens on Riverside and says why. Given Farah
opens Sam's audit trail, when she filters to sharing and consent, then the withdrawn daily-notes
sharing agreement is on the first page. Every page passes axe."""

import re

from playwright.sync_api import expect


def test_daniel_opens_unread_handover_on_riverside_and_is_told_why(visit):
    daniel = visit()
    daniel.sign_in("daniel")
    daniel.goto("/briefing/handover/")
    shown = daniel.page.get_by_test_id("service-shown")
    riverside = re.compile(r"Showing Riverside Supported Living, where \d+ handover notes? (is|are) not read")
    expect(shown).to_contain_text(riverside)
    expect(shown.get_by_role("link", name="Harbour House")).to_be_visible()
    daniel.goto("/risk/")
    expect(daniel.page.get_by_test_id("service-shown")).to_contain_text("Showing ")


def test_farah_finds_the_withdrawn_sharing_agreement_with_the_sharing_filter(visit):
    from lived.people.models import Person

    sam = Person.objects.get(given_name="Samuel", family_name="Carter")
    farah = visit()
    farah.sign_in("farah")
    farah.goto(f"/people/{sam.public_id}/audit/")
    page = farah.page
    page.get_by_label("Kind of change").select_option(label="Sharing and consent")
    farah.click(role="button", name="Filter the audit trail")
    expect(page.get_by_role("table")).to_contain_text("Sharing withdrawn: Daily notes with Bea")
    page.get_by_label("Day").first.fill("31")
    page.get_by_label("Month").first.fill("2")
    page.get_by_label("Year").first.fill("2026")
    farah.click(role="button", name="Filter the audit trail")
    expect(page.get_by_role("alert")).to_contain_text("Enter a real date")
