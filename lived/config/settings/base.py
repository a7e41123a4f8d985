"""Settings shared by every environment. Values come from environment variables (see lived/config/env.py)."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from lived.config.env import env_bool, env_int, env_list, env_str
from lived.core.conf import DEFAULTS as LIVED  # the one place for the LIVED_* defaults

BASE_DIR = Path(__file__).resolve().parents[3]

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "lived.core",
    "lived.organisations",
    "lived.accounts",
    "lived.people",
    "lived.plans",
    "lived.reviews",
    "lived.notes",
    "lived.risk",
    "lived.crisis",
    "lived.incidents",
    "lived.complaints",
    "lived.outcomes",
    "lived.rota",
    "lived.supervision",
    # Before django_tasks_db, so `manage.py db_worker` is Lived's worker (lived/jobs, ADR 0015).
    "lived.jobs",
    "django_tasks",
    "django_tasks_db",
    "lived.demo",
]

MIDDLEWARE = [
    # First: every response carries X-Request-ID, and every log line written on the way its id.
    "lived.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed when the browser asks (static files are already compressed by WhiteNoise, so
    # it sits after it). BREACH: Django masks the CSRF token anew on every response and pads gzip
    # with random bytes (Heal the Breach); the session cookie is never in a body. ADR 0016.
    "django.middleware.gzip.GZipMiddleware",
    # Early, so every response (the sign-in redirect too) carries the policy and a nonce is ready.
    "csp.middleware.CSPMiddleware",
    # Pages about people are never kept by the browser or a proxy (Cache-Control: no-store).
    "lived.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Just inside the session middleware, so the session it renews is saved on the way out.
    "lived.accounts.middleware.SessionRefreshMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lived.accounts.middleware.SignInRequiredMiddleware",
    "lived.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lived.config.urls"
WSGI_APPLICATION = "lived.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "lived.config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csrf",
                "lived.config.context.layout",
            ],
        },
    },
    {
        # Django templates only for the admin.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

# SQLite (WAL) by default so a newcomer needs nothing installed; PostgreSQL through DATABASE_URL.
_default_sqlite = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
# Persistent connections are checked before reuse, so a worker idle through a database restart does
# not answer its first request afterwards with an error.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_sqlite), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Every choice list of a form (ModelChoiceField) reads its rows with .iterator(), which on
    # PostgreSQL opens a server-side cursor: DECLARE, FETCH and CLOSE, three round trips for a list of
    # a dozen rows. Lived never streams a result too big for memory, so plain queries are used.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # ModelBackend, with the admin's model permissions asked for only for admin accounts.
    "lived.accounts.backends.AdminPermissionsBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"

# Idle sessions end: the session's life is renewed as the person uses Lived, so this is an idle
# timeout. Renewed at most once a minute (LIVED_SESSION_REFRESH_SECONDS,
# lived.accounts.middleware.SessionRefreshMiddleware), not on every request: a write to the session
# table on every page was a tenth of a page's cost under load. So a session ends between 29 and 30
# minutes after its last request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = False
LIVED_SESSION_REFRESH_SECONDS = env_int(
    "LIVED_SESSION_REFRESH_SECONDS", LIVED.session_refresh_seconds, minimum=0
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Staff must sign in with a second factor when this is on (on in production settings).
LIVED_REQUIRE_TWO_FACTOR = env_bool("LIVED_REQUIRE_TWO_FACTOR", LIVED.require_two_factor)
OTP_TOTP_ISSUER = "Lived"

# Sign-in limits (django-axes, with lived.accounts.limits.SignInLimitsHandler giving each set of
# lockout parameters its own limit). Two locks, each for AXES_COOLOFF_MINUTES:
# 1. One username from one address: AXES_FAILURE_LIMIT wrong passwords lock that username *from that
#    address* only. A stranger elsewhere cannot lock a named worker out: the worker signs in from
#    their own network as usual. (A lock on the username alone would let anyone do that.)
# 2. One address, any usernames: LIVED_SIGN_IN_ADDRESS_LIMIT wrong passwords lock the address, so
#    trying a few passwords at each of many accounts is stopped. Staff in a care home share one
#    address, so this limit is much higher; failures during a lock are not counted (below), so one
#    worker's typos add at most AXES_FAILURE_LIMIT, and a worker's own failures are cleared when they
#    sign in. Guessing one account from many addresses is slowed by lock 1 at each address; staff
#    also need their authenticator app, and every failure is in the audit trail and axes' log.
LIVED_SIGN_IN_LIMITS = [
    (["username", "ip_address"], env_int("AXES_FAILURE_LIMIT", LIVED.sign_in_limits[0][1], minimum=1)),
    (["ip_address"], env_int("LIVED_SIGN_IN_ADDRESS_LIMIT", LIVED.sign_in_limits[1][1], minimum=1)),
]
AXES_LOCKOUT_PARAMETERS = [parameters for parameters, _ in LIVED_SIGN_IN_LIMITS]
AXES_FAILURE_LIMIT = LIVED_SIGN_IN_LIMITS[0][1]
AXES_HANDLER = "lived.accounts.limits.SignInLimitsHandler"
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60
# Guesses made while locked are refused and not counted: counting them would let one address, by
# carrying on, push the lock past what it alone may cause.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = None
AXES_LOCKOUT_CALLABLE = "lived.accounts.views.locked_out"
# The client's address. Behind reverse proxies, set LIVED_TRUSTED_PROXIES to how many there are (each
# appends to X-Forwarded-For); without it every request would seem to come from the proxy, and the
# per-address limit would lock everyone out at once.
LIVED_TRUSTED_PROXIES = env_int("LIVED_TRUSTED_PROXIES", LIVED.trusted_proxies)
AXES_CLIENT_IP_CALLABLE = "lived.accounts.limits.client_address"
# Password reset links: at most this many requests per address and per email in the window,
# counted in the cache whether or not the email has an account. (The cache must be shared by every
# web process for the limits to hold across them.)
LIVED_PASSWORD_RESET_WINDOW_MINUTES = env_int(
    "LIVED_PASSWORD_RESET_WINDOW_MINUTES", LIVED.password_reset_window_minutes, minimum=1
)
LIVED_PASSWORD_RESET_PER_ADDRESS = env_int(
    "LIVED_PASSWORD_RESET_PER_ADDRESS", LIVED.password_reset_per_address, minimum=1
)
LIVED_PASSWORD_RESET_PER_EMAIL = env_int(
    "LIVED_PASSWORD_RESET_PER_EMAIL", LIVED.password_reset_per_email, minimum=1
)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "lived" / "static"]
# The NHS.UK stylesheet refers to its icons at /assets/…: serve the vendored assets folder at the root.
WHITENOISE_ROOT = BASE_DIR / "lived" / "static" / "vendor" / "nhsuk"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@lived.invalid")

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# django-csp 4 puts a fresh 'nonce-…' in place of the NONCE constant (never the string "'nonce'")
# on every response whose template read request.csp_nonce; the layout passes it to the NHS.UK
# template's inline script, which is what starts the components.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
    }
}

# Person data that is shown in the header and footer (fictional defaults for development).
LIVED_SERVICE_NAME = LIVED.service_name

# Practice thresholds. A deployment may set only the ones it wants to change (environment variables of
# the same name); each setting's default and meaning are in lived/core/conf.py.
# Daily notes (lived/notes): repeated declines and a falling self-rating raise reviews.
LIVED_DECLINES_TRIGGER_COUNT = env_int(
    "LIVED_DECLINES_TRIGGER_COUNT", LIVED.declines_trigger_count, minimum=2
)
LIVED_DECLINES_TRIGGER_DAYS = env_int("LIVED_DECLINES_TRIGGER_DAYS", LIVED.declines_trigger_days, minimum=1)
LIVED_SELF_RATING_FALL = env_int("LIVED_SELF_RATING_FALL", LIVED.self_rating_fall, minimum=1)
LIVED_SELF_RATING_DAYS = env_int("LIVED_SELF_RATING_DAYS", LIVED.self_rating_days, minimum=2)
# "Plans lived, not filed": the share of notes naming a plan step or action over this many days.
LIVED_PLAN_USE_DAYS = env_int("LIVED_PLAN_USE_DAYS", LIVED.plan_use_days, minimum=1)
LIVED_PLAN_USE_THRESHOLD = env_int("LIVED_PLAN_USE_THRESHOLD", LIVED.plan_use_threshold)
# Notes kept on phones by pages drawn before steps and actions had public ids name them by integer
# key. Accepted (within the person's own plan versions) until every phone has sent what it kept; then
# set to false (lived/notes/forms.py, ADR 0008).
LIVED_ACCEPT_INTEGER_PLAN_KEYS = env_bool("LIVED_ACCEPT_INTEGER_PLAN_KEYS", LIVED.accept_integer_plan_keys)
# Shifts for the briefing and handover: "HH:MM" start and end; a shift may run past midnight.
LIVED_SHIFTS = LIVED.shifts
# Risk (lived/risk): days from approval or a manager review to the next risk review, and the
# safeguarding procedure linked from risk plans and safeguarding concerns.
LIVED_RISK_REVIEW_DAYS = env_int("LIVED_RISK_REVIEW_DAYS", LIVED.risk_review_days, minimum=1)
LIVED_SAFEGUARDING_URL = env_str("LIVED_SAFEGUARDING_URL", LIVED.safeguarding_url)
LIVED_SAFEGUARDING_TEXT = env_str("LIVED_SAFEGUARDING_TEXT", LIVED.safeguarding_text)
# Outcomes (lived/outcomes): "due soon" for physical health checks; worsening self-ratings in a row
# that raise a review.
LIVED_HEALTH_CHECK_DUE_SOON_DAYS = env_int(
    "LIVED_HEALTH_CHECK_DUE_SOON_DAYS", LIVED.health_check_due_soon_days
)
LIVED_FALLING_SELF_RATING_RUN = env_int(
    "LIVED_FALLING_SELF_RATING_RUN", LIVED.falling_self_rating_run, minimum=2
)
# Travel between visits (lived/rota/travel.py): straight-line distance times 1.3 at this speed.
LIVED_TRAVEL_SPEED_KMH = env_int("LIVED_TRAVEL_SPEED_KMH", LIVED.travel_speed_kmh, minimum=1)
# Supervision (lived/supervision): a worker is due supervision this many weeks after their last one.
LIVED_SUPERVISION_EVERY_WEEKS = env_int(
    "LIVED_SUPERVISION_EVERY_WEEKS", LIVED.supervision_every_weeks, minimum=1
)

# Background jobs (lived/jobs, ADR 0015): Django's tasks framework with its database backend, so a
# laptop needs nothing beyond the database and production runs as many `manage.py db_worker` as it likes.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A running job's heartbeat moves on this often; one not moved for LOST_AFTER is retried elsewhere.
LIVED_JOBS_HEARTBEAT_SECONDS = env_int(
    "LIVED_JOBS_HEARTBEAT_SECONDS", LIVED.jobs_heartbeat_seconds, minimum=1
)
LIVED_JOBS_LOST_AFTER_SECONDS = env_int(
    "LIVED_JOBS_LOST_AFTER_SECONDS", LIVED.jobs_lost_after_seconds, minimum=2
)
# How often each worker queues scheduled work and looks for lost jobs.
LIVED_JOBS_HOUSEKEEPING_SECONDS = env_int(
    "LIVED_JOBS_HOUSEKEEPING_SECONDS", LIVED.jobs_housekeeping_seconds, minimum=1
)
LIVED_JOBS_KEEP_DAYS = env_int("LIVED_JOBS_KEEP_DAYS", LIVED.jobs_keep_days, minimum=1)
# Files made by jobs (plan PDF packs): private, shared by web and worker processes, removed after this.
LIVED_JOB_FILES_DIR = env_str("LIVED_JOB_FILES_DIR", LIVED.job_files_dir)
LIVED_JOB_FILES_RETENTION_HOURS = env_int(
    "LIVED_JOB_FILES_RETENTION_HOURS", LIVED.job_files_retention_hours, minimum=1
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
