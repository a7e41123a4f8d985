"""Audit and change rows are shown only as far as the viewer may see the thing that changed: one rule
(lived.core.audit_visibility) behind the person's and staff's "What has changed", the audit trail and
"Who has looked". Every role, every kind of record that writes audit rows."""

import datetime
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lived.core.audit_visibility import (
    HIDDEN_PAGE,
    KIND_PERMISSIONS,
    OTHER_PAGES,
    page_permissions,
    visible_audit_rows,
)
from lived.core.models import AuditEvent
from lived.incidents import services as incidents_services
from lived.notes import services as note_services
from lived.people import services as people_services
from lived.people.models import SharedSection
from tests.incidents.factories import incident_data

pytestmark = pytest.mark.django_db

CARE = {"support_worker", "senior", "manager", "quality_lead"}
OVERSIGHT = {"manager", "quality_lead"}
EVERYONE = CARE | {"administrator", "outsider", "person", "circle"}

# Who sees a row of each kind about the person, written out here rather than read from the map, so
# the map is checked against what each record's own page allows. A circle member sees nothing here:
# the fixture's member is shared only the communication profile, and no audit kind follows that.
WITH_THE_PERSON = CARE | {"person"}
EXPECTED = {
    "people.Person": WITH_THE_PERSON,
    "people.AboutMeEntry": WITH_THE_PERSON,
    "people.CommunicationProfile": WITH_THE_PERSON,
    "people.CircleMember": WITH_THE_PERSON,
    "people.SharingAgreement": WITH_THE_PERSON,
    "people.AdvanceSharingWishes": WITH_THE_PERSON,
    "plans.SupportPlan": WITH_THE_PERSON,
    "plans.PlanVersion": WITH_THE_PERSON,
    "plans.Outcome": WITH_THE_PERSON,
    "plans.Action": WITH_THE_PERSON,
    "plans.PlanningConversation": WITH_THE_PERSON,
    "plans.Routine": WITH_THE_PERSON,
    "plans.RoutineStep": WITH_THE_PERSON,
    "plans.PromptCard": WITH_THE_PERSON,
    "reviews.Review": WITH_THE_PERSON,
    "reviews.AgendaItem": WITH_THE_PERSON,
    "reviews.CheckIn": WITH_THE_PERSON,
    "notes.DailyNote": WITH_THE_PERSON,
    "notes.HandoverNote": CARE,
    "notes.LanguageFlagRecord": CARE,
    "risk.RiskPlan": WITH_THE_PERSON,
    "risk.RiskDecision": WITH_THE_PERSON,
    "risk.CapacityAssessment": WITH_THE_PERSON,
    "risk.StageCheckIn": WITH_THE_PERSON,
    "crisis.CrisisPlan": WITH_THE_PERSON,
    "incidents.Incident": WITH_THE_PERSON,
    "incidents.RestrictivePractice": WITH_THE_PERSON,
    "incidents.SafeguardingConcern": CARE,
    "complaints.Complaint": WITH_THE_PERSON,
    "outcomes.MeasureResponse": WITH_THE_PERSON,
    "outcomes.UrgentAlert": WITH_THE_PERSON,
    "outcomes.SelfRating": WITH_THE_PERSON,
    "outcomes.GoalScore": WITH_THE_PERSON,
    "outcomes.MeasureSchedule": WITH_THE_PERSON,
    "outcomes.HealthCheck": WITH_THE_PERSON,
    "outcomes.HealthFollowUp": WITH_THE_PERSON,
    "rota.SupportPreferences": WITH_THE_PERSON,
    # Who the person does not want sent: never a support worker or a quality lead.
    "rota.NotToSend": {"senior", "manager", "person"},
    "rota.SupportSession": WITH_THE_PERSON,
    "outcomes.SelfRatingScale": CARE,
    "outcomes.OutcomeGroup": CARE,
    "rota.StaffProfile": CARE,
    "rota.Availability": CARE,
    "rota.Absence": CARE,
    "rota.Allocation": CARE,
    "rota.RotaWeek": CARE,
    "rota.Assignment": WITH_THE_PERSON,
    "rota.CalendarFeed": CARE,
    "rota.VisitPlace": WITH_THE_PERSON,
    "supervision.Supervision": OVERSIGHT,
    "supervision.AgreedAction": OVERSIGHT,
    "supervision.Observation": OVERSIGHT,
    "supervision.Prompt": OVERSIGHT,
    "supervision.SessionPrompt": OVERSIGHT,
    "accounts.User": OVERSIGHT,
    "someapp.NotYetInTheMap": CARE,  # a kind nobody mapped: never the person or their circle
}

