from django.contrib import admin

from lived.organisations.models import Organisation, Service, Team


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "email"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "organisation", "archived_at"]
    list_filter = ["type"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "service"]
