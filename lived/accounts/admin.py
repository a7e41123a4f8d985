"""Accounts in the administration site. Administrators manage the organisation, not records (ADR 0013):

- no superuser flag, permissions or groups are edited here, and nobody changes their own access or roles;
- a role that reads records (or any role asked for oneself) waits for a manager of that service to
  confirm it in Lived; removals take effect at once; every change goes through an audited service;
- nobody sets a password here: a reset link goes to the account's own email address;
- two-factor devices are not managed here (their admin shows secrets and adds devices for others):
  the one thing needed, resetting a lost phone, is an audited action on the account;
- the sign-in failure logs are read-only for everyone.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django_otp.plugins.otp_totp.models import TOTPDevice

from lived.accounts import services
from lived.accounts.models import RoleGrantRequest, ServiceRole, User

# Groups would hand out Django permissions; Lived gives access by roles per service only.
# Two-factor devices: see the module docstring.
for _model in (Group, TOTPDevice, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _protects_superuser(request, user) -> bool:
    """Only a superuser changes a superuser's account, roles, password or devices."""
    return user is not None and user.is_superuser and not request.user.is_superuser


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]


class NewAccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "A link to choose their own password goes to this address."


class RoleForm(forms.ModelForm):
    """A new role row. Checked by the same service that then grants it or asks a manager for it."""

    class Meta:
        model = ServiceRole
        fields = ["service", "team", "role"]

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("service") and data.get("role") and self.instance.user_id:
            try:
                services.check_role_grant(
                    actor=self.actor,
                    user=self.instance.user,
                    service=data["service"],
                    role=data["role"],
                    team=data.get("team"),
                )
            except PermissionDenied as error:
                raise ValidationError(str(error)) from None
        return data

    def validate_unique(self):
        pass  # check_role_grant says it in words; a role the user already holds is refused there


class RoleFormSet(BaseInlineFormSet):
    actor = None

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "actor": self.actor}


class ServiceRoleInline(admin.TabularInline):
    model = ServiceRole
    fk_name = "user"
    form = RoleForm
    formset = RoleFormSet
    extra = 0
    fields = ["service", "team", "role"]
    verbose_name_plural = (
        "Roles (a role that reads people's records starts only when a manager of that service confirms it)"
    )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.actor = request.user
        return formset

    # A role is never changed in place (that would turn one role into another without a second
    # person): remove it and add the new one.
    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _protects_superuser(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Removing a role only takes access away, so the permission to change roles is enough;
        # nobody removes their own.
        return (
            request.user.has_perm("accounts.change_servicerole")
            and (obj is None or obj.pk != request.user.pk)
            and not _protects_superuser(request, obj)
        )


class RoleGrantRequestInline(admin.TabularInline):
    model = RoleGrantRequest
    fk_name = "user"
    extra = 0
    fields = readonly_fields = ["service", "team", "role", "requested_by", "requested_at", "outcome"]
    verbose_name = "role asked for"
    verbose_name_plural = "Roles asked for (a manager of the service confirms or declines them in Lived)"

    @admin.display(description="Outcome")
    def outcome(self, obj):
        if obj.confirmed_at:
            return f"Confirmed by {obj.confirmed_by.display_name}"
        if obj.declined_at:
            return f"Declined by {obj.declined_by.display_name}: {obj.declined_reason}"
        return "Waiting for a manager"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("accounts.view_servicerole")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class LivedUserAdmin(admin.ModelAdmin):
    form = AccountForm
    add_form = NewAccountForm
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]
    actions = ["send_password_reset_links", "reset_two_factor_sign_in"]
    fieldsets = [
        (None, {"fields": ["username"]}),
        ("Name and email", {"fields": ["first_name", "last_name", "email"]}),
        ("Access", {"fields": ["is_active", "is_staff"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["username", "first_name", "last_name", "email"]})]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined"]
        if obj is not None and obj.pk == request.user.pk:
            readonly += ["is_active", "is_staff"]  # nobody changes their own access
        return readonly

    def get_inlines(self, request, obj):
        return [] if obj is None else [ServiceRoleInline, RoleGrantRequestInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _protects_superuser(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are switched off (not active), never deleted: their history stays

    def save_model(self, request, obj, form, change):
        if change:
            services.update_user_account(actor=request.user, user=obj)
        else:
            services.create_user_account(actor=request.user, user=obj, base_url=_base_url(request))

    def save_formset(self, request, form, formset, change):
        if formset.model is not ServiceRole:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for service_role in formset.deleted_objects:
            services.remove_role(actor=request.user, service_role=service_role)
            self.message_user(request, f"Removed: {service_role}")
        for new in formset.new_objects:
            outcome = services.grant_role(
                actor=request.user,
                user=new.user,
                service=new.service,
                role=new.role,
                team=new.team,
                base_url=_base_url(request),
            )
            if isinstance(outcome, RoleGrantRequest):
                self.message_user(
                    request,
                    f"{outcome} is waiting for a manager of {outcome.service.name} to confirm it. "
                    "Nothing changes until they do.",
                    messages.WARNING,
                )
            else:
                self.message_user(request, f"Given: {outcome}")

    @admin.action(description="Send a password reset link to their email address", permissions=["change"])
    def send_password_reset_links(self, request, queryset):
        for user in queryset:
            try:
                services.send_password_reset_link(actor=request.user, user=user, base_url=_base_url(request))
                self.message_user(request, f"A password reset link went to {user.email}")
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, _message(error), messages.ERROR)

    @admin.action(
        description="Reset two-factor sign-in (they set it up again next time)", permissions=["change"]
    )
    def reset_two_factor_sign_in(self, request, queryset):
        for user in queryset:
            try:
                removed = services.reset_two_factor(actor=request.user, user=user)
                self.message_user(
                    request, f"Two-factor sign-in reset for {user.display_name} ({removed} removed)"
                )
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, _message(error), messages.ERROR)


def _message(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


class ReadOnlyAdmin:
    """The sign-in failure logs are evidence: nobody adds, changes or deletes them here."""

    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class ReadOnlyAccessAttemptAdmin(ReadOnlyAdmin, AccessAttemptAdmin):
    pass


@admin.register(AccessLog)
class ReadOnlyAccessLogAdmin(ReadOnlyAdmin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class ReadOnlyAccessFailureLogAdmin(ReadOnlyAdmin, AccessFailureLogAdmin):
    pass
