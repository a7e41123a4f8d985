"""manage.py backup_db: a consistent backup of the configured database, taken while Lived runs.

SQLite: SQLite's online backup API into one self-contained file (never a file copy of a live
database). PostgreSQL: `pg_dump --format=custom`. Either way the backup is written to a temporary
file, checked, and renamed into place, so a failed backup never leaves a half-written file.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from lived.core import backups


class Command(BaseCommand):
    help = "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump -Fc). Prints the file."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="The backup file to write (default: a dated file).")
        parser.add_argument(
            "--directory",
            type=Path,
            default=Path(settings.BASE_DIR) / "backups",
            help="Where the dated file goes when --output is not given (default: ./backups).",
        )

    def handle(self, *args, output=None, directory=None, **options):
        settings_dict = settings.DATABASES["default"]
        destination = (output or backups.default_backup_path(settings_dict, directory)).resolve()
        if backups.engine(settings_dict) == "sqlite":
            backups.sqlite_backup(Path(settings_dict["NAME"]), destination)
        else:
            backups.pg_backup(settings_dict, destination)
        self.stdout.write(self.style.SUCCESS(f"Backed up the database to {destination}"))
        return None
