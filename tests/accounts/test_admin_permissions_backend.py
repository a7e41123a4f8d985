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
