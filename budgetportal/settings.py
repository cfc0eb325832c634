"""The one settings module, configured from environment variables.

Development works with no variable set (SQLite, DEBUG on, console e-mail). With DEBUG off
the module refuses to start without a SECRET_KEY and switches on the secure defaults.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from budgetportal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-secret-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "units",
    "catalogs",
    "disclosures",
    "public",
    "audits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the URL: a NUL in the path or query string is refused (PostgreSQL cannot compare it).
    "budgetportal.middleware.RefuseNulCharacters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Like a static file: a public page answered recently, to a reader without a session, before the rest.
    "public.caching.CachedPublicPages",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside the session and authentication: the 404 page's layout shows who is signed in.
    "budgetportal.middleware.FriendlyNotFoundInDebug",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: the audit trail records who made each change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "budgetportal.middleware.PrivateWorkspacePages",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "budgetportal.urls"
WSGI_APPLICATION = "budgetportal.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each process's own copy of recently answered public pages (public.caching.served_from_cache).
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "public-pages",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# Sessions are read from the cache (Redis: shared by every web machine) and written through to the database,
# so that emptying the cache logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

# Background jobs (rendering published files, refreshing finding counts) run on Celery workers when a
# broker is configured, and inline in the request that queues them on the embedded default.
# (memory:// with a host name: kombu warns "No hostname was supplied" without one.)
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Without a broker the published files are rendered in a thread of the web process (the request that
# publishes answers at once); tests switch it off to publish inline.
PUBLICATION_IN_THREAD = env_bool("PUBLICATION_IN_THREAD", default=not REDIS_URL)
CELERY_RESULT_EXPIRES = env_int("CELERY_RESULT_EXPIRES", 24 * 3600)

AUTH_USER_MODEL = "units.User"
# django-axes counts failed logins (portal and admin alike) and refuses a locked-out username before the
# password is checked; an administrator unlocks it (用户 → 解除登录锁定, or `manage.py axes_reset_username`).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
# By username: a whole office behind one NAT address is not locked out by one person's typos, and an
# attacker gains nothing by changing address (axes' W006 warns about IP-less setups in general).
AXES_LOCKOUT_PARAMETERS = ["username"]
# models.W040: on SQLite an index's included columns are left out (disclosure_year_state keeps its key columns).
SILENCED_SYSTEM_CHECKS = ["axes.W006", "models.W040"]
AXES_VERBOSE = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "units.lockout.locked_out"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "units:after_login"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Published files and open-data downloads: the file system under MEDIA_ROOT (one machine), or an
# S3-compatible bucket through django-storages when S3_BUCKET is set (several web and worker machines).
# Credentials: S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY, else boto3's own (environment, instance role).
S3_BUCKET = env_str("S3_BUCKET")
DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL"),
            "region_name": env_str("S3_REGION"),
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "location": env_str("S3_PREFIX", ""),
            "default_acl": None,  # the bucket stays private: files are streamed by the portal
            "querystring_auth": True,
            "file_overwrite": False,  # a published file is never replaced
        },
    }
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "budgetportal@localhost")
# The jurisdiction (行政区) given to a department created without one, e.g. by an import: its code and name.
# Each department belongs to a jurisdiction, which chooses the layout of its units' documents.
DEFAULT_JURISDICTION = (env_str("DEFAULT_JURISDICTION", "liuzhou"), env_str("DEFAULT_JURISDICTION_NAME", "柳州市"))

# Where people reach the portal: links in notification e-mails are absolute.
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")

# Uploaded workbooks and JSON documents are untrusted: keep them small.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
# A table's formset posts every cell: table 12 with 50 projects of 10 indicators is ~5,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 20000)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024

# Rendering a draft's PDF or a download takes up to seconds of a worker: each user may ask this often.
RENDER_RATE_LIMIT = env_str("RENDER_RATE_LIMIT", "20/m")
RATELIMIT_VIEW = "budgetportal.views.rate_limited"
# A form posted with a missing or stale security token gets a Chinese page that says what to do.
CSRF_FAILURE_VIEW = "budgetportal.views.csrf_failure"

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Only the portal's own files: no inline script or style (the pages keep theirs in static/), no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its form controls' icons as data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# No page needs a device or sensor: every feature is switched off.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
        "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
# History pages may show old values; restoring one would go around the workflow.
SIMPLE_HISTORY_REVERT_DISABLED = True

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if env_bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every layout step of every page at INFO, Celery every task that succeeded.
    "loggers": {"weasyprint": {"level": "WARNING"}, "celery.app.trace": {"level": "WARNING"}},
}

# Published documents uploaded for an audit (audits app) are untrusted: a PDF, text or Word file of
# at most this size and page count; a zip of them at most AUDIT_BATCH_MAX_FILES files.
AUDIT_UPLOAD_MAX_BYTES = env_int("AUDIT_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
AUDIT_MAX_PAGES = env_int("AUDIT_MAX_PAGES", 300)
AUDIT_BATCH_MAX_FILES = env_int("AUDIT_BATCH_MAX_FILES", 200)
