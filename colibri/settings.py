"""Django settings for Colibri.

Every setting comes from an environment variable (see .env.example); secrets can
also come from a file named by `<NAME>_FILE` (Docker/Kubernetes secrets style).
Every `colibri` subcommand reads ./.env first (colibri.envfile); the environment wins.
Values are read strictly (colibri.envvars): a value a setting cannot take stops start-up
with one line naming the variable, instead of silently meaning the default.
Defaults give a working single-machine install: SQLite under ./var, French UI.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

from colibri.envvars import (
    SettingError,
    envbool,
    envchoice,
    envfloat,
    envint,
    envlist,
    envstr,
    envtimezone,
    envurl,
)

BASE_DIR = Path(__file__).resolve().parent.parent

VAR_DIR = Path(envstr("COLIBRI_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", False)
# pytest sets PYTEST_VERSION for its session: the test suite may sign with a fixed key.
RUNNING_TESTS = "PYTEST_VERSION" in os.environ
INSECURE_SECRET_KEY = "insecure-only-for-tests-and-checks"  # noqa: S105 (never used outside tests and DEBUG)
# Sessions and CSRF tokens are signed with this key: a known one would let anybody forge a login.
# Every `colibri` subcommand generates one under the var folder when none is set (django_setup), so
# the known fallback is only for the test suite and DEBUG. Anything else gets an empty key, which
# Django refuses wherever a key is needed, and colibri.wsgi refuses at start-up (with SECRET_KEY_HELP);
# tools that only read the settings (mypy's Django plugin) still load them.
SECRET_KEY = envstr("SECRET_KEY", "")
if SECRET_KEY == INSECURE_SECRET_KEY or not SECRET_KEY:
    SECRET_KEY = INSECURE_SECRET_KEY if DEBUG or RUNNING_TESTS else ""
SECRET_KEY_HELP = (
    "SECRET_KEY is not set (nor SECRET_KEY_FILE): set one, or point SECRET_KEY_FILE at the key that "
    f"`colibri` commands generate ({VAR_DIR / 'secret_key'})"
)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = envurl("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "colibri.access.admin_apps.ReadOnlyAdminConfig",  # django.contrib.admin, every model read-only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "colibri.relay",
    "colibri.connect",
    "colibri.feeds",
    "colibri.tracking",
    "colibri.composer",
    "colibri.scheduling",
    "colibri.autoapproval",
    "colibri.followup",
    "colibri.advice",
    "colibri.stats",
    "colibri.board",
    "colibri.console",
    "colibri.members",
    "colibri.intake",
    "colibri.access",
    "colibri.privacy",
    "colibri.ratelimits",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "colibri.access.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "colibri.urls"
WSGI_APPLICATION = "colibri.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
            ],
        },
    },
]


def _redacted(url: str) -> str:
    """The URL without its user and password (an error message must never show a secret)."""
    scheme, sep, rest = url.partition("://")
    return f"{scheme}{sep}…@{rest.rpartition('@')[2]}" if "@" in rest else url


def _database(url: str, conn_max_age: int) -> dict[str, Any]:
    """DATABASE_URL parsed; only the databases Colibri is built and tested for (SQLite, PostgreSQL)."""
    scheme = url.partition("://")[0].lower() if "://" in url else ""
    if scheme not in DATABASE_SCHEMES:
        expected = "expected sqlite:///PATH or postgres://USER@HOST:PORT/NAME"
        raise SettingError("DATABASE_URL", _redacted(url), expected)
    try:
        # Health checks: a connection kept across requests that the server closed (restart, idle
        # timeout) is replaced at the start of the next request instead of failing it.
        return dict(
            dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=conn_max_age > 0)
        )
    except ValueError as exc:
        raise SettingError("DATABASE_URL", _redacted(url), str(exc)) from None


DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")
DATABASES = {
    "default": _database(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'colibri.sqlite3'}"),
        # Seconds a connection is kept for the next request of the same server thread (0: one per
        # request). A new PostgreSQL connection cost 7–16 ms of every page under load (issue 17).
        envint("DATABASE_CONN_MAX_AGE", 60, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the web server, worker and ingest share one SQLite file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            # secure_delete: erased rows are zeroed in the file, not left in free space (GDPR erasure).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
            # Writers take the lock at BEGIN: with deferred transactions a read-then-write under
            # concurrency (two dispatch workers) fails at once with "database is locked".
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGES = [("fr", "Français"), ("en", "English")]
LANGUAGE_CODE = envchoice("LANGUAGE_CODE", "fr", [code for code, _name in LANGUAGES])
# The dashboard speaks the collective's language (LANGUAGE_CODE), not each browser's: an
# English browser would otherwise get English screens around French texts (the triage's reasons).
LANGUAGES = [lang for lang in LANGUAGES if lang[0] == LANGUAGE_CODE] or LANGUAGES
LOCALE_PATHS = [BASE_DIR / "colibri" / "locale"]
TIME_ZONE = envtimezone("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "colibri@localhost")
# Django 6.1 configures mail through MAILERS (the EMAIL_* settings are deprecated); the environment
# variables keep their familiar EMAIL_* names. SMTP options are passed only to the SMTP backend,
# since the console/locmem backends refuse unknown options.
_EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_SMTP_OPTIONS = {
    "host": envstr("EMAIL_HOST", "localhost"),
    "port": envint("EMAIL_PORT", 25, minimum=1),
    "username": envstr("EMAIL_HOST_USER", ""),
    "password": envstr("EMAIL_HOST_PASSWORD", ""),
    "use_tls": envbool("EMAIL_USE_TLS", False),
}
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": _SMTP_OPTIONS if _EMAIL_BACKEND.endswith("smtp.EmailBackend") else {},
    }
}

# --- Colibri: the collective's domain settings (defaults; coordinators edit them in the dashboard) ---
# Key for encrypting network credentials at rest (Fernet, urlsafe base64 32 bytes).
# `colibri run` generates one under ./var when unset.
COLIBRI_CREDENTIALS_KEY = envstr("COLIBRI_CREDENTIALS_KEY", "")
# Reference data index built by `colibri data import` (communes, ROME).
COLIBRI_REFDATA_DIR = Path(envstr("COLIBRI_REFDATA_DIR", str(VAR_DIR / "refdata")))
# Bundled sample stream replayed by ingest when no network account is configured.
COLIBRI_REPLAY_FILE = envstr("COLIBRI_REPLAY_FILE", "")
# Seconds between two replayed posts: slow enough to watch the dashboard fill.
COLIBRI_REPLAY_INTERVAL = envfloat("COLIBRI_REPLAY_INTERVAL", 2.0, minimum=0)
# Public composer: cards one client address may have drawn per minute (0 = no limit), and the
# header holding the client's address when a reverse proxy sets one (e.g. X-Real-IP; empty = REMOTE_ADDR).
COLIBRI_CARD_RENDERS_PER_MINUTE = envint("COLIBRI_CARD_RENDERS_PER_MINUTE", 120, minimum=0)
COLIBRI_CLIENT_IP_HEADER = envstr("COLIBRI_CLIENT_IP_HEADER", "")
# Retention: personal data of closed requests is erased after this many days.
COLIBRI_RETENTION_DAYS = envint("COLIBRI_RETENTION_DAYS", 180, minimum=1)
# Statistics (colibri/stats): seconds a period's figures are reused before being computed again.
COLIBRI_STATS_CACHE_SECONDS = envint("COLIBRI_STATS_CACHE_SECONDS", 300, minimum=0)
# Where people write to ask for their data or its erasure (shown on the privacy page /confidentialite/).
COLIBRI_PRIVACY_CONTACT = envstr("COLIBRI_PRIVACY_CONTACT", "")
# The source code of the version this install runs (AGPL-3.0: linked from every page). Point it at your
# own repository when you change the code.
COLIBRI_SOURCE_URL = envurl("COLIBRI_SOURCE_URL", "https://github.com/colibri-relay/colibri")

# Dispatch (colibri/relay/dispatch.py): outbox worker leases, retries, and the adapter factory
# ("module.callable" taking a NetworkAccount; empty = colibri.networks.registry.adapter_for_account).
COLIBRI_DISPATCH_LEASE_SECONDS = envint("COLIBRI_DISPATCH_LEASE_SECONDS", 300, minimum=1)
COLIBRI_DISPATCH_MAX_ATTEMPTS = envint("COLIBRI_DISPATCH_MAX_ATTEMPTS", 8, minimum=1)
COLIBRI_DISPATCH_BACKOFF_BASE = envfloat("COLIBRI_DISPATCH_BACKOFF_BASE", 30.0, minimum=0)
COLIBRI_DISPATCH_ADAPTER_FACTORY = envstr("COLIBRI_DISPATCH_ADAPTER_FACTORY", "")
# The network rate-limit buckets: "module.function" returning the limiter the adapters use. The default
# keeps them in the database, shared by every process (N dispatch workers share one budget per account);
# empty = each process its own (in memory).
COLIBRI_RATE_LIMITER = envstr("COLIBRI_RATE_LIMITER", "colibri.ratelimits.store.shared_limiter")
# Bluesky feed generator (colibri/feeds): our service DID (default did:web:<SITE_URL host>), the DID of
# the account that publishes the feed records, and the PLC directory used to check requesters' keys.
COLIBRI_FEED_SERVICE_DID = envstr("COLIBRI_FEED_SERVICE_DID", "")
COLIBRI_FEED_PUBLISHER_DID = envstr("COLIBRI_FEED_PUBLISHER_DID", "")
# Publish and announce one public feed per région and per ROME job family besides `emploi` (32 records
# with the 2024 reference data); off: only `mine` and `emploi`, and `feeds publish` deletes the others.
COLIBRI_FEED_VARIANTS = envbool("COLIBRI_FEED_VARIANTS", True)
COLIBRI_PLC_URL = envurl("COLIBRI_PLC_URL", "https://plc.directory")
# Members (colibri/members): accept people who join on /rejoindre/ without a coordinator's approval.
COLIBRI_MEMBERS_AUTO_ACCEPT = envbool("COLIBRI_MEMBERS_AUTO_ACCEPT", False)

# Network accounts (all optional; without any, ingest replays the sample stream).
BLUESKY_HANDLE = envstr("BLUESKY_HANDLE", "")
BLUESKY_APP_PASSWORD = envstr("BLUESKY_APP_PASSWORD", "")
# The official account's PDS (where it logs in and writes its reposts, replies, feed records).
BLUESKY_SERVICE = envurl("BLUESKY_SERVICE", "https://bsky.social")
# Where ingest reads every post of the network: the network-wide relay, whatever PDS the official
# account lives on (a PDS's own stream carries only its own accounts' posts: nearly no seeker).
BLUESKY_FIREHOSE_URL = envurl("BLUESKY_FIREHOSE_URL", "wss://bsky.network", schemes=("wss", "ws"))
# Where app.bsky reads go (profiles, threads, reposts): empty = the public AppView when
# BLUESKY_SERVICE is bsky.social, else through the PDS (which forwards them to its AppView).
BLUESKY_APPVIEW_URL = envurl("BLUESKY_APPVIEW_URL", "")
# Where the network registry finds an official account connected from the dashboard (the environment's
# BLUESKY_HANDLE/BLUESKY_APP_PASSWORD win over it).
COLIBRI_OFFICIAL_CREDENTIALS = "colibri.console.official_store:stored_credentials"
COLIBRI_OFFICIAL_CREDENTIALS_SAVE = "colibri.console.official_store:store_refreshed_credentials"
MASTODON_API_BASE_URL = envurl("MASTODON_API_BASE_URL", "")
MASTODON_ACCESS_TOKEN = envstr("MASTODON_ACCESS_TOKEN", "")
# Networks where advice and check-ins go by direct message to a person who follows the official
# account (else a public reply). Mastodon: a "direct" status mentioning the person. Bluesky: the
# chat.bsky.convo service, which the local development network does not run: add "bluesky" only
# where the official account's PDS proxies to a chat service (bsky.social does).
COLIBRI_DIRECT_MESSAGES = envlist("COLIBRI_DIRECT_MESSAGES", "mastodon")
X_BEARER_TOKEN = envstr("X_BEARER_TOKEN", "")
X_API_KEY = envstr("X_API_KEY", "")
X_API_SECRET = envstr("X_API_SECRET", "")
X_ACCESS_TOKEN = envstr("X_ACCESS_TOKEN", "")
X_ACCESS_TOKEN_SECRET = envstr("X_ACCESS_TOKEN_SECRET", "")
# X OAuth 2.0 app (PKCE) through which members connect their X account on /rejoindre/ (optional).
X_OAUTH2_CLIENT_ID = envstr("X_OAUTH2_CLIENT_ID", "")
X_OAUTH2_CLIENT_SECRET = envstr("X_OAUTH2_CLIENT_SECRET", "")

# --- Access and transport security (colibri/access, docs/deploy.md) ---
# Login throttling (django-axes) on /connexion/ and /admin/: after COLIBRI_LOGIN_FAILURE_LIMIT wrong
# passwords for one user name from one address, that pair waits COLIBRI_LOGIN_COOLOFF_MINUTES. Per pair,
# so a stranger elsewhere cannot lock a coordinator out. The client address is the one the composer's
# limit uses (COLIBRI_CLIENT_IP_HEADER behind a proxy, else REMOTE_ADDR): a forged header counts for nothing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("COLIBRI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("COLIBRI_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "colibri.access.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "colibri.composer.throttle.client_address"

# Content-Security-Policy (Django's own): scripts and styles from our origin only, inline scripts only
# with the per-response nonce, no framing, no plugins. Images: ours, the composer's previews (data:,
# blob:), and a seeker's skills image shown from their own host (a network's CDN, their Mastodon
# instance, a local PDS over http; colibri/console/images.py vets each address): an image runs nothing.
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:", "https:", "http:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# The join page's « Se connecter avec … » buttons post to Colibri, whose answer sends the browser on to
# the person's own server (their PDS, their Mastodon instance, X): an origin nobody knows before they
# type it, and browsers hold that redirect to form-action. Those pages alone widen it
# (colibri.members.views.join), and the official accounts page for the same buttons
# (colibri.console.views.official_accounts); every other page keeps form-action 'self'.
SECURE_CSP_OAUTH_FORMS = {**SECURE_CSP, "form-action": [CSP.SELF, "https:", "http:"]}
X_FRAME_OPTIONS = "DENY"
# Behind a TLS reverse proxy (docs/deploy.md): SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https tells
# Django which requests came over HTTPS; only set it when the proxy overwrites that header.
_PROXY_SSL = envlist("SECURE_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (_PROXY_SSL[0], _PROXY_SSL[1]) if len(_PROXY_SSL) == 2 else None
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"quiet_client_errors": {"()": "colibri.console.quietlogs.QuietClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": envchoice("LOG_LEVEL", "INFO", LOG_LEVELS, upper=True),
    },
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # 4xx answers are one INFO line without traceback (colibri/console/quietlogs.py).
        "django.request": {"filters": ["quiet_client_errors"]},
        "django.security.csrf": {"filters": ["quiet_client_errors"]},
        # axes announces itself at INFO in every process (CLI errors must stay one line) and logs each
        # failed login with user name and address: only lockouts (WARNING) are worth the log.
        "axes": {"level": "WARNING"},
    },
}
