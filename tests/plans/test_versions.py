"""Versioning guarantees: drafts change, agreed versions never do, a new draft copies the last agreed."""

import pytest
from django.core.exceptions import ValidationError

from lived.plans import services
from lived.plans.compare import compare_versions
from lived.plans.models import Action, Outcome, PlanVersion
from lived.plans.services import PlanFrozen

pytestmark = pytest.mark.django_db


def outcome_data(**overrides):
    data = {
        "in_persons_words": "I want to cook my own tea twice a week.",
        "life_area": "home",
        "chime_domain": "empowerment",
        "evidence": "Meals cooked, recorded in daily notes",
    }
    data.update(overrides)
    return data


@pytest.fixture
def draft(person, senior):
    return services.start_plan(actor=senior, person=person)


@pytest.fixture
def complete_draft(draft, senior):
    outcome = services.add_part(actor=senior, model=Outcome, parent=draft, data=outcome_data())
    services.add_part(
        actor=senior,
        model=Action,
        parent=outcome,
        data={"what": "Shop for one meal with Sam", "owner": senior, "frequency": "Mondays"},
    )
    return draft


def test_starting_a_plan_twice_returns_the_same_draft(person, senior, draft):
    assert services.start_plan(actor=senior, person=person) == draft


def test_a_version_with_no_outcomes_cannot_be_agreed(draft, person_user):
    with pytest.raises(ValidationError, match="at least one outcome"):
        services.record_response(
            actor=person_user, version=draft, agrees=True, persons_words="yes", opened_version=1
        )
    draft.refresh_from_db()
    assert draft.status == PlanVersion.Status.DRAFT


def test_an_action_without_an_owner_blocks_agreement(draft, senior, person_user):
    outcome = services.add_part(actor=senior, model=Outcome, parent=draft, data=outcome_data())
    services.add_part(
        actor=senior, model=Action, parent=outcome, data={"what": "Help with shopping", "frequency": "weekly"}
    )
    with pytest.raises(ValidationError, match="no owner"):
        services.record_response(
            actor=person_user, version=draft, agrees=True, persons_words="yes", opened_version=1
        )


def test_the_person_agrees_in_their_words_and_the_version_freezes(complete_draft, senior, person_user):
    agreed = services.record_response(
        actor=person_user,
        version=complete_draft,
        agrees=True,
        persons_words="Yes, that's me",
        opened_version=1,
    )
    assert agreed.status == PlanVersion.Status.AGREED
    assert agreed.persons_words == "Yes, that's me"
    assert agreed.response_supported_by is None
    outcome = agreed.outcomes.get()
    with pytest.raises(PlanFrozen):
        services.update_part(
            actor=senior, part=outcome, data={"in_persons_words": "changed"}, opened_version=outcome.version
        )
    with pytest.raises(PlanFrozen):
        services.add_part(actor=senior, model=Outcome, parent=agreed, data=outcome_data())
    outcome.refresh_from_db()
    assert outcome.in_persons_words == "I want to cook my own tea twice a week."


def test_staff_recording_agreement_with_the_person_are_recorded_as_supporting(complete_draft, senior):
    agreed = services.record_response(
        actor=senior, version=complete_draft, agrees=True, persons_words="Yes", opened_version=1
    )
    assert agreed.response_supported_by == senior


def test_disagreement_needs_a_reason_and_keeps_the_draft_open(complete_draft, person_user):
    with pytest.raises(ValidationError, match="why"):
        services.record_response(
            actor=person_user, version=complete_draft, agrees=False, persons_words="No", opened_version=1
        )
    version = services.record_response(
        actor=person_user,
        version=complete_draft,
        agrees=False,
        persons_words="No",
        disagreement_reason="Twice is too much",
        opened_version=1,
    )
    assert version.status == PlanVersion.Status.DRAFT
    assert version.response == PlanVersion.Response.DISAGREED


def test_a_new_draft_copies_the_last_agreed_version_and_agreeing_it_supersedes_the_old(
    complete_draft, senior, person_user
):
    v1 = services.record_response(
        actor=person_user, version=complete_draft, agrees=True, persons_words="Yes", opened_version=1
    )
    v2 = services.start_new_draft(actor=senior, plan=v1.plan, reason="Sam wants to add swimming")
    assert v2.number == 2 and v2.based_on == v1
    copied = v2.outcomes.get()
    assert copied.key == v1.outcomes.get().key and copied.pk != v1.outcomes.get().pk
    assert copied.actions.get().what == "Shop for one meal with Sam"
    services.update_part(
        actor=senior,
        part=copied,
        data={"in_persons_words": "I want to cook three times a week."},
        opened_version=1,
    )
    services.add_part(
        actor=senior,
        model=Outcome,
        parent=v2,
        data=outcome_data(in_persons_words="I want to swim on Fridays."),
    )
    changes = compare_versions(v1, v2)
    sentences = [c.sentence for c in changes]
    assert any(s.startswith("Outcome added: I want to swim") for s in sentences)
    assert any(s.startswith("Outcome changed: I want to cook three") for s in sentences)
    services.add_part(
        actor=senior,
        model=Action,
        parent=v2.outcomes.get(in_persons_words__startswith="I want to swim"),
        data={"what": "Go to the pool with Sam", "owner_role": "Any support worker", "frequency": "Fridays"},
    )
    services.record_response(
        actor=person_user, version=v2, agrees=True, persons_words="Yes", opened_version=1
    )
    v1.refresh_from_db()
    assert v1.status == PlanVersion.Status.SUPERSEDED
    assert v1.outcomes.get().in_persons_words == "I want to cook my own tea twice a week."


def test_two_people_editing_the_same_outcome_do_not_overwrite_each_other(draft, senior, manager):
    from lived.core.concurrency import StaleEdit

    outcome = services.add_part(actor=senior, model=Outcome, parent=draft, data=outcome_data())
    services.update_part(actor=senior, part=outcome, data={"evidence": "A"}, opened_version=1)
    with pytest.raises(StaleEdit):
        services.update_part(actor=manager, part=outcome, data={"evidence": "B"}, opened_version=1)
    outcome.refresh_from_db()
    assert outcome.evidence == "A"


def test_read_confirmation_is_idempotent(complete_draft, person_user, support_worker):
    agreed = services.record_response(
        actor=person_user, version=complete_draft, agrees=True, persons_words="Yes", opened_version=1
    )
    first = services.confirm_read(user=support_worker, version=agreed)
    assert services.confirm_read(user=support_worker, version=agreed) == first
    assert agreed.read_confirmations.count() == 1
