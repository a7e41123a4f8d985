from django.contrib import admin

from lived.complaints.models import ComplaintTheme


@admin.register(ComplaintTheme)
class ComplaintThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "active", "order"]
    list_editable = ["active", "order"]
