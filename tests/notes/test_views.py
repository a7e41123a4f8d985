"""Pages: recording (with and without JavaScript), bad input, the briefing (content and constant
queries), handover, the language report and the plans-in-use list."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lived.notes import services
from lived.notes.models import DailyNote, HandoverNote, HandoverRead
from lived.outcomes import briefing as outcomes_briefing
from lived.people import services as people_services
from lived.risk import briefing as risk_briefing
from tests.factories import person_data
from tests.notes.factories import _people, note_data
from tests.plans.factories import agree, make_plan

pytestmark = pytest.mark.django_db


def record_url(person):
    return f"/people/{person.public_id}/notes/record/"


def test_a_routine_step_is_recorded_from_one_button(client, support_worker, person, agreed):
    client.force_login(support_worker)
    page = client.get(record_url(person)).content.decode()
    assert "Done as agreed" in page and "Tea first" in page
    key = str(uuid.uuid4())
    response = client.post(
        record_url(person), {"steps": agreed.tea.pk, "outcome": "as_agreed", "idempotency_key": key}
    )
    assert response.status_code == 302
    note = DailyNote.objects.get()
    assert list(note.steps.all()) == [agreed.tea] and note.author == support_worker


def test_posting_the_same_note_twice_saves_one_note(client, support_worker, person, agreed):
    client.force_login(support_worker)
    data = {
        "steps": agreed.tea.pk,
        "outcome": "as_agreed",
        "idempotency_key": str(uuid.uuid4()),
        "text": "Tea",
    }
    assert client.post(record_url(person), data).status_code == 302
    response = client.post(record_url(person), data, follow=True)
    assert "already saved" in response.content.decode()
    assert DailyNote.objects.count() == 1


def test_the_offline_outbox_gets_json_answers(client, support_worker, person, agreed):
    client.force_login(support_worker)
    data = {
        "steps": agreed.tea.pk,
        "outcome": "as_agreed",
        "idempotency_key": str(uuid.uuid4()),
        "occurred_at": "2026-01-05 08:20:00",
    }
    first = client.post(record_url(person), data, headers={"X-Lived-Offline": "1"})
    again = client.post(record_url(person), data, headers={"X-Lived-Offline": "1"})
    assert first.json()["created"] is True and again.json()["created"] is False
    note = DailyNote.objects.get()
    assert timezone.localtime(note.occurred_at).hour == 8  # the time it was recorded on the phone
    changed = client.post(
        record_url(person), {**data, "text": "Something else"}, headers={"X-Lived-Offline": "1"}
    )
    assert changed.status_code == 400 and "different content" in changed.json()["errors"][0]
    assert DailyNote.objects.count() == 1


@pytest.mark.parametrize(
    "junk",
    [
        {},
        {"idempotency_key": "not-a-uuid", "text": "x"},
        {"outcome": "made-up", "text": "x"},
        {"self_rating": "11", "text": "x"},
        {"steps": "999999", "text": "x"},
        {"text": "   "},
        {"outcome": "declined", "text": "said no"},
        {"text": "x" * 5000},
    ],
)
def test_junk_is_refused_with_the_error_summary_and_nothing_saved(
    client, support_worker, person, agreed, junk
):
    client.force_login(support_worker)
    data = {"idempotency_key": str(uuid.uuid4()), "outcome": "as_agreed", **junk}
    response = client.post(record_url(person), data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not DailyNote.objects.exists()


def test_an_action_from_another_persons_plan_is_a_form_error(
    client, support_worker, senior, person, service, agreed
):
    neighbour = people_services.create_person(
        actor=senior, data=person_data(service, given_name="Nia", nhs_number="")
    )
    theirs = agree(make_plan(neighbour, senior).draft, senior).outcomes.first().actions.first()
    client.force_login(support_worker)
    response = client.post(
        record_url(person),
        {"idempotency_key": str(uuid.uuid4()), "outcome": "as_agreed", "actions": theirs.pk, "text": "x"},
    )
    assert response.status_code == 400
    assert "Choose an action from this person" in response.content.decode()
    assert not DailyNote.objects.exists()


def test_the_person_reads_notes_about_them_but_cannot_write(client, person_user, support_worker, person):
    services.record_note(
        actor=support_worker, person=person, data=note_data(text="Walked to the park", self_rating=7)
    )
    client.force_login(person_user)
    page = client.get(f"/people/{person.public_id}/notes/").content.decode()
    assert "Notes about your support" in page and "Walked to the park" in page
    assert "Record a note" not in page
    assert (
        client.post(record_url(person), {"text": "x", "idempotency_key": str(uuid.uuid4())}).status_code
        == 403
    )


def test_the_notes_page_shows_suggestions_and_the_rating_chart(client, support_worker, person):
    for days_ago, rating in [(3, 4), (2, 6), (1, 8)]:
        services.record_note(
            actor=support_worker,
            person=person,
            data=note_data(
                text="She refused tea",
                self_rating=rating,
                occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
            ),
        )
    client.force_login(support_worker)
    page = client.get(f"/people/{person.public_id}/notes/").content.decode()
    assert "Instead of “refused”" in page
    assert "<svg" in page and "Sam&#39;s own ratings" in page
    assert 'style="' not in page

    # On the person's own account the page, and the chart, speak to them.
    client.force_login(person.user)
    own = client.get(f"/people/{person.public_id}/notes/").content.decode()
    assert "Your own rating of how you feel, 0 to 10" in own
    assert "Sam&#39;s own rating" not in own


def test_a_note_is_corrected_not_edited(client, support_worker, person, agreed):
    note, _ = services.record_note(actor=support_worker, person=person, data=note_data(text="Tea at 8"))
    client.force_login(support_worker)
    url = f"/people/{person.public_id}/notes/{note.public_id}/correct/"
    assert (
        client.post(
            url, {"idempotency_key": str(uuid.uuid4()), "outcome": "note", "text": "Tea at 9"}
        ).status_code
        == 400
    )
    response = client.post(
        url,
        {
            "idempotency_key": str(uuid.uuid4()),
            "outcome": "note",
            "text": "Tea at 9",
            "amendment_reason": "Wrong time",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/people/{person.public_id}/notes/").content.decode()
    assert "Tea at 8" in page and "Tea at 9" in page and "Corrected because: Wrong time" in page


def test_handover_is_added_confirmed_and_shown_to_managers(client, support_worker, senior, manager, person):
    client.force_login(support_worker)
    assert client.post(f"/people/{person.public_id}/handover/", {"text": ""}).status_code == 400
    assert client.post(f"/people/{person.public_id}/handover/", {"text": "Slept well"}).status_code == 302
    handover = HandoverNote.objects.get()
    client.force_login(manager)
    page = client.get("/briefing/handover/").content.decode()
    assert "Slept well" in page and "Senior Tester" in page  # the senior has not read it
    client.force_login(senior)
    briefing = client.get("/briefing/").content.decode()
    assert "Slept well" in briefing and "I have read the handover" in briefing
    client.post(f"/people/{person.public_id}/handover/read/", {"next": "/briefing/"})
    assert HandoverRead.objects.filter(handover=handover, user=senior).exists()


def test_the_briefing_shows_what_good_support_looks_like_this_shift(
    client, support_worker, person, agreed, monkeypatch
):
    def risk(people, since):
        return {
            p.pk: risk_briefing.RiskBriefing(
                crisis_plan_url="/x/",
                stages=[
                    risk_briefing.StageLine("Walking to the shop", "Stage 2 of 3", "Call when back", "/r/")
                ],
                incidents=[
                    risk_briefing.IncidentLine(timezone.now(), "Distress in the kitchen (low)", "/i/")
                ],
            )
            for p in people
        }

    def outcomes(people, since):
        return {
            p.pk: outcomes_briefing.OutcomesBriefing(
                [outcomes_briefing.OutcomeLine("PHQ-9 due", "/o/", True)]
            )
            for p in people
        }

    monkeypatch.setattr(risk_briefing, "briefing_for", risk)
    monkeypatch.setattr(outcomes_briefing, "briefing_for", outcomes)
    client.force_login(support_worker)
    page = client.get("/briefing/?shift=early").content.decode()
    assert "Tea first" in page and "08:00–08:45" in page
    assert "Morning tablets" in page and "Boundary" in page
    assert "Hang on" in page  # the pause words
    assert "You need to" in page  # language to avoid
    assert f"/people/{person.public_id}/crisis-plan/" in page and "Crisis plan in place" in page
    assert "Stage 2 of 3" in page and "Distress in the kitchen" in page and "PHQ-9 due" in page
    assert "Not read by you yet" in page  # the plan was agreed since the last shift
    late = client.get("/briefing/?shift=late").content.decode()
    assert "Tea first" not in late
    agency = client.get("/briefing/?view=agency").content.decode()
    assert "Tea first, quiet time" in agency and "Hang on" in agency


def _briefing_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/briefing/?shift=early").status_code == 200
    return len(ctx)


def test_the_briefing_takes_the_same_queries_for_5_and_60_people(client, service, senior, support_worker):
    _people(5, service, senior)
    small = _briefing_queries(client, support_worker)
    _people(55, service, senior)
    large = _briefing_queries(client, support_worker)
    assert small == large, (small, large)


def test_plans_in_use_lists_people_whose_notes_do_not_use_their_plan(
    client, manager, support_worker, person, agreed
):
    client.force_login(manager)
    assert person.name in client.get("/notes/plans-in-use/").content.decode()  # no notes at all
    services.record_note(actor=support_worker, person=person, data=note_data(steps=[agreed.tea]))
    assert person.name not in client.get("/notes/plans-in-use/").content.decode()
    assert person.name in client.get("/notes/plans-in-use/?show=all").content.decode()


def test_the_language_report_counts_terms_per_month(client, quality_lead, support_worker, person):
    services.record_note(actor=support_worker, person=person, data=note_data(text="Refused. Refusing again."))
    client.force_login(quality_lead)
    page = client.get("/notes/language/").content.decode()
    assert "refused" in page and ">2<" in page.replace(" ", "")


@pytest.mark.parametrize(
    "query", ["?date=2026-13-45", "?date=junk", "?shift=midday", "?service=&shift=&date="]
)
def test_junk_briefing_choices_fall_back_to_the_current_shift(client, support_worker, person, query):
    client.force_login(support_worker)
    response = client.get("/briefing/" + query)
    assert response.status_code == 200
    assert person.name in response.content.decode()


def test_a_service_that_is_not_yours_is_not_found_on_the_briefing(client, support_worker, other_service):
    # Never a silent fallback to another service: the page would say one service and show another.
    client.force_login(support_worker)
    assert client.get("/briefing/?service=junk").status_code == 404
    assert client.get(f"/briefing/?service={other_service.public_id}").status_code == 404


def test_a_circle_member_reads_notes_only_while_the_person_shares_them(
    client, senior, support_worker, person, circle_member, circle_user
):
    services.record_note(actor=support_worker, person=person, data=note_data(text="She refused the walk"))
    services.add_handover(actor=support_worker, person=person, text="Private handover")
    url = f"/people/{person.public_id}/notes/"
    client.force_login(circle_user)
    assert client.get(url).status_code == 403  # only "communication" is shared
    agreement = people_services.agree_sharing(
        actor=senior,
        person=person,
        data={"member": circle_member, "section": "daily_notes", "starts_on": datetime.date(2020, 1, 1)},
    )
    page = client.get(url).content.decode()
    assert "shares their daily notes with you" in page and "She refused the walk" in page
    assert "Private handover" not in page and "Instead of" not in page and "Record a note" not in page
    # No links into the parts of the record that are not shared; a way back to what is.
    assert f"/people/{person.public_id}/about-me/" not in page
    assert f"/circle/{person.public_id}/" in page
    shared = client.get(f"/circle/{person.public_id}/").content.decode()
    assert f'href="{url}"' in shared
    people_services.withdraw_sharing(actor=senior, agreement=agreement, reason="Changed my mind")
    assert client.get(url).status_code == 403


def test_the_notes_page_charts_support_offered_week_by_week(client, support_worker, person, agreed):
    """Scenario 7: are "said no" entries falling and participation rising?"""
    now = timezone.now()
    for days_ago, outcome in [
        (52, "declined"),
        (51, "declined"),
        (50, "as_agreed"),
        (2, "as_agreed"),
        (1, "adjusted"),
    ]:
        extra = {"alternative_offered": "A walk instead", "what_happened_next": "Went for a walk"}
        services.record_note(
            actor=support_worker,
            person=person,
            data=note_data(
                outcome=outcome,
                text="Offered the art group",
                occurred_at=now - datetime.timedelta(days=days_ago),
                steps=[agreed.tea],
                **(extra if outcome == "declined" else {}),
            ),
        )
    from lived.notes.queries import weekly_outcomes

    weekly = weekly_outcomes(person, timezone.localdate())
    assert weekly["declined"] == [2, 0, 0, 0, 0, 0, 0, 0]
    assert weekly["done"][0] == 1 and weekly["done"][-1] == 2
    client.force_login(support_worker)
    page = client.get(f"/people/{person.public_id}/notes/").content.decode()
    assert "Support offered each week, last 8 weeks" in page
    assert "Said no: 2 in the first week, 0 in the last" in page
