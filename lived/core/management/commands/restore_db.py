"""manage.py restore_db FILE --yes: replace the configured database with a backup.

Refuses without --yes when there is a database to replace, refuses while the database is in use
(stop the web and job processes first), and checks the backup before touching anything. The backup is
restored into a temporary file (SQLite) or database (PostgreSQL) beside the target, checked, and then
swapped in by one rename; the database it replaces is kept beside it unless --no-keep-previous.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from lived.core import backups


class Command(BaseCommand):
    help = "Restore the database from a backup made by backup_db (stop the web and job processes first)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup file (from backup_db or pg_dump -Fc).")
        parser.add_argument("--yes", action="store_true", help="Replace the existing database.")
        parser.add_argument(
            "--no-keep-previous",
            dest="keep_previous",
            action="store_false",
            help="Do not keep the replaced database beside the restored one.",
        )

    def handle(self, *args, backup, yes, keep_previous, **options):
        settings_dict = settings.DATABASES["default"]
        backup = backup.resolve()
        if not backup.is_file():
            raise CommandError(f"There is no backup at {backup}.")
        connections.close_all()
        if backups.engine(settings_dict) == "sqlite":
            target = Path(settings_dict["NAME"])
            if target.exists() and not yes:
                raise CommandError(
                    f"Refusing to replace {target} without --yes. Everything written since the backup "
                    "would be replaced (the current database is kept beside it)."
                )
            previous = backups.sqlite_restore(backup, target, keep_previous=keep_previous)
            where = str(target)
        else:
            if not yes:
                raise CommandError(
                    f"Refusing to replace the database {settings_dict['NAME']} without --yes. Everything "
                    "written since the backup would be replaced (the current database is kept beside it)."
                )
            previous = backups.pg_restore(settings_dict, backup, keep_previous=keep_previous)
            where = f"the database {settings_dict['NAME']}"
        self.stdout.write(self.style.SUCCESS(f"Restored {backup} into {where}."))
        if previous:
            self.stdout.write(f"The database it replaced is kept as {previous}; remove it when you are sure.")
