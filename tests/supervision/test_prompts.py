"""Personalisation prompts (issue 15, items 3 and 4): drawn from the worker's own records since their
last session, shown on the record with counts and links (never the notes' words), noted per prompt by
the supervisor; a library of journey-stage prompts quality leads add and retire; prompts on a
review's agenda. Every test here would fail if the prompts stopped coming from the records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lived.core.models import AuditEvent
from lived.incidents import services as incidents_services
from lived.notes import services as note_services
from lived.people import services as people_services
from lived.people.models import CommunicationProfile
from lived.plans.models import ReadConfirmation
from lived.plans.queries import agreed_steps
from lived.reviews import services as review_services
from lived.supervision import services, services_prompts, starting_prompts
from lived.supervision.models import Prompt, ReviewAgendaPrompt, SessionPrompt, Supervision
from lived.supervision.prompts import (
    CASELOAD_CODES,
    CONSENT,
    DECLINES,
    FLEX_SAME_WAY,
    LANGUAGE,
    PLAN_CHANGED,
    RESTRICTIVE,
    caseload_evidence,
    prompts_for_record,
)
from tests.factories import person_data
from tests.incidents.factories import incident_data
from tests.notes.factories import note_data
from tests.plans.factories import agree, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def prompts(db):
    starting_prompts.ensure(Prompt)
    return {p.code: p for p in Prompt.objects.all()}


@pytest.fixture
def plan(person, senior, person_user):
    """The person's plan, agreed today: 'Tea first' can flex, 'Morning tablets' is a boundary."""
    agree(make_plan(person, senior).draft, person_user)
    steps = {s.what: s for s in agreed_steps(person)}
    return steps


@pytest.fixture
def session(senior, support_worker, today, prompts):
    """A session held today: the window runs over the weeks before it, up to the end of today."""
    return services.start_supervision(actor=senior, worker=support_worker, held_on=today, kind="one_to_one")


def note(worker, person, hours_ago=2, **data):
    data.setdefault("occurred_at", timezone.now() - datetime.timedelta(hours=hours_ago))
    return note_services.record_note(actor=worker, person=person, data=note_data(**data))[0]


def evidence(record, viewer, code):
    return caseload_evidence(record, viewer)[code]


def test_the_data_migration_seeds_the_six_caseload_prompts_and_every_journey_stage(prompts):
    assert {c for c, p in prompts.items() if p.kind == "caseload"} == set(CASELOAD_CODES)
    stages = {p.stage for p in prompts.values() if p.kind == "journey"}
    assert stages == set(Prompt.Stage.values)
    for p in prompts.values():
        for word in ("service user", "patient", "client"):
            assert word not in p.wording.lower()


def test_steps_repeatedly_declined_are_counted_from_the_workers_notes(
    session, senior, support_worker, person, plan
):
    tea = plan["Tea first"]
    note(support_worker, person, steps=[tea], outcome="declined", alternative_offered="Later")
    assert evidence(session, senior, DECLINES) == []  # once is not "repeatedly"
    note(support_worker, person, steps=[tea], outcome="declined", alternative_offered="Later")
    [line] = evidence(session, senior, DECLINES)
    assert "said no 2 times in 2 notes" in line.text
    assert line.url == f"/people/{person.public_id}/notes/"
    note(support_worker, person, steps=[tea], outcome="declined", alternative_offered="Later")
    [line] = evidence(session, senior, DECLINES)
    assert "said no 3 times in 3 notes" in line.text


def test_another_workers_notes_and_notes_before_the_last_signed_session_do_not_count(
    senior, support_worker, colleague, person, plan, today, prompts
):
    tea = plan["Tea first"]
    for _ in range(3):
        note(colleague, person, steps=[tea], outcome="declined")
    for _ in range(3):
        note(support_worker, person, hours_ago=24 * 10, steps=[tea], outcome="declined")
    earlier = services.start_supervision(
        actor=senior, worker=support_worker, held_on=today - datetime.timedelta(days=5), kind="one_to_one"
    )
    services.sign(actor=support_worker, record=earlier, opened_version=earlier.version)
    earlier.refresh_from_db()
    services.sign(actor=senior, record=earlier, opened_version=earlier.version)
    session = services.start_supervision(
        actor=senior, worker=support_worker, held_on=today, kind="one_to_one"
    )
    assert evidence(session, senior, DECLINES) == []
    note(support_worker, person, steps=[tea], outcome="declined")
    note(support_worker, person, steps=[tea], outcome="declined")
    assert len(evidence(session, senior, DECLINES)) == 1


