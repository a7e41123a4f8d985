"""Complaints and their themes move from lived.risk into their own app
(docs/adr/0017-risk-split-into-contexts.md).

Only Django's record of the models moves: the tables keep their names (`risk_complainttheme`,
`risk_complaint`, `risk_complaint_themes`) and every row, the seeded themes too, stays where it is.
risk 0007 then forgets the models on its side, so a fresh database and an existing one end in the
same state."""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The tables were made by risk's migrations; this only tells Django complaints owns them now.
        ("risk", "0006_incidents_move_to_incidents"),
        ("organisations", "0001_initial"),
        ("people", "0003_staff_summary_sharing_and_wishes_told"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ComplaintTheme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("name", models.CharField(max_length=100, unique=True)),
                        ("active", models.BooleanField(default=True)),
                        ("order", models.PositiveSmallIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "risk_complainttheme",
                        "ordering": ["order", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="Complaint",
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
                            "kind",
                            models.CharField(
                                choices=[("complaint", "Complaint"), ("compliment", "Compliment")],
                                default="complaint",
                                max_length=20,
                            ),
                        ),
                        (
                            "raised_by",
                            models.CharField(
                                choices=[
                                    ("person", "The person"),
                                    ("family", "Family or friend"),
                                    ("other", "Someone else"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("raised_by_name", models.CharField(blank=True, max_length=200)),
                        ("received_on", models.DateField()),
                        ("summary", models.TextField()),
                        ("response", models.TextField(blank=True)),
                        ("outcome", models.TextField(blank=True)),
                        ("closed_on", models.DateField(blank=True, null=True)),
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
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="complaints",
                                to="people.person",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "service",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisations.service",
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
                        (
                            "themes",
                            models.ManyToManyField(
                                blank=True, related_name="complaints", to="complaints.complainttheme"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "risk_complaint",
                        "ordering": ["-received_on", "-pk"],
                    },
                ),
            ],
        ),
    ]
