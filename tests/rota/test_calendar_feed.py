"""A worker's private calendar feed (C13, issue 14; RFC 5545). The `icalendar` library is not
installed, so the feed is read back here by a strict reader of the RFC's own rules: CRLF endings,
lines of at most 75 octets, folding, escaped text. The address's secret is shown once and only its
SHA-256 kept; a new address or turning it off archives the old one (404 at once); the feed holds the
person's first name and times only, with a stable UID per session, and drops cancelled or replaced
sessions; making and turning off are audited; its last use is written at most once an hour."""

import datetime
import hashlib
import re

import icalendar
import pytest
from django.utils import timezone

from lived.core.models import AuditEvent
from lived.rota import ical
from lived.rota.models import CalendarFeed, SupportSession
from lived.rota.my_week import make_feed, note_use, turn_off_feed
from tests.rota import published as rows

pytestmark = pytest.mark.django_db


def parse(text: str) -> list[dict]:
    """The VEVENTs of an iCalendar text, each as {property name: value}, after checking the RFC's
    line rules (3.1) on every physical line."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert "\n" not in line and "\r" not in line, "a bare LF or CR"
        assert len(line.encode("utf-8")) <= 75, f"longer than 75 octets: {line!r}"
    unfolded: list[str] = []
    for line in physical:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in unfolded and any(line.startswith("PRODID:") for line in unfolded)
    events, current = [], None
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name.split(";")[0]] = value
    return events


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


@pytest.fixture
def this_week(service, person, tom, megan):
    start = rows.monday()
    allocation = rows.publish(service, start)
    morning = rows.session(service, person, start, what="Help with insulin and a shower")
    evening = rows.session(service, person, start + datetime.timedelta(days=1), "18:00", "18:30", 45)
    megans = rows.session(service, person, start + datetime.timedelta(days=2), "09:00", "09:30")
    rows.assign(allocation, morning, tom)
    rows.assign(allocation, evening, tom)
    rows.assign(allocation, megans, megan)
    return allocation, morning, evening


def _feed(client, tom):
    client.force_login(tom)
    response = client.post("/rota/my-week/calendar/", {"action": "new"})
    assert response.status_code == 200
    (url,) = re.findall(r"http://testserver(/rota/calendar/[A-Za-z0-9_-]+\.ics)", response.content.decode())
    client.logout()
    return url


def test_the_feed_holds_the_workers_own_sessions_with_first_names_and_times_only(
    client, this_week, tom, person
):
    _allocation, morning, evening = this_week
    url = _feed(client, tom)
    response = client.get(url)  # signed out: a calendar app
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    events = parse(text)
    assert [e["UID"] for e in events] == [
        f"session-{morning.public_id}@lived",
        f"session-{evening.public_id}@lived",
    ]
    assert {e["SUMMARY"] for e in events} == {person.known_as}
    # 08:00 in London on the day, whether GMT or BST, as UTC.
    start = datetime.datetime.combine(morning.date, datetime.time(8), tzinfo=timezone.get_current_timezone())
    assert events[0]["DTSTART"] == start.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    end = start + datetime.timedelta(minutes=30)
    assert events[0]["DTEND"] == end.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert all(re.fullmatch(r"\d{8}T\d{6}Z", e["DTSTAMP"]) for e in events)
    assert unescape(events[0]["DESCRIPTION"]) == "Arrive between 08:00 and 08:45. 30 minutes."
    # No health data: not what the session is for, no family name, no address, no NHS number.
    for private in ["insulin", "shower", person.family_name, person.nhs_number or "no nhs number"]:
        assert private not in text
    assert "09:00" not in unescape(text)  # Megan's session is not in Tom's feed


def test_the_uids_are_stable_and_cancelled_or_replaced_sessions_drop_out(client, this_week, tom):
    _allocation, morning, evening = this_week
    url = _feed(client, tom)
    first = parse(client.get(url).content.decode())
    again = parse(client.get(url).content.decode())
    assert [e["UID"] for e in first] == [e["UID"] for e in again]
    SupportSession.objects.filter(pk=morning.pk).update(status=SupportSession.Status.CANCELLED)
    evening.assignments.update(replaced_at=timezone.now())
    assert parse(client.get(url).content.decode()) == []


def test_only_the_hash_is_stored_and_the_address_is_shown_once(client, tom):
    url = _feed(client, tom)
    secret = url.removeprefix("/rota/calendar/").removesuffix(".ics")
    assert len(secret) >= 43
    feed = CalendarFeed.objects.get(user=tom, archived_at__isnull=True)
    assert feed.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    client.force_login(tom)
    page = client.get("/rota/my-week/calendar/").content.decode()
    assert secret not in page and "Your calendar address is on" in page


def test_a_new_address_or_turning_it_off_stops_the_old_one_at_once(client, tom):
    old = _feed(client, tom)
    new = _feed(client, tom)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.filter(user=tom).count() == 2
    assert CalendarFeed.objects.filter(user=tom, archived_at__isnull=True).count() == 1
    client.force_login(tom)
    response = client.post("/rota/my-week/calendar/", {"action": "off"})
    assert response.status_code == 302
    client.logout()
    assert client.get(new).status_code == 404
    assert not CalendarFeed.objects.filter(user=tom, archived_at__isnull=True).exists()


def test_making_and_turning_off_are_audited(tom):
    make_feed(actor=tom)
    make_feed(actor=tom)
    turn_off_feed(actor=tom)
    assert turn_off_feed(actor=tom) is None  # a second tap changes nothing
    whats = list(
        AuditEvent.objects.filter(object_type="rota.CalendarFeed")
        .order_by("id")
        .values_list("action", "what")
    )
    assert [a for a, _w in whats] == ["create", "archive", "create", "archive"]
    assert all(w.startswith("Calendar address") for _a, w in whats)


def test_an_unknown_secret_is_not_found_and_a_deactivated_worker_has_no_feed(client, tom):
    assert client.get("/rota/calendar/" + "x" * 43 + ".ics").status_code == 404
    url = _feed(client, tom)
    tom.is_active = False
    tom.save(update_fields=["is_active"])
    assert client.get(url).status_code == 404


def test_last_use_is_written_at_most_once_an_hour(tom):
    feed, _secret = make_feed(actor=tom)
    now = timezone.now()
    note_use(feed, now)
    note_use(feed, now + datetime.timedelta(minutes=59))
    feed.refresh_from_db()
    assert feed.last_used_at == now
    note_use(feed, now + datetime.timedelta(minutes=61))
    feed.refresh_from_db()
    assert feed.last_used_at == now + datetime.timedelta(minutes=61)


def test_a_junk_post_saves_nothing(client, tom):
    client.force_login(tom)
    response = client.post("/rota/my-week/calendar/", {"action": "everything"})
    assert response.status_code == 400
    assert "Choose what to do" in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_lines_are_folded_at_75_octets_without_splitting_a_character():
    event = ical.Event(
        uid="u@lived",
        stamp=timezone.now(),
        start=timezone.now(),
        end=timezone.now(),
        summary="Zoë, Łucja; and Ægir, " * 6,
        description="line one\nline two, with a comma; and a back\\slash",
    )
    text = ical.calendar("My week", [event])
    (parsed,) = parse(text)
    assert unescape(parsed["SUMMARY"]) == "Zoë, Łucja; and Ægir, " * 6
    assert unescape(parsed["DESCRIPTION"]) == "line one\nline two, with a comma; and a back\\slash"


def test_the_library_reads_back_what_it_wrote():
    start = datetime.datetime(2030, 7, 1, 7, 0, tzinfo=datetime.UTC)
    event = ical.Event(
        uid="s1@lived", stamp=start, start=start, end=start + datetime.timedelta(minutes=30), summary="Ada"
    )
    (parsed,) = icalendar.Calendar.from_ical(ical.calendar("My week", [event])).walk("VEVENT")
    assert str(parsed["SUMMARY"]) == "Ada" and parsed.decoded("DTSTART") == start
