#!/bin/bash
# Entry point of the local PostgreSQL image: creates the cluster, user and database on the first
# start (from POSTGRES_USER, POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE, POSTGRES_DB), then runs
# the server.
set -euo pipefail
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
port=${PGPORT:-5432}
# As the public postgres image: the password from a file (a mounted Secret) instead of the
# environment.
if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
  [ -r "$POSTGRES_PASSWORD_FILE" ] || { echo "POSTGRES_PASSWORD_FILE: cannot read $POSTGRES_PASSWORD_FILE" >&2; exit 2; }
  POSTGRES_PASSWORD=$(head -n 1 "$POSTGRES_PASSWORD_FILE")
fi
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (the password of POSTGRES_USER)}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "initializing $PGDATA (user $user, database $db)"
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb -D "$PGDATA" -U "$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  # Create the database with a server that only listens on the socket.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p $port" -w start >/dev/null
  if [ "$db" != postgres ]; then
    psql -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$port" -U "$user" -d postgres \
      -c "CREATE DATABASE \"$db\" OWNER \"$user\"" >/dev/null
  fi
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi
exec postgres -D "$PGDATA" -c listen_addresses="${POSTGRES_LISTEN:-*}" -p "$port" \
  -c unix_socket_directories=/var/run/postgresql
