"""The organisation, its services and teams. Every change is audited through
lived/organisations/services.py; nothing is deleted here (archive instead), see ADR 0013."""

from django import forms
from django.contrib import admin
from django.utils import timezone

from lived.organisations import services
from lived.organisations.models import Organisation, Service, Team

# Who created, changed or archived something is stamped by the service, never typed in a form.
STAMPS = ["created_by", "updated_by", "archived_by", "archived_at"]


class ArchivableForm(forms.ModelForm):
    archived = forms.BooleanField(
        required=False, label="Archived", help_text="Archived services and teams stay, with their history"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["archived"].initial = self.instance.archived_at is not None

    def save(self, commit=True):
        archived = self.cleaned_data.get("archived")
        if archived and self.instance.archived_at is None:
            self.instance.archived_at = timezone.now()
        elif not archived:
            self.instance.archived_at = None
        return super().save(commit)


class AuditedAdmin(admin.ModelAdmin):
    exclude = STAMPS

    def save_model(self, request, obj, form, change):
        services.save_from_administration(actor=request.user, instance=obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "phone", "email"]


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    form = ArchivableForm
    list_display = ["name", "type", "organisation", "archived_at"]
    list_filter = ["type"]


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    form = ArchivableForm
    list_display = ["name", "service", "archived_at"]
