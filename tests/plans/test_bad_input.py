"""Junk posted to every support plan form gets a clear answer (400 with an error summary), never a 500,
and nothing is saved."""

import pytest
from django.apps import apps

from lived.plans import services
from tests.plans.factories import PlanObjects, build_agreed_plan_and_draft

pytestmark = pytest.mark.django_db

D = "/people/{o.p}/plan/versions/{o.draft}/"

# Every form that takes input, on the open draft.
POST_URLS = [
    "/people/{o.p}/plan/settings/",
    D + "respond/",
    D + "outcomes/add/",
    D + "outcomes/{o.outcome}/",
    D + "outcomes/{o.outcome}/remove/",
    D + "outcomes/{o.outcome}/actions/add/",
    D + "actions/{o.action}/",
    D + "actions/{o.action}/remove/",
    D + "conversations/add/",
    D + "conversations/{o.conversation}/",
    D + "conversations/{o.conversation}/remove/",
    D + "routines/add/",
    D + "routines/{o.routine}/",
    D + "routines/{o.routine}/remove/",
    D + "routines/{o.routine}/steps/add/",
    D + "steps/{o.step}/",
    D + "steps/{o.step}/remove/",
    D + "prompt-cards/add/",
    D + "prompt-cards/{o.card}/",
    D + "prompt-cards/{o.card}/remove/",
]

JUNK = [
    {},
    {
        "version": "not-a-number",
        "agrees": "maybe",
        "confirm": "perhaps",
        "life_area": "moon",
        "chime_domain": "nonsense",
        "flexibility": "sometimes",
        "written_by_person": "who knows",
        "person_took_part": "2",
        "review_frequency_weeks": "six",
    },
    {
        "version": "-1",
        "in_persons_words": "x" * 5000,
        "written_by_person": "true",
        "life_area": "home",
        "chime_domain": "hope",
        "review_frequency_weeks": "-3",
        "review_owner": "00000000-0000-0000-0000-000000000000",
        "owner": "not-a-uuid",
        "what": "y" * 5000,
        "name": "z" * 300,
        "window_start": "25:99",
        "window_end": "teatime",
        "flexibility": "boundary",
        "held_on[day]": "99",
        "held_on[month]": "x",
        "held_on[year]": "-5",
        "participants": "Sam",
        "title": "t" * 300,
        "persons_words": "",
        "agrees": "false",
        "reason": "",
    },
]


def _plan_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label == "plans"}


def _row_versions(draft):
    """Every part's version number: an update that slipped through would bump one."""
    return sorted(
        (type(part).__name__, part.version)
        for part in [
            *draft.outcomes.all(),
            *draft.routines.all(),
            *draft.prompt_cards.all(),
            *draft.conversations.all(),
        ]
    ) + [("PlanVersion", draft.version)]


@pytest.fixture
def objects(person, senior):
    agreed, draft = build_agreed_plan_and_draft(person, senior)
    return PlanObjects(person, agreed, draft), draft


@pytest.mark.parametrize("junk", JUNK, ids=["empty", "wrong-choices", "tampered-and-oversized"])
def test_junk_to_every_plan_form_never_errors_and_saves_nothing(client, manager, objects, junk):
    plan_objects, draft = objects
    client.force_login(manager)
    before, versions_before = _plan_counts(), _row_versions(draft)
    for template in POST_URLS:
        path = template.format(o=plan_objects)
        response = client.post(path, junk)
        assert response.status_code == 400, f"{path} answered {response.status_code}"
        assert "There is a problem" in response.content.decode(), path
    assert _plan_counts() == before
    draft.refresh_from_db()
    assert _row_versions(draft) == versions_before


def test_junk_to_start_a_new_draft_is_refused(client, manager, person, senior, person_user):
    first = services.start_plan(actor=senior, person=person)
    from lived.plans.models import Action, Outcome

    outcome = services.add_part(
        actor=senior,
        model=Outcome,
        parent=first,
        data={"in_persons_words": "I want a job", "life_area": "work", "chime_domain": "meaning"},
    )
    services.add_part(actor=senior, model=Action, parent=outcome, data={"what": "CV help", "owner": senior})
    services.record_response(
        actor=person_user, version=first, agrees=True, persons_words="yes", opened_version=1
    )
    client.force_login(manager)
    before = _plan_counts()
    for junk in JUNK:
        response = client.post(f"/people/{person.public_id}/plan/new-draft/", junk)
        assert response.status_code == 400
        assert "There is a problem" in response.content.decode()
    assert _plan_counts() == before


def test_buttons_without_input_are_safe_to_press_twice(client, manager, objects):
    plan_objects, draft = objects
    client.force_login(manager)
    before = _plan_counts()
    # Starting a plan or a new draft while a draft is open returns to that draft.
    for path in [f"/people/{plan_objects.p}/plan/start/", f"/people/{plan_objects.p}/plan/new-draft/"]:
        response = client.post(path, {"reason": "junk"})
        assert response.status_code == 302
        assert response.url == f"/people/{plan_objects.p}/plan/versions/{draft.number}/"
    assert _plan_counts() == before


def test_junk_in_the_address_is_not_found_or_a_clear_message(client, manager, objects):
    plan_objects, _ = objects
    client.force_login(manager)
    p = plan_objects.p
    for path in [
        f"/people/{p}/plan/versions/99/",
        f"/people/{p}/plan/versions/99/respond/",
        f"/people/{p}/plan/versions/2/outcomes/00000000-0000-0000-0000-000000000000/",
        f"/people/{p}/plan/versions/2/outcomes/00000000-0000-0000-0000-000000000000/actions/add/",
        f"/people/{p}/plan/versions/2/steps/{plan_objects.outcome}/",  # an outcome's id is not a step's
        f"/people/{p}/plan/versions/x/",
    ]:
        assert client.get(path).status_code == 404, path
    for query in ["?from=1&to=1", "?from=one&to=2", "?from=1", "?to=" + "9" * 30]:
        response = client.get(f"/people/{p}/plan/compare/{query}")
        assert response.status_code == 400, query
        assert "There is a problem" in response.content.decode()