def test_a_flexible_step_always_done_the_same_way_is_found_and_one_change_clears_it(
    session, senior, support_worker, person, plan
):
    tea, meds = plan["Tea first"], plan["Morning tablets"]
    for _ in range(3):
        note(support_worker, person, steps=[tea, meds], chosen="Tea")
    [line] = evidence(session, senior, FLEX_SAME_WAY)
    assert "Morning support agreement" in line.text and "“Tea first”" in line.text
    assert "Morning tablets" not in line.text  # a boundary is meant to be the same every time
    assert "all 3 notes" in line.text
    note(
        support_worker,
        person,
        steps=[tea],
        outcome="adjusted",
        adjustments="Tea after the wash, as she chose",
    )
    assert evidence(session, senior, FLEX_SAME_WAY) == []


def test_notes_without_a_consent_check_count_only_where_the_profile_asks_for_one(
    session, senior, support_worker, person, plan
):
    tea = plan["Tea first"]
    note(support_worker, person, steps=[tea])
    note(support_worker, person, steps=[tea], consent_explained=True)
    note(support_worker, person, outcome="note", text="A quiet afternoon")  # nothing offered: no check
    [line] = evidence(session, senior, CONSENT)
    assert line.text.startswith("1 note by")
    assert line.url == f"/people/{person.public_id}/communication/"
    CommunicationProfile.objects.filter(person=person).update(consent_check_required=False)
    assert evidence(session, senior, CONSENT) == []


def test_language_suggestions_in_the_workers_notes_are_counted_not_copied(
    session, senior, support_worker, person
):
    note(support_worker, person, text="Sam refused her tea and was non-compliant.")
    [line] = evidence(session, senior, LANGUAGE)
    assert "refused" not in line.text and "non-compliant" not in line.text
    assert "word" in line.text


def test_restrictive_practice_the_worker_recorded_is_linked(session, senior, support_worker, person):
    assert evidence(session, senior, RESTRICTIVE) == []
    incident = incidents_services.record_incident(
        actor=support_worker,
        person=person,
        data=incident_data(restrictive_practice_used=True),
        restrictive={
            "type": "environmental",
            "duration_minutes": 10,
            "authorised_by": senior,
            "debrief_with_person": "Sam said the locked door frightened her.",
        },
    )
    [line] = evidence(session, senior, RESTRICTIVE)
    assert line.url == f"/people/{person.public_id}/incidents/{incident.public_id}/"


def test_a_plan_agreed_since_says_whether_the_worker_has_read_it(
    session, senior, support_worker, person, plan
):
    note(support_worker, person, text="Tea in the garden")
    [line] = evidence(session, senior, PLAN_CHANGED)
    assert "has not yet confirmed reading it" in line.text
    version = person.support_plan.versions.get(status="agreed")
    ReadConfirmation.objects.create(plan_version=version, user=support_worker)
    [line] = evidence(session, senior, PLAN_CHANGED)
    assert "has confirmed reading it" in line.text


def test_people_the_viewer_may_not_see_give_no_evidence(
    session, senior, support_worker, outsider, person, plan
):
    tea = plan["Tea first"]
    for _ in range(3):
        note(support_worker, person, steps=[tea], outcome="declined")
    assert evidence(session, outsider, DECLINES) == []
    assert len(evidence(session, senior, DECLINES)) == 1


def _busy_caseload(service, senior, worker, person_user, count):
    for n in range(count):
        person = people_services.create_person(
            actor=senior, data=person_data(service, given_name=f"P{n}", nhs_number="")
        )
        agree(make_plan(person, senior).draft, senior)
        steps = agreed_steps(person)
        for _ in range(3):
            note(worker, person, steps=steps[:1], outcome="declined")
            note(worker, person, steps=steps[:1], text="refused")


