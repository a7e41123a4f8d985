"""Two-factor cannot be got round by adding a second app (issue 10, item 1), with production-like
settings: Tom, a support worker with an authenticator app already set up, signs in with his password
and tries to open set-up directly. He is sent to enter a code; only after a real code from his app is
set-up open, and adding a second app there is audited and emailed to him."""

from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from lived.accounts.models import User
from lived.core.models import AuditEvent


def code(device):
    return f"{totp(device.bin_key):06d}"


def test_a_password_alone_cannot_add_a_second_authenticator_app(visit, settings):
    # Given two-factor is required, as in production, and Tom already has an authenticator app
    settings.LIVED_REQUIRE_TWO_FACTOR = True
    user = User.objects.get(username="tom")
    user.email = "tom@example.invalid"
    user.save()
    work_phone = TOTPDevice.objects.create(user=user, name="Work phone", confirmed=True)
    tom = visit()
    page = tom.page
    heading = page.get_by_role("heading", level=1)

    # When he signs in with his password, he is asked for a code
    tom.sign_in("tom")
    expect(heading).to_have_text("Enter your security code")

    # When he opens set-up directly, he is still asked for a code, and no new key is made
    tom.goto("/accounts/two-factor/setup/")
    expect(heading).to_have_text("Enter your security code")
    assert "/accounts/two-factor/verify/" in page.url
    assert list(TOTPDevice.objects.filter(user=user)) == [work_phone]

    # When he enters a real code from his app, set-up opens
    page.get_by_label("Security code").fill(code(work_phone))
    tom.click(role="button", name="Continue")
    expect(heading).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_text("You already have an authenticator app set up")).to_be_visible()

    # And adding a second app there is audited and he is told, on the page and by email
    second = TOTPDevice.objects.get(user=user, confirmed=False)
    page.get_by_label("Security code").fill(code(second))
    tom.click(role="button", name="Confirm")
    expect(page.get_by_text("We have emailed you to say an authenticator app was added")).to_be_visible()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 2
    assert AuditEvent.objects.filter(
        actor=user, object_type="otp_totp.TOTPDevice", what__startswith="A second authenticator app"
    ).exists()
    assert [m.to for m in mail.outbox] == [["tom@example.invalid"]]
