import re

import pytest
from django.conf import settings
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=PASSWORD):
    return client.post("/accounts/sign-in/", {"username": username, "password": password})


def test_a_support_worker_signs_in_and_lands_on_the_shift_briefing(client, support_worker):
    response = sign_in(client, "support_worker")
    assert response.status_code == 302
    assert client.get("/").url == "/briefing/"


def test_seniors_and_managers_land_on_the_people_list(client, senior, manager):
    for username in ("senior", "manager"):
        sign_in(client, username)
        assert client.get("/").url == "/people/", username
        client.logout()


def test_a_person_lands_on_their_own_record(client, person, person_user):
    sign_in(client, "person_user")
    assert client.get("/").url == "/me/"


def test_a_wrong_password_shows_an_error_summary(client, support_worker):
    response = sign_in(client, "support_worker", "wrong-password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "Enter a correct username and password" in html


def test_the_account_locks_after_repeated_failed_sign_ins(client, support_worker):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "support_worker", "wrong-password")
    response = sign_in(client, "support_worker")  # even the right password is refused now
    assert response.status_code == 429
    assert "Your account is locked for now" in response.content.decode()


def test_sessions_end_after_idle_time(client):
    # Renewed by lived.accounts.middleware.SessionRefreshMiddleware, at most once a minute: the
    # behaviour is walked in tests/accounts/test_session_refresh.py.
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert "lived.accounts.middleware.SessionRefreshMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_production_settings_require_two_factor_and_a_real_secret(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    sys.modules.pop("lived.config.settings.production", None)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("lived.config.settings.production")
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    production = importlib.import_module("lived.config.settings.production")
    assert production.LIVED_REQUIRE_TWO_FACTOR is True
    assert production.SESSION_COOKIE_SECURE is True
    sys.modules.pop("lived.config.settings.production", None)


def test_staff_must_set_up_and_then_use_two_factor_when_it_is_required(client, support_worker, settings):
    settings.LIVED_REQUIRE_TWO_FACTOR = True
    sign_in(client, "support_worker")
    assert client.get("/people/").url == "/accounts/two-factor/setup/"
    setup_page = client.get("/accounts/two-factor/setup/")
    assert "<svg" in setup_page.content.decode()
    device = TOTPDevice.objects.get(user=support_worker, confirmed=False)
    wrong = client.post(
        "/accounts/two-factor/setup/", {"token": "000000" if totp(device.bin_key) != 0 else "111111"}
    )
    assert wrong.status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code throttles the next try for a moment, as it should
    response = client.post("/accounts/two-factor/setup/", {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    assert client.get("/people/").status_code == 200

    # Next time: a code is asked for before anything else.
    client.post("/accounts/sign-out/")
    sign_in(client, "support_worker")
    assert client.get("/people/").url.startswith("/accounts/two-factor/verify/")
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    client.post("/accounts/two-factor/verify/", {"token": f"{totp(device.bin_key):06d}"})
    assert client.get("/people/").status_code == 200


def test_people_we_support_are_not_asked_for_two_factor(client, person, person_user, settings):
    settings.LIVED_REQUIRE_TWO_FACTOR = True
    sign_in(client, "person_user")
    assert client.get("/me/").status_code == 200


def test_password_reset_sends_a_link_that_sets_a_new_password(client, support_worker):
    support_worker.email = "sw@example.invalid"
    support_worker.save()
    response = client.post("/accounts/password-reset/", {"email": "sw@example.invalid"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password-reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "a-brand-new-pass-77", "new_password2": "a-brand-new-pass-77"})
    support_worker.refresh_from_db()
    assert support_worker.check_password("a-brand-new-pass-77")
