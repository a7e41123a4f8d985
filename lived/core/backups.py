"""Backups, restores and the restore drill, for SQLite and PostgreSQL.

SQLite: backups and restores go through SQLite's online backup API (`sqlite3.Connection.backup`),
which copies a consistent snapshot page by page while the app keeps running. A file copy of a live
database in WAL mode can miss what is still in the `-wal` file, or catch a page half-written.

PostgreSQL: `pg_dump --format=custom` (a consistent snapshot of a running database) and
`pg_restore`, into a new database that is renamed into place only once the restore has finished.

A restore never overwrites in place: the backup is checked (`PRAGMA integrity_check`, or
`pg_restore --list`), restored into a temporary file or database next to the target, checked again,
and only then swapped in (an atomic rename). The database it replaces is kept beside it, so a wrong
restore can be undone. A restore refuses to replace a database something else has open.

The drill (`compare_databases`) proves a backup can be restored: per-table row counts against the
source, and the audit trail (`core_auditevent`) complete: the same count, the same highest id, and
the same SHA-256 over every row's values in id order.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

from lived.core.models import AuditEvent

# Tables whose rows come and go by themselves (expired sessions are deleted by clearsessions; axes
# keeps its own log): their counts are reported, and a difference in them never fails a drill.
VOLATILE_TABLES = frozenset({"django_session"})
DRILL_ALIAS = "restore_drill"


def engine(settings_dict: dict) -> str:
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return "sqlite"
    if settings_dict["ENGINE"] in {"django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2"}:
        return "postgresql"
    raise CommandError(f"Backups of {settings_dict['ENGINE']} databases are not supported.")


def default_backup_path(settings_dict: dict, directory: Path) -> Path:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    suffix = ".sqlite3" if engine(settings_dict) == "sqlite" else ".dump"
    return directory / f"lived-{stamp}{suffix}"


# --- SQLite ---------------------------------------------------------------------------------------


def _sqlite_connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    if read_only:
        connection.execute("PRAGMA query_only=1")
    return connection


def sqlite_integrity_problems(path: Path) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with the file (empty when it is sound), plus a check
    that it is a Lived database at all (it has Django's migration table)."""
    if not path.is_file() or path.stat().st_size == 0:
        return [f"{path} is missing or empty."]
    try:
        conn = _sqlite_connect(path, read_only=True)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return [f"{path} is not a readable SQLite database ({error})."]
    problems = [row for row in rows if row != "ok"]
    if not problems and "django_migrations" not in tables:
        problems.append(f"{path} is a SQLite database but not a Lived one (no django_migrations table).")
    return problems


def _sqlite_copy(source: Path, temporary: Path, *, failure: str) -> None:
    """Copy `source` into `temporary` through SQLite's online backup API, as one self-contained file
    (no -wal beside it to be lost on the way), check its integrity and flush it to disk. Raises
    CommandError(`failure` + the problems) if the copy is not sound."""
    src = _sqlite_connect(source, read_only=True)
    dst = _sqlite_connect(temporary)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    problems = sqlite_integrity_problems(temporary)
    if problems:
        raise CommandError(failure + "; ".join(problems))
    _fsync(temporary)


