"""The plan PDF pack's job moved from lived.jobs.packs to lived.plans.tasks (the jobs app knows no app
above it). A Job row names its Lived job by dotted path (Job.task_path, resolved by
lived.jobs.queue.spec_for on every attempt), so rows written before the move are pointed at the new
path: one still waiting or retrying then runs, and a finished one's file still downloads with its
access rows. The queue's own rows (django-tasks-db) all name lived.jobs.queue.run_job, which did not
move, so they need nothing."""

from django.db import migrations

OLD = "lived.jobs.packs.make_plan_pack"
NEW = "lived.plans.tasks.make_plan_pack"


def forwards(apps, schema_editor):
    apps.get_model("jobs", "Job").objects.filter(task_path=OLD).update(task_path=NEW)


def backwards(apps, schema_editor):
    apps.get_model("jobs", "Job").objects.filter(task_path=NEW).update(task_path=OLD)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
