from django.contrib import admin

from lived.supervision.models import Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    """The themes supervisors tag sessions with. Retire a theme (untick active) rather than delete it:
    it stays on the records that carry it. Supervision records themselves are kept in Lived, audited."""

    list_display = ["name", "code", "active", "order"]
    list_editable = ["active", "order"]
    prepopulated_fields = {"code": ["name"]}

    def has_delete_permission(self, request, obj=None):
        return False
