"""Crisis plans: every save keeps a version, the person adds only their own words, stale edits are refused."""

import pytest

from lived.core.concurrency import StaleEdit
from lived.crisis import services as crisis_services
from lived.crisis.models import CrisisPlanVersion
from tests.crisis.factories import CRISIS

pytestmark = pytest.mark.django_db


def test_crisis_plan_keeps_history_and_refuses_stale_edits(crisis_plan, senior, support_worker):
    crisis_services.save_crisis_plan(
        actor=support_worker,
        person=crisis_plan.person,
        data={**CRISIS, "what_helps": "Music"},
        opened_version=1,
    )
    assert CrisisPlanVersion.objects.count() == 2
    assert CrisisPlanVersion.objects.get(number=1).content["what_helps"] == CRISIS["what_helps"]
    with pytest.raises(StaleEdit):
        crisis_services.save_crisis_plan(
            actor=senior, person=crisis_plan.person, data=dict(CRISIS), opened_version=1
        )


def test_the_person_adds_their_own_words_and_nothing_else(crisis_plan, person_user):
    plan = crisis_services.save_crisis_plan(
        actor=person_user,
        person=crisis_plan.person,
        data={"persons_own_words": "Play me Bob Marley.", "what_helps": "changed"},
        opened_version=crisis_plan.version,
    )
    assert plan.persons_own_words == "Play me Bob Marley."
    assert plan.what_helps == CRISIS["what_helps"]


def test_a_stale_crisis_edit_shows_the_conflict_page(client, crisis_plan, support_worker):
    client.force_login(support_worker)
    post = {
        **{k: v for k, v in CRISIS.items() if isinstance(v, str)},
        "version": "0",
        "contact_name_1": "Delroy",
    }
    response = client.post(f"/people/{crisis_plan.person.public_id}/crisis-plan/edit/", post)
    assert response.status_code == 409
