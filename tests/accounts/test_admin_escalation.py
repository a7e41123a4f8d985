"""Administrators manage the organisation, not records (HAZ-027, ADR 0013): nothing in the
administration site gives anyone access to records without a second person, and every change there
that affects access is in Lived's audit trail."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import Permission
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from lived.accounts.models import Role, RoleGrantRequest, ServiceRole, User
from lived.core.models import AuditEvent
from lived.organisations.models import Service
from tests.factories import make_user

pytestmark = pytest.mark.django_db

# What the demo's administrator holds (lived/demo/data.py): view, add and change, nothing about people.
ADMIN_MODELS = [
    ("organisations", "organisation"),
    ("organisations", "service"),
    ("organisations", "team"),
    ("accounts", "user"),
    ("accounts", "servicerole"),
]


@pytest.fixture
def admin_user(administrator):
    codenames = [f"{action}_{model}" for _, model in ADMIN_MODELS for action in ("view", "add", "change")]
    administrator.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=administrator.pk)  # fresh, without cached permissions


@pytest.fixture
def superuser(db):
    return make_user("root", is_staff=True, is_superuser=True)


def change_url(user):
    return f"/admin/accounts/user/{user.pk}/change/"


def form_data(user, new_roles=(), delete_roles=(), **changes):
    """What the change page posts: the account fields, the roles inline (existing rows, any marked for
    deletion, new rows) and the read-only 'roles asked for' inline."""
    existing = list(user.service_roles.order_by("pk"))
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "service_roles-TOTAL_FORMS": str(len(existing) + len(new_roles)),
        "service_roles-INITIAL_FORMS": str(len(existing)),
        "service_roles-MIN_NUM_FORMS": "0",
        "service_roles-MAX_NUM_FORMS": "1000",
        "role_requests-TOTAL_FORMS": "0",
        "role_requests-INITIAL_FORMS": "0",
        "role_requests-MIN_NUM_FORMS": "0",
        "role_requests-MAX_NUM_FORMS": "1000",
    }
    if user.is_staff:
        data["is_staff"] = "on"
    for i, role in enumerate(existing):
        data[f"service_roles-{i}-id"] = str(role.pk)
        data[f"service_roles-{i}-user"] = str(user.pk)
        if role in delete_roles:
            data[f"service_roles-{i}-DELETE"] = "on"
    for j, (service, role) in enumerate(new_roles, start=len(existing)):
        data[f"service_roles-{j}-user"] = str(user.pk)
        data[f"service_roles-{j}-service"] = str(service.pk)
        data[f"service_roles-{j}-team"] = ""
        data[f"service_roles-{j}-role"] = role
    data.update(changes)
    return data


# --- No superuser, permissions or groups ---------------------------------------------------------


def test_the_change_form_has_no_superuser_permissions_or_groups_fields(client, admin_user, support_worker):
    client.force_login(admin_user)
    html = client.get(change_url(support_worker)).content.decode()
    assert 'name="username"' in html
    for name in ("is_superuser", "user_permissions", "groups", "password"):
        assert f'name="{name}"' not in html, name


def test_an_administrator_cannot_make_themself_superuser_or_give_themself_permissions(client, admin_user):
    client.force_login(admin_user)
    everything = [str(p.pk) for p in Permission.objects.all()]
    response = client.post(
        change_url(admin_user),
        form_data(admin_user, is_superuser="on", user_permissions=everything, first_name="Lee"),
    )
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.first_name == "Lee"
    assert not admin_user.is_superuser
    assert not admin_user.user_permissions.filter(codename__startswith="delete_").exists()
    assert admin_user.user_permissions.count() == len(ADMIN_MODELS) * 3


def test_even_a_superuser_cannot_tick_superuser_in_the_admin(client, superuser, support_worker):
    client.force_login(superuser)
    response = client.post(change_url(support_worker), form_data(support_worker, is_superuser="on"))
    assert response.status_code == 302  # saved, but without the flag
    support_worker.refresh_from_db()
    assert not support_worker.is_superuser


def test_an_administrator_cannot_change_their_own_access(client, admin_user):
    client.force_login(admin_user)
    data = form_data(admin_user)
    del data["is_active"]
    assert client.post(change_url(admin_user), data).status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.is_active and admin_user.is_staff


def test_an_administrator_cannot_touch_a_superusers_account(client, admin_user, superuser):
    client.force_login(admin_user)
    response = client.post(change_url(superuser), form_data(superuser, email="lee@example.invalid"))
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.email == ""


def test_groups_are_not_managed_in_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/auth/group/add/").status_code == 404


# --- Roles ---------------------------------------------------------------------------------------


def test_a_self_granted_quality_lead_role_waits_and_gives_no_access(
    client, admin_user, service, person, manager
):
    client.force_login(admin_user)
    response = client.post(
        change_url(admin_user), form_data(admin_user, new_roles=[(service, Role.QUALITY_LEAD)])
    )
    assert response.status_code == 302
    assert not ServiceRole.objects.filter(user=admin_user, role=Role.QUALITY_LEAD).exists()
    grant_request = RoleGrantRequest.objects.get(user=admin_user)
    assert grant_request.is_pending and grant_request.requested_by == admin_user
    assert client.get(f"/people/{person.public_id}/").status_code == 404
    row = AuditEvent.objects.get(object_public_id=grant_request.public_id)
    assert row.actor == admin_user and row.after["role"] == Role.QUALITY_LEAD


def test_an_administrator_cannot_remove_their_own_roles(client, admin_user):
    own = admin_user.service_roles.get()
    client.force_login(admin_user)
    assert 'name="service_roles-0-DELETE"' not in client.get(change_url(admin_user)).content.decode()
    response = client.post(change_url(admin_user), form_data(admin_user, delete_roles=[own]))
    assert response.status_code == 302
    assert ServiceRole.objects.filter(pk=own.pk).exists()


def test_a_care_role_for_someone_else_also_waits_for_a_manager(client, admin_user, service):
    newcomer = make_user("newcomer")
    client.force_login(admin_user)
    client.post(change_url(newcomer), form_data(newcomer, new_roles=[(service, Role.SUPPORT_WORKER)]))
    assert not newcomer.service_roles.exists()
    assert RoleGrantRequest.objects.pending().filter(user=newcomer, role=Role.SUPPORT_WORKER).exists()


def test_an_administrator_role_for_someone_else_starts_at_once_and_is_audited(
    client, admin_user, service, other_service
):
    newcomer = make_user("newcomer")
    client.force_login(admin_user)
    client.post(change_url(newcomer), form_data(newcomer, new_roles=[(other_service, Role.ADMINISTRATOR)]))
    role = ServiceRole.objects.get(user=newcomer, service=other_service, role=Role.ADMINISTRATOR)
    row = AuditEvent.objects.get(object_public_id=role.public_id)
    assert row.actor == admin_user and row.action == AuditEvent.Action.CREATE
    assert row.after == {"user": str(newcomer), "service": "Ash Court", "team": None, "role": "administrator"}


def test_removing_someone_elses_role_takes_effect_at_once_and_is_audited(
    client, admin_user, support_worker, person
):
    role = support_worker.service_roles.get()
    client.force_login(admin_user)
    client.post(change_url(support_worker), form_data(support_worker, delete_roles=[role]))
    assert not ServiceRole.objects.filter(pk=role.pk).exists()
    row = AuditEvent.objects.get(object_public_id=role.public_id)
    assert row.action == AuditEvent.Action.WITHDRAW and row.actor == admin_user
    assert row.before["role"] == Role.SUPPORT_WORKER


def test_a_role_is_never_changed_in_place(client, admin_user, support_worker):
    role = support_worker.service_roles.get()
    client.force_login(admin_user)
    response = client.post(
        change_url(support_worker), form_data(support_worker, **{"service_roles-0-role": "manager"})
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.role == Role.SUPPORT_WORKER


def test_a_role_already_waiting_is_refused_with_a_message(client, admin_user, service):
    newcomer = make_user("newcomer")
    client.force_login(admin_user)
    data = form_data(newcomer, new_roles=[(service, Role.SENIOR)])
    client.post(change_url(newcomer), data)
    again = client.post(change_url(newcomer), data)
    assert again.status_code == 200
    assert "already waiting for a manager" in again.content.decode()
    assert RoleGrantRequest.objects.filter(user=newcomer).count() == 1


# --- Passwords, devices and accounts -------------------------------------------------------------


def test_nobody_sets_a_password_in_the_admin(client, superuser, support_worker):
    client.force_login(superuser)
    response = client.post(
        f"/admin/accounts/user/{support_worker.pk}/password/",
        {"password1": "a-new-password-99", "password2": "a-new-password-99"},
    )
    assert response.status_code == 404 or "/change/" in response.get("Location", "")
    support_worker.refresh_from_db()
    assert not support_worker.check_password("a-new-password-99")


def test_a_password_reset_from_the_admin_sends_a_link_and_is_audited(
    client, admin_user, support_worker, django_capture_on_commit_callbacks
):
    support_worker.email = "worker@example.invalid"
    support_worker.save()
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/accounts/user/",
            {"action": "send_password_reset_links", "_selected_action": [support_worker.pk]},
        )
    assert mail.outbox[0].to == ["worker@example.invalid"]
    assert "/accounts/password-reset/" in mail.outbox[0].body
    row = AuditEvent.objects.get(object_public_id=support_worker.public_id)
    assert row.actor == admin_user and row.after == {"sent_to": "worker@example.invalid"}


def test_a_new_account_from_the_admin_has_no_password_anyone_knows(
    client, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/accounts/user/add/",
            {
                "username": "new.starter",
                "first_name": "New",
                "last_name": "Starter",
                "email": "new@example.invalid",
                "password1": "admin-knows-this-1",
                "password2": "admin-knows-this-1",
                "is_superuser": "on",
            },
        )
    assert response.status_code == 302
    created = User.objects.get(username="new.starter")
    assert not created.has_usable_password() and not created.is_superuser
    assert mail.outbox[0].to == ["new@example.invalid"]
    assert AuditEvent.objects.filter(object_public_id=created.public_id, action="create").exists()


def test_changing_an_email_is_audited_and_the_old_address_is_told(
    client, admin_user, support_worker, django_capture_on_commit_callbacks
):
    support_worker.email = "worker@example.invalid"
    support_worker.save()
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(support_worker), form_data(support_worker, email="lee@example.invalid"))
    row = AuditEvent.objects.get(object_public_id=support_worker.public_id)
    assert (row.before["email"], row.after["email"]) == ("worker@example.invalid", "lee@example.invalid")
    assert mail.outbox[0].to == ["worker@example.invalid"]


def test_two_factor_devices_are_not_managed_in_the_admin(client, superuser, support_worker):
    TOTPDevice.objects.create(user=support_worker, name="Phone", confirmed=True)
    client.force_login(superuser)
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 404
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404


def test_resetting_someones_two_factor_is_audited_and_never_ones_own(
    client, admin_user, support_worker, django_capture_on_commit_callbacks
):
    TOTPDevice.objects.create(user=support_worker, name="Phone", confirmed=True)
    TOTPDevice.objects.create(user=admin_user, name="Lee's phone", confirmed=True)
    client.force_login(admin_user)
    client.post(
        "/admin/accounts/user/",
        {"action": "reset_two_factor_sign_in", "_selected_action": [support_worker.pk, admin_user.pk]},
    )
    assert not TOTPDevice.objects.filter(user=support_worker).exists()
    assert TOTPDevice.objects.filter(user=admin_user).exists()
    row = AuditEvent.objects.get(object_public_id=support_worker.public_id)
    assert row.before == {"two_factor_devices": ["Phone"]} and row.actor == admin_user


# --- The sign-in failure logs ---------------------------------------------------------------------


def test_nobody_deletes_or_changes_the_sign_in_failure_logs(client, superuser):
    attempt = AccessAttempt.objects.create(username="tom", failures_since_start=5, ip_address="192.0.2.1")
    failure = AccessFailureLog.objects.create(username="tom", ip_address="192.0.2.1")
    client.force_login(superuser)
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    assert client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}).status_code == 403
    assert (
        client.post(f"/admin/axes/accessfailurelog/{failure.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    client.post(
        "/admin/axes/accessattempt/", {"action": "cleanup_expired_attempts", "_selected_action": [attempt.pk]}
    )
    client.post(f"/admin/axes/accessattempt/{attempt.pk}/change/", {"username": "someone-else"})
    assert AccessAttempt.objects.filter(pk=attempt.pk, username="tom").exists()
    assert AccessFailureLog.objects.filter(pk=failure.pk).exists()


# --- The organisation ----------------------------------------------------------------------------


def test_changing_a_service_in_the_admin_is_audited(client, admin_user, service):
    client.force_login(admin_user)
    response = client.post(
        f"/admin/organisations/service/{service.pk}/change/",
        {
            "organisation": str(service.organisation_id),
            "name": "Elm House North",
            "type": service.type,
            "address": "",
            "cqc_location_id": "",
            "archived_reason": "",
        },
    )
    assert response.status_code == 302
    assert Service.objects.get(pk=service.pk).name == "Elm House North"
    row = AuditEvent.objects.get(object_public_id=service.public_id)
    assert (row.before["name"], row.after["name"]) == ("Elm House", "Elm House North")
    assert row.actor == admin_user
