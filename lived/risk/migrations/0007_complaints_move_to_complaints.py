"""Complaints and their themes now belong to lived.complaints (complaints 0001): risk forgets the
models, the tables (with `risk_complaint_themes`) and their rows stay as they are. The content types
move with them, so admin history and permissions follow."""

from django.db import migrations

MOVED = ["complaint", "complainttheme"]
TO = "complaints"


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
        ("risk", "0006_incidents_move_to_incidents"),
        ("complaints", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="complaint",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="complaint",
                    name="person",
                ),
                migrations.RemoveField(
                    model_name="complaint",
                    name="recorded_by",
                ),
                migrations.RemoveField(
                    model_name="complaint",
                    name="service",
                ),
                migrations.RemoveField(
                    model_name="complaint",
                    name="themes",
                ),
                migrations.RemoveField(
                    model_name="complaint",
                    name="updated_by",
                ),
                migrations.DeleteModel(
                    name="Complaint",
                ),
                migrations.DeleteModel(
                    name="ComplaintTheme",
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
