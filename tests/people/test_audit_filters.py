"""A person's audit trail can be narrowed by kind of change, who and dates, hides page views unless
asked (saying how many), pages with the filters kept, and answers bad filters with an NHS-style error,
never a 500."""

import datetime
import html
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from lived.accounts.models import User
from lived.core.models import AuditEvent
from lived.people import services
from lived.people.models import Person, SharedSection

pytestmark = pytest.mark.django_db


def audit_url(person):
    return f"/people/{person.public_id}/audit/"


def page_of(client, person, query=""):
    response = client.get(audit_url(person) + query)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def table_of(page: str) -> str:
    match = re.search(r"<table.*?</table>", page, re.S)
    return match.group(0) if match else ""


@pytest.fixture
def withdrawn(person, senior):
    member = services.add_circle_member(
        actor=senior, person=person, data={"name": "Bea", "relationship": "friend"}
    )
    agreement = services.agree_sharing(
        actor=senior,
        person=person,
        data={"member": member, "section": SharedSection.DAILY_NOTES, "starts_on": timezone.localdate()},
    )
    return services.withdraw_sharing(actor=senior, agreement=agreement, reason="Sam asked")


def test_sams_withdrawn_daily_notes_sharing_is_on_page_one_of_the_sharing_filter(client):
    call_command("load_demo", verbosity=0)
    sam = Person.objects.get(given_name="Samuel", family_name="Carter")
    farah = User.objects.get(username="farah")
    # A few weeks of use: hundreds of "Viewed" rows newer than the withdrawal.
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=farah,
            actor_description="Farah Qureshi (Quality lead)",
            action=AuditEvent.Action.VIEW,
            object_type="people.Person",
            object_public_id=sam.public_id,
            person_public_id=sam.public_id,
            what="Record",
        )
        for _ in range(350)
    )
    client.force_login(farah)
    page = page_of(client, sam, "?kind=sharing")
    rows = table_of(page)
    assert "Sharing withdrawn: Daily notes with Bea" in rows
    assert "Viewed" not in rows and "About me:" not in rows


def test_the_kind_filter_shows_only_that_kind_of_change(client, manager, person, withdrawn):
    client.force_login(manager)
    rows = table_of(page_of(client, person, "?kind=sharing"))
    assert "Sharing withdrawn" in rows and "Sharing: Daily notes with Bea" in rows
    assert "About me: A good day for me" not in rows
    about = table_of(page_of(client, person, "?kind=about_me"))
    assert "About me: A good day for me" in about and "Sharing withdrawn" not in about


def test_views_are_hidden_by_default_and_the_page_says_how_many(client, manager, support_worker, person):
    client.force_login(support_worker)
    for _ in range(3):
        client.get(f"/people/{person.public_id}/")
    client.force_login(manager)
    page = page_of(client, person)
    assert "Viewed" not in table_of(page)
    assert "3 times someone only viewed the record are hidden." in page
    assert "show_views=true" in page
    shown = page_of(client, person, "?show_views=true")
    assert "Viewed" in table_of(shown) and "are hidden" not in shown
    assert "Viewed" in table_of(page_of(client, person, "?kind=views"))


def test_the_who_filter_lists_only_people_in_this_trail(client, manager, senior, person, outsider, withdrawn):
    client.force_login(manager)
    page = page_of(client, person)
    assert "Senior Tester" in page and "Outsider Tester" not in page
    rows = table_of(page_of(client, person, f"?who={senior.public_id}"))
    assert "Sharing withdrawn" in rows
    mine = table_of(page_of(client, person, f"?who={manager.public_id}&show_views=true"))
    assert "Sharing withdrawn" not in mine
    refused = page_of(client, person, f"?who={outsider.public_id}")
    assert "There is a problem" in refused and "Choose someone from the list" in refused


def test_the_date_range_keeps_rows_on_those_days(client, manager, person, withdrawn):
    AuditEvent.objects.filter(person_public_id=person.public_id, action="withdraw").update(
        at=timezone.make_aware(datetime.datetime(2026, 3, 10, 23, 30))
    )
    client.force_login(manager)
    on_the_day = table_of(
        page_of(
            client,
            person,
            "?date_from[day]=10&date_from[month]=3&date_from[year]=2026"
            "&date_to[day]=10&date_to[month]=3&date_to[year]=2026",
        )
    )
    assert "Sharing withdrawn" in on_the_day and "About me: A good day" not in on_the_day
    after = table_of(page_of(client, person, "?date_from[day]=11&date_from[month]=3&date_from[year]=2026"))
    assert "Sharing withdrawn" not in after and "About me: A good day" in after


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?date_from[day]=31&date_from[month]=2&date_from[year]=2026", "Enter a real date"),
        ("?date_from[day]=3&date_from[month]=&date_from[year]=2026", "Enter a day, month and year"),
        ("?date_from[day]=x&date_from[month]=y&date_from[year]=z", "Enter a real date"),
        (
            "?date_from[day]=5&date_from[month]=3&date_from[year]=2026"
            "&date_to[day]=1&date_to[month]=3&date_to[year]=2026",
            "The ‘to’ date must be the same as or after the ‘from’ date",
        ),
        ("?kind=nonsense", "Choose a kind of change from the list"),
        ("?who=not-a-person", "Choose someone from the list"),
    ],
)
def test_bad_filters_get_an_error_summary_not_a_500(client, manager, person, query, message):
    client.force_login(manager)
    page = page_of(client, person, query)
    assert "There is a problem" in page and message in page
    assert "<title>Error: Audit trail" in page
    assert "About me: A good day for me" in table_of(page)  # the trail still shows, unfiltered by it


def test_pages_keep_the_filters(client, manager, senior, person, withdrawn):
    for n in range(105):
        services.add_about_me_entry(
            actor=senior, person=person, section="good_day", text=f"Entry {n}", in_persons_words=True
        )
    client.force_login(manager)
    page = page_of(client, person, "?kind=about_me")
    assert 'href="?kind=about_me&page=2"' in page
    second = table_of(page_of(client, person, "?kind=about_me&page=2"))
    assert "Record created" in second and "Sharing" not in second
