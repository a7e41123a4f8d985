"""Two-factor sign-in cannot be got round: set-up is open only before the first authenticator app is
confirmed, or after passing two-factor with one; every app added or removed is audited and emailed."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lived.accounts.devices import add_device, remove_device
from lived.core.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/verify/"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.LIVED_REQUIRE_TWO_FACTOR = True


@pytest.fixture
def worker(support_worker):
    support_worker.email = "sw@example.invalid"
    support_worker.save()
    return support_worker


@pytest.fixture
def first_app(worker):
    return TOTPDevice.objects.create(user=worker, name="Work phone", confirmed=True)


def code(device):
    return f"{totp(device.bin_key):06d}"


def sign_in(client, username="support_worker"):
    response = client.post("/accounts/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def pending_of(user):
    return TOTPDevice.objects.get(user=user, confirmed=False)


def device_audit_rows():
    return AuditEvent.objects.filter(object_type="otp_totp.TOTPDevice")


def test_with_an_app_set_up_a_password_alone_does_not_open_set_up(client, worker, first_app):
    sign_in(client)
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response.url == f"{VERIFY}?next={SETUP}"
    assert client.post(SETUP, {"token": "123456"}).url.startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=worker)) == [first_app]  # no key was even made
    assert not device_audit_rows().exists()


def test_the_set_up_page_itself_refuses_an_unverified_user_who_has_an_app(
    client, worker, first_app, settings
):
    # Even where two-factor is optional, a password alone must not add a second factor.
    settings.LIVED_REQUIRE_TWO_FACTOR = False
    sign_in(client)
    assert client.get(SETUP).url.startswith(VERIFY)


def test_the_verify_page_cannot_be_skipped(client, worker, first_app):
    sign_in(client)
    for path in ("/", "/people/", "/briefing/", SETUP, "/accounts/password-reset/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith(VERIFY), path
    assert client.get(VERIFY).status_code == 200


def test_the_verify_page_sends_someone_with_no_app_to_set_one_up(client, worker):
    sign_in(client)
    assert client.get(VERIFY).url == SETUP


def test_setting_up_the_first_app_is_audited_and_emailed(client, worker, django_capture_on_commit_callbacks):
    sign_in(client)
    assert client.get("/people/").url == SETUP
    client.get(SETUP)
    device = pending_of(worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETUP, {"token": code(device)}, follow=True)
    assert "Two-factor sign-in is set up" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    row = device_audit_rows().get()
    assert row.actor == worker and row.action == AuditEvent.Action.CREATE
    assert row.after["apps_now"] == 1 and row.after["user"] == str(worker.public_id)
    assert [m.to for m in mail.outbox] == [["sw@example.invalid"]]
    assert "An authenticator app was added" in mail.outbox[0].body
    assert client.get("/people/").status_code == 200


def test_after_verifying_a_second_app_can_be_added_and_is_audited_and_emailed(
    client, worker, first_app, django_capture_on_commit_callbacks
):
    sign_in(client)
    assert client.get(SETUP).url.startswith(VERIFY)
    response = client.post(f"{VERIFY}?next={SETUP}", {"token": code(first_app)})
    assert response.url == SETUP
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "You already have an authenticator app set up" in page.content.decode()
    second = pending_of(worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETUP, {"token": code(second)}, follow=True)
    assert "We have emailed you" in response.content.decode()
    assert TOTPDevice.objects.filter(user=worker, confirmed=True).count() == 2
    row = device_audit_rows().get()
    assert row.what == "A second authenticator app added for two-factor sign-in"
    assert row.after["apps_now"] == 2
    assert "A second authenticator app was added" in mail.outbox[0].body


def test_an_abandoned_set_up_does_not_count_and_its_key_is_never_confirmed_later(client, worker):
    # Someone with the password opens set-up, sees the key, and leaves it.
    onlooker = Client()
    sign_in(onlooker)
    onlooker.get(SETUP)
    abandoned = pending_of(worker)

    # The unconfirmed app is not "enrolled": the worker is asked to set up, not to verify.
    sign_in(client)
    assert client.get("/people/").url == SETUP
    client.get(SETUP)
    fresh = pending_of(worker)
    assert fresh.pk != abandoned.pk and fresh.key != abandoned.key
    assert not TOTPDevice.objects.filter(pk=abandoned.pk).exists()

    # A code from the abandoned key confirms nothing.
    assert client.post(SETUP, {"token": code(abandoned)}).status_code == 400
    assert not TOTPDevice.objects.filter(user=worker, confirmed=True).exists()


def test_a_second_set_up_started_before_the_first_app_was_confirmed_cannot_finish(client, worker):
    other = Client()
    sign_in(other)
    other.get(SETUP)
    sign_in(client)
    client.get(SETUP)
    assert client.post(SETUP, {"token": code(pending_of(worker))}).status_code == 302
    # Now an app exists: the other session, never verified, is sent to verify and adds nothing.
    assert other.post(SETUP, {"token": "123456"}).url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=worker, confirmed=True).count() == 1


def test_the_service_itself_refuses_a_second_app_without_verification(worker, first_app):
    pending = TOTPDevice.objects.create(user=worker, name="Another phone", confirmed=False)
    with pytest.raises(PermissionDenied):
        add_device(user=worker, device=pending, verified=False)
    pending.refresh_from_db()
    assert not pending.confirmed and not device_audit_rows().exists()


def test_removing_an_app_is_audited_and_emailed(worker, first_app, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        remove_device(user=worker, device=first_app)
    assert not TOTPDevice.objects.filter(user=worker).exists()
    row = device_audit_rows().get()
    assert row.action == AuditEvent.Action.ARCHIVE and row.actor == worker
    assert row.before["apps_now"] == 1 and row.after["apps_now"] == 0
    assert "An authenticator app was removed" in mail.outbox[0].body


def test_an_app_cannot_be_removed_from_someone_elses_account(worker, senior):
    theirs = TOTPDevice.objects.create(user=senior, name="Their phone", confirmed=True)
    with pytest.raises(PermissionDenied):
        remove_device(user=worker, device=theirs)
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()
