"""The database grants in deploy/grants.sql (and docs/deployment.md) make audit rows unchangeable by
the role Lived runs as: PostgreSQL refuses UPDATE, DELETE and TRUNCATE on core_auditevent."""

import secrets
import subprocess

import psycopg
import pytest

from tests.deploy.processes import ROOT

pytestmark = [pytest.mark.xdist_group("processes"), pytest.mark.processes]

GRANTS = ROOT / "deploy/grants.sql"


def statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if line.strip() and not line.startswith("--")]
    return " ".join(lines).split(";")[:-1]


def test_the_deployment_doc_gives_the_same_grants_as_the_file():
    doc = (ROOT / "docs/deployment.md").read_text()
    for statement in statements(GRANTS.read_text()):
        assert statement.strip() + ";" in doc


@pytest.fixture
def app_role(production_site):
    """A login role of our own (roles belong to the whole server), with the grants applied."""
    database = production_site.env["DATABASE_URL"]
    role = f"lived_app_test_{secrets.token_hex(5)}"
    password = secrets.token_hex(16)
    with psycopg.connect(database, autocommit=True) as owner:
        owner.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        try:
            subprocess.run(
                ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", f"app_role={role}", "-d", database,
                 "-f", str(GRANTS)],
                check=True, capture_output=True, text=True, timeout=60,
            )  # fmt: skip
            host_and_db = database.split("@", 1)[1]
            yield f"postgres://{role}:{password}@{host_and_db}"
        finally:
            owner.execute(f"DROP OWNED BY {role}")
            owner.execute(f"DROP ROLE {role}")


def test_the_app_role_adds_and_reads_audit_rows_but_cannot_change_or_remove_them(app_role):
    with psycopg.connect(app_role, autocommit=True) as app:
        assert app.execute("SELECT count(*) FROM core_auditevent").fetchone()[0] >= 1
        app.execute("INSERT INTO core_auditevent SELECT * FROM core_auditevent LIMIT 0")
        for change in (
            "UPDATE core_auditevent SET action = action",
            "DELETE FROM core_auditevent",
            "TRUNCATE core_auditevent",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(change)
        assert app.execute("SELECT count(*) FROM core_auditevent").fetchone()[0] >= 1


def test_the_app_role_still_reads_and_writes_records(app_role):
    with psycopg.connect(app_role, autocommit=True) as app:
        app.execute("UPDATE people_person SET updated_at = updated_at")
        app.execute("DELETE FROM django_session WHERE expire_date < now() - interval '100 years'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute("CREATE TABLE public.lived_not_allowed (id int)")
