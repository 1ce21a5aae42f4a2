"""Settings, all read from environment variables with safe defaults (see README, "Configuration")."""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from corsheaders.defaults import default_headers
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_rate(name: str, default: str) -> str:
    """A throttle rate: a number of requests per second, minute, hour or day ("120/minute")."""
    value = os.environ.get(name) or default
    if not re.fullmatch(r"\d+/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(f"{name} must be a rate such as 120/minute, not {value!r}")
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    SECRET_KEY = "insecure-local-development-key"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    # Not "django.contrib.admin": its autodiscovery would import leaflet.admin, which needs GDAL.
    # Our apps import their own admin modules in AppConfig.ready().
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "leaflet",
    "simple_history",
    "axes",
    "accounts",
    "reports",
    "places",
    "mediators",
    "moderation",
    "partners",
    "coverage",
    "ops",
]

MIDDLEWARE = [
    "ops.middleware.RequestLogMiddleware",  # first: request id and duration of everything below
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "ops.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "mediation.urls"
WSGI_APPLICATION = "mediation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "places.context_processors.easy_read",
                "places.context_processors.map_tiles",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

(BASE_DIR / "var" / "staticfiles").mkdir(
    parents=True, exist_ok=True
)  # the default SQLite file, collected static files
# SQLite file by default; PostgreSQL (psycopg 3) through DATABASE_URL=postgres://user:pass@host:5432/name
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 3)
    # A database that accepts connections but does not answer must not hold workers: queries are cancelled
    # (a 503) after this many seconds; 0 turns it off (docker/entrypoint.sh does, for the migrations).
    if env_int("DATABASE_STATEMENT_TIMEOUT", 20):
        DATABASES["default"]["OPTIONS"]["options"] = (
            f"-c statement_timeout={env_int('DATABASE_STATEMENT_TIMEOUT', 20)}s"
        )
# Scaling out: reads can go to a PostgreSQL replica (writes and migrations stay on the primary).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 3)
    DATABASE_ROUTERS = ["ops.routers.PrimaryReplicaRouter"]
# Several app containers share their cache (API throttles, login limits) through Redis; one process needs none.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# --- django-axes: failed logins counted (admin included) and locked out by accounts.backends.RequestAxesBackend,
# which lets the test client's login() (no request) through ---
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no record of successful logins (personal data with no use here)
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
# X-Forwarded-For is trusted only behind that many reverse proxies of ours (else anyone could forge it).
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# --- Accounts (issue 5): log in by e-mail; ProConnect (OpenID Connect) when OIDC_RP_CLIENT_ID is set ---
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "mediators:dashboard"
LOGOUT_REDIRECT_URL = "places:list"
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")  # for links in mails
ACCOUNT_CONFIRMATION_MAX_AGE_DAYS = env_int("ACCOUNT_CONFIRMATION_MAX_AGE_DAYS", 7)
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email given_name usual_name")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
# Logging out ends the ProConnect session too when its end-of-session endpoint is given (it needs the ID token).
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_STORE_ID_TOKEN = bool(OIDC_OP_LOGOUT_ENDPOINT)
if OIDC_ENABLED and not (OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT and OIDC_OP_USER_ENDPOINT):
    raise ImproperlyConfigured(
        "OIDC_RP_CLIENT_ID is set: OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT and OIDC_OP_USER_ENDPOINT are required"
    )
AUTHENTICATION_BACKENDS = [
    "accounts.backends.RequestAxesBackend",  # first: refuses locked-out attempts (django-axes)
    "accounts.backends.EmailBackend",
    *(["accounts.oidc.ProConnectBackend"] if OIDC_ENABLED else []),
]
# Mails: printed on the console unless EMAIL_HOST names an SMTP server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Lieux de médiation numérique <ne-pas-repondre@localhost>"
)
# --- Listings kept true (issue 5) ---
PLACE_REMINDER_DAYS = env_int("PLACE_REMINDER_DAYS", 180)  # managers are mailed after this long unconfirmed
PLACE_REMINDER_INTERVAL_DAYS = env_int("PLACE_REMINDER_INTERVAL_DAYS", 30)  # at most one reminder this often
PLACE_OUTDATED_DAYS = env_int("PLACE_OUTDATED_DAYS", 365)  # then "possibly outdated" on the public page
VERIFICATION_LINK_MAX_AGE_DAYS = env_int("VERIFICATION_LINK_MAX_AGE_DAYS", 30)
CLAIM_DOMAIN_MAX_PLACES = env_int("CLAIM_DOMAIN_MAX_PLACES", 5)  # a domain shared by more is a network's
# A shared webmail domain proves nothing about who runs a place: claims by domain ignore these.
PUBLIC_EMAIL_DOMAINS = env_list(
    "PUBLIC_EMAIL_DOMAINS",
    "gmail.com,googlemail.com,yahoo.fr,yahoo.com,hotmail.fr,hotmail.com,outlook.fr,outlook.com,live.fr,"
    "orange.fr,wanadoo.fr,free.fr,sfr.fr,neuf.fr,laposte.net,bbox.fr,aol.com,icloud.com,gmx.fr,protonmail.com",
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at each start while it is missing
# Production serves hashed, compressed files through whitenoise (run collectstatic first).
if env_bool("STATIC_MANIFEST", False):
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# The tile server is the only other origin a public page contacts.
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# Empty: OpenStreetMap's, in the page's language (places.context_processors.map_tiles).
MAP_TILES_ATTRIBUTION = os.environ.get("MAP_TILES_ATTRIBUTION", "")
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (50.0, 2.8),
    "DEFAULT_ZOOM": 8,
    "MIN_ZOOM": 3,
    "MAX_ZOOM": 18,
    "TILES": [
        (
            _("Plan"),
            MAP_TILES_URL,
            {
                "attribution": MAP_TILES_ATTRIBUTION
                or '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
                "maxZoom": 19,
            },
        )
    ],
    "RESET_VIEW": False,
}


