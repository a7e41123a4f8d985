"""Every page is behind sign-in; staff must pass two-factor when LIVED_REQUIRE_TWO_FACTOR is on."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

OPEN_PREFIXES = ("/static/", "/accounts/sign-in/", "/accounts/password-reset/", "/favicon.ico")


class SignInRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            if request.path.startswith("/admin/"):
                return self.get_response(request)  # the admin has its own sign-in
            return redirect(f"{reverse('accounts:sign_in')}?next={request.path}")
        return self.get_response(request)


TWO_FACTOR_OPEN = ("/static/", "/accounts/two-factor/", "/accounts/sign-out/")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.LIVED_REQUIRE_TWO_FACTOR
            and user.is_authenticated
            and (user.roles_by_service or user.is_staff)
            and not user.is_verified()
            and not request.path.startswith(TWO_FACTOR_OPEN)
        ):
            from django_otp import devices_for_user

            if any(True for _ in devices_for_user(user, confirmed=True)):
                return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")
            return redirect("accounts:two_factor_setup")
        return self.get_response(request)
