"""Incidents, restrictive practice and safeguarding concerns move from lived.risk into their own app
(docs/adr/0017-risk-split-into-contexts.md).

Only Django's record of the models moves: the tables keep their names (`risk_incident`,
`risk_restrictivepractice`, `risk_safeguardingconcern`, and the index on incidents) and every row
stays where it is. risk 0006 then forgets the models on its side, so a fresh database and an existing
one end in the same state."""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The tables were made by risk's migrations; this only tells Django incidents owns them now.
        ("risk", "0005_crisis_plans_move_to_crisis"),
        ("organisations", "0001_initial"),
        ("people", "0003_staff_summary_sharing_and_wishes_told"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Incident",
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
                            "type",
                            models.CharField(
                                choices=[
                                    ("distress", "Distress"),
                                    ("crisis", "Mental health crisis"),
                                    ("fall", "Fall"),
                                    ("self_harm", "Self-harm"),
                                    ("aggression", "Aggression or conflict"),
                                    ("missing", "Missing or not where expected"),
                                    ("medication", "Medication error"),
                                    ("other", "Other"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "severity",
                            models.CharField(
                                choices=[("low", "Low"), ("moderate", "Moderate"), ("high", "High")],
                                max_length=10,
                            ),
                        ),
                        ("is_crisis", models.BooleanField(default=False)),
                        ("occurred_at", models.DateTimeField()),
                        ("place", models.CharField(max_length=200)),
                        ("who_involved", models.TextField(blank=True)),
                        ("what_happened", models.TextField()),
                        (
                            "crisis_plan_used",
                            models.CharField(
                                choices=[("yes", "Yes"), ("partly", "Partly"), ("no", "No")], max_length=10
                            ),
                        ),
                        ("crisis_plan_why", models.TextField(blank=True)),
                        ("police_involved", models.BooleanField(default=False)),
                        ("police_details", models.TextField(blank=True)),
                        ("restrictive_practice_used", models.BooleanField(default=False)),
                        ("safeguarding_raised", models.BooleanField(default=False)),
                        ("learning", models.TextField(blank=True)),
                        (
                            "idempotency_key",
                            models.UUIDField(blank=True, editable=False, null=True, unique=True),
                        ),
                        ("content_hash", models.CharField(blank=True, editable=False, max_length=64)),
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
                                related_name="incidents",
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
                            "risk_plan",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="incidents",
                                to="risk.riskplan",
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
                    ],
                    options={
                        "db_table": "risk_incident",
                        "ordering": ["-occurred_at", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="RestrictivePractice",
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
                            "type",
                            models.CharField(
                                choices=[
                                    ("physical", "Physical restraint"),
                                    ("seclusion", "Seclusion"),
                                    ("chemical", "Medication to calm (chemical restraint)"),
                                    ("mechanical", "Mechanical restraint"),
                                    (
                                        "environmental",
                                        "Environmental restriction (for example a locked door)",
                                    ),
                                    ("other", "Other restrictive practice"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("duration_minutes", models.PositiveIntegerField()),
                        ("debrief_with_person", models.TextField()),
                        ("occurred_at", models.DateTimeField()),
                        (
                            "authorised_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
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
                            "incident",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="restrictive_practice",
                                to="incidents.incident",
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="restrictive_practices",
                                to="people.person",
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
                    ],
                    options={
                        "db_table": "risk_restrictivepractice",
                        "ordering": ["-occurred_at"],
                    },
                ),
                migrations.CreateModel(
                    name="SafeguardingConcern",
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
                            "category",
                            models.CharField(
                                choices=[
                                    ("physical", "Physical abuse"),
                                    ("emotional", "Psychological or emotional abuse"),
                                    ("financial", "Financial abuse"),
                                    ("neglect", "Neglect or acts of omission"),
                                    ("self_neglect", "Self-neglect"),
                                    ("sexual", "Sexual abuse"),
                                    ("discriminatory", "Discriminatory abuse"),
                                    ("organisational", "Organisational abuse"),
                                    ("domestic", "Domestic abuse"),
                                    ("exploitation", "Modern slavery or exploitation"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("details", models.TextField(blank=True)),
                        ("referred_on", models.DateField(blank=True, null=True)),
                        ("reference", models.CharField(blank=True, max_length=100)),
                        ("raised_at", models.DateTimeField()),
                        ("outcome", models.TextField(blank=True)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "closed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
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
                            "incident",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="safeguarding",
                                to="incidents.incident",
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="safeguarding_concerns",
                                to="people.person",
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
                    ],
                    options={
                        "db_table": "risk_safeguardingconcern",
                        "ordering": ["-raised_at"],
                    },
                ),
                migrations.AddIndex(
                    model_name="incident",
                    index=models.Index(
                        fields=["service", "occurred_at"], name="risk_incide_service_cd3c76_idx"
                    ),
                ),
            ],
        ),
    ]
