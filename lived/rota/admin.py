from django.contrib import admin

from lived.rota.models import Skill


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    """The skills sessions may need and managers record for workers (medication-trained, driver, a
    language). Workers' own skills are set by their managers in Lived, audited."""

    list_display = ["name", "active", "order"]
    list_editable = ["active", "order"]
