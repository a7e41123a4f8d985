"""Prompts for supervision (issue 15, items 3 and 4): the prompts, the prompts walked through at a
session, the library prompts on a review's agenda, and the starting prompts seeded."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from lived.supervision.starting_prompts import ensure


def seed(apps, schema_editor):
    ensure(apps.get_model("supervision", "Prompt"))


def unseed(apps, schema_editor):
    pass  # prompts may be on records by now: they are kept


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_review_versions"),
        ("supervision", "0002_seed_themes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Prompt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("code", models.SlugField(max_length=60, unique=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("caseload", "From the worker's caseload"),
                            ("journey", "A stage of the person's journey"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "stage",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("primary_care", "Primary care"),
                            ("crisis", "Crisis and home treatment"),
                            ("mha", "A Mental Health Act assessment"),
                            ("community_services", "Community services"),
                            ("care_coordination", "Assessment, review and care coordination"),
                            ("family", "Family and social network"),
                            ("community_life", "Being part of the community"),
                        ],
                        max_length=30,
                        verbose_name="Stage of the journey",
                    ),
                ),
                ("title", models.CharField(max_length=150)),
                ("wording", models.TextField(verbose_name="What the prompt asks")),
                ("active", models.BooleanField(default=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["kind", "stage", "order", "title"],
            },
        ),
        migrations.CreateModel(
            name="ReviewAgendaPrompt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "prompt",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="supervision.prompt"
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="reviews.review"
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["prompt__stage", "prompt__order", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("review", "prompt"), name="one_prompt_per_review_agenda")
                ],
            },
        ),
        migrations.CreateModel(
            name="SessionPrompt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("discussed", models.TextField(blank=True, verbose_name="What we talked about")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "prompt",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="supervision.prompt"
                    ),
                ),
                (
                    "supervision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="session_prompts",
                        to="supervision.supervision",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["prompt__kind", "prompt__order", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("supervision", "prompt"), name="one_prompt_per_session")
                ],
            },
        ),
        migrations.RunPython(seed, unseed),
    ]
