#!/usr/bin/env bash
# Backup and restore, tested for real on the local PostgreSQL: dump a database with pg_dump (custom format,
# as the compose file's backup service does), restore it into a new database with pg_restore, and compare
# the row count of every table. Exits 1 on any difference.
#
#   bench/backup_restore.sh [SOURCE_DATABASE]     (default: mediation_bench_load, made by bench/load.py)
set -euo pipefail
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
export PGHOST PGUSER
source_db=${1:-mediation_bench_load}
restored_db="${source_db}_restored"
dump=$(mktemp --suffix=.dump)
trap 'rm -f "$dump"; dropdb --if-exists "$restored_db"' EXIT

counts() {  # "table rows" lines, exact counts of every table of the public schema
  psql -d "$1" -AtX -c "SELECT format('SELECT %L || '' '' || count(*) FROM %I;', tablename, tablename)
                         FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename" \
    | psql -d "$1" -AtX
}

start=$(date +%s.%N)
pg_dump --format=custom --file="$dump" "$source_db"
dumped=$(date +%s.%N)
dropdb --if-exists "$restored_db"
createdb "$restored_db"
pg_restore --no-owner --exit-on-error --jobs=2 --dbname="$restored_db" "$dump"
restored=$(date +%s.%N)

before=$(counts "$source_db")
after=$(counts "$restored_db")
if [ -z "$before" ]; then
  echo "backup of $source_db: no table found" >&2
  exit 1
fi
if diff <(echo "$before") <(echo "$after"); then
  printf 'backup of %s: %s tables, %s rows, dump %s, pg_dump %.1f s, pg_restore %.1f s: identical row counts in every table\n' \
    "$source_db" "$(echo "$before" | wc -l)" "$(echo "$before" | awk '{s+=$2} END {print s}')" \
    "$(du -h "$dump" | cut -f1)" "$(echo "$dumped - $start" | bc)" "$(echo "$restored - $dumped" | bc)"
else
  echo "backup of $source_db: the restored copy differs (see above)" >&2
  exit 1
fi
