"""Signing in with a username and password, and the Django admin's model permissions.

Lived's own permissions are rules (lived/*/rules.py, through django-rules' backend). Django's model
permissions (`auth_permission`) exist only for the admin site, which only `is_staff` accounts may
open, and only administrators are given any (lived/demo/loader.py, the admin's user page). Django's
ModelBackend looks them up for every account on the first `has_perm` a rule answers no to: two
queries on every page for staff who could never hold one. This backend answers no for accounts that
are not `is_staff` without asking the database, and is ModelBackend in every other way."""

from django.contrib.auth.backends import ModelBackend


class AdminPermissionsBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_staff and not user_obj.is_superuser:
            return set()
        return super()._get_permissions(user_obj, obj, from_name)
