"""Managers confirm or decline roles asked for in the administration site, on a Lived page.

MATRIX has the same shape as tests/test_permission_matrix.py's; that file fails if a URL is in none.
"""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from lived.accounts import services
from lived.accounts.models import Role, RoleGrantRequest, ServiceRole
from lived.core.models import AuditEvent
from tests.factories import make_user
from tests.matrix_helpers import Expect, anonymous_failures, route_failures

pytestmark = pytest.mark.django_db

BASE = "http://testserver"

# url name → (path builder, roles allowed). The outsider manages another service: their list is
# empty, and a request at this service is not found (404) for them.
MATRIX = {
    "accounts:role_requests": (lambda o: "/accounts/role-requests/", {"manager", "outsider"}),
    "accounts:role_request": (
        lambda o: f"/accounts/role-requests/{o.request}/",
        {"manager"},
        Expect(not_found_for=frozenset({"outsider"})),
    ),
}


def ask(administrator, user, service, role=Role.QUALITY_LEAD):
    return services.grant_role(actor=administrator, user=user, service=service, role=role, base_url=BASE)


class Objects:
    def __init__(self, administrator, service):
        newcomer = make_user("newcomer", email="newcomer@example.invalid")
        self.request = ask(administrator, newcomer, service, Role.SUPPORT_WORKER).public_id


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, administrator, service, url_name):
    # GET and POST as every role, exact statuses, nothing written when refused (tests/matrix_helpers.py).
    failures = route_failures(client, users, url_name, MATRIX[url_name], Objects(administrator, service))
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, administrator, service, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], Objects(administrator, service))
    assert not failures, f"{url_name}: " + "; ".join(failures)


def test_a_role_that_reads_records_waits_and_the_services_managers_are_emailed(
    administrator, manager, outsider, service, django_capture_on_commit_callbacks
):
    manager.email = "manager@example.invalid"
    manager.save()
    outsider.email = "outsider@example.invalid"
    outsider.save()
    newcomer = make_user("newcomer")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = ask(administrator, newcomer, service)
    assert isinstance(outcome, RoleGrantRequest) and outcome.is_pending
    assert not ServiceRole.objects.filter(user=newcomer).exists()
    assert [m.to for m in mail.outbox] == [["manager@example.invalid"]]
    assert f"/accounts/role-requests/{outcome.public_id}/" in mail.outbox[0].body
    row = AuditEvent.objects.get(object_public_id=outcome.public_id)
    assert row.actor == administrator and row.action == AuditEvent.Action.CREATE
    assert row.after["role"] == Role.QUALITY_LEAD and row.after["status"] == "pending"


def test_a_manager_sees_the_request_confirms_it_and_only_then_the_role_exists(
    client, administrator, manager, service
):
    newcomer = make_user("newcomer")
    grant_request = ask(administrator, newcomer, service)
    client.force_login(manager)
    page = client.get("/accounts/role-requests/").content.decode()
    assert "Newcomer Tester" in page and "Quality lead" in page
    response = client.post(f"/accounts/role-requests/{grant_request.public_id}/", {"decision": "confirm"})
    assert response.status_code == 302
    grant_request.refresh_from_db()
    assert grant_request.confirmed_by == manager and grant_request.confirmed_at is not None
    role = ServiceRole.objects.get(user=newcomer, service=service, role=Role.QUALITY_LEAD)
    rows = AuditEvent.objects.filter(actor=manager)
    assert {r.what for r in rows} == {f"Role confirmed: {grant_request}", f"Role given: {role}"}
    confirmed = rows.get(object_public_id=grant_request.public_id)
    assert (confirmed.before["status"], confirmed.after["status"]) == ("pending", "confirmed")


def test_declining_needs_a_reason_and_the_role_never_starts(client, administrator, manager, service):
    newcomer = make_user("newcomer")
    grant_request = ask(administrator, newcomer, service)
    client.force_login(manager)
    path = f"/accounts/role-requests/{grant_request.public_id}/"
    refused = client.post(path, {"decision": "decline", "reason": ""})
    assert refused.status_code == 400
    assert "There is a problem" in refused.content.decode()
    assert "Enter why you are declining it" in refused.content.decode()
    assert client.post(path, {"decision": "decline", "reason": "Not on our rota"}).status_code == 302
    grant_request.refresh_from_db()
    assert grant_request.status == RoleGrantRequest.Status.DECLINED
    assert grant_request.declined_reason == "Not on our rota"
    assert not ServiceRole.objects.filter(user=newcomer).exists()
    again = client.post(path, {"decision": "confirm"})
    assert again.status_code == 400 and "already been decided" in again.content.decode()
    assert not ServiceRole.objects.filter(user=newcomer).exists()


def test_a_manager_cannot_confirm_a_role_for_themself(client, administrator, manager, service):
    grant_request = ask(administrator, manager, service)
    client.force_login(manager)
    path = f"/accounts/role-requests/{grant_request.public_id}/"
    assert "Another manager of Elm House needs to decide this" in client.get(path).content.decode()
    assert client.post(path, {"decision": "confirm"}).status_code == 403
    assert not ServiceRole.objects.filter(user=manager, role=Role.QUALITY_LEAD).exists()


def test_the_person_who_asked_can_never_confirm_their_own_request(manager, service):
    other_manager = make_user("other_manager", roles=[Role.MANAGER], service=service)
    newcomer = make_user("newcomer")
    grant_request = ask(manager, newcomer, service)
    with pytest.raises(PermissionDenied):
        services.confirm_role_grant(actor=manager, grant_request=grant_request)
    services.confirm_role_grant(actor=other_manager, grant_request=grant_request)
    assert ServiceRole.objects.filter(user=newcomer, role=Role.QUALITY_LEAD).exists()


def test_a_manager_elsewhere_cannot_reach_or_decide_the_request(client, administrator, outsider, service):
    grant_request = ask(administrator, make_user("newcomer"), service)
    client.force_login(outsider)
    path = f"/accounts/role-requests/{grant_request.public_id}/"
    assert "Newcomer" not in client.get("/accounts/role-requests/").content.decode()
    assert client.post(path, {"decision": "confirm"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.confirm_role_grant(actor=outsider, grant_request=grant_request)


def test_the_list_page_costs_the_same_for_many_requests(
    client, administrator, manager, service, django_assert_max_num_queries
):
    for n in range(12):
        ask(administrator, make_user(f"newcomer{n}"), service)
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        assert client.get("/accounts/role-requests/").status_code == 200
