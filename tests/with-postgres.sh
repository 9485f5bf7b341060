#!/bin/sh
# tests/with-postgres.sh DIR CMD [ARG...] - runs CMD beside a throwaway
# PostgreSQL cluster of its own: initdb into a new directory under DIR (the
# build directory), the server listening on a Unix socket there and on no
# TCP port, stopped and removed when CMD ends, whatever its end.  CMD sees
# JOSPAR_TEST_PG, the socket directory, and JOSPAR_TEST_PG_USER, the
# cluster's superuser, and JOSPAR_TEST_PGDB, tests/pgdb.sh, which makes a
# fresh database in it and prints its URI.
# PostgreSQL refuses to run as root: as root the cluster runs as the
# postgres user (Debian's postgresql package makes it).
# Exit status: CMD's, or 77 (skipped) when PostgreSQL is not installed.
set -eu
base=$1
shift
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
	echo "with-postgres: PostgreSQL is not installed (scripts/deps.sh test)" >&2
	exit 77
fi
mkdir -p "$base"
dir=$(mktemp -d "$(cd "$base" && pwd)/pg-XXXXXX")
as=""
user=$(id -un)
if [ "$(id -u)" = 0 ]; then
	as="runuser -u postgres --"
	user=postgres
	chown postgres "$dir"
fi
stop() {
	$as "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap stop EXIT
trap 'exit 1' INT TERM HUP
$as "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
	>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# no TCP at all; the socket in the cluster's own directory; fsync stays on
# (the durability tests kill the server and count what was acknowledged)
$as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	-o "-c listen_addresses= -k $dir -c max_connections=200 -c shared_buffers=64MB" \
	start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
export JOSPAR_TEST_PG="$dir" JOSPAR_TEST_PG_USER="$user" JOSPAR_TEST_PG_BIN="$bin"
JOSPAR_TEST_PGDB="$(cd "$(dirname "$0")" && pwd)/pgdb.sh"
export JOSPAR_TEST_PGDB
set +e
"$@"
rc=$?
set -e
exit $rc
