"""Django settings for 科技大市场.

Every deployment-specific value comes from the environment; the defaults run the embedded setup locally
(SQLite, the embedded tantivy search backend, tasks executed in-process, e-mail printed to the console).
See README.md "Settings" for the table of variables.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


DEV_SECRET_KEY = "django-insecure-local-development-key-change-me"

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "marketplace",
    "instruments",
    "tech_transfer",
    "demands",
    "vouchers",
    "search",
    "matchmaking",
    "sharing",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "frontend.middleware.PageLanguageMiddleware",  # pages: Chinese unless English was picked; API: Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "frontend.middleware.WorkspaceBadgeMiddleware",  # a user's change recounts the header's to-do badge
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontend.context_processors.market",
            ],
        },
    },
]
# Every page form renders with the site's field markup (frontend/templates/frontend/forms/).
FORM_RENDERER = "frontend.renderers.MarketFormRenderer"

# --- Database ---------------------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue on the database lock instead of failing at once; IMMEDIATE transactions take the write lock
    # at BEGIN, which is how the SQLite path serializes writes that check-then-insert (e.g. bookings).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "marketplace.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in goes through the lockout (marketplace/services/login_guard.py): after LOGIN_FAILURE_LIMIT failures of a
# username (LOGIN_ADDRESS_FAILURE_LIMIT of an address) within the window, it is locked for LOGIN_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = ["marketplace.auth_backends.LoginLockBackend"]
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# The request header with the client's address when a trusted reverse proxy sets it (e.g. HTTP_X_REAL_IP); empty =
# REMOTE_ADDR. Never name a header clients can set themselves without such a proxy.
LOGIN_CLIENT_IP_HEADER = os.environ.get("LOGIN_CLIENT_IP_HEADER", "")
LOGIN_URL = "frontend:login"
LOGIN_REDIRECT_URL = "frontend:home"
LOGOUT_REDIRECT_URL = "frontend:home"

# --- Internationalisation ---------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security (only relaxed by DEBUG or explicit environment) ---------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS")

# --- E-mail ------------------------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "科技大市场 <noreply@kjdsc.local>")

# --- Background tasks (django-tasks) ----------------------------------------------------------------------------
# "immediate" runs a task in-process right after it is enqueued (embedded default); "database" stores tasks in the
# database for `manage.py db_worker` (docker compose runs one worker).
TASK_BACKEND = os.environ.get("TASK_BACKEND", "immediate")
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASK_BACKEND must be one of {sorted(_TASK_BACKENDS)}, not {TASK_BACKEND!r}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND]}}

# --- Search (configured like DATABASES; see search/) ------------------------------------------------------------
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "tantivy")
SEARCH_BACKENDS = {
    "default": {
        "BACKEND": {
            "database": "search.backends.database.DatabaseSearchBackend",
            "elasticsearch": "search.backends.elasticsearch.ElasticsearchSearchBackend",
            "opensearch": "search.backends.opensearch.OpenSearchSearchBackend",
            "tantivy": "search.backends.tantivy.TantivySearchBackend",
        }.get(SEARCH_BACKEND, SEARCH_BACKEND),
        # tantivy: the index directory (generations + a CURRENT pointer; see search/backends/tantivy.py).
        "PATH": os.environ.get("SEARCH_PATH") or str(BASE_DIR / "data" / "search-index"),
        "URLS": env_list("SEARCH_URL", "http://localhost:9200"),
        "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "kjdsc"),
        "TIMEOUT": env_int("SEARCH_TIMEOUT", 10),
        # Elasticsearch/OpenSearch: "wait_for" (a write returns once searchable), "true" (refresh now; tests), "false".
        "REFRESH": {"true": True, "false": False}.get(os.environ.get("SEARCH_REFRESH", ""), "wait_for"),
    }
}

# --- Cache ---------------------------------------------------------------------------------------------------------
# Shared by every process and machine (DRF throttle counts live here): the database by default (its table is created
# by migrate: marketplace/migrations/0005_login_locks.py), Redis when REDIS_URL is set (needs the ``redis`` package).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kjdsc_cache"}
    )
}

# --- REST API ----------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes unauthenticated requests answer 401, not 403.
        "marketplace.api.authentication.ActingTokenAuthentication",
        "marketplace.api.authentication.ActingSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["marketplace.api.permissions.MarketPermission"],
    "DEFAULT_PAGINATION_CLASS": "marketplace.api.pagination.MarketPagination",
    "DEFAULT_PARSER_CLASSES": [
        "marketplace.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "marketplace.api.schema.MarketAutoSchema",
    "EXCEPTION_HANDLER": "marketplace.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"auth": os.environ.get("AUTH_THROTTLE_RATE", "20/min")},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "科技大市场 API",
    "DESCRIPTION": (
        "Technology-market platform API. Requests that change data act for one organization: send its id in the "
        "`X-Organization` header (optional when the user belongs to exactly one organization)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "marketplace.choices.OrganizationKind",
        "LedgerEntryKindEnum": "vouchers.choices.EntryKind",
        "InvoiceKindEnum": "vouchers.choices.InvoiceKind",
        "FeedbackTopicEnum": "tech_transfer.choices.FeedbackTopic",
        "DirectContractKindEnum": "tech_transfer.choices.DIRECT_CONTRACT_KINDS",
        # Named apart from the voucher-provider registrations' statuses, whose name it would otherwise share.
        "EventRegistrationStatusEnum": "matchmaking.choices.RegistrationStatus",
        "DowntimeKindEnum": "instruments.choices.DOWNTIME_KIND_CHOICES",
        "RuntimeKindEnum": "sharing.choices.RuntimeKind",
        "BrokerStatusEnum": "matchmaking.choices.BrokerStatus",
        "BrokerAssignmentStatusEnum": "matchmaking.choices.AssignmentStatus",
        "CommissionKindEnum": "matchmaking.choices.CommissionKind",
        "CommissionPayerEnum": "matchmaking.choices.CommissionPayer",
        **{
            f"{name}Enum": f"{app}.choices.{name}"
            for app, names in {
                "instruments": ["InstrumentStatus", "BookingStatus"],
                "vouchers": ["GrantStatus", "RegistrationStatus", "HoldStatus", "ClaimStatus", "SettlementStatus"],
                "tech_transfer": [
                    "ResultStatus",
                    "InquiryStatus",
                    "AuctionStatus",
                    "ContractStatus",
                    "EvaluationStatus",
                ],
                "demands": ["DemandStatus", "ProposalStatus"],
            }.items()
            for name in names
        },
    },
}

# --- Market rules -------------------------------------------------------------------------------------------------
MARKET_NAME = os.environ.get("MARKET_NAME", "余姚科技大市场")
MARKET_NAME_EN = os.environ.get("MARKET_NAME_EN", "Yuyao Technology Market")
MARKET_HOME_REGION = os.environ.get("MARKET_HOME_REGION", "330281")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Billing by actual use: a check-out up to this many minutes past a slot boundary is not billed as a further slot
# (a session ending 20 s past the hour bills the hour, not the next half hour).
BOOKING_BILLING_GRACE_MINUTES = env_int("BOOKING_BILLING_GRACE_MINUTES", 5)
# Reminders (manage.py send_reminders, run from cron every few minutes): hours before a session at which the requester
# is reminded (comma-separated), and after how many hours a request still waiting for approval reminds the owner.
BOOKING_REMINDER_HOURS = os.environ.get("BOOKING_REMINDER_HOURS", "24,1")
BOOKING_APPROVAL_REMINDER_HOURS = env_int("BOOKING_APPROVAL_REMINDER_HOURS", 24)
# The public market figures (/dashboard/, GET /api/v1/stats/ without detail) are kept this many seconds in the cache;
# 0 = computed on every request.
MARKET_STATS_CACHE_SECONDS = env_int("MARKET_STATS_CACHE_SECONDS", 300)
# A demand's ranked matches (and an institute's matching demands) are kept this many seconds in the cache; any index
# write or thesaurus edit invalidates them at once (search/match_cache.py); 0 = ranked on every request.
MATCH_CACHE_SECONDS = env_int("MATCH_CACHE_SECONDS", 300)
# The header's to-do badge is kept this many seconds per user (the user's own changes recount it at once); 0 = counted
# on every page.
WORKSPACE_BADGE_SECONDS = env_int("WORKSPACE_BADGE_SECONDS", 30)

# --- Documents ------------------------------------------------------------------------------------------------------
# TrueType CJK font embedded in PDF statements and invoices; unset = the first Debian CJK font found (fonts-wqy-zenhei
# …), and reportlab's non-embedded STSong-Light when none is installed.
PDF_FONT_PATH = os.environ.get("PDF_FONT_PATH") or None

# --- Logging -----------------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "jieba": {"level": "WARNING"},
        # one INFO line per engine request otherwise
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
    },
}
