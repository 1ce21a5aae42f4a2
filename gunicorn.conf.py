"""gunicorn's settings in production (Dockerfile, bench/load.py); each can be changed from the environment."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Workers from the CPUs this process may use (a container's limit, not the host's count).
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * len(os.sched_getaffinity(0)) + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # a stuck worker is replaced after this long
graceful_timeout = 20
keepalive = 5
max_requests = 5000  # recycled now and then, so that a slow leak never grows
max_requests_jitter = 500
# The app (and its URLconf: mediation/wsgi.py) is imported once in the master: a new or recycled worker is
# forked ready, instead of spending its first request on a second of imports.
preload_app = True
accesslog = None  # the app writes one JSON line per request itself (ops.middleware)
errorlog = "-"  # formatted by logconfig_dict below
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
limit_request_fields = 100
# gunicorn's own lines (workers started, timed out, …) as JSON too, like the app's.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    },
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
