import os

from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mediation.settings")
application = get_wsgi_application()
# The URLconf, and with it every view module, loaded now rather than by a worker's first request: gunicorn
# preloads this module in its master (gunicorn.conf.py), so each worker, recycled ones included, starts with
# it all in memory instead of making one visitor wait a second for the imports.
get_resolver().url_patterns  # noqa: B018
connections.close_all()  # nothing opened while importing may be inherited by the forked workers
