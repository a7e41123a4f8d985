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


# Roles that work with people's records. Administrators manage the organisation, not records.
CARE_ROLES = frozenset({Role.SUPPORT_WORKER, Role.SENIOR, Role.MANAGER, Role.QUALITY_LEAD})


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
        return self.circle_memberships.filter(archived_at__isnull=True).exists()

    def has_role(self, *roles: str, service_id: int | None = None) -> bool:
        wanted = set(roles)
        if service_id is not None:
            return bool(self.roles_by_service.get(service_id, set()) & wanted)
        return any(held & wanted for held in self.roles_by_service.values())

    def care_service_ids(self) -> set[int]:
        return {sid for sid, roles in self.roles_by_service.items() if roles & CARE_ROLES}

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
