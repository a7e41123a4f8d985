"""Crisis plans kept on a worker's phone for reading without signal (HAZ-037): the list of plans the
phone may keep holds only people the worker may open; the service worker is open and holds no data;
a copy fetched for the phone says so in the access log; the page puts the urgent part first."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from lived.accounts.models import Role, ServiceRole
from lived.core.models import AuditEvent
from lived.crisis import services as crisis_services
from lived.crisis.offline import OFFLINE_COPY_AUDIT_WHAT
from lived.people import services as people_services
from tests.crisis.factories import CRISIS
from tests.factories import make_user, person_data

pytestmark = pytest.mark.django_db

LIST = "/briefing/crisis-plans.json"
SW = Path(settings.BASE_DIR) / "lived" / "static" / "lived" / "sw.js"


def _crisis_url(person):
    return f"/people/{person.public_id}/crisis-plan/"


def _with_plan(actor, service, **names):
    someone = people_services.create_person(actor=actor, data=person_data(service, nhs_number="", **names))
    crisis_services.save_crisis_plan(actor=actor, person=someone, data=dict(CRISIS))
    return someone


def test_the_list_holds_the_crisis_plans_of_the_people_at_the_workers_service(
    client, support_worker, senior, person, crisis_plan, other_person, outsider
):
    no_plan = people_services.create_person(
        actor=senior, data=person_data(person.service, given_name="Noplan", nhs_number="")
    )
    moved_on = _with_plan(senior, person.service, given_name="Moved")
    people_services.archive_person(actor=senior, person=moved_on, reason="Moved to another provider")
    crisis_services.save_crisis_plan(actor=outsider, person=other_person, data=dict(CRISIS))

    client.force_login(support_worker)
    answer = client.get(LIST)
    assert answer.status_code == 200
    assert answer.json() == {"user": str(support_worker.public_id), "crisis_plans": [_crisis_url(person)]}
    assert _crisis_url(no_plan) not in answer.content.decode()
    assert _crisis_url(other_person) not in answer.content.decode()


def test_the_list_keeps_to_the_service_the_briefing_shows(
    client, person, crisis_plan, other_service, outsider
):
    elsewhere = _with_plan(outsider, other_service, given_name="Elsewhere")
    bank_worker = make_user("bank_worker", roles=[Role.SUPPORT_WORKER], service=person.service)
    ServiceRole.objects.create(user=bank_worker, service=other_service, role=Role.SUPPORT_WORKER)
    client.force_login(bank_worker)

    everywhere = client.get(LIST).json()["crisis_plans"]
    assert sorted(everywhere) == sorted([_crisis_url(person), _crisis_url(elsewhere)])
    one = client.get(LIST, {"service": str(other_service.public_id)}).json()["crisis_plans"]
    assert one == [_crisis_url(elsewhere)]


def test_a_service_that_is_not_the_workers_is_not_found(client, support_worker, other_service, crisis_plan):
    client.force_login(support_worker)
    assert client.get(LIST, {"service": str(other_service.public_id)}).status_code == 404
    assert client.get(LIST, {"service": "00000000-0000-0000-0000-000000000000"}).status_code == 404
    assert client.get(LIST, {"service": "not-a-uuid"}).status_code == 404


def test_the_person_and_their_circle_get_no_list(
    client, person_user, circle_user, circle_member, crisis_plan
):
    for user in (person_user, circle_user):
        client.force_login(user)
        assert client.get(LIST).status_code == 403


def test_the_list_costs_the_same_for_a_big_service(
    client, support_worker, senior, person, crisis_plan, django_assert_max_num_queries
):
    client.force_login(support_worker)
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    for n in range(5):
        _with_plan(senior, person.service, given_name=f"Extra{n}")
    with django_assert_max_num_queries(len(few)):
        assert len(client.get(LIST).json()["crisis_plans"]) == 6


def test_a_copy_saved_on_the_phone_is_logged_as_that(client, support_worker, person, crisis_plan):
    client.force_login(support_worker)
    client.get(_crisis_url(person), headers={"X-Lived-Purpose": "offline-copy"})
    client.get(_crisis_url(person))
    rows = AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, person_public_id=person.public_id, actor=support_worker
    ).order_by("pk")
    assert [row.what for row in rows] == [OFFLINE_COPY_AUDIT_WHAT, "Crisis plan"]


def test_the_service_worker_is_served_to_anyone_from_the_root_and_holds_no_data(
    client, support_worker, person, crisis_plan
):
    signed_out = client.get("/sw.js")
    assert signed_out.status_code == 200
    assert signed_out["Content-Type"].startswith("application/javascript")
    assert signed_out["Service-Worker-Allowed"] == "/"
    client.force_login(support_worker)
    signed_in = client.get("/sw.js")
    assert signed_in.content == signed_out.content == SW.read_bytes()


def test_the_crisis_plan_page_carries_the_hidden_banner_the_service_worker_shows(
    client, support_worker, person, crisis_plan
):
    banner_hidden = re.search(r'const BANNER_HIDDEN = "([^"]+)";', SW.read_text()).group(1)
    client.force_login(support_worker)
    page = client.get(_crisis_url(person)).content.decode()
    assert page.count(banner_hidden) == 1
    banner = page[page.index(banner_hidden) :]
    assert re.search(
        r"You are offline\. This copy was saved on this phone at <time datetime=\"[^\"]+\">"
        r"\d\d:\d\d on \d{1,2} [A-Z][a-z]+</time>\. It may be out of date\.",
        banner,
    )


def test_the_urgent_part_of_the_crisis_plan_comes_before_the_rest_of_the_record(
    client, support_worker, person, crisis_plan
):
    client.force_login(support_worker)
    page = client.get(_crisis_url(person)).content.decode()
    order = ["When to call 999", "What helps", "Do not say or do", "Who to call", "Sections of Sam"]
    assert [page.index(text) for text in order] == sorted(page.index(text) for text in order)
    sections = page.index("Sections of Sam")
    assert page.rindex("<details", 0, sections) > page.index("Who to call")  # folded, below the plan