def sqlite_backup(source: Path, destination: Path) -> None:
    """A consistent copy of a (possibly live) database, written to a temporary file beside the
    destination and renamed into place, so a failed backup never leaves a half-written file."""
    if not source.is_file():
        raise CommandError(f"There is no database at {source}.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(f".{destination.name}.{uuid.uuid4().hex}.partial")
    try:
        _sqlite_copy(source, temporary, failure="The backup failed its integrity check: ")
        os.replace(temporary, destination)
        _fsync_directory(destination.parent)
    finally:
        temporary.unlink(missing_ok=True)


class DatabaseInUse(CommandError):
    pass


def sqlite_restore(backup: Path, target: Path, *, keep_previous: bool = True) -> Path | None:
    """Replace `target` with the database in `backup`. Returns where the previous database was kept.

    The backup is checked, restored into a temporary file beside the target through the backup API,
    checked again, and renamed over the target. Before the rename the target is taken out of WAL
    mode, which SQLite allows only when no other connection has it open: that is the "in use" check,
    and it also folds any -wal file into the old database so no stale -wal is left beside the new one.
    """
    problems = sqlite_integrity_problems(backup)
    if problems:
        raise CommandError(
            "Refusing to restore: the backup failed its integrity check: " + "; ".join(problems)
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.restoring")
    previous = None
    try:
        _sqlite_copy(backup, temporary, failure="The restored copy failed its integrity check: ")
        if target.exists():
            current = _sqlite_connect(target)
            try:
                current.execute("PRAGMA busy_timeout=0")
                try:
                    mode = current.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
                    # Hold the write lock from here until the new file is in place.
                    current.execute("BEGIN EXCLUSIVE")
                except sqlite3.OperationalError as error:
                    raise DatabaseInUse(
                        f"Refusing to restore: {target} is in use ({error}). Stop the web and job "
                        "processes, then run the restore again."
                    ) from error
                if mode != "delete":
                    raise DatabaseInUse(
                        f"Refusing to restore: {target} is in use (it stayed in {mode} mode). Stop the "
                        "web and job processes, then run the restore again."
                    )
                if keep_previous:
                    # A second name for the old file (a hard link), so the swap below stays one
                    # atomic rename and the old database is kept whole beside the new one.
                    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
                    previous = target.with_name(f"{target.name}.before-restore-{stamp}")
                    os.link(target, previous)
                os.replace(temporary, target)
                _fsync_directory(target.parent)
            finally:
                current.close()
        else:
            os.replace(temporary, target)
            _fsync_directory(target.parent)
        for leftover in ("-wal", "-shm", "-journal"):
            Path(f"{target}{leftover}").unlink(missing_ok=True)
    finally:
        temporary.unlink(missing_ok=True)
    return previous


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- PostgreSQL -----------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise CommandError(f"{name} is not installed (on Debian: apt-get install postgresql-client).")
    return found


def pg_environment(settings_dict: dict, dbname: str | None = None) -> dict[str, str]:
    """libpq's environment variables for the configured database, so no password is on a command line."""
    env = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST") or "",
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER") or "",
        "PGPASSWORD": settings_dict.get("PASSWORD") or "",
        "PGDATABASE": dbname or settings_dict["NAME"],
    }
    env.update({key: value for key, value in values.items() if value})
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    # The commands are fixed lists of a found executable and our own arguments; no shell.
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        message = result.stderr.strip() or result.stdout.strip()
        raise CommandError(f"{Path(command[0]).name} failed: {message}")


def pg_backup(settings_dict: dict, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(f".{destination.name}.{uuid.uuid4().hex}.partial")
    try:
        _run([_pg_tool("pg_dump"), "--format=custom", f"--file={temporary}"], pg_environment(settings_dict))
        pg_check_archive(settings_dict, temporary)
        _fsync(temporary)
        os.replace(temporary, destination)
        _fsync_directory(destination.parent)
    finally:
        temporary.unlink(missing_ok=True)


def pg_check_archive(settings_dict: dict, path: Path) -> None:
    """pg_restore reads the whole table of contents of a custom-format archive; a damaged or foreign
    file fails here, before anything is touched."""
    if not path.is_file() or path.stat().st_size == 0:
        raise CommandError(f"Refusing to restore: {path} is missing or empty.")
    result = subprocess.run(  # noqa: S603 (a fixed command, no shell)
        [_pg_tool("pg_restore"), "--list", str(path)],
        env=pg_environment(settings_dict),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CommandError(
            f"Refusing to restore: {path} is not a readable pg_dump archive ({result.stderr.strip()})."
        )
    if "django_migrations" not in result.stdout:
        raise CommandError(f"Refusing to restore: {path} is a pg_dump archive but not of a Lived database.")


def _pg_admin(settings_dict: dict):
    """A connection to the server's maintenance database, for CREATE / ALTER / DROP DATABASE."""
    env = pg_environment(settings_dict, dbname="postgres")
    return psycopg.connect(
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
        dbname="postgres",
        autocommit=True,
    )


def _pg_database_exists(admin, name: str) -> bool:
    return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _pg_other_sessions(admin, name: str) -> int:
    return admin.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [name]
    ).fetchone()[0]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def pg_restore_into_new(settings_dict: dict, backup: Path, name: str) -> None:
    """Create database `name` (which must not exist) and restore the archive into it."""
    with _pg_admin(settings_dict) as admin:
        if _pg_database_exists(admin, name):
            raise CommandError(f"Refusing to restore: the database {name} already exists.")
        admin.execute(f"CREATE DATABASE {_ident(name)} TEMPLATE template0")
    try:
        _run(
            [
                _pg_tool("pg_restore"),
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={name}",
                str(backup),
            ],
            pg_environment(settings_dict, dbname=name),
        )
    except CommandError:
        pg_drop(settings_dict, name)
        raise


def pg_drop(settings_dict: dict, name: str) -> None:
    with _pg_admin(settings_dict) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {_ident(name)}")


def pg_restore(settings_dict: dict, backup: Path, *, keep_previous: bool = True) -> str | None:
    """Restore into a new database beside the target, then rename it into place (the previous one is
    renamed aside, or dropped). Returns the name the previous database was kept under."""
    pg_check_archive(settings_dict, backup)
    target = settings_dict["NAME"]
    temporary = f"{target}__restoring"[:63]
    connections.close_all()
    pg_restore_into_new(settings_dict, backup, temporary)
    previous = None
    try:
        with _pg_admin(settings_dict) as admin:
            if _pg_database_exists(admin, target):
                others = _pg_other_sessions(admin, target)
                if others:
                    raise DatabaseInUse(
                        f"Refusing to restore: {target} is in use ({others} other connection(s)). Stop the "
                        "web and job processes, then run the restore again."
                    )
                stamp = timezone.now().strftime("%Y%m%d%H%M%S")
                previous = f"{target}__before_restore_{stamp}"[:63]
                admin.execute(f"ALTER DATABASE {_ident(target)} RENAME TO {_ident(previous)}")
            admin.execute(f"ALTER DATABASE {_ident(temporary)} RENAME TO {_ident(target)}")
    except Exception:
        pg_drop(settings_dict, temporary)
        raise
    if previous and not keep_previous:
        pg_drop(settings_dict, previous)
        previous = None
    return previous


# --- The drill ------------------------------------------------------------------------------------


@dataclass
class AuditSummary:
    count: int
    max_id: int | None
    sha256: str


@dataclass
class DrillReport:
    tables_compared: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_audit: AuditSummary | None = None
    restored_audit: AuditSummary | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def table_counts(alias: str) -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        counts = {}
        for name in names:
            # The names come from the database's own catalogue, quoted.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            counts[name] = cursor.fetchone()[0]
    return counts


def _canonical(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def audit_summary(alias: str, up_to_id: int | None = None) -> AuditSummary:
    """Count, highest id and a SHA-256 over every audit row's values in id order (JSON of the values
    as Django reads them, so the same rows hash the same on SQLite and on PostgreSQL)."""
    fields = [f.attname for f in AuditEvent._meta.concrete_fields]
    rows = AuditEvent.objects.using(alias).order_by("id")
    if up_to_id is not None:
        rows = rows.filter(id__lte=up_to_id)
    digest = hashlib.sha256()
    count = 0
    max_id = None
    id_at = fields.index("id")
    # In pages of 2,000 by id (keyset), not one cursor: memory stays flat however long the trail is,
    # and PostgreSQL's server-side cursors are off (lived/config/settings/base.py).
    last = None
    while True:
        page = rows if last is None else rows.filter(id__gt=last)
        batch = list(page.values_list(*fields)[:2000])
        if not batch:
            break
        for row in batch:
            digest.update(json.dumps([_canonical(v) for v in row], sort_keys=True, default=str).encode())
            digest.update(b"\n")
            count += 1
        last = max_id = batch[-1][id_at]
    return AuditSummary(count=count, max_id=max_id, sha256=digest.hexdigest())


def compare_databases(source_alias: str, restored_alias: str, *, source_in_use: bool = False) -> DrillReport:
    """Row counts per table and the audit trail of the restored database against the source.

    With `source_in_use` the source may have moved on since the backup: tables may have more (or,
    for sessions, fewer) rows, and that is reported, not failed; but the audit trail is append-only,
    so every audit row in the backup must still be in the source, unchanged (same count and hash over
    the source's rows up to the backup's highest id).
    """
    report = DrillReport()
    source, restored = table_counts(source_alias), table_counts(restored_alias)
    for name in sorted(set(source) - set(restored)):
        report.problems.append(f"Table {name} is missing from the restored database.")
    for name in sorted(set(restored) - set(source)):
        report.problems.append(f"Table {name} is in the restored database but not in the source.")
    for name in sorted(set(source) & set(restored)):
        report.tables_compared += 1
        if source[name] == restored[name]:
            continue
        line = f"Table {name}: {source[name]} rows in the source, {restored[name]} restored."
        # With the source in use, the audit trail's own check below is what must hold.
        if name in VOLATILE_TABLES or source_in_use:
            report.notes.append(line)
        else:
            report.problems.append(line)

    report.restored_audit = audit_summary(restored_alias)
    if source_in_use:
        report.source_audit = audit_summary(source_alias, up_to_id=report.restored_audit.max_id or 0)
    else:
        report.source_audit = audit_summary(source_alias)
    s, r = report.source_audit, report.restored_audit
    if s.count != r.count:
        report.problems.append(f"Audit trail: {s.count} rows in the source, {r.count} restored.")
    if s.max_id != r.max_id:
        report.problems.append(f"Audit trail: highest id {s.max_id} in the source, {r.max_id} restored.")
    if s.sha256 != r.sha256:
        report.problems.append("Audit trail: the rows differ (SHA-256 over the rows does not match).")
    return report


def add_drill_database(settings_dict: dict) -> str:
    """Register the scratch database as a second connection, configured like the default one."""
    connections.databases[DRILL_ALIAS] = settings_dict
    # The handler caches settings per alias; make sure a fresh connection is built.
    if hasattr(connections._connections, DRILL_ALIAS):
        delattr(connections._connections, DRILL_ALIAS)
    return DRILL_ALIAS


def remove_drill_database() -> None:
    if DRILL_ALIAS in connections.databases:
        connections[DRILL_ALIAS].close()
        if hasattr(connections._connections, DRILL_ALIAS):
            delattr(connections._connections, DRILL_ALIAS)
        del connections.databases[DRILL_ALIAS]
