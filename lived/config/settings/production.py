"""Production: secrets and hosts must come from the environment; two-factor is on."""

from lived.config.env import env_bool, env_int, env_list, env_str
from lived.config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
LIVED_REQUIRE_TWO_FACTOR = env_bool("LIVED_REQUIRE_TWO_FACTOR", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production runs behind a reverse proxy (the header above): sign-in limits need the client's address.
LIVED_TRUSTED_PROXIES = env_int("LIVED_TRUSTED_PROXIES", 1)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
LIVED_IS_PRODUCTION = True