def origin_of(url: str) -> str:
    """The origin a CSP source list needs for a URL template: {s} subdomains become a wildcard."""
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else SELF


# Security. Production values by default; README "Production" explains each variable.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # load balancers probe over plain HTTP
if env_bool("SECURE_PROXY_SSL_HEADER", False):  # only behind a proxy that sets X-Forwarded-Proto itself
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading commits the whole domain to HTTPS for years: the collectivité decides, not a default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "ops.views.csrf_failure"  # a French page that offers to reload the form
X_FRAME_OPTIONS = "DENY"
# The sites that may frame the pages marked embeddable (ops.decorators.embeddable); any site by default.
EMBED_FRAME_ANCESTORS = env_list("EMBED_FRAME_ANCESTORS", "https:,http:")
SECURE_REFERRER_POLICY = "same-origin"
# Bounded request bodies: forms and JSON in memory, uploads on disk, the whole body before Django reads it.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 10)
MAX_REQUEST_BODY_SIZE = env_int("MAX_REQUEST_BODY_SIZE", 20 * 1024 * 1024)
# Content-Security-Policy (django-csp 4): only the app's own files, plus the tile server's images.
# No 'unsafe-inline': the one inline script a page may carry (django-leaflet's map tag) has the nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],  # a nonce only for the API docs' inline style (templates/drf_spectacular)
        "img-src": [SELF, "data:", origin_of(MAP_TILES_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # The log-out form's answer redirects to ProConnect's end of session: browsers check redirects too.
        "form-action": [SELF, *([origin_of(OIDC_OP_LOGOUT_ENDPOINT)] if OIDC_OP_LOGOUT_ENDPOINT else [])],
        "frame-ancestors": [NONE],
        "report-uri": ["/csp-report"],  # browsers report violations there; ops.views logs them
    }
}

# Who runs this instance, for the legal notice and the personal-data page.
SITE_OPERATOR = {
    "name": os.environ.get("SITE_OPERATOR_NAME", ""),
    "address": os.environ.get("SITE_OPERATOR_ADDRESS", ""),
    "director": os.environ.get("SITE_PUBLICATION_DIRECTOR", ""),
    "email": os.environ.get("SITE_CONTACT_EMAIL", ""),
    "dpo_email": os.environ.get("SITE_DPO_EMAIL", ""),
    "host": os.environ.get("SITE_HOST_PROVIDER", ""),
}

# Geocoding with the national address base (BAN); tests point it at a local fake server.
BAN_DOMAIN = os.environ.get("BAN_DOMAIN", "data.geopf.fr/geocodage")
BAN_SCHEME = os.environ.get("BAN_SCHEME", "https")
BAN_TIMEOUT = env_int("BAN_TIMEOUT", 5)

# "Signaler une erreur": spam defences, and how long reporters' e-mail and IP address are kept.
REPORTS_MIN_SECONDS = env_int("REPORTS_MIN_SECONDS", 3)
REPORTS_PER_HOUR = env_int("REPORTS_PER_HOUR", 5)
REPORTS_RETENTION_MONTHS = env_int("REPORTS_RETENTION_MONTHS", 12)

REST_FRAMEWORK = {
    # X-Forwarded-For is read only behind that many proxies of ours (0: never), else anyone could vary it to
    # escape the per-IP throttles.
    "NUM_PROXIES": env_int("TRUSTED_PROXY_COUNT", 0),
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.authentication.PartnerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": [
        "partners.throttling.AnonymousRateThrottle",
        "partners.throttling.PartnerRateThrottle",
    ],
    # Per IP address for anonymous callers, per token for partners ("100/minute", "5000/hour", …).
    "DEFAULT_THROTTLE_RATES": {
        "api_anonymous": env_rate("API_RATE_ANONYMOUS", "120/minute"),
        "api_partner": env_rate("API_RATE_PARTNER", "1200/minute"),
    },
    # DRF's browsable pages only in development: their inline styles break the Content-Security-Policy, and
    # /api/v1/docs/ documents the API in production, where a browser gets JSON.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lieux de médiation numérique",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "DESCRIPTION": "L'annuaire des lieux de médiation numérique, au standard national v1.0.2.",
    "COMPONENT_SPLIT_REQUEST": True,
}
# The API is open to every origin for reads; writes need a partner's token and are not meant for browsers.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# A browser's sync revalidates (ETag / Last-Modified → 304) and backs off on a 429 (Retry-After).
CORS_ALLOW_HEADERS = (*default_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # LOG_FORMAT=json (default when DEBUG is off): one JSON object per line, with the request id.
    "formatters": {
        "json": {"()": "ops.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "filters": {"request_id": {"()": "ops.logs.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
