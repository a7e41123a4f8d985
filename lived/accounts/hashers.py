"""The password hasher production uses: PBKDF2-HMAC-SHA256 at OWASP's figure, not Django's.

OWASP's Password Storage Cheat Sheet asks for at least 600,000 iterations of PBKDF2-HMAC-SHA256;
Django 5.2 uses 1,000,000. Lived signs in on shared two-core machines where every sign-in's hash
competes with pages for the same cores, so it uses the OWASP figure (ADR 0016 has the measurements).
Never lower than that: the test in tests/accounts/test_hashers.py fails if it is.

It keeps Django's algorithm name, so hashes made at any iteration count still check, and Django
re-hashes each one at this count the next time its owner signs in."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher

OWASP_MINIMUM_ITERATIONS = 600_000


class OwaspPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = OWASP_MINIMUM_ITERATIONS
