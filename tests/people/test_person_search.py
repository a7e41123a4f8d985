"""The person picker's search (people:search): only people the user may see, the ticked ones kept, an
access row for everyone shown, and never a 500 on junk."""

import pytest

from lived.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_finds_people_by_name_or_nhs_number_at_the_users_services(client, senior, person, other_person):
    client.force_login(senior)
    by_name = client.get("/people/search/?q=samira&name=members").content.decode()
    by_number = client.get("/people/search/?q=943 476").content.decode()
    assert f'value="{person.public_id}"' in by_name and 'name="members"' in by_name
    assert f'value="{person.public_id}"' in by_number and 'name="people"' in by_number
    assert (
        other_person.name not in client.get(f"/people/search/?q={other_person.given_name}").content.decode()
    )


def test_people_already_ticked_stay_ticked_and_out_of_reach_ones_are_dropped(
    client, senior, person, other_person
):
    client.force_login(senior)
    page = client.get(
        f"/people/search/?q=&chosen={person.public_id}&chosen={other_person.public_id}&chosen=junk"
    ).content.decode()
    assert f'value="{person.public_id}" checked' in page
    assert str(other_person.public_id) not in page


def test_everyone_shown_gets_an_access_row_saying_their_name_was_seen(client, senior, person):
    client.force_login(senior)
    client.get("/people/search/?q=Samira")
    row = AuditEvent.objects.get(actor=senior, action="view", person_public_id=person.public_id)
    assert row.after == {"page": "people_search", "parts": ["name"], "routines": []}


@pytest.mark.parametrize(
    "query", ["?q=%00", "?service=junk&q=a", "?name=<script>&q=a", "?q=" + "x" * 500, "?chosen=1&chosen=2"]
)
def test_junk_is_answered_not_crashed_on(client, senior, person, query):
    client.force_login(senior)
    response = client.get("/people/search/" + query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_a_nul_character_in_the_people_list_search_is_answered_not_crashed_on(client, support_worker, person):
    """PostgreSQL refuses NUL in text; the search drops it rather than answer a 500."""
    client.force_login(support_worker)
    response = client.get("/people/?q=Sam%00")
    assert response.status_code == 200