# Models that never write an audit row of their own (their changes are audited on another object),
# with why. A new model must go in KIND_PERMISSIONS or here, or the coverage test fails.
NEVER_AUDITED = {
    "core.AuditEvent": "the audit itself",
    "organisations.Organisation": "no person data",
    "organisations.Service": "no person data",
    "organisations.Team": "no person data",
    "accounts.ServiceRole": "staff roles, not a person's record",
    "accounts.RoleGrantRequest": "staff roles, not a person's record",
    "plans.ReadConfirmation": "audited on the plan version it confirms",
    "notes.HandoverRead": "audited on the handover note it confirms",
    "notes.PlanUseDaily": "a rollup of daily notes, each audited when it is saved",
    "crisis.CrisisPlanVersion": "audited on the crisis plan",
    "complaints.ComplaintTheme": "a list of themes, no person data",
    "jobs.Job": "a request about a service (a PDF pack), audited without a person",
    "jobs.JobProgress": "how far a job has got, no person data",
    "rota.Skill": "a list of skills, no person data",
    "rota.WorkerSkill": "audited on the worker's staff profile",
    "rota.PreferredWorker": "audited on the person's preferences, which picture the whole ranking",
    "rota.Shortfall": "written with its run (audited on the Allocation) or its override (on the Assignment)",
    "rota.Uncovered": "written with its run, audited on the Allocation",
    "rota.Postcode": "no person data: a postcode and its coordinates, loaded from a file",
    "supervision.Theme": "a list of themes, no person data",
    "supervision.ReviewAgendaPrompt": "audited on the review whose agenda it is on",
}


def _row(person, object_type, action=AuditEvent.Action.CREATE, what="", before=None, after=None):
    return AuditEvent.objects.create(
        actor_description="Test",
        action=action,
        object_type=object_type,
        person_public_id=person.public_id,
        what=what or f"row about {object_type}",
        before=before,
        after=after,
    )


def _seen(user, person, rows=None):
    return list(visible_audit_rows(user, person, rows))


@pytest.fixture
def concern(person, support_worker, senior):
    incident = incidents_services.record_incident(
        actor=support_worker,
        person=person,
        data=incident_data(safeguarding_raised=True),
        safeguarding={
            "category": "financial",
            "details": "Bank card kept by a visitor called Quill",
            "referred_on": datetime.date(2025, 3, 4),
            "reference": "SG-REF-4471",
        },
    )
    incidents_services.close_safeguarding(
        actor=senior,
        concern=incident.safeguarding,
        outcome="Referred to the council",
        reference="SG-REF-4471",
    )
    return incident.safeguarding


@pytest.fixture
def handover(person, support_worker):
    return note_services.add_handover(
        actor=support_worker, person=person, text="Handover words: check the door chain tonight"
    )


# --- the reported problem, on the pages ---------------------------------------------------------


