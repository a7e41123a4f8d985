"""Support plan pages through the Django client: scenario 1 end to end, agreement and disagreement,
frozen versions, stale edits, the quality panel, read confirmations and constant query counts."""

import sys
import types
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.core.models import AuditEvent
from lived.plans import services
from lived.plans.models import (
    Action,
    Outcome,
    PlanVersion,
    ReadConfirmation,
    Routine,
    RoutineStep,
    SupportPlan,
)
from tests.plans.factories import PlanObjects, add, build_agreed_plan_and_draft

pytestmark = pytest.mark.django_db


def plan_url(person, suffix=""):
    return f"/people/{person.public_id}/plan/{suffix}"


def version_url(person, number, suffix=""):
    return plan_url(person, f"versions/{number}/{suffix}")


def outcome_post(**overrides):
    data = {
        "in_persons_words": "I want to do my own shopping and choose what I eat.",
        "written_by_person": "true",
        "life_area": "home",
        "chime_domain": "empowerment",
        "review_frequency_weeks": "6",
        "review_owner": "",
        "evidence": "Shopping trips recorded in daily notes",
        "funded_by": "Individual service fund",
    }
    data.update(overrides)
    return data


def action_post(**overrides):
    data = {
        "what": "Promote independence",
        "owner": "",
        "owner_role": "",
        "frequency": "",
        "prompts": "",
        "adjustments": "",
    }
    data.update(overrides)
    return data


def plan_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label == "plans"}


@pytest.fixture
def draft(person, senior):
    return services.start_plan(actor=senior, person=person)


@pytest.fixture
def agreeable_draft(draft, senior):
    outcome = add(
        senior,
        Outcome,
        draft,
        in_persons_words="I want to cook my own tea twice a week.",
        life_area="home",
        chime_domain="empowerment",
    )
    add(
        senior,
        Action,
        outcome,
        what="Shop for one meal with Sam on Mondays",
        owner=senior,
        frequency="Mondays",
    )
    return draft


@pytest.fixture
def agreed_and_draft(person, senior):
    return build_agreed_plan_and_draft(person, senior)


# Scenario 1, end to end


