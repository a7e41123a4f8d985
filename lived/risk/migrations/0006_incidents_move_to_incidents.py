"""Incidents, restrictive practice and safeguarding concerns now belong to lived.incidents (incidents
0001): risk forgets the models, the tables and their rows stay as they are. The content types move
with them, so admin history and permissions follow."""

from django.db import migrations

MOVED = ["incident", "restrictivepractice", "safeguardingconcern"]
TO = "incidents"


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move(apps, "risk", TO)


def move_content_types_back(apps, schema_editor):
    _move(apps, TO, "risk")


class Migration(migrations.Migration):
    dependencies = [
        ("risk", "0005_crisis_plans_move_to_crisis"),
        ("incidents", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="incident",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="incident",
                    name="person",
                ),
                migrations.RemoveField(
                    model_name="incident",
                    name="recorded_by",
                ),
                migrations.RemoveField(
                    model_name="incident",
                    name="risk_plan",
                ),
                migrations.RemoveField(
                    model_name="incident",
                    name="service",
                ),
                migrations.RemoveField(
                    model_name="incident",
                    name="updated_by",
                ),
                migrations.RemoveField(
                    model_name="safeguardingconcern",
                    name="incident",
                ),
                migrations.RemoveField(
                    model_name="restrictivepractice",
                    name="incident",
                ),
                migrations.RemoveField(
                    model_name="restrictivepractice",
                    name="authorised_by",
                ),
                migrations.RemoveField(
                    model_name="restrictivepractice",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="restrictivepractice",
                    name="person",
                ),
                migrations.RemoveField(
                    model_name="restrictivepractice",
                    name="service",
                ),
                migrations.RemoveField(
                    model_name="restrictivepractice",
                    name="updated_by",
                ),
                migrations.RemoveField(
                    model_name="safeguardingconcern",
                    name="closed_by",
                ),
                migrations.RemoveField(
                    model_name="safeguardingconcern",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="safeguardingconcern",
                    name="person",
                ),
                migrations.RemoveField(
                    model_name="safeguardingconcern",
                    name="service",
                ),
                migrations.RemoveField(
                    model_name="safeguardingconcern",
                    name="updated_by",
                ),
                migrations.DeleteModel(
                    name="RestrictivePractice",
                ),
                migrations.DeleteModel(
                    name="SafeguardingConcern",
                ),
                migrations.DeleteModel(
                    name="Incident",
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
