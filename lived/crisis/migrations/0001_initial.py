"""Crisis plans move from lived.risk into their own app (docs/adr/0017-risk-split-into-contexts.md).

Only Django's record of the models moves: the tables keep their names (`risk_crisisplan`,
`risk_crisisplanversion`) and every row stays where it is. risk 0005 then forgets the models on its
side, so a fresh database and an existing one end in the same state."""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The tables were made by risk's migrations; this only tells Django crisis owns them now.
        ("risk", "0004_idempotency_keys"),
        ("people", "0003_staff_summary_sharing_and_wishes_told"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="CrisisPlan",
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
                        ("version", models.PositiveIntegerField(default=1)),
                        ("early_signs", models.TextField(blank=True, verbose_name="Early signs")),
                        ("what_helps", models.TextField(blank=True, verbose_name="What helps")),
                        ("contacts", models.JSONField(default=list)),
                        ("avoid", models.TextField(blank=True, verbose_name="Language and actions to avoid")),
                        (
                            "emergency_when",
                            models.TextField(blank=True, verbose_name="When to call emergency services"),
                        ),
                        ("alternatives_to_admission", models.TextField(blank=True)),
                        (
                            "dependants_and_pets",
                            models.TextField(blank=True, verbose_name="Dependants and pets"),
                        ),
                        (
                            "wishes",
                            models.TextField(
                                blank=True,
                                verbose_name="What I want to happen and to be shared if I become unwell",
                            ),
                        ),
                        ("persons_own_words", models.TextField(blank=True)),
                        ("written_with_person", models.BooleanField(default=False)),
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
                            "person",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="crisis_plan",
                                to="people.person",
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
                        "db_table": "risk_crisisplan",
                    },
                ),
                migrations.CreateModel(
                    name="CrisisPlanVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("number", models.PositiveIntegerField()),
                        ("content", models.JSONField()),
                        ("saved_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="history",
                                to="crisis.crisisplan",
                            ),
                        ),
                        (
                            "saved_by",
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
                        "db_table": "risk_crisisplanversion",
                        "ordering": ["-number"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("plan", "number"), name="one_crisis_version_number"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
