"""Django settings for An Sinh.

Defaults give a working intranet install on SQLite (WAL) under ./var; production sets
DATABASE_URL (PostgreSQL), ANSINH_SECRET_KEY and ANSINH_ALLOWED_HOSTS, and behind an HTTPS
reverse proxy ANSINH_HTTPS=1, ANSINH_BEHIND_PROXY=1, ANSINH_CSRF_TRUSTED_ORIGINS and
ANSINH_TRUSTED_PROXIES (docs/deploy.md).
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("ANSINH_DATA_DIR", BASE_DIR.parent / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _env_flag(name):
    return os.environ.get(name, "") == "1"


def _secret_key():
    if os.environ.get("ANSINH_SECRET_KEY"):
        return os.environ["ANSINH_SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("ANSINH_DEBUG") == "1"
ALLOWED_HOSTS = _env_list("ANSINH_ALLOWED_HOSTS", "127.0.0.1,localhost")

# HTTPS behind a reverse proxy (docs/deploy.md). The default intranet install stays plain http.
HTTPS = _env_flag("ANSINH_HTTPS")
BEHIND_PROXY = _env_flag("ANSINH_BEHIND_PROXY")
CSRF_TRUSTED_ORIGINS = _env_list("ANSINH_CSRF_TRUSTED_ORIGINS")
if BEHIND_PROXY:
    # The proxy sets X-Forwarded-Proto on every request; the app must be reachable only through it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Addresses or networks of the proxies whose X-Forwarded-For is believed (core.audit.client_ip).
TRUSTED_PROXIES = _env_list("ANSINH_TRUSTED_PROXIES")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("ANSINH_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "ansinh.core",
    "ansinh.indicators",
    "ansinh.worklog",
    "ansinh.payroll",
    "ansinh.welfare",
    "ansinh.desk",
    "ansinh.merit",
    "ansinh.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ansinh.core.middleware.SessionActivityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ansinh.core.middleware.QueryTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ansinh.core.middleware.SecurityHeadersMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ansinh.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ansinh.core.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "ansinh.wsgi.application"

SQLITE_PATH = DATA_DIR / "ansinh.sqlite3"
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "CONN_MAX_AGE": 60,  # each server thread keeps its connection: no reconnect and PRAGMAs per request
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
                "transaction_mode": "IMMEDIATE",
            },
            # Tests use a file too (one per test process): an in-memory database shares one cache
            # between threads, whose table locks ignore the busy timeout ("database table is locked").
            "TEST": {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }

# Long jobs (payroll generation, recalculation, batch documents, large imports) are queued in the
# database and run by `ansinh worker` processes (`ansinh serve` starts one beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The covering search index's INCLUDE columns exist on PostgreSQL only; SQLite indexes the keys.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "ansinh.core.passwords.CharacterClassValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after an hour without activity and always when the browser closes
# (SessionActivityMiddleware pushes the expiry forward at most once a minute).
SESSION_COOKIE_AGE = 60 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: page behaviour lives in static/ansinh.js, htmx is configured
# by <meta name="htmx-config">, chart data travels as json_script.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

# Every authentication door (web, admin, API token) goes through the one lockout backend.
AUTHENTICATION_BACKENDS = ["ansinh.core.auth.LockoutBackend"]
LOGIN_LOCKOUT_FAILURES = 5
LOGIN_LOCKOUT_MINUTES = 15

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = (
    False  # numbers are grouped explicitly (intcomma, floatformat "g"): years stay 2024
)
FORMAT_MODULE_PATH = ["ansinh.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded imports are read in memory up to this size; larger files are refused with a message.
IMPORT_MAX_BYTES = int(os.environ.get("ANSINH_IMPORT_MAX_MB", "25")) * 1024 * 1024
IMPORT_QUEUE_BYTES = (
    int(os.environ.get("ANSINH_IMPORT_QUEUE_KB", "512")) * 1024
)  # larger files: checked and imported by a worker
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ansinh.core.auth.LockoutTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ansinh.core.errors.api_exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "An Sinh API",
    "DESCRIPTION": "API của hệ thống quản lý An Sinh (Sở LĐ-TB&XH).",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "ENUM_NAME_OVERRIDES": {"AreaEnum": "ansinh.core.models.Area"},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
