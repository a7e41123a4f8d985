from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from markupsafe import Markup

from lived.accounts.forms import SignInForm, TokenForm
from lived.core.audit import record_account_event
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
    return render(request, "accounts/locked_out.jinja", status=429)


class PasswordReset(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.jinja"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


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
    """Staff add an authenticator app: scan the code, then type a code to prove it works."""

    def _device(self, request):
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )

    def _render(self, request, form, status=200):
        device = self._device(request)
        buffer = BytesIO()
        qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
        svg = buffer.getvalue().decode()
        svg = svg[svg.index("<svg") :]
        svg = svg.replace("<svg", '<svg role="img" aria-label="QR code for your authenticator app"', 1)
        qr_svg = Markup(svg)  # noqa: S704 (SVG we generated ourselves)
        secret = b32encode(device.bin_key).decode()
        context = {"form": form, "qr_svg": qr_svg, "secret": secret}
        return render(request, "accounts/two_factor_setup.jinja", context, status=status)

    def get(self, request):
        return self._render(request, TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        device = self._device(request)
        if form.is_valid() and device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, "Two-factor sign-in is set up")
            return redirect("home")
        if form.is_valid():
            form.add_error("token", "The security code is not right. Try the newest code.")
        return self._render(request, form, status=400)


class TwoFactorVerify(View):
    def get(self, request):
        return render(request, "accounts/two_factor_verify.jinja", {"form": TokenForm()})

    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
                if device.verify_token(form.cleaned_data["token"]):
                    otp_login(request, device)
                    return redirect(_safe_next(request))
            form.add_error("token", "The security code is not right. Try the newest code.")
        return render(request, "accounts/two_factor_verify.jinja", {"form": form}, status=400)
