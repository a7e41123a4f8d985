"""A crisis plan edit made on a version that changed since is refused, and the 409 page shows every
part the other person changed."""

import pytest

from lived.crisis import services as crisis_services
from lived.crisis.models import CrisisPlan
from tests.crisis.factories import CRISIS

pytestmark = pytest.mark.django_db

CONFLICT = "This changed since you opened it"


def test_a_stale_crisis_plan_edit_shows_what_the_other_person_changed(
    client, crisis_plan, support_worker, senior
):
    client.force_login(support_worker)
    html = client.get(f"/people/{crisis_plan.person.public_id}/crisis-plan/edit/").content.decode()
    assert f'value="{crisis_plan.version}"' in html
    crisis_services.save_crisis_plan(
        actor=senior,
        person=crisis_plan.person,
        data={
            **CRISIS,
            "wishes": "Tell Delroy and my friend Ray.",
            "contacts": [{"name": "Ray Okafor", "relationship": "friend", "phone": "07700 900456"}],
        },
        opened_version=crisis_plan.version,
    )
    post = {
        **{k: v for k, v in CRISIS.items() if isinstance(v, str)},
        "written_with_person": "on",
        "what_helps": "Speak slowly. Offer the garden and a cup of tea.",
        "contact_name_1": "Delroy Green",
        "contact_relationship_1": "brother",
        "contact_phone_1": "07700 900123",
        "version": str(crisis_plan.version),
    }
    response = client.post(f"/people/{crisis_plan.person.public_id}/crisis-plan/edit/", post)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Tell Delroy and my friend Ray." in page  # a part the old conflict page left out
    assert "Ray Okafor, friend, 07700 900456" in page and "Delroy Green, brother, 07700 900123" in page
    plan = CrisisPlan.objects.get()
    assert plan.what_helps == CRISIS["what_helps"] and plan.version == crisis_plan.version + 1
