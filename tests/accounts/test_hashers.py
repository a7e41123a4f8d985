"""Production hashes passwords with PBKDF2-HMAC-SHA256 at OWASP's 600,000 iterations (ADR 0016): never
fewer, and passwords hashed before at Django's 1,000,000 still sign in."""

import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password

from lived.accounts.hashers import OWASP_MINIMUM_ITERATIONS, OwaspPBKDF2PasswordHasher

ROOT = Path(__file__).resolve().parents[2]


def test_the_hasher_is_pbkdf2_sha256_at_no_fewer_iterations_than_owasp_asks():
    assert OWASP_MINIMUM_ITERATIONS >= 600_000
    hasher = OwaspPBKDF2PasswordHasher()
    assert hasher.algorithm == "pbkdf2_sha256" and hasher.iterations >= OWASP_MINIMUM_ITERATIONS
    assert hasher.encode("fictional", hasher.salt()).startswith(f"pbkdf2_sha256${hasher.iterations}$")


def test_a_password_hashed_at_djangos_count_still_checks_and_is_rehashed(settings):
    settings.PASSWORD_HASHERS = ["lived.accounts.hashers.OwaspPBKDF2PasswordHasher"]
    old = PBKDF2PasswordHasher().encode("fictional", "salt1234salt1234")
    assert old.startswith("pbkdf2_sha256$1000000$")
    rehashed = []
    assert check_password("fictional", old, setter=rehashed.append)
    assert rehashed == ["fictional"]
    assert make_password("fictional").startswith("pbkdf2_sha256$600000$")


def test_production_settings_use_it():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lived.config.settings.production",
        "SECRET_KEY": "a-fictional-test-key-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("SENTRY_DSN", None)
    out = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "lived.accounts.hashers.OwaspPBKDF2PasswordHasher"
