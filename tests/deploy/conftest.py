"""Fixtures for the deployment tests: a scratch PostgreSQL database for the session (dropped after it)
and a production site made in it. The helpers they use are in tests/deploy/processes.py."""

import json
import os
import uuid

import pytest

from tests.deploy.processes import (
    PASSWORD,
    POSTGRES_SERVER,
    SEED,
    Site,
    admin_connection,
    manage,
    postgres_url,
    production_env,
)


@pytest.fixture(scope="session")
def scratch_postgres():
    """A PostgreSQL database of our own for the session, dropped afterwards."""
    import psycopg

    name = f"lived_deploytest_{uuid.uuid4().hex[:10]}"
    try:
        with admin_connection() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        reason = f"PostgreSQL is not reachable at {POSTGRES_SERVER}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)  # CI must never pass by skipping these
        pytest.skip(reason)
    try:
        yield postgres_url(name)
    finally:
        with admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def production_site(scratch_postgres, tmp_path_factory):
    """Collected static files and a migrated scratch database with a support worker and a person."""
    static_root = tmp_path_factory.mktemp("static")
    env = production_env(scratch_postgres, str(static_root))
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    seeded = manage(env, "shell", "--no-imports", "-c", SEED % {"password": PASSWORD})
    person = json.loads(seeded.strip().splitlines()[-1])["person"]
    return Site(env=env, static_root=static_root, person=person)
