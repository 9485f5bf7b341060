#!/bin/sh
# tests/server/test_standby.sh JOSPAR_BINARY - the standby of
# docs/deployment.md, its commands as written there, under
# tests/with-postgres.sh: a streaming-replication standby made with
# pg_basebackup from the cluster jospar writes to receives every report,
# jospar reads it there, and once promoted jospar writes to it.
# Ends with "N passed, N failed".
set -u
J=$1
: "${JOSPAR_TEST_PG:?needs tests/with-postgres.sh}"
bin=$JOSPAR_TEST_PG_BIN
pass=0
fail=0
check() { # what, then a command that must succeed
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $what"
	fi
}
as=""
[ "$(id -u)" = 0 ] && as="runuser -u postgres --"
primary=$($JOSPAR_TEST_PGDB)
db=${primary#postgresql:///}
db=${db%%\?*}
std=$JOSPAR_TEST_PG/standby
export JOSPAR_TODAY=2015-06-01
check "a report filed on the primary" "$J" --db "$primary" report submit --activity 6 \
	--due 2014-06-30 --agency ІІМ --status done --date 2015-05-30
# the standby: a base backup that writes its own recovery settings (-R)
mkdir -p "$std"
[ -n "$as" ] && chown postgres "$std"
check "pg_basebackup -R" $as "$bin/pg_basebackup" -h "$JOSPAR_TEST_PG" -U "$JOSPAR_TEST_PG_USER" \
	-D "$std/data" -R -X stream -c fast
check "the standby starts" $as "$bin/pg_ctl" -D "$std/data" -l "$std/server.log" -w -t 60 \
	-o "-c listen_addresses= -k $std -c max_connections=200" start
standby="postgresql:///$db?host=$std&user=$JOSPAR_TEST_PG_USER"
check "a second report on the primary" "$J" --db "$primary" report submit --activity 6 \
	--due 2014-06-30 --agency ІІМ --status in-progress --date 2015-05-31
# replication is asynchronous: wait (bounded) for the standby to catch up
n=0
i=0
while [ $i -lt 100 ]; do
	n=$("$J" --db "$standby" report list --json 2>/dev/null | python3 -c \
		'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0)
	[ "$n" = 2 ] && break
	i=$((i + 1))
	sleep 0.1
done
check "jospar reads both reports on the standby ($n)" test "$n" = 2
check "jospar answers status on the standby" "$J" --db "$standby" status --as-of 2015-06-01 --json
check "a write to the standby is refused" sh -c "! '$J' --db '$standby' report submit \
	--activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-06-01"
check "the standby is promoted" $as "$bin/pg_ctl" -D "$std/data" -w promote
check "jospar writes to it once promoted" "$J" --db "$standby" report submit --activity 6 \
	--due 2014-06-30 --agency ІІМ --status done --date 2015-06-01
[ -n "${KEEP_LOG:-}" ] && cat "$std/server.log"
$as "$bin/pg_ctl" -D "$std/data" -m immediate stop >/dev/null 2>&1
echo "$pass passed, $fail failed"
[ $fail = 0 ]