def test_the_person_does_not_see_safeguarding_or_handover_on_their_what_has_changed(
    client, person, person_user, concern, handover
):
    client.force_login(person_user)
    response = client.get(f"/people/{person.public_id}/changes/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Incident recorded" in html  # the incident itself is theirs to see
    for staff_only in ("Safeguarding concern", "Quill", "SG-REF-4471", "2025-03-04", "financial"):
        assert staff_only not in html
    assert "check the door chain" not in html and "Handover" not in html
    assert "Safeguarding raised" not in html  # the incident's own safeguarding flag


def test_staff_see_safeguarding_and_handover_on_what_has_changed(
    client, person, support_worker, concern, handover
):
    client.force_login(support_worker)
    html = client.get(f"/people/{person.public_id}/changes/").content.decode()
    assert "Safeguarding concern raised" in html and "SG-REF-4471" in html and "Quill" in html
    assert "check the door chain" in html
    assert "Safeguarding raised" in html


@pytest.mark.parametrize("role", ["manager", "quality_lead"])
def test_managers_and_quality_leads_see_every_row_in_the_audit_trail(
    client, users, person, role, concern, handover
):
    client.force_login(users[role])
    html = client.get(f"/people/{person.public_id}/audit/").content.decode()
    assert "Safeguarding concern raised" in html and "Safeguarding concern closed" in html
    assert "Handover note added" in html and "Incident recorded" in html


def test_who_has_looked_tells_the_person_who_but_not_that_they_opened_a_safeguarding_page(
    client, person, person_user, senior, manager, concern
):
    client.force_login(senior)
    client.get(f"/people/{person.public_id}/safeguarding/{concern.public_id}/")
    client.force_login(person_user)
    html = client.get(f"/people/{person.public_id}/who-has-looked/").content.decode()
    assert "Senior Tester" in html and HIDDEN_PAGE in html
    assert "Safeguarding" not in html
    client.force_login(manager)
    html = client.get(f"/people/{person.public_id}/who-has-looked/").content.decode()
    assert "Safeguarding concern" in html


# --- the rule, for every role and every kind -------------------------------------------------------


def test_the_expected_table_covers_every_kind_in_the_map():
    assert set(EXPECTED) - {"someapp.NotYetInTheMap"} == set(KIND_PERMISSIONS)


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_each_role_sees_the_rows_of_exactly_the_kinds_it_may_open(users, person, circle_member, role):
    for kind in EXPECTED:
        _row(person, kind)
    rows = AuditEvent.objects.filter(what__startswith="row about ")
    seen = {event.object_type for event in _seen(users[role], person, rows)}
    assert seen == {kind for kind, roles in EXPECTED.items() if role in roles}


def test_a_circle_member_sees_daily_note_rows_only_while_the_person_shares_their_notes(
    person, senior, circle_member, circle_user
):
    for kind in EXPECTED:
        _row(person, kind)
    rows = AuditEvent.objects.filter(what__startswith="row about ")
    assert _seen(circle_user, person, rows) == []
    agreement = people_services.agree_sharing(
        actor=senior,
        person=person,
        data={
            "member": circle_member,
            "section": SharedSection.DAILY_NOTES,
            "starts_on": timezone.localdate(),
        },
    )
    assert {e.object_type for e in _seen(circle_user, person, rows)} == {"notes.DailyNote"}
    people_services.withdraw_sharing(actor=senior, agreement=agreement, reason="changed my mind")
    assert _seen(circle_user, person, rows) == []


def test_no_one_sees_rows_about_another_person_through_this_person(person, other_person, manager):
    _row(other_person, "people.Person")
    rows = _seen(manager, person)
    assert all(e.person_public_id == person.public_id for e in rows)


def test_every_model_is_in_the_map_or_known_never_to_be_audited():
    labels = {m._meta.label for m in apps.get_models() if m.__module__.startswith("lived.")}
    missing = labels - set(KIND_PERMISSIONS) - set(NEVER_AUDITED)
    assert not missing, f"Say who may see audit rows about these (KIND_PERMISSIONS): {sorted(missing)}"
    assert not set(KIND_PERMISSIONS) & set(NEVER_AUDITED)


def test_every_kind_the_demo_audits_is_in_the_map():
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    written = set(AuditEvent.objects.values_list("object_type", flat=True))
    assert written - set(KIND_PERMISSIONS) == set()


# --- what a visible row shows ----------------------------------------------------------------------


def test_an_incident_row_shown_to_the_person_does_not_say_safeguarding_was_raised(
    person, person_user, support_worker, concern
):
    incident_row = next(e for e in _seen(person_user, person) if e.object_type == "incidents.Incident")
    assert "safeguarding_raised" not in incident_row.after
    assert incident_row.after["what_happened"]  # the rest of the incident is theirs
    staff_row = next(e for e in _seen(support_worker, person) if e.object_type == "incidents.Incident")
    assert staff_row.after["safeguarding_raised"] is True


def test_an_urgent_alert_row_shows_the_person_no_staff_wording(person, person_user, support_worker):
    staff_fields = {
        "item_code": "phq9_9",
        "reason": "Staff wording of the alert",
        "acknowledged_at": "2025-03-04T10:00:00",
        "acknowledged_by": "Senior Tester",
        "action_taken": "Rang the crisis team",
    }
    _row(
        person,
        "outcomes.UrgentAlert",
        AuditEvent.Action.UPDATE,
        "Urgent alert acknowledged",
        {},
        staff_fields,
    )
    to_person = next(e for e in _seen(person_user, person) if e.object_type == "outcomes.UrgentAlert")
    assert to_person.after == {} and to_person.changed_fields() == []
    to_staff = next(e for e in _seen(support_worker, person) if e.object_type == "outcomes.UrgentAlert")
    assert to_staff.after == staff_fields


def test_a_trimmed_row_cannot_be_saved_over_the_real_one(person, person_user, concern):
    shown = next(e for e in _seen(person_user, person) if e.object_type == "incidents.Incident")
    with pytest.raises(ValueError):
        shown.save()
    real = AuditEvent.objects.get(pk=shown.pk)
    assert "safeguarding_raised" in real.after


# --- access rows -----------------------------------------------------------------------------------


def test_every_person_page_is_named_in_full_to_managers_and_quality_leads(person, manager, quality_lead):
    for what in page_permissions():
        _row(person, "people.Person", AuditEvent.Action.VIEW, what)
    for viewer in (manager, quality_lead):
        assert HIDDEN_PAGE not in {e.what for e in _seen(viewer, person)}


@pytest.mark.parametrize(
    "what, shown_to_the_person",
    [
        ("Safeguarding concern", False),
        ("Handover (adding)", False),
        ("Handover (confirming)", False),
        ("Support plan (who has read it)", False),
        ("Audit trail", False),
        ("A page nobody has named yet", False),
        ("Record", True),
        ("Their own record", True),
        ("Incident (recording)", True),
        ("Incident", True),
        ("Shared sections (circle of support)", True),
        ("Support plan (changing a draft)", True),
        ("Outcomes (acknowledging an urgent alert)", True),
    ],
)
def test_the_person_is_told_what_was_looked_at_unless_it_is_for_staff(
    person, person_user, manager, what, shown_to_the_person
):
    _row(person, "people.Person", AuditEvent.Action.VIEW, what)
    (row,) = _seen(person_user, person, AuditEvent.objects.filter(what=what))
    assert row.what == (what if shown_to_the_person else HIDDEN_PAGE)
    (row,) = _seen(manager, person, AuditEvent.objects.filter(what=what))
    assert row.what == what


def test_every_access_row_written_outside_person_pages_is_named_in_the_map():
    source = "\n".join(p.read_text() for p in Path("lived").rglob("*.py"))
    whats = set(re.findall(r"record_view\([^)]*what=\"([^\"]+)\"", source))
    assert whats and whats <= set(OTHER_PAGES)


@pytest.mark.parametrize("role", ["person", "support_worker", "manager"])
def test_the_changes_and_audit_pages_cost_the_same_queries_for_5_and_50_rows(client, users, person, role):
    client.force_login(users[role])
    pages = [f"/people/{person.public_id}/changes/"]
    if role == "manager":
        pages += [f"/people/{person.public_id}/audit/", f"/people/{person.public_id}/who-has-looked/"]

    def cost(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for kind in (
        "incidents.Incident",
        "incidents.SafeguardingConcern",
        "outcomes.UrgentAlert",
        "people.AboutMeEntry",
        "x.Y",
    ):
        _row(person, kind, after={"reason": "r", "safeguarding_raised": True})
    few = [cost(url) for url in pages]
    for n in range(45):
        _row(person, ("incidents.Incident", "notes.HandoverNote", "plans.PlanVersion")[n % 3], after={"n": n})
    assert [cost(url) for url in pages] == few
