#!/bin/sh
# A bounded soak of the server (docs/BENCHMARKS.md): `jospar serve` on
# 127.0.0.1 with a fresh database and an API token, then wrk for SECONDS
# (60) at 64 connections on a mix of pages, API reads (some as of a past
# date) and report writes (bench/soak.lua: one request in SOAK_WRITE_EVERY,
# 50 by default), on a simulated history of 242 reports; the writes go round robin over
# the activities.  It passes when no request
# failed (no socket error, no answer >= 400) and the server's resident
# memory grew at most 10 % between the end of a 10 s warm-up and the end.
# All 64 connections come from 127.0.0.1, hence --max-per-address 128.
# With SOAK_DB=FILE the server runs on a copy of that database instead (a
# national-scale one from bench/scale.sh, e.g. bench/out/x190/bench.db),
# with no simulated history added.  SOAK_SERVE_ARGS adds options to
# `jospar serve` (e.g. "--cache-mb 160" for a bigger answer cache).
# Usage: [SOAK_DB=FILE] [SOAK_SERVE_ARGS=...] bench/soak.sh [SECONDS]   -- needs wrk (Debian package).
set -eu
cd "$(dirname "$0")/.."
secs=${1:-60}
command -v wrk >/dev/null || { echo "soak: install wrk (apt-get install wrk)" >&2; exit 1; }
[ -f build-rel/build.ninja ] || meson setup build-rel --buildtype=release -Dtests=false >/dev/null
ninja -C build-rel jospar >/dev/null
dir=$(mktemp -d)
export JOSPAR_DB="$dir/soak.db" JOSPAR_ADMIN_PASSWORD=soak-password-1 JOSPAR_TODAY=2015-06-01
bin=build-rel/jospar
if [ -n "${SOAK_DB:-}" ]; then
	sqlite3 "$SOAK_DB" ".backup '$JOSPAR_DB'"
else
	$bin check >/dev/null
	# a history to start from, as a server in use has one
	$bin simulate --seed 1 --as-of 2016-08-18 >/dev/null
fi
# where the writes go: the first due date of each activity before today,
# round robin, so that no one list grows much during the run
$bin list --json | python3 -c '
import json, sys
print("return {")
for a in json.load(sys.stdin):
    due = [d for d in a["deadline"]["due"] if d <= "2015-06-01"]
    if due:
        print("{%s, %s, %s}," % (json.dumps(a["number"]), json.dumps(due[0]),
                                 json.dumps(a["executors"][0]["agency"], ensure_ascii=False)))
print("}")' >"$dir/targets.lua"
export SOAK_TARGETS="$dir/targets.lua"
$bin user add soak --role admin <<P >/dev/null
soak-password-1
P
SOAK_TOKEN=$($bin user token soak --label soak)
export SOAK_TOKEN
$bin serve --listen 127.0.0.1:0 --threads 4 --max-per-address 128 ${SOAK_SERVE_ARGS:-} >"$dir/serve.out" 2>"$dir/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
port=""
for _ in $(seq 100); do
	port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/serve.out")
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "soak: the server did not start" >&2; cat "$dir/serve.err" >&2; exit 1; }
rss() { awk '/^VmRSS/ {print $2}' /proc/$pid/status; }
url=http://127.0.0.1:$port
wrk -t 2 -c 64 -d 10s -s bench/soak.lua "$url" >"$dir/warm.txt"
before=$(rss)
( while kill -0 $pid 2>/dev/null; do sleep 10; printf ' %s' "$(rss)"; done ) >"$dir/rss.txt" 2>/dev/null &
sampler=$!
wrk -t 2 -c 64 -d "${secs}s" --timeout 10s --latency -s bench/soak.lua "$url" >"$dir/soak.txt"
after=$(rss)
kill $sampler 2>/dev/null || true
cat "$dir/soak.txt"
errors=$(awk '/Non-2xx or 3xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$dir/soak.txt")
reports=$(sqlite3 "$JOSPAR_DB" "SELECT count(*) FROM report" 2>/dev/null || echo "?")
growth=$(awk -v a="$before" -v b="$after" 'BEGIN {printf "%.1f", (b - a) * 100 / a}')
echo "soak: ${secs} s at 64 connections: $errors errors; RSS $before KiB after warm-up, $after KiB at the end ($growth %); $reports reports stored"
echo "soak: RSS every 10 s (KiB):$(cat "$dir/rss.txt")"
kill -TERM $pid
t0=$(date +%s)
wait $pid || true
echo "soak: SIGTERM stopped the server in $(( $(date +%s) - t0 )) s"
[ "$errors" -eq 0 ] && awk -v g="$growth" 'BEGIN {exit !(g <= 10)}'
