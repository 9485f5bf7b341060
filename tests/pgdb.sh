#!/bin/sh
# tests/pgdb.sh - makes a fresh, empty database in the cluster
# tests/with-postgres.sh started and prints its URI for --db/JOSPAR_DB.
set -eu
: "${JOSPAR_TEST_PG:?tests/pgdb.sh runs under tests/with-postgres.sh}"
name="t$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
"$JOSPAR_TEST_PG_BIN/createdb" -h "$JOSPAR_TEST_PG" -U "$JOSPAR_TEST_PG_USER" "$name"
echo "postgresql:///$name?host=$JOSPAR_TEST_PG&user=$JOSPAR_TEST_PG_USER"
