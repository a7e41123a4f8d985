from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from lived.accounts.models import ServiceRole, User


class ServiceRoleInline(admin.TabularInline):
    model = ServiceRole
    fk_name = "user"
    extra = 0
    fields = ["service", "team", "role"]


@admin.register(User)
class LivedUserAdmin(UserAdmin):
    inlines = [ServiceRoleInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
