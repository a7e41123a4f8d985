import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property

from lived.core.models import LivedModel


class Role(models.TextChoices):
    SUPPORT_WORKER = "support_worker", "Support worker"
    SENIOR = "senior", "Senior / key worker"
    MANAGER = "manager", "Manager"
    QUALITY_LEAD = "quality_lead", "Quality lead"
    ADMINISTRATOR = "administrator", "Administrator"


# The role sets, named once. The rules (lived.accounts.predicates) and the pages that filter a list by
# the same roles (`User.service_ids_with(*SENIORS)`) use these, so a rule and its list cannot drift.
# Roles that work with people's records. Administrators manage the organisation, not records.
CARE_ROLES = frozenset({Role.SUPPORT_WORKER, Role.SENIOR, Role.MANAGER, Role.QUALITY_LEAD})
# Roles that write about the person day to day: notes, handover, check-ins (quality leads read).
WRITERS = frozenset({Role.SUPPORT_WORKER, Role.SENIOR, Role.MANAGER})
# Support workers and seniors: who goes to people's homes and shifts, whom the rota sends and the
# person may choose or not want sent (managers manage them).
SUPPORTERS = frozenset({Role.SUPPORT_WORKER, Role.SENIOR})
# Seniors and managers: they change details, approve, manage groups, add people.
SENIORS = frozenset({Role.SENIOR, Role.MANAGER})
MANAGERS = frozenset({Role.MANAGER})
# Managers and quality leads: the audit trail and governance reports.
OVERSIGHT = frozenset({Role.MANAGER, Role.QUALITY_LEAD})
# Seniors, managers and quality leads: the people who make sure plans get written and used.
SENIORS_AND_OVERSIGHT = SENIORS | OVERSIGHT
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})


class User(AbstractUser):
    """Everyone who signs in: staff, people we support (linked to their record) and circle members."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["first_name", "last_name"]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def person_record(self):
        """The person's own record, for accounts of people we support."""
        return getattr(self, "own_record", None)

    @cached_property
    def roles_by_service(self) -> dict[int, set[str]]:
        result: dict[int, set[str]] = {}
        for service_id, role in self.service_roles.values_list("service_id", "role"):
            result.setdefault(service_id, set()).add(role)
        return result

    @cached_property
    def is_circle_member(self) -> bool:
        # The signed-in user comes with the count already (accounts/backends.py get_user).
        known = getattr(self, "in_open_circle", None)
        if known is not None:
            return known
        return self.circle_memberships.filter(archived_at__isnull=True).exists()

    def has_role(self, *roles: str, service_id: int | None = None) -> bool:
        wanted = set(roles)
        if service_id is not None:
            return bool(self.roles_by_service.get(service_id, set()) & wanted)
        return any(held & wanted for held in self.roles_by_service.values())

    def service_ids_with(self, *roles: str) -> set[int]:
        """The services where this user holds one of `roles` (pass a named set: `*SENIORS`)."""
        wanted = set(roles)
        return {sid for sid, held in self.roles_by_service.items() if held & wanted}

    def care_service_ids(self) -> set[int]:
        return self.service_ids_with(*CARE_ROLES)

    @property
    def is_care_staff(self) -> bool:
        return bool(self.care_service_ids())

    @property
    def kind(self) -> str:
        if self.person_record is not None:
            return "person"
        if self.roles_by_service:
            return "staff"
        if self.is_circle_member:
            return "circle"
        return "none"

    @property
    def role_summary(self) -> str:
        if self.person_record is not None:
            return "the person"
        roles = sorted({r for held in self.roles_by_service.values() for r in held})
        if roles:
            return ", ".join(Role(r).label for r in roles)
        if self.is_circle_member:
            return "circle of support"
        return "no role"


class ServiceRole(LivedModel):
    """A role held at one service. A user may hold different roles at different services."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="service_roles")
    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="roles")
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, null=True, blank=True)
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "service", "role"], name="unique_role_per_service")
        ]

    def __str__(self) -> str:
        return f"{self.user.display_name}: {self.get_role_display()} at {self.service}"


class RoleGrantRequestQuerySet(models.QuerySet):
    def for_manager(self, user) -> "RoleGrantRequestQuerySet":
        """Requests at the services where this user is a manager: the only ones they may see."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(service_id__in=user.service_ids_with(*MANAGERS))

    def pending(self) -> "RoleGrantRequestQuerySet":
        return self.filter(confirmed_at__isnull=True, declined_at__isnull=True)


class RoleGrantRequest(LivedModel):
    """A role asked for in the administration site that waits for a second person.

    Every role except administrator reads people's records, so a grant of one of those roles (or any
    grant an administrator asks for themself) takes effect only when a manager of that service, who
    is neither the person asking nor the person it is for, confirms it. The `ServiceRole` is created
    at that moment; a declined request never becomes one.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a manager"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_requests")
    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, null=True, blank=True)
    role = models.CharField(max_length=30, choices=Role.choices)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_reason = models.TextField(blank=True)

    objects = RoleGrantRequestQuerySet.as_manager()

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "service", "role"],
                condition=models.Q(confirmed_at__isnull=True, declined_at__isnull=True),
                name="one_pending_request_per_role",
            ),
            models.CheckConstraint(
                condition=models.Q(confirmed_at__isnull=True) | models.Q(declined_at__isnull=True),
                name="confirmed_or_declined_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.display_name}: {self.get_role_display()} at {self.service}"

    @property
    def status(self) -> str:
        if self.confirmed_at is not None:
            return self.Status.CONFIRMED
        if self.declined_at is not None:
            return self.Status.DECLINED
        return self.Status.PENDING

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
