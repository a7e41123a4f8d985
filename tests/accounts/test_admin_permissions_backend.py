"""Django's model permissions are for the admin site only (lived.accounts.backends): an account that
is not staff is never granted one and never costs the two permission queries on a page; an admin
account keeps the permissions it was given."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def view_person():
    return Permission.objects.get(codename="view_person", content_type__app_label="people")


def test_a_support_worker_asks_no_permission_tables(support_worker):
    with CaptureQueriesContext(connection) as queries:
        assert support_worker.has_perm("people.view_person") is False  # a model permission, not a rule
    assert not [q for q in queries.captured_queries if "auth_permission" in q["sql"]]


def test_a_model_permission_given_to_someone_not_staff_does_not_count():
    user = make_user("not_staff")
    user.user_permissions.add(view_person())
    assert user.is_staff is False
    assert user.has_perm("people.view_person") is False


def test_an_admin_account_keeps_its_model_permissions():
    admin = make_user("admin_account", is_staff=True)
    admin.user_permissions.add(view_person())
    assert admin.has_perm("people.view_person") is True


def test_rules_still_answer_for_staff(support_worker, person):
    assert support_worker.has_perm("people.view_record", person) is True
    assert support_worker.has_perm("people.change_details", person) is False


# The signed-in user is loaded with their own record and whether they are in a circle (get_user).


def _page_queries(client, user, path):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_a_staff_page_asks_no_separate_own_record_or_circle_query(client, support_worker, person):
    sql = [q for q in _page_queries(client, support_worker, "/people/") if 'FROM "accounts_user"' not in q]
    assert not [q for q in sql if 'FROM "people_circlemember"' in q]
    assert not [q for q in sql if '"people_person"."user_id" =' in q]


def test_the_person_and_the_circle_member_are_known_from_the_user_query(
    client, person, person_user, circle_member, circle_user
):
    from lived.accounts.backends import AdminPermissionsBackend

    backend = AdminPermissionsBackend()
    loaded = backend.get_user(person_user.pk)
    assert loaded.person_record == person
    assert loaded.kind == "person"
    member = backend.get_user(circle_user.pk)
    assert member.person_record is None
    assert member.is_circle_member is True
    assert member.kind == "circle"
    # And on a page: the circle member's navigation.
    client.force_login(circle_user)
    assert "People I support" in client.get("/circle/").content.decode()


def test_an_archived_circle_membership_does_not_count(senior, circle_member, circle_user):
    from lived.accounts.backends import AdminPermissionsBackend
    from lived.people import services

    services.archive_circle_member(actor=senior, member=circle_member, reason="Moved away")
    assert AdminPermissionsBackend().get_user(circle_user.pk).is_circle_member is False
