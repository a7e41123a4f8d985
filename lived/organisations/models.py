from django.db import models

from lived.core.models import Archivable, LivedModel


class Organisation(LivedModel):
    """The provider. Its details appear in every page footer."""

    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    cqc_provider_id = models.CharField("CQC provider ID", max_length=40, blank=True)

    def __str__(self) -> str:
        return self.name


class Service(LivedModel, Archivable):
    class Type(models.TextChoices):
        SUPPORTED_LIVING = "supported_living", "Supported living"
        SUPPORTED_ACCOMMODATION = "supported_accommodation", "Supported accommodation"
        COMMUNITY_MENTAL_HEALTH_TEAM = "cmht", "Community mental health team"
        DOMICILIARY_CARE = "domiciliary_care", "Domiciliary care"
        RESIDENTIAL = "residential", "Residential"
        RECOVERY_COLLEGE = "recovery_college", "Recovery college"
        PEER_SUPPORT = "peer_support", "Peer support"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=40, choices=Type.choices)
    address = models.TextField(blank=True)
    cqc_location_id = models.CharField("CQC location ID", max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_service_name")]

    def __str__(self) -> str:
        return self.name


class Team(LivedModel, Archivable):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.service})"