def test_the_record_page_takes_the_same_queries_however_big_the_caseload(
    client, session, senior, support_worker, service, person_user
):
    client.force_login(senior)
    url = f"/supervision/{session.public_id}/"
    _busy_caseload(service, senior, support_worker, person_user, 1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _busy_caseload(service, senior, support_worker, person_user, 4)
    with CaptureQueriesContext(connection) as big:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("said no 3 times") == 5
    assert len(big) == len(small)


def test_the_record_page_shows_the_prompts_with_counts_and_links_never_the_notes(
    client, session, senior, support_worker, person, plan
):
    tea = plan["Tea first"]
    for _ in range(2):
        note(support_worker, person, steps=[tea], outcome="declined", what_happened_next="Walked to the shop")
    client.force_login(senior)
    page = client.get(f"/supervision/{session.public_id}/").content.decode()
    assert "Steps the person often said no to" in page
    assert f"/people/{person.public_id}/notes/" in page
    assert "Walked to the shop" not in page
    assert "What would the person say?" in page
    assert "Note what we talked about" in page
    client.force_login(support_worker)
    page = client.get(f"/supervision/{session.public_id}/").content.decode()
    assert "Prompts from my caseload" in page and "Note what we talked about" not in page


def test_the_supervisor_notes_what_was_discussed_for_a_prompt_and_signatures_come_off(
    client, session, senior, support_worker, prompts
):
    services.sign(actor=support_worker, record=session, opened_version=session.version)
    session.refresh_from_db()
    prompt = prompts[DECLINES]
    client.force_login(senior)
    url = f"/supervision/{session.public_id}/prompts/{prompt.public_id}/"
    response = client.post(url, {"version": session.version, "discussed": "Offer the swim later in the day."})
    assert response.status_code == 302
    row = SessionPrompt.objects.get(supervision=session, prompt=prompt)
    assert row.discussed == "Offer the swim later in the day."
    session.refresh_from_db()
    assert session.worker_signed_at is None
    assert AuditEvent.objects.filter(
        object_type="supervision.SessionPrompt", object_public_id=row.public_id
    ).exists()
    assert (
        "Offer the swim later in the day."
        in client.get(f"/supervision/{session.public_id}/").content.decode()
    )


def test_the_worker_and_a_colleague_cannot_write_the_prompts(
    client, session, support_worker, colleague, prompts
):
    url = f"/supervision/{session.public_id}/prompts/{prompts[DECLINES].public_id}/"
    client.force_login(support_worker)
    assert client.post(url, {"version": session.version, "discussed": "x"}).status_code == 403
    client.force_login(colleague)
    assert client.get(f"/supervision/{session.public_id}/").status_code == 404
    assert client.post(url, {"version": session.version, "discussed": "x"}).status_code == 404
    assert not SessionPrompt.objects.exists()


def test_a_stale_prompt_note_is_the_conflict_page_and_saves_nothing(client, session, senior, prompts):
    client.force_login(senior)
    url = f"/supervision/{session.public_id}/prompts/{prompts[DECLINES].public_id}/"
    response = client.post(url, {"version": session.version + 5, "discussed": "x"})
    assert response.status_code == 409
    assert not SessionPrompt.objects.exists()


def test_library_prompts_are_attached_and_a_retired_one_cannot_be(
    client, session, senior, quality_lead, prompts
):
    crisis = prompts["journey-crisis-early-signs"]
    family = prompts["journey-family-involvement"]
    services_prompts.change_prompt(
        actor=quality_lead,
        prompt=family,
        data={"title": family.title, "wording": family.wording, "stage": family.stage},
        active=False,
    )
    family.refresh_from_db()
    client.force_login(senior)
    url = f"/supervision/{session.public_id}/prompts/add/"
    page = client.get(url).content.decode()
    assert crisis.title in page and family.title not in page
    # A retired prompt sent anyway: refused with the form, and nothing is saved, not even the other one.
    response = client.post(url, {"version": session.version, "prompts": [crisis.public_id, family.public_id]})
    assert response.status_code == 400
    assert not SessionPrompt.objects.exists()
    with pytest.raises(Exception, match="retired"):
        services_prompts.attach_to_session(
            actor=senior, record=session, prompts=[crisis, family], opened_version=session.version
        )
    assert not SessionPrompt.objects.exists()
    response = client.post(url, {"version": session.version, "prompts": [crisis.public_id]})
    assert response.status_code == 302
    assert list(SessionPrompt.objects.values_list("prompt__code", flat=True)) == [crisis.code]


def test_a_retired_prompt_stays_on_the_records_it_is_on(client, session, senior, quality_lead, prompts):
    crisis = prompts["journey-crisis-early-signs"]
    services_prompts.attach_to_session(
        actor=senior, record=session, prompts=[crisis], opened_version=session.version
    )
    services_prompts.change_prompt(
        actor=quality_lead,
        prompt=crisis,
        data={"title": crisis.title, "wording": crisis.wording, "stage": crisis.stage},
        active=False,
    )
    client.force_login(senior)
    page = client.get(f"/supervision/{session.public_id}/").content.decode()
    assert f"{crisis.title} (retired)" in page


def test_quality_leads_add_change_and_retire_prompts_and_each_change_is_audited(
    client, quality_lead, prompts
):
    client.force_login(quality_lead)
    assert client.get("/supervision/prompts/").status_code == 200
    response = client.post(
        "/supervision/prompts/add/",
        {
            "code": "journey-crisis-after",
            "stage": "crisis",
            "title": "After a crisis",
            "wording": "What helped?",
        },
    )
    assert response.status_code == 302
    added = Prompt.objects.get(code="journey-crisis-after")
    assert added.kind == "journey" and added.active
    assert AuditEvent.objects.filter(object_type="supervision.Prompt", action="create").count() == 1
    response = client.post(
        f"/supervision/prompts/{added.public_id}/change/",
        {
            "stage": "crisis",
            "title": "After a crisis",
            "wording": "What helped, in the person's words?",
            "status": "retired",
        },
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert not added.active and added.wording.endswith("words?") and added.code == "journey-crisis-after"
    assert AuditEvent.objects.filter(object_type="supervision.Prompt", action="update").count() == 1


def test_bad_prompt_input_saves_nothing(client, quality_lead, support_worker, prompts):
    client.force_login(quality_lead)
    before = Prompt.objects.count()
    for data in (
        {"code": "x", "stage": "crisis", "title": "", "wording": "What helped?"},
        {"code": "journey-crisis-early-signs", "stage": "crisis", "title": "Copy", "wording": "Again"},
        {"code": "Not A Slug!", "stage": "crisis", "title": "T", "wording": "W"},
        {"code": "ok-code", "stage": "nowhere", "title": "T", "wording": "W"},
    ):
        response = client.post("/supervision/prompts/add/", data)
        assert response.status_code == 400, data
        assert "nhsuk-error-summary" in response.content.decode()
    assert Prompt.objects.count() == before
    client.force_login(support_worker)
    assert client.get("/supervision/prompts/").status_code == 403


@pytest.fixture
def review(person, senior):
    return review_services.raise_review(
        actor=senior, person=person, trigger="change_in_circumstances", details="Moving flat"
    )


def test_staff_put_library_prompts_on_a_reviews_agenda_and_the_review_page_shows_them(
    client, review, person, support_worker, quality_lead, prompts
):
    community = prompts["journey-community-life-belonging"]
    client.force_login(support_worker)
    url = f"/supervision/prompts/review/{review.public_id}/"
    review_page = f"/people/{person.public_id}/reviews/{review.public_id}/"
    assert url in client.get(review_page).content.decode()
    response = client.post(url, {"version": review.version, "prompts": [community.public_id]})
    assert response.status_code == 302
    assert [r.prompt for r in ReviewAgendaPrompt.objects.all()] == [community]
    assert community.title in client.get(review_page).content.decode()
    # Retired since: it stays on this agenda, and is not offered for another.
    services_prompts.change_prompt(
        actor=quality_lead,
        prompt=community,
        data={"title": community.title, "wording": community.wording, "stage": community.stage},
        active=False,
    )
    assert (
        f"{community.title}</strong> (Being part of the community, retired)"
        in client.get(review_page).content.decode()
    )


def test_a_retired_prompt_is_not_newly_put_on_an_agenda_and_others_may_not_choose(
    client, review, person, person_user, outsider, senior, quality_lead, prompts
):
    community = prompts["journey-community-life-belonging"]
    services_prompts.change_prompt(
        actor=quality_lead,
        prompt=community,
        data={"title": community.title, "wording": community.wording, "stage": community.stage},
        active=False,
    )
    url = f"/supervision/prompts/review/{review.public_id}/"
    client.force_login(senior)
    assert client.post(url, {"version": review.version, "prompts": [community.public_id]}).status_code == 400
    assert not ReviewAgendaPrompt.objects.exists()
    client.force_login(person_user)
    assert client.get(url).status_code == 403
    assert (
        community.title
        not in client.get(f"/people/{person.public_id}/reviews/{review.public_id}/").content.decode()
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert not ReviewAgendaPrompt.objects.exists()


def test_the_record_prompts_include_every_active_caseload_prompt(session, senior, prompts):
    found = prompts_for_record(session, senior)
    assert {item.prompt.code for item in found.caseload} == set(CASELOAD_CODES)
    assert Supervision.objects.count() == 1
