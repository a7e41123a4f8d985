"""`manage.py check --deploy` with production settings is clean, and production refuses weak secrets."""

import importlib
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.deploy.processes import PYTHON, ROOT, production_env


def check_deploy(**extra):
    env = production_env("sqlite:////nonexistent/lived-check.sqlite3", "/nonexistent/static", **extra)
    return subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_gives_no_warnings_with_production_settings():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (1 silenced)" in result.stdout  # security.W021: preload, docs/deployment.md


def test_turning_preload_on_needs_no_silenced_check():
    result = check_deploy(SECURE_HSTS_PRELOAD="true")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.fixture
def production_settings(monkeypatch):
    def load(**env):
        for name in ("SECRET_KEY", "SECRET_KEY_FILE"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        sys.modules.pop("lived.config.settings.production", None)
        try:
            return importlib.import_module("lived.config.settings.production")
        finally:
            sys.modules.pop("lived.config.settings.production", None)

    return load


@pytest.mark.parametrize(
    "key",
    [
        "dev-only-insecure-key-change-me-in-production",
        "django-insecure-" + "k" * 50,
        "short-but-random-" + secrets.token_hex(8),
    ],
    ids=["development-key", "django-insecure", "short"],  # fixed ids: every xdist worker collects the same
)
def test_production_refuses_the_development_key_and_weak_keys(production_settings, key):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        production_settings(SECRET_KEY=key)


def test_production_reads_the_secret_key_from_a_file(production_settings, tmp_path):
    key = secrets.token_urlsafe(50)
    (tmp_path / "secret_key").write_text(key + "\n")
    production = production_settings(SECRET_KEY_FILE=str(tmp_path / "secret_key"))
    assert production.SECRET_KEY == key
    assert production.CSRF_COOKIE_HTTPONLY is True
    assert production.SESSION_COOKIE_HTTPONLY is True
    assert production.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
