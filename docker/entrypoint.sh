#!/bin/sh
# Apply the migrations, then run the command (gunicorn by default).
# With several app containers, set MIGRATE_AT_START=false and migrate once: docker compose run --rm app migrate
set -e
# Migrations may rewrite big tables: no statement timeout for them.
if [ "$1" = "migrate" ]; then
  DATABASE_STATEMENT_TIMEOUT=0 exec python manage.py migrate --no-input
fi
if [ "${MIGRATE_AT_START:-true}" = "true" ]; then
  DATABASE_STATEMENT_TIMEOUT=0 python manage.py migrate --no-input
fi
exec "$@"
