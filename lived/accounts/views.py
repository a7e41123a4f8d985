from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django_otp import login as otp_login
from markupsafe import Markup

from lived.accounts.devices import (
    PENDING_DEVICE_SESSION_KEY,
    add_device,
    confirmed_devices,
    may_set_up_device,
    pending_device,
)
from lived.accounts.forms import SignInForm, TokenForm
from lived.accounts.limits import password_reset_allowed
from lived.core.audit import record_account_event
from lived.core.conf import lived_settings
from lived.core.models import AuditEvent


class SignIn(auth_views.LoginView):
    template_name = "accounts/sign_in.jinja"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        record_account_event(user=form.get_user(), action=AuditEvent.Action.SIGN_IN)
        return response

    def form_invalid(self, form):
        record_account_event(
            user=None,
            action=AuditEvent.Action.SIGN_IN_FAILED,
            what=f"Failed sign-in for username '{self.request.POST.get('username', '')[:150]}'",
        )
        return super().form_invalid(form)


class SignOut(View):
    def get(self, request):
        return render(request, "accounts/sign_out.jinja")

    def post(self, request):
        record_account_event(user=request.user, action=AuditEvent.Action.SIGN_OUT)
        logout(request)
        messages.success(request, "You have signed out")
        return redirect("accounts:sign_in")


def locked_out(request, response=None, credentials=None):
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "accounts/locked_out.jinja", {"minutes": minutes}, status=429)


class PasswordReset(auth_views.PasswordResetView):
    """Ask for a reset link. Limited per address and per email (lived/accounts/limits.py); the limit
    applies whether or not the email matches an account, so neither reply says which."""

    template_name = "accounts/password_reset.jinja"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if not password_reset_allowed(self.request, form.cleaned_data["email"]):
            minutes = lived_settings().password_reset_window_minutes
            form.add_error(
                "email",
                f"You have asked for too many reset links. Wait {minutes} minutes and try again, "
                "or ask your manager to reset your password.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetDone(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.jinja"


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.jinja"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetComplete(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.jinja"


def _safe_next(request, default="home"):
    target = request.GET.get("next") or request.POST.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse_lazy(default)


class TwoFactorSetup(View):
    """Staff add an authenticator app: scan the code, then type a code to prove it works. Open only
    before the first app is confirmed, or after this session has passed two-factor with one."""

    def dispatch(self, request, *args, **kwargs):
        if not may_set_up_device(request.user):
            return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, form, status=200):
        device = pending_device(request)
        buffer = BytesIO()
        qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
        svg = buffer.getvalue().decode()
        svg = svg[svg.index("<svg") :]
        svg = svg.replace("<svg", '<svg role="img" aria-label="QR code for your authenticator app"', 1)
        qr_svg = Markup(svg)  # noqa: S704 (SVG we generated ourselves)
        secret = b32encode(device.bin_key).decode()
        context = {
            "form": form,
            "qr_svg": qr_svg,
            "secret": secret,
            "apps_already": confirmed_devices(request.user).count(),
        }
        return render(request, "accounts/two_factor_setup.jinja", context, status=status)

    def get(self, request):
        return self._render(request, TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        device = pending_device(request)
        if form.is_valid() and device.verify_token(form.cleaned_data["token"]):
            add_device(user=request.user, device=device, verified=request.user.is_verified())
            request.session.pop(PENDING_DEVICE_SESSION_KEY, None)
            otp_login(request, device)
            told = " We have emailed you to say an authenticator app was added." if request.user.email else ""
            messages.success(request, f"Two-factor sign-in is set up.{told}")
            return redirect("home")
        if form.is_valid():
            form.add_error("token", "The security code is not right. Try the newest code.")
        return self._render(request, form, status=400)


class TwoFactorVerify(View):
    """The second step of sign-in, with an authenticator app already set up."""

    def dispatch(self, request, *args, **kwargs):
        if not confirmed_devices(request.user).exists():
            return redirect("accounts:two_factor_setup")
        if request.user.is_verified():
            return redirect(_safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, "accounts/two_factor_verify.jinja", {"form": TokenForm()})

    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            for device in confirmed_devices(request.user):
                if device.verify_token(form.cleaned_data["token"]):
                    otp_login(request, device)
                    return redirect(_safe_next(request))
            form.add_error("token", "The security code is not right. Try the newest code.")
        return render(request, "accounts/two_factor_verify.jinja", {"form": form}, status=400)
