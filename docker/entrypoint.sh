#!/bin/sh
# Apply the migrations, then run the command (gunicorn by default).
# With several app containers, set MIGRATE_AT_START=false and migrate once: docker compose run --rm app migrate
set -e
if [ "$1" = "migrate" ]; then
  exec python manage.py migrate --no-input
fi
if [ "${MIGRATE_AT_START:-true}" = "true" ]; then
  python manage.py migrate --no-input
fi
exec "$@"
