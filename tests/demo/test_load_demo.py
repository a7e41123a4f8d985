"""The demo data: enough people and roles to show the product, every scenario person, real audit,
safe to run twice, never in production."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone

from lived.accounts.models import Role, ServiceRole, User
from lived.core.models import AuditEvent
from lived.demo import data
from lived.organisations.models import Organisation, Service
from lived.people.models import (
    AboutMeEntry,
    AboutMeSection,
    AdvanceSharingWishes,
    CircleMember,
    CommunicationProfile,
    Person,
    SharedSection,
    SharingAgreement,
)
from lived.people.queries import shared_sections
from lived.people.validators import is_valid_nhs_number
from lived.plans import services as plan_services
from lived.plans.models import (
    Action,
    ChimeDomain,
    LifeArea,
    Outcome,
    PlanningConversation,
    PlanVersion,
    PromptCard,
    Routine,
    RoutineStep,
    SupportPlan,
)
from tests.demo.factories import assert_plausible_ages, counts, load

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo is loaded once for this module inside an outer transaction, rolled back at the end.

    Each test still runs in its own savepoint (pytest-django's `db`), so a test that changes data
    leaves nothing behind for the next. Tests that need an empty database are in test_demo_fresh.py.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


SCENARIO_PEOPLE = {
    "Sam": ("Carter", "Riverside Supported Living"),
    "Ada": ("Kowalski", "Riverside Supported Living"),
    "Leon": ("Baptiste", "Riverside Supported Living"),
    "Priya": ("Nair", "Riverside Supported Living"),
    "Marcus": ("Bell", "Riverside Supported Living"),
    "Jo": ("Whitfield", "Riverside Supported Living"),
    "Jenny": ("Osei", "Harbour House"),
    "John": ("Adeyemi", "Riverside Supported Living"),
}


def scenario_person(preferred_name):
    family_name, _ = SCENARIO_PEOPLE[preferred_name]
    return Person.objects.get(preferred_name=preferred_name, family_name=family_name)


def test_creates_at_least_25_people_across_at_least_3_services():
    load()
    assert Person.objects.count() >= 25
    assert Person.objects.values("service").distinct().count() >= 3
    assert Organisation.objects.get().name == "Brightwater Support CIC"
    assert set(Service.objects.values_list("name", "type")) == {
        ("Riverside Supported Living", "supported_living"),
        ("Harbour House", "supported_accommodation"),
        ("Northfield Community Mental Health Team", "cmht"),
        ("Oakwood Recovery College", "recovery_college"),
    }


def test_every_role_has_at_least_one_user():
    load()
    held = set(ServiceRole.objects.values_list("role", flat=True))
    assert held == set(Role.values)


def test_named_staff_hold_the_roles_the_scenarios_need():
    load()
    expected = {
        "tom": {("Riverside Supported Living", Role.SUPPORT_WORKER)},
        "hannah": {("Riverside Supported Living", Role.SENIOR), ("Harbour House", Role.SENIOR)},
        "daniel": {("Riverside Supported Living", Role.MANAGER), ("Harbour House", Role.MANAGER)},
        "grace": {("Harbour House", Role.SUPPORT_WORKER)},
        "nadia": {("Northfield Community Mental Health Team", Role.SENIOR)},
    }
    for username, roles in expected.items():
        user = User.objects.get(username=username)
        assert set(user.service_roles.values_list("service__name", "role")) == roles, username
    for username, role in (("farah", Role.QUALITY_LEAD), ("lee", Role.ADMINISTRATOR)):
        user = User.objects.get(username=username)
        assert set(user.service_roles.values_list("role", flat=True)) == {role}
        assert user.service_roles.count() == 4
    names = {u.username: (u.first_name, u.last_name) for u in User.objects.all()}
    assert names["tom"] == ("Tom", "Okafor")
    assert names["farah"] == ("Farah", "Qureshi")
    assert names["lee"] == ("Lee", "Morgan")


def test_administrator_manages_the_organisation_but_not_person_data():
    load()
    lee = User.objects.get(username="lee")
    assert lee.is_staff and not lee.is_superuser
    perms = {f"{p.content_type.app_label}.{p.codename}" for p in lee.user_permissions.all()}
    for label in ("organisations.organisation", "organisations.service", "organisations.team"):
        app, model = label.split(".")
        assert {f"{app}.view_{model}", f"{app}.add_{model}", f"{app}.change_{model}"} <= perms
    assert {"accounts.view_user", "accounts.change_user", "accounts.add_servicerole"} <= perms
    assert not any(p.startswith("people.") for p in perms)
    assert not any(".delete_" in p for p in perms)
    assert not lee.has_perm("people.view_record", scenario_person("Sam"))
    others_staff = User.objects.filter(is_staff=True).exclude(username="lee")
    assert not others_staff.exists()
    assert not User.objects.filter(is_superuser=True).exists()
    assert Permission.objects.filter(user__username="tom").count() == 0


def test_every_scenario_person_exists_at_their_service():
    load()
    for preferred_name, (_family_name, service_name) in SCENARIO_PEOPLE.items():
        person = scenario_person(preferred_name)
        assert person.service.name == service_name, preferred_name
        assert person.key_worker is not None
    for preferred_name in ("Sam", "Ada", "Leon", "Priya", "Marcus", "Jo", "John"):
        assert scenario_person(preferred_name).key_worker.username == "hannah"
    assert scenario_person("Sam").user.username == "sam"
    assert scenario_person("John").user.username == "john"
    assert scenario_person("Leon").user.username == "leon"


def test_every_nhs_number_is_valid_distinct_and_in_the_999_range():
    load()
    numbers = list(Person.objects.values_list("nhs_number", flat=True))
    assert all(is_valid_nhs_number(n) for n in numbers)
    assert all(n.startswith("999") for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_every_person_is_an_adult_of_plausible_age():
    load()
    assert_plausible_ages()


def test_every_demo_password_works():
    load()
    usernames = [row["username"] for row in data.demo_accounts()]
    assert {"tom", "hannah", "daniel", "farah", "lee", "grace", "nadia"} <= set(usernames)
    assert {"sam", "john", "leon", "michael", "bea"} <= set(usernames)
    users = User.objects.filter(username__in=usernames)
    assert users.count() == len(usernames)
    for user in users:
        assert user.check_password("lived-demo-2026"), user.username
        assert user.is_active


def test_person_data_arrives_with_a_real_audit_trail():
    load()
    for person in Person.objects.all():
        events = AuditEvent.objects.filter(person_public_id=person.public_id)
        assert events.filter(action=AuditEvent.Action.CREATE, what="Record created").exists(), person
    for entry in AboutMeEntry.objects.all():
        assert AuditEvent.objects.filter(object_public_id=entry.public_id).exists()


def test_every_person_has_a_communication_profile_and_scenario_people_have_theirs_filled():
    load()
    assert CommunicationProfile.objects.count() == Person.objects.count()
    for preferred_name in SCENARIO_PEOPLE:
        profile = scenario_person(preferred_name).communication_profile
        assert profile.shows_yes and profile.shows_no and profile.shows_overload, preferred_name
        assert profile.trusted_staff.exists(), preferred_name


def test_sams_about_me_is_in_his_words_and_covers_the_planning_conversation():
    load()
    sam = scenario_person("Sam")
    entries = sam.about_me_entries.all()
    sections = set(entries.values_list("section", flat=True))
    assert {
        AboutMeSection.GOOD_DAY,
        AboutMeSection.EARLY_WARNING_SIGNS,
        AboutMeSection.WHEN_DISTRESSED,
        AboutMeSection.INTRUSIVE,
    } <= sections
    own = entries.filter(in_persons_words=True)
    assert own.filter(written_by=sam.user, supported_by__isnull=True).exists()
    assert own.filter(written_by__username="hannah", supported_by__username="hannah").exists()
    assert entries.filter(in_persons_words=False).exists()  # a staff summary too


def test_scenario_people_have_about_me_and_everyone_else_at_least_two_entries():
    load()
    for preferred_name in SCENARIO_PEOPLE:
        person = scenario_person(preferred_name)
        assert person.about_me_entries.values("section").distinct().count() >= 7, preferred_name
    for person in Person.objects.all():
        assert person.about_me_entries.count() >= 2, person


def test_jenny_most_important_is_the_safety_of_her_children():
    load()
    jenny = scenario_person("Jenny")
    entry = jenny.about_me_entries.get(section=AboutMeSection.MOST_IMPORTANT)
    assert "safety of my two children" in entry.text
    assert jenny.advance_sharing_wishes.statement


def test_leons_communication_and_consent_profile():
    load()
    profile = scenario_person("Leon").communication_profile
    assert profile.pause_words == "time out"
    assert set(profile.trusted_staff.values_list("username", flat=True)) == {"tom", "hannah"}
    assert profile.consent_check_required
    assert profile.consent_explain and profile.consent_options and profile.consent_confirm
    assert "now / in 30 minutes / after breakfast" in profile.staged_choices
    assert profile.shows_not_sure


def test_johns_wishes_are_in_force_and_his_dad_sees_only_what_john_agreed():
    load()
    john = scenario_person("John")
    assert john.communication_profile.pause_words == "give me a minute"
    assert john.about_me_entries.filter(text__contains="I keep a notebook of songs I am writing.").exists()

    wishes = AdvanceSharingWishes.objects.get(person=john)
    assert wishes.in_force and wishes.in_force_reason
    assert "daily notes" in wishes.statement and "About me" in wishes.statement
    age = timezone.now() - wishes.in_force_since
    assert datetime.timedelta(days=1) < age < datetime.timedelta(days=3)

    michael = john.circle.get(name="Michael Adeyemi")
    assert (michael.relationship, michael.relationship_detail) == ("family", "Dad")
    assert michael.user.username == "michael"
    assert not michael.user.service_roles.exists()
    ruth = john.circle.get(name="Ruth Adeyemi")
    assert ruth.user is None
    for member in (michael, ruth):
        agreements = member.sharing_agreements.all()
        assert {(a.section, a.when_unwell_only) for a in agreements} == {
            (SharedSection.WELLBEING, True),
            (SharedSection.COMMUNICATION, True),
        }
    assert shared_sections(john, michael.user) == {SharedSection.WELLBEING, SharedSection.COMMUNICATION}


def test_sam_shares_about_me_with_bea_and_withdrew_daily_notes():
    load()
    sam = scenario_person("Sam")
    bea = sam.circle.get(user__username="bea")
    assert bea.name == "Beatrice Carter"
    about_me = bea.sharing_agreements.get(section=SharedSection.ABOUT_ME)
    assert about_me.withdrawn_at is None and not about_me.when_unwell_only
    withdrawn = SharingAgreement.objects.filter(withdrawn_at__isnull=False)
    assert withdrawn.exists()
    assert withdrawn.filter(member=bea, section=SharedSection.DAILY_NOTES).exists()
    assert shared_sections(sam, bea.user) == {SharedSection.ABOUT_ME}
    assert AuditEvent.objects.filter(
        person_public_id=sam.public_id, action=AuditEvent.Action.WITHDRAW
    ).exists()


def test_a_substantial_carer_has_been_offered_a_carers_assessment():
    load()
    assert CircleMember.objects.filter(
        gives_substantial_care=True, carers_assessment=CircleMember.CarersAssessment.OFFERED
    ).exists()


def plan_texts():
    texts = []
    for model, fields in (
        (Outcome, ["in_persons_words", "evidence", "limit_explained"]),
        (Action, ["what", "owner_role", "frequency", "prompts", "adjustments"]),
        (PlanningConversation, ["participants", "options_considered", "agreed", "why", "disagreement"]),
        (Routine, ["name", "in_persons_words", "when_distress_rises", "agency_summary"]),
        (RoutineStep, ["what", "agreed_language", "boundary_reason"]),
        (PromptCard, PromptCard.COMPARE_FIELDS),
        (PlanVersion, ["persons_words"]),
    ):
        for row in model.objects.values_list(*fields):
            texts += [value for value in row if value]
    return texts


def test_demo_text_uses_person_first_language():
    load()
    texts = list(AboutMeEntry.objects.values_list("text", flat=True))
    texts += [str(row) for row in data.demo_accounts()]
    texts += plan_texts()
    for text in texts:
        lowered = text.lower()
        for word in ("service user", "patient", "client"):
            assert word not in lowered, text


def test_print_demo_accounts_lists_every_sign_in():
    load()
    out = io.StringIO()
    call_command("print_demo_accounts", stdout=out)
    printed = out.getvalue()
    for row in data.demo_accounts():
        assert row["username"] in printed
    assert "lived-demo-2026" in printed
    assert "not loaded" not in printed


# --- Support plans -------------------------------------------------------------------------------------


def test_sam_has_a_draft_plan_with_a_vague_action_left_for_the_quality_check():
    load()
    plan = scenario_person("Sam").support_plan
    versions = list(plan.versions.all())
    assert [(v.number, v.status) for v in versions] == [(1, PlanVersion.Status.DRAFT)]
    draft = versions[0]
    assert draft.response == "" and draft.agreed_at is None
    outcomes = list(draft.outcomes.all())
    assert len(outcomes) == 3
    actions = Action.objects.filter(outcome__plan_version=draft)
    assert actions.filter(what__contains="Promote independence").count() == 1
    for outcome in outcomes:
        assert outcome.evidence and outcome.review_owner and outcome.review_frequency_weeks, outcome
        for action in outcome.actions.all():
            assert (action.owner_id or action.owner_role) and action.frequency, action
    assert actions.filter(owner__username="tom").exists()
    assert actions.filter(owner_role="Any support worker on shift").exists()
    conversation = draft.conversations.get()
    assert "Sam" in conversation.participants and "Hannah Reid" in conversation.participants
    assert "Bea" in conversation.participants
    assert conversation.options_considered and conversation.agreed and conversation.why
    assert conversation.disagreement
    assert plan_services.agreement_problems(draft) == []  # only the quality check objects to it


def test_ada_agreed_her_morning_support_agreement():
    load()
    ada = scenario_person("Ada")
    agreed = ada.support_plan.versions.get()
    assert agreed.status == PlanVersion.Status.AGREED
    assert agreed.persons_words and agreed.response == PlanVersion.Response.AGREED
    assert agreed.response_recorded_by.username == "hannah"
    assert agreed.response_supported_by.username == "hannah"  # Ada has no account of her own

    routine = agreed.routines.get(name="Morning support agreement")
    assert "tea" in routine.in_persons_words.lower()
    assert routine.arrival_window == "8:00 to 8:45"
    assert routine.when_distress_rises and routine.agency_summary
    steps = list(routine.steps.all())
    assert [s.what.split()[0] for s in steps] == ["Tea", "Quiet", "Personal", "Medication"]
    assert steps[0].agreed_language
    assert all(s.flexibility == RoutineStep.Flexibility.FLEXIBLE for s in steps[:3])
    boundary = steps[3]
    assert boundary.flexibility == RoutineStep.Flexibility.BOUNDARY
    assert boundary.boundary_reason
    assert "9:30" in boundary.what and "9:15" in boundary.what and "9:45" in boundary.what
    assert (boundary.window_start, boundary.window_end) == (datetime.time(9, 15), datetime.time(9, 45))

    card = agreed.prompt_cards.get()
    assert card.title == "When anxiety rises in the morning"
    assert all(
        getattr(card, f"{colour}_{part}")
        for colour in ("green", "amber", "red")
        for part in ("looks_like", "staff_do")
    )
    assert agreed.outcomes.count() >= 2
    assert agreed.outcomes.filter(in_persons_words__icontains="art class").exists()


def test_tom_has_confirmed_reading_adas_plan_and_megan_has_not():
    load()
    agreed = scenario_person("Ada").support_plan.versions.get(status=PlanVersion.Status.AGREED)
    readers = set(agreed.read_confirmations.values_list("user__username", flat=True))
    assert "tom" in readers
    assert "megan" not in readers


def test_jos_weekly_rhythm_has_two_priorities_two_flexible_options_and_alternatives():
    load()
    agreed = scenario_person("Jo").support_plan.versions.get(status=PlanVersion.Status.AGREED)
    steps = list(agreed.routines.get(name="My week").steps.values_list("what", flat=True))
    assert sum(s.startswith("Priority:") for s in steps) == 2
    assert sum(s.startswith("Flexible:") for s in steps) == 2
    assert any(s.startswith("Agreed alternatives") for s in steps)
    assert Action.objects.filter(
        outcome__plan_version=agreed, what__contains="Do not write 'declined'"
    ).exists()


def test_scenario_plans_are_in_the_persons_words():
    load()
    jenny = scenario_person("Jenny").support_plan.versions.get(status=PlanVersion.Status.AGREED)
    assert "Ama and Kojo" in jenny.outcomes.first().in_persons_words
    marcus = scenario_person("Marcus").support_plan.versions.get(status=PlanVersion.Status.AGREED)
    assert "stay well at home" in marcus.outcomes.first().in_persons_words
    leon = scenario_person("Leon").support_plan.versions.get(status=PlanVersion.Status.AGREED)
    consent = Action.objects.get(outcome__plan_version=leon, what__contains="consent check")
    assert all(word in consent.what for word in ("Explain", "Offer options", "Confirm"))
    assert leon.response_supported_by is None  # Leon agreed on his own account
    for name in ("Priya", "Marcus", "Leon", "Jenny", "John", "Jo"):
        version = scenario_person(name).support_plan.versions.get(status=PlanVersion.Status.AGREED)
        assert 2 <= version.outcomes.count() <= 3, name


def test_at_least_eight_people_have_agreed_plans_and_a_third_have_none():
    load()
    agreed = PlanVersion.objects.filter(status=PlanVersion.Status.AGREED)
    assert agreed.values("plan__person").distinct().count() >= 8
    without = Person.objects.filter(support_plan__isnull=True).count()
    assert 0.25 <= without / Person.objects.count() <= 0.4


def test_every_agreed_action_has_an_owner_and_every_outcome_is_classified():
    load()
    for action in Action.objects.filter(outcome__plan_version__status=PlanVersion.Status.AGREED):
        assert action.owner_id or action.owner_role.strip(), action
    for outcome in Outcome.objects.all():
        assert outcome.life_area in LifeArea.values and outcome.chime_domain in ChimeDomain.values
        assert outcome.review_owner_id and outcome.evidence, outcome
    for version in PlanVersion.objects.filter(status=PlanVersion.Status.AGREED):
        assert plan_services.agreement_problems(version) == []


def test_plan_review_settings_are_set_with_the_key_worker_as_review_owner():
    load()
    for plan in SupportPlan.objects.select_related("person"):
        assert plan.review_frequency_weeks in (12, 26), plan
        assert plan.review_owner_id == plan.person.key_worker_id, plan


def test_plans_arrive_with_a_real_audit_trail():
    load()
    for version in PlanVersion.objects.all():
        assert AuditEvent.objects.filter(object_public_id=version.public_id).exists(), version
    for outcome in Outcome.objects.all():
        assert AuditEvent.objects.filter(
            object_public_id=outcome.public_id, action=AuditEvent.Action.CREATE
        ).exists()
    ada = scenario_person("Ada")
    assert AuditEvent.objects.filter(
        person_public_id=ada.public_id, what__endswith="agreed by the person"
    ).exists()
    assert AuditEvent.objects.filter(
        person_public_id=ada.public_id, what__endswith="read and understood by staff", actor__username="tom"
    ).exists()


def test_a_second_load_adds_no_plans_outcomes_or_audit_rows():
    load()
    before = counts()
    load()
    after = counts()
    assert after == before
    assert before["plan_versions"] >= 8 and before["outcomes"] > 0
