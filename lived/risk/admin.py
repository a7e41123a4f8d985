from django.contrib import admin

from lived.risk.models import ComplaintTheme


@admin.register(ComplaintTheme)
class ComplaintThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "active", "order"]
    list_editable = ["active", "order"]
