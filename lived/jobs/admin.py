"""Jobs in the administration site: read only (what a job did is a record, not something to edit).
django-tasks-db's own admin (Task results) shows every attempt with its traceback."""

from django.contrib import admin

from lived.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("key", "status", "attempts", "max_attempts", "last_error", "created_at", "finished_at")
    list_filter = ("status",)
    search_fields = ("key", "task_path")
    ordering = ["-created_at"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
