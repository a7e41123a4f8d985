"""Production: secrets and hosts must come from the environment; two-factor is on."""

from django.core.exceptions import ImproperlyConfigured

from lived.config.env import env_bool, env_int, env_list, env_str
from lived.config.logging import production_logging
from lived.config.sentry import init_sentry
from lived.config.settings.base import *  # noqa: F403
from lived.config.settings.base import BASE_DIR

DEBUG = False
# Required (SECRET_KEY or SECRET_KEY_FILE). Never the development key, nor one Django generated as
# "django-insecure-…", nor a short one: sessions, password-reset links and CSRF tokens are signed with it.
SECRET_KEY = env_str("SECRET_KEY")
if "insecure" in SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY is the development key or too short: set a random one of 50 characters or more "
        "(docs/deployment.md)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
LIVED_REQUIRE_TWO_FACTOR = env_bool("LIVED_REQUIRE_TWO_FACTOR", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# No script reads the CSRF cookie: the offline outbox takes the token from the form's hidden input.
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
# Lived runs on a host name of its own (lived.provider.example), so its subdomains are covered too.
# Preloading is a decision about the provider's whole registrable domain, not Lived's: off unless the
# provider turns it on, and then Django's reminder about it (security.W021) is not needed.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production runs behind a reverse proxy (the header above): sign-in limits need the client's address.
LIVED_TRUSTED_PROXIES = env_int("LIVED_TRUSTED_PROXIES", 1)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Every web process sees the same counts (password-reset limits): the cache is a table in the database,
# so nothing beyond the database is needed to run more than one. `manage.py createcachetable` makes it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lived_cache",
    }
}
# collectstatic writes here and WhiteNoise serves from here.
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
LIVED_IS_PRODUCTION = True
# PBKDF2-HMAC-SHA256 at OWASP's 600,000 iterations, not Django's 1,000,000: sign-in under load on two
# cores (ADR 0016, benchmarks/sign_in.py). The others only check hashes made before.
PASSWORD_HASHERS = [
    "lived.accounts.hashers.OwaspPBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Health, logs and errors (lived/core/health.py, lived/config/logging.py, lived/config/sentry.py).
# JSON lines on stdout, a request id on each, nothing about a person; dev keeps plain text.
LOGGING = production_logging(env_str("LOG_LEVEL", "INFO"))
LOGGING_CONFIG = "lived.config.logging.configure"
# Load balancers probe the web processes directly over plain HTTP: answer them, not redirect them.
SECURE_REDIRECT_EXEMPT = [r"^health/(live|ready)$"]
# Error reports only when SENTRY_DSN is set.
init_sentry()
