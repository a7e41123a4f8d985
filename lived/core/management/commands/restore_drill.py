"""manage.py restore_drill [FILE]: prove a backup can be restored, without touching the live database.

Restores the backup (or, with no FILE, a fresh backup taken now) into a scratch database, then checks
it against the configured database: the row count of every table, and the audit trail complete (the
same number of rows, the same highest id, and the same SHA-256 over every row). The scratch database
is removed afterwards unless --keep. Exits non-zero, listing what differs, if anything does.
"""

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lived.core import backups


class Command(BaseCommand):
    help = "Restore a backup into a scratch database and check row counts and the audit trail."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, nargs="?", help="The backup file (default: take one now).")
        parser.add_argument(
            "--source-in-use",
            action="store_true",
            help=(
                "The database has been written to since the backup: report table counts that differ "
                "instead of failing, and check the audit rows up to the backup's last one."
            ),
        )
        parser.add_argument(
            "--scratch-name",
            help="PostgreSQL: the scratch database to create and drop (default: <name>_restore_drill).",
        )
        parser.add_argument("--keep", action="store_true", help="Keep the scratch database afterwards.")

    def handle(self, *args, backup=None, source_in_use=False, scratch_name=None, keep=False, **options):
        settings_dict = settings.DATABASES["default"]
        kind = backups.engine(settings_dict)
        workdir = Path(tempfile.mkdtemp(prefix="lived-restore-drill-"))
        scratch_settings = dict(settings_dict)
        try:
            if backup is None:
                backup = workdir / ("backup.sqlite3" if kind == "sqlite" else "backup.dump")
                if kind == "sqlite":
                    backups.sqlite_backup(Path(settings_dict["NAME"]), backup)
                else:
                    backups.pg_backup(settings_dict, backup)
                self.stdout.write(f"Took a backup now: {backup}")
            backup = backup.resolve()
            if not backup.is_file():
                raise CommandError(f"There is no backup at {backup}.")
            if kind == "sqlite":
                scratch = workdir / "restored.sqlite3"
                backups.sqlite_restore(backup, scratch, keep_previous=False)
                scratch_settings["NAME"] = str(scratch)
            else:
                scratch = scratch_name or f"{settings_dict['NAME']}_restore_drill"[:63]
                if scratch == settings_dict["NAME"]:
                    raise CommandError("The scratch database must not be the configured database.")
                backups.pg_drop(settings_dict, scratch)
                backups.pg_restore_into_new(settings_dict, backup, scratch)
                scratch_settings["NAME"] = scratch
            self.stdout.write(f"Restored {backup} into the scratch database {scratch}.")
            alias = backups.add_drill_database(scratch_settings)
            try:
                report = backups.compare_databases("default", alias, source_in_use=source_in_use)
            finally:
                backups.remove_drill_database()
        finally:
            if not keep:
                if kind == "postgresql" and scratch_settings["NAME"] != settings_dict["NAME"]:
                    backups.pg_drop(settings_dict, scratch_settings["NAME"])
                shutil.rmtree(workdir, ignore_errors=True)
        self._print(report)
        if not report.ok:
            raise CommandError(f"The restore drill failed: {len(report.problems)} problem(s), listed above.")

    def _print(self, report):
        s, r = report.source_audit, report.restored_audit
        self.stdout.write(f"Tables compared: {report.tables_compared}")
        for label, audit in (("in the source", s), ("restored", r)):
            self.stdout.write(
                f"Audit trail {label}: {audit.count} rows, highest id {audit.max_id}, SHA-256 {audit.sha256}"
            )
        for note in report.notes:
            self.stdout.write(f"  note: {note}")
        for problem in report.problems:
            self.stderr.write(f"  PROBLEM: {problem}")
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS("Restore drill passed: every table and the audit trail match.")
            )
