from django.contrib import admin

from lived.outcomes.models import SelfRatingScale


@admin.register(SelfRatingScale)
class SelfRatingScaleAdmin(admin.ModelAdmin):
    """Seniors and managers define scales in Lived (/outcomes/scales/new/); administrators may correct
    them here."""

    list_display = ["name", "service", "kind", "low", "high", "higher_is_better", "chime_domain"]
    list_filter = ["service", "kind"]
