#!/bin/sh
# bench/writers.sh - concurrent report writers against `jospar serve`: on a
# copy of DB (with its -wal, if any) an executor user and API token are
# made for the agency with the most activities; then wrk (CONNS
# connections, WRK_SECS seconds, bench/writers.lua) files one report per
# request, round robin over the first due date of each of that agency's
# activities.  Right after wrk the server is killed with SIGKILL (no clean
# stop) and the stored reports are counted: every acknowledged (201)
# report must be there, once.  Prints reports/s, p50, p99, and the counts.
#
# Usage: bench/writers.sh DB [THREADS]
# Environment: CONNS (16), WRK_SECS (10), PORT (18393), JOSPAR (the binary:
# build-rel/jospar, built when missing), TODAY (2015-12-31: the server's
# today, inside the plan's years).
# Needs: wrk curl sqlite3 python3.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
[ $# -ge 1 ] || { echo "usage: bench/writers.sh DB [THREADS]" >&2; exit 2; }
for t in wrk curl sqlite3 python3; do
	command -v "$t" >/dev/null || { echo "bench: needs $t" >&2; exit 1; }
done
src=$1
THREADS=${2:-16}
CONNS=${CONNS:-16}
WRK_SECS=${WRK_SECS:-10}
PORT=${PORT:-18393}
TODAY=${TODAY:-2015-12-31}
if [ -z "${JOSPAR:-}" ]; then
	[ -f build-rel/build.ninja ] || meson setup build-rel --buildtype=release -Dtests=false >/dev/null
	ninja -C build-rel jospar >/dev/null
	JOSPAR=$root/build-rel/jospar
fi
d=$(mktemp -d)
srv=""
cleanup() {
	[ -n "$srv" ] && kill -9 "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	rm -rf "$d"
	return 0
}
trap cleanup EXIT INT TERM

db=$d/bench.db
cp "$src" "$db"
[ -f "$src-wal" ] && cp "$src-wal" "$db-wal"
export JOSPAR_TODAY=$TODAY
# the agency with the most activities, and the first due date of each
"$JOSPAR" --db "$db" list --json | python3 -c '
import collections, json, sys
acts = json.load(sys.stdin)
n = collections.Counter(e["agency"] for a in acts for e in a["executors"])
agency = n.most_common(1)[0][0]
with open(sys.argv[1], "w") as f:
    f.write(agency)
with open(sys.argv[2], "w") as f:
    f.write("return {\n")
    for a in acts:
        due = a["deadline"]["due"]
        if due and any(e["agency"] == agency for e in a["executors"]):
            f.write("{%s, %s, %s},\n" % (json.dumps(a["number"]), json.dumps(due[0]),
                                         json.dumps(agency, ensure_ascii=False)))
    f.write("}\n")' "$d/agency" "$d/targets.lua"
agency=$(cat "$d/agency")
echo "benchmark-password" | "$JOSPAR" --db "$db" user add writer --role executor --agency "$agency" >/dev/null
token=$("$JOSPAR" --db "$db" user token writer --label bench 2>/dev/null | grep -Eo '[A-Za-z0-9_-]{32,}' | head -1)

"$JOSPAR" --db "$db" serve --listen 127.0.0.1:$PORT --threads "$THREADS" --max-per-address 256 \
	>"$d/serve.log" 2>&1 &
srv=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$PORT/login"; do
	i=$((i + 1))
	[ $i -lt 300 ] || { echo "bench: the server did not start" >&2; cat "$d/serve.log" >&2; exit 1; }
	sleep 0.1
done
before=$(sqlite3 "$db" "SELECT count(*) FROM report")
BENCH_TOKEN=$token BENCH_TARGETS=$d/targets.lua wrk -t"$([ "$CONNS" -ge 2 ] && echo 2 || echo 1)" -c"$CONNS" -d"${WRK_SECS}s" --timeout 30s \
	--latency -s bench/writers.lua "http://127.0.0.1:$PORT" >"$d/wrk.txt" || true
kill -9 "$srv"
wait "$srv" 2>/dev/null || true
srv=""
after=$(sqlite3 "$db" "SELECT count(*) FROM report")
distinct=$(sqlite3 "$db" "SELECT count(DISTINCT text) FROM report WHERE text LIKE 'bench %-%'")
acked=$(awk '$1 == "acknowledged" {print $2}' "$d/wrk.txt")
refused=$(awk '$1 == "refused" {print $2}' "$d/wrk.txt")
rps=$(awk -v s="$WRK_SECS" '$1 == "acknowledged" {printf "%.0f", $2 / s}' "$d/wrk.txt")
p50=$(awk '$1 == "50%" {print $2}' "$d/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$d/wrk.txt")
errs=$(awk '/Socket errors/ {print}' "$d/wrk.txt")
lost=$((acked - (after - before)))
[ "$lost" -lt 0 ] && lost=0
printf 'writers %s threads %s conns %s: %s reports/s  p50 %s  p99 %s  (%s acknowledged, %s refused, %s stored, %s distinct, %s lost)%s\n' \
	"$(basename "$src")" "$THREADS" "$CONNS" "$rps" "$p50" "$p99" "$acked" "$refused" \
	"$((after - before))" "$distinct" "$lost" "${errs:+ $errs}"
if [ "$refused" -gt 0 ]; then
	echo "bench: $refused requests not acknowledged; the server said:" >&2
	grep -v '^{' "$d/serve.log" | tail -5 >&2 || true
fi
[ "$lost" -eq 0 ] && [ "$distinct" -ge "$acked" ]