def test_scenario_1_a_key_worker_and_sam_write_a_plan_sam_agrees_and_it_freezes(
    client, senior, person, person_user
):
    client.force_login(senior)
    overview = client.get(plan_url(person)).content.decode()
    assert "does not have a support plan yet" in overview
    assert "Start a plan" in overview

    response = client.post(plan_url(person, "start/"))
    assert response.status_code == 302
    assert response.url == version_url(person, 1)
    assert "Add an outcome" in client.get(response.url).content.decode()

    response = client.post(version_url(person, 1, "outcomes/add/"), outcome_post())
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert outcome.in_persons_words == "I want to do my own shopping and choose what I eat."
    assert outcome.written_by_person is True

    response = client.post(
        version_url(person, 1, f"outcomes/{outcome.public_id}/actions/add/"), action_post()
    )
    assert response.status_code == 302
    action = Action.objects.get()

    page = client.get(version_url(person, 1)).content.decode()
    assert "Promote independence" in page
    assert "An action in outcome 1 has no owner" in page  # what still stops agreement
    try:
        import lived.plans.quality  # noqa: F401
    except ImportError:
        assert "Plan quality check" not in page
    else:
        assert "Plan quality check" in page

    # Rewritten specifically, with an owner and a frequency.
    response = client.post(
        version_url(person, 1, f"actions/{action.public_id}/"),
        action_post(
            version=str(action.version),
            what="Walk to the shop with Sam on Mondays; Sam writes the list, chooses and pays",
            owner=str(senior.public_id),
            frequency="Mondays after 2pm",
        ),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owner == senior and action.frequency == "Mondays after 2pm"

    # Sam, on his own account, reads it and agrees in his words.
    client.force_login(person_user)
    mine = client.get(plan_url(person)).content.decode()
    assert "Your support plan" in mine
    assert "say whether you agree" in mine
    page = client.get(version_url(person, 1)).content.decode()
    assert "Say whether you agree" in page
    assert "In your own words" in page
    form = client.get(version_url(person, 1, "respond/")).content.decode()
    assert "Do you agree with your plan?" in form
    assert "Yes, I agree" in form and "No, I do not agree" in form
    version = PlanVersion.objects.get()
    response = client.post(
        version_url(person, 1, "respond/"),
        {"version": str(version.version), "agrees": "true", "persons_words": "yes, that's me"},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == PlanVersion.Status.AGREED
    assert version.persons_words == "yes, that's me"
    assert version.response_supported_by is None

    page = client.get(version_url(person, 1)).content.decode()
    assert "This version is agreed and cannot be changed" in page
    assert "yes, that&#39;s me" in page
    assert "Change<span" not in page and "Add an outcome" not in page

    # The frozen version refuses any edit, with a clear message, and nothing changes.
    client.force_login(senior)
    page = client.get(version_url(person, 1)).content.decode()
    assert "Agreed on" in page and "In Sam&#39;s words" in page
    assert "Change<span" not in page and "Add an outcome" not in page
    before = plan_counts()
    response = client.post(
        version_url(person, 1, f"outcomes/{outcome.public_id}/"),
        outcome_post(version=str(outcome.version), in_persons_words="Changed after agreement"),
    )
    assert response.status_code == 400
    assert "cannot be changed" in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.in_persons_words == "I want to do my own shopping and choose what I eat."
    assert plan_counts() == before


def test_the_person_disagrees_with_a_reason_and_the_draft_stays_open(
    client, person, person_user, agreeable_draft
):
    client.force_login(person_user)
    url = version_url(person, 1, "respond/")
    response = client.post(url, {"version": "1", "agrees": "false", "persons_words": "Not yet"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "Say what needs to change" in response.content.decode()
    agreeable_draft.refresh_from_db()
    assert agreeable_draft.response == ""

    response = client.post(
        url,
        {
            "version": "1",
            "agrees": "false",
            "persons_words": "Not yet, it's not me",
            "disagreement_reason": "Mondays are my sister's day",
        },
    )
    assert response.status_code == 302
    agreeable_draft.refresh_from_db()
    assert agreeable_draft.status == PlanVersion.Status.DRAFT
    assert agreeable_draft.response == PlanVersion.Response.DISAGREED
    assert agreeable_draft.disagreement_reason == "Mondays are my sister's day"
    page = client.get(version_url(person, 1)).content.decode()
    assert "You did not agree" in page
    assert "Mondays are my sister&#39;s day" in page


def test_a_senior_records_agreement_in_the_persons_words_and_is_recorded_as_supporting(
    client, senior, person, agreeable_draft
):
    client.force_login(senior)
    form = client.get(version_url(person, 1, "respond/")).content.decode()
    assert "What Sam said, in their words" in form
    assert "You will be recorded as having supported Sam" in form
    response = client.post(
        version_url(person, 1, "respond/"),
        {"version": "1", "agrees": "true", "persons_words": "That's me, yes"},
    )
    assert response.status_code == 302
    agreeable_draft.refresh_from_db()
    assert agreeable_draft.status == PlanVersion.Status.AGREED
    assert agreeable_draft.response_supported_by == senior
    page = client.get(plan_url(person)).content.decode()
    assert "That&#39;s me, yes" in page
    assert "who supported Sam to give this answer" in page


def test_a_support_worker_cannot_record_agreement(client, support_worker, person, agreeable_draft):
    client.force_login(support_worker)
    response = client.post(
        version_url(person, 1, "respond/"), {"version": "1", "agrees": "true", "persons_words": "yes"}
    )
    assert response.status_code == 403
    agreeable_draft.refresh_from_db()
    assert agreeable_draft.status == PlanVersion.Status.DRAFT


def test_the_person_cannot_edit_their_draft(client, person, person_user, draft):
    client.force_login(person_user)
    assert client.post(version_url(person, 1, "outcomes/add/"), outcome_post()).status_code == 403
    assert not Outcome.objects.exists()


def test_agreement_problems_show_as_an_error_summary_and_nothing_is_saved(client, person, person_user, draft):
    client.force_login(person_user)
    response = client.post(
        version_url(person, 1, "respond/"), {"version": "1", "agrees": "true", "persons_words": "yes"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Add at least one outcome before the plan can be agreed" in html
    draft.refresh_from_db()
    assert draft.status == PlanVersion.Status.DRAFT and draft.persons_words == ""


def test_a_stale_edit_shows_both_versions_and_overwrites_nothing(client, senior, manager, person, draft):
    outcome = add(
        senior, Outcome, draft, in_persons_words="First words", life_area="home", chime_domain="hope"
    )
    services.update_part(
        actor=manager, part=outcome, data={"in_persons_words": "Manager's words"}, opened_version=1
    )
    client.force_login(senior)
    response = client.post(
        version_url(person, 1, f"outcomes/{outcome.public_id}/"),
        outcome_post(version="1", in_persons_words="Senior's words"),
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "This changed since you opened it" in html
    assert "Manager&#39;s words" in html and "Senior&#39;s words" in html
    outcome.refresh_from_db()
    assert outcome.in_persons_words == "Manager's words"


def test_a_stale_agreement_is_refused(client, senior, person, person_user, agreeable_draft):
    services.record_response(
        actor=senior,
        version=agreeable_draft,
        agrees=False,
        persons_words="Not yet",
        disagreement_reason="Wants to think",
        opened_version=1,
    )
    client.force_login(person_user)
    response = client.post(
        version_url(person, 1, "respond/"), {"version": "1", "agrees": "true", "persons_words": "yes"}
    )
    assert response.status_code == 409
    agreeable_draft.refresh_from_db()
    assert agreeable_draft.status == PlanVersion.Status.DRAFT


FROZEN_EDITS = [
    ("outcomes/add/", outcome_post()),
    ("outcomes/{o.outcome}/", outcome_post(version="1")),
    ("outcomes/{o.outcome}/remove/", {"confirm": "yes"}),
    ("outcomes/{o.outcome}/actions/add/", action_post(owner_role="Any support worker")),
    ("actions/{o.action}/", action_post(version="1")),
    ("actions/{o.action}/remove/", {"confirm": "yes"}),
    ("routines/add/", {"name": "Evening"}),
    ("routines/{o.routine}/", {"name": "Evening", "version": "1"}),
    ("routines/{o.routine}/remove/", {"confirm": "yes"}),
    ("routines/{o.routine}/steps/add/", {"what": "Tea", "flexibility": "flexible"}),
    ("steps/{o.step}/", {"what": "Tea", "flexibility": "flexible", "version": "1"}),
    ("steps/{o.step}/remove/", {"confirm": "yes"}),
    ("conversations/{o.conversation}/remove/", {"confirm": "yes"}),
    ("prompt-cards/{o.card}/remove/", {"confirm": "yes"}),
    ("respond/", {"version": "2", "agrees": "true", "persons_words": "yes"}),
]


def test_an_agreed_version_refuses_every_change_with_a_clear_message(
    client, senior, person, agreed_and_draft
):
    agreed, draft = agreed_and_draft
    objects = PlanObjects(person, agreed, agreed)  # the parts of the agreed version itself
    client.force_login(senior)
    before = plan_counts()
    for suffix, data in FROZEN_EDITS:
        url = version_url(person, agreed.number, suffix.format(o=objects))
        for method in (client.get, client.post):
            response = method(url, data) if method == client.post else method(url)
            html = response.content.decode()
            assert response.status_code == 400, f"{url} answered {response.status_code}"
            assert "Version 1 cannot be changed" in html, url
            assert "There is a problem" in html
    assert plan_counts() == before
    agreed.refresh_from_db()
    assert agreed.outcomes.get().in_persons_words == "I want to cook my own tea twice a week."


def test_a_part_of_another_version_is_not_found_in_the_draft(client, senior, person, agreed_and_draft):
    agreed, draft = agreed_and_draft
    agreed_outcome = agreed.outcomes.get()
    client.force_login(senior)
    assert (
        client.get(version_url(person, draft.number, f"outcomes/{agreed_outcome.public_id}/")).status_code
        == 404
    )


# Draft editing


def test_a_senior_changes_and_removes_an_outcome_and_its_actions_go_with_it(
    client, senior, person, agreeable_draft
):
    outcome = agreeable_draft.outcomes.get()
    client.force_login(senior)
    response = client.post(
        version_url(person, 1, f"outcomes/{outcome.public_id}/"),
        outcome_post(version="1", is_limited="true", limit_explained=""),
    )
    assert response.status_code == 400
    assert "Explain the limit in plain words" in response.content.decode()

    response = client.post(
        version_url(person, 1, f"outcomes/{outcome.public_id}/"),
        outcome_post(version="1", review_owner=str(senior.public_id)),
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.review_owner == senior and outcome.version == 2

    url = version_url(person, 1, f"outcomes/{outcome.public_id}/remove/")
    assert "Remove this outcome" in client.get(url).content.decode()
    assert client.post(url, {"confirm": "no"}).status_code == 302
    assert Outcome.objects.filter(pk=outcome.pk).exists()
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not Outcome.objects.exists() and not Action.objects.exists()


def test_an_action_owner_must_work_at_the_persons_service(client, senior, outsider, person, agreeable_draft):
    outcome = agreeable_draft.outcomes.get()
    client.force_login(senior)
    response = client.post(
        version_url(person, 1, f"outcomes/{outcome.public_id}/actions/add/"),
        action_post(what="Cook together", owner=str(outsider.public_id)),
    )
    assert response.status_code == 400
    assert "Select a member of staff from the list" in response.content.decode()
    assert Action.objects.count() == 1


def test_a_planning_conversation_is_recorded_with_who_took_part_and_why(client, senior, person, draft):
    client.force_login(senior)
    data = {
        "held_on[day]": "5",
        "held_on[month]": "1",
        "held_on[year]": "2026",
        "participants": "Sam, his sister, Hannah",
        "person_took_part": "true",
        "options_considered": "A cooking class; cooking at home with support",
        "agreed": "Cook at home on Mondays",
        "why": "Sam feels more at ease at home",
        "disagreement": "His sister would prefer the class",
    }
    response = client.post(version_url(person, 1, "conversations/add/"), data)
    assert response.status_code == 302
    page = client.get(version_url(person, 1)).content.decode()
    assert "Conversation on 5 January 2026" in page
    assert "His sister would prefer the class" in page

    response = client.post(
        version_url(person, 1, "conversations/add/"), {**data, "held_on[day]": "31", "held_on[month]": "2"}
    )
    assert response.status_code == 400
    assert "Enter a real date" in response.content.decode()


def test_a_routine_step_needs_a_reason_for_a_boundary_and_real_times(client, senior, person, draft):
    routine = add(senior, Routine, draft, name="Morning support agreement")
    client.force_login(senior)
    url = version_url(person, 1, f"routines/{routine.public_id}/steps/add/")
    response = client.post(url, {"what": "Medication", "flexibility": "boundary", "window_start": "25:00"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Say why this step needs a boundary" in html
    assert "Enter earliest time as a time, like 08:30" in html
    response = client.post(
        url, {"what": "Tea", "flexibility": "flexible", "window_start": "09:00", "window_end": "08:00"}
    )
    assert response.status_code == 400
    assert "The latest time must be after the earliest time" in response.content.decode()
    assert not RoutineStep.objects.exists()


def test_a_routine_step_with_a_time_window_shows_it_in_order(client, senior, person, draft):
    routine = add(senior, Routine, draft, name="Morning support agreement")
    client.force_login(senior)
    url = version_url(person, 1, f"routines/{routine.public_id}/steps/add/")
    client.post(
        url, {"what": "Tea first", "flexibility": "flexible", "window_start": "08:00", "window_end": "08:45"}
    )
    client.post(
        url,
        {
            "what": "Medication",
            "flexibility": "boundary",
            "boundary_reason": "Prescribed for 9am",
            "window_end": "09:30",
        },
    )
    page = client.get(version_url(person, 1)).content.decode()
    assert page.index("Tea first") < page.index("Medication")
    assert "08:00 to 08:45" in page and "By 09:30" in page
    assert "Needs a boundary" in page and "Prescribed for 9am" in page


def test_a_prompt_card_shows_green_amber_and_red(client, senior, person, draft):
    client.force_login(senior)
    data = {
        "title": "When anxiety rises in the morning",
        "green_looks_like": "Chatty, making tea",
        "green_staff_do": "Carry on, follow Sam's lead",
        "amber_looks_like": "Quiet, pacing",
        "amber_staff_do": "Offer tea and ten minutes",
        "red_looks_like": "Raised voice, door shut",
        "red_staff_do": "Step back, come back in half an hour",
    }
    response = client.post(version_url(person, 1, "prompt-cards/add/"), {**data, "red_staff_do": ""})
    assert response.status_code == 400
    assert "Say what staff do (red)" in response.content.decode()
    assert client.post(version_url(person, 1, "prompt-cards/add/"), data).status_code == 302
    page = client.get(version_url(person, 1)).content.decode()
    for text in [
        "Green",
        "Amber",
        "Red",
        "Offer tea and ten minutes",
        "Step back, come back in half an hour",
    ]:
        assert text in page


def test_a_new_draft_needs_a_reason_and_starts_as_a_copy(
    client, senior, person, agreeable_draft, person_user
):
    services.record_response(
        actor=person_user, version=agreeable_draft, agrees=True, persons_words="yes", opened_version=1
    )
    client.force_login(senior)
    assert "Start a new draft" in client.get(plan_url(person)).content.decode()
    response = client.post(plan_url(person, "new-draft/"), {"reason": ""})
    assert response.status_code == 400
    assert "Say why the plan is changing" in response.content.decode()
    response = client.post(plan_url(person, "new-draft/"), {"reason": "Sam's review in March"})
    assert response.status_code == 302 and response.url == version_url(person, 2)
    draft = PlanVersion.objects.get(number=2)
    assert draft.reason_for_change == "Sam's review in March"
    assert draft.outcomes.get().in_persons_words == "I want to cook my own tea twice a week."
    # A second press returns to the same draft.
    assert client.post(plan_url(person, "new-draft/"), {"reason": "again"}).url == version_url(person, 2)
    assert PlanVersion.objects.count() == 2


def test_starting_a_plan_twice_opens_the_same_draft(client, senior, person):
    client.force_login(senior)
    client.post(plan_url(person, "start/"))
    client.post(plan_url(person, "start/"))
    assert PlanVersion.objects.count() == 1


def test_plan_review_settings_are_saved(client, senior, manager, person, draft):
    client.force_login(senior)
    url = plan_url(person, "settings/")
    response = client.post(url, {"review_frequency_weeks": "0", "review_owner": ""})
    assert response.status_code == 400
    assert "The number of weeks must be 1 or more" in response.content.decode()
    response = client.post(url, {"review_frequency_weeks": "12", "review_owner": str(manager.public_id)})
    assert response.status_code == 302
    plan = SupportPlan.objects.get()
    assert plan.review_frequency_weeks == 12 and plan.review_owner == manager
    assert "Every 12 weeks, by Manager Tester" in client.get(plan_url(person)).content.decode()


# Versions, changes and reading


def test_comparing_versions_lists_what_changed_in_plain_words(client, senior, person, agreed_and_draft):
    agreed, draft = agreed_and_draft
    outcome = draft.outcomes.get()
    services.update_part(
        actor=senior, part=outcome, data={"in_persons_words": "I want to cook with friends"}, opened_version=1
    )
    add(
        senior,
        Outcome,
        draft,
        in_persons_words="I want to go running",
        life_area="health",
        chime_domain="hope",
    )
    client.force_login(senior)
    html = client.get(plan_url(person, "compare/?from=1&to=2")).content.decode()
    assert "From version 1 to version 2" in html
    assert "Changed: Outcome" in html and "Added: Outcome" in html
    assert "Before: I want to cook my own tea twice a week.. Now: I want to cook with friends" in html

    response = client.get(plan_url(person, "compare/?from=1&to=9"))
    assert response.status_code == 400
    assert "Choose versions from the list" in response.content.decode()
    assert client.get(plan_url(person, "compare/?from=x")).status_code == 400


def test_a_support_worker_confirms_reading_the_agreed_version(
    client, support_worker, person, agreed_and_draft
):
    agreed, _ = agreed_and_draft
    client.force_login(support_worker)
    html = client.get(plan_url(person)).content.decode()
    assert "Confirm you have read the changes" in html
    url = version_url(person, agreed.number, "confirm-read/")
    assert "I have read and understood the changes" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # twice keeps the first confirmation
    assert ReadConfirmation.objects.filter(user=support_worker).count() == 1
    assert "Confirm you have read the changes" not in client.get(plan_url(person)).content.decode()


def test_the_person_is_never_asked_to_confirm_reading(client, person_user, person, agreed_and_draft):
    client.force_login(person_user)
    assert "Confirm you have read the changes" not in client.get(plan_url(person)).content.decode()


def test_a_draft_cannot_be_confirmed_as_read(client, support_worker, person, agreed_and_draft):
    _, draft = agreed_and_draft
    client.force_login(support_worker)
    response = client.post(version_url(person, draft.number, "confirm-read/"))
    assert response.status_code == 400
    assert not ReadConfirmation.objects.exists()


def test_readers_lists_care_staff_as_read_or_not_yet_in_constant_queries(
    client, manager, support_worker, quality_lead, senior, person, agreed_and_draft, service
):
    from tests.factories import make_user

    agreed, _ = agreed_and_draft
    services.confirm_read(user=support_worker, version=agreed)
    client.force_login(manager)
    url = version_url(person, agreed.number, "readers/")

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    few, html = count()
    assert "Support_Worker Tester" in html and "Read on" in html
    assert "Not yet" in html
    for i in range(10):
        make_user(f"extra{i}", roles=["support_worker"], service=service)
    many, html = count()
    assert "Extra9 Tester" in html
    assert few == many


def test_the_overview_uses_the_same_number_of_queries_for_small_and_large_plans(
    client, support_worker, senior, person, person_user, other_service
):
    def build(person, outcomes, actions):
        draft = services.start_plan(actor=senior, person=person)
        for i in range(outcomes):
            outcome = add(
                senior,
                Outcome,
                draft,
                in_persons_words=f"Outcome words {i}",
                life_area="home",
                chime_domain="hope",
                review_owner=senior,
            )
            for j in range(actions):
                add(senior, Action, outcome, what=f"Action {i}.{j}", owner=senior)
        routine = add(senior, Routine, draft, name=f"Routine with {outcomes}")
        for k in range(actions):
            add(senior, RoutineStep, routine, what=f"Step {k}")
        services.record_response(
            actor=senior, version=draft, agrees=True, persons_words="yes", opened_version=draft.version
        )

    def queries(person):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(plan_url(person))
        assert response.status_code == 200
        return len(captured), response.content.decode()

    from lived.people import services as people_services
    from tests.factories import person_data

    build(person, 3, 2)
    big = people_services.create_person(
        actor=senior, data=person_data(person.service, given_name="Bea", family_name="Big", nhs_number="")
    )
    build(big, 12, 4)
    client.force_login(support_worker)
    small_count, small_html = queries(person)
    big_count, big_html = queries(big)
    assert "Action 2.1" in small_html and "Action 11.3" in big_html
    assert small_count == big_count


def test_every_plan_page_writes_an_access_row(client, manager, person, agreed_and_draft):
    client.force_login(manager)
    for suffix in ["", "versions/1/", "versions/2/", "compare/", "versions/1/readers/", "settings/"]:
        before = AuditEvent.objects.filter(person_public_id=person.public_id, action="view").count()
        assert client.get(plan_url(person, suffix)).status_code == 200, suffix
        after = AuditEvent.objects.filter(person_public_id=person.public_id, action="view").count()
        assert after == before + 1, suffix


def test_a_version_page_has_one_h1_and_a_matching_title(client, senior, person, agreed_and_draft):
    client.force_login(senior)
    html = client.get(version_url(person, 2)).content.decode()
    assert html.count("<h1") == 1
    assert "<title>Support plan: version 2 (draft)" in html
    assert "<h1>Support plan: version 2 (draft)</h1>" in html


def test_no_page_calls_the_person_a_service_user_patient_or_client(
    client, senior, person_user, person, agreed_and_draft
):
    pages = ["", "versions/1/", "versions/2/", "versions/2/respond/", "compare/"]
    for user in (senior, person_user):
        client.force_login(user)
        for suffix in pages:
            html = client.get(plan_url(person, suffix)).content.decode().lower()
            for word in ["service user", "patient", "client"]:
                assert word not in html, f"{word!r} on {suffix}"


# The plan quality check panel


@dataclass
class FakeFinding:
    code: str
    message: str
    reason: str
    where: str


@dataclass
class FakeReadability:
    score: float
    target: float
    meets_target: bool
    label: str


def _load_urls_first():
    """The URLconf imports the real checks; load it before they are swapped out."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018


def _patch_check(monkeypatch, module_name, attribute, function):
    """Swap one check for a known answer: on the real module if it is installed, else on a stand-in."""
    import importlib

    _load_urls_first()
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        module = types.ModuleType(module_name)
        monkeypatch.setitem(sys.modules, module_name, module)
    monkeypatch.setattr(module, attribute, function, raising=False)


@pytest.fixture
def fake_quality(monkeypatch):
    _patch_check(
        monkeypatch,
        "lived.plans.quality",
        "check_plan",
        lambda version: [
            FakeFinding(
                "vague", "“Promote independence” is vague", "Say exactly what staff will do", "Outcome 1"
            )
        ],
    )
    _patch_check(
        monkeypatch,
        "lived.plans.readability",
        "readability",
        lambda version: FakeReadability(71.0, 60.0, True, "Easy to read"),
    )


def test_the_quality_panel_lists_findings_and_they_are_frozen_at_agreement(
    client, senior, person, agreeable_draft, fake_quality
):
    client.force_login(senior)
    html = client.get(version_url(person, 1)).content.decode()
    assert "Plan quality check" in html
    assert "“Promote independence” is vague" in html
    assert "Say exactly what staff will do" in html
    assert "Easy to read" in html
    client.post(
        version_url(person, 1, "respond/"), {"version": "1", "agrees": "true", "persons_words": "yes"}
    )
    agreeable_draft.refresh_from_db()
    assert agreeable_draft.status == PlanVersion.Status.AGREED
    assert agreeable_draft.quality_findings == [
        {
            "code": "vague",
            "message": "“Promote independence” is vague",
            "reason": "Say exactly what staff will do",
            "where": "Outcome 1",
        }
    ]
    assert agreeable_draft.readability_score == 71.0


def test_the_quality_panel_says_so_when_nothing_is_found(client, senior, person, draft, monkeypatch):
    _patch_check(monkeypatch, "lived.plans.quality", "check_plan", lambda version: [])
    client.force_login(senior)
    assert "No problems found" in client.get(version_url(person, 1)).content.decode()


def test_the_person_does_not_see_the_staff_quality_panel(client, person_user, person, draft, fake_quality):
    client.force_login(person_user)
    assert "Plan quality check" not in client.get(version_url(person, 1)).content.decode()


def test_starting_a_plan_when_one_is_agreed_asks_for_a_reason_first(
    client, senior, person, person_user, agreeable_draft
):
    services.record_response(
        actor=person_user, version=agreeable_draft, agrees=True, persons_words="yes", opened_version=1
    )
    client.force_login(senior)
    response = client.post(plan_url(person, "start/"))
    assert response.status_code == 302 and response.url == plan_url(person, "new-draft/")
    assert PlanVersion.objects.count() == 1
