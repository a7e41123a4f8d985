"""Signing in with a username and password, and the Django admin's model permissions.

Lived's own permissions are rules (lived/*/rules.py, through django-rules' backend). Django's model
permissions (`auth_permission`) exist only for the admin site, which only `is_staff` accounts may
open, and only administrators are given any (lived/demo/loader.py, the admin's user page). Django's
ModelBackend looks them up for every account on the first `has_perm` a rule answers no to: two
queries on every page for staff who could never hold one. This backend answers no for accounts that
are not `is_staff` without asking the database.

It also loads the signed-in user, on every request, with what the layout asks of every user: their
own record (people we support) and whether they are in anyone's circle. Both come in the one user
query (a join and a count) instead of two more queries on every page."""

from django.contrib.auth.backends import ModelBackend, UserModel
from django.db.models import Exists, OuterRef


class AdminPermissionsBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_staff and not user_obj.is_superuser:
            return set()
        return super()._get_permissions(user_obj, obj, from_name)

    def get_user(self, user_id):
        # The circle member model is reached through the relation, not imported: people sits above
        # accounts. User.is_circle_member reads the annotation `in_open_circle`.
        circle_member = UserModel._meta.get_field("circle_memberships").related_model
        open_memberships = circle_member.objects.filter(user=OuterRef("pk"), archived_at__isnull=True)
        user = (
            UserModel._default_manager.select_related("own_record")
            .annotate(in_open_circle=Exists(open_memberships))
            .filter(pk=user_id)
            .order_by()
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
