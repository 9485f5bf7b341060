#!/bin/sh
# bench/scale.sh - jospar at national scale, beside its references, in one run
# (docs/BENCHMARKS.md, "National scale").
#
# Usage: bench/scale.sh [K:N ...]
#   K:N is a size: plan No. 292's activities replicated K times (bench/gen.py
#   plan K) and a history of N reports (bench/gen.py reports N, seed 1).
#   Default: 1:1000 10:10000 100:100000.  The national size is 190:1000000
#   (25 270 rows, a million reports); it takes a while, run it alone.
#
# For each size it builds the data, then measures
#   - `report import` of the N reports (reports/s, peak memory),
#   - `status --as-of D --json`, `show 66`, `list --agency ІІМ`,
#     `budget --spent` with hyperfine, and beside each the sqlite3 CLI
#     answering the same question on the same database (the floor for
#     "start a process, answer a query"),
#   - the peak memory of each command (/usr/bin/time -v),
#   - `jospar serve` under wrk (16 connections): one activity, the overview
#     JSON, the overview as of a past date; and nginx serving the same
#     answer bytes (saved from the running server) on 127.0.0.1 from a
#     temporary directory (the ceiling for HTTP); the server's memory after.
# Results go to $OUT (default bench/out/), one directory per size, and a
# summary with the ratios is printed at the end (bench/summary.py).
#
# Environment: RUNS (hyperfine runs per command, default 10; 3 at 190x),
# WRK_SECS (seconds per wrk run, default 5), OUT, PORT (default 18292).
# Needs: hyperfine wrk nginx time sqlite3 curl (scripts/deps.sh test).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
for t in hyperfine wrk nginx sqlite3 curl /usr/bin/time python3; do
	command -v "$t" >/dev/null || { echo "bench: needs $t (scripts/deps.sh test)" >&2; exit 1; }
done
[ -f build-rel/build.ninja ] || meson setup build-rel --buildtype=release -Dtests=false >/dev/null
ninja -C build-rel jospar jospar-full >/dev/null
J=$root/build-rel/jospar
OUT=${OUT:-$root/bench/out}
PORT=${PORT:-18292}
WRK_SECS=${WRK_SECS:-5}
ASOF=2015-12-31
PAST=2015-06-30
mkdir -p "$OUT"
[ $# -gt 0 ] || set -- 1:1000 10:10000 100:100000

srv=""
ngx=""
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	[ -n "$ngx" ] && kill "$(cat "$ngx")" 2>/dev/null
	return 0
}
trap cleanup EXIT INT TERM

# peak memory (KiB) and wall seconds of one run: mem NAME CMD...
mem() {
	name=$1
	shift
	/usr/bin/time -v "$@" >/dev/null 2>"$d/time-$name.txt" || {
		echo "bench: '$*' failed" >&2
		cat "$d/time-$name.txt" >&2
		exit 1
	}
	awk -v n="$name" '/Maximum resident/ {print n "\t" $NF}' "$d/time-$name.txt" >>"$d/mem.tsv"
}

for size in "$@"; do
	k=${size%%:*}
	n=${size#*:}
	d=$OUT/x$k
	rm -rf "$d"
	mkdir -p "$d"
	db=$d/bench.db
	runs=${RUNS:-$([ "$k" -ge 150 ] && echo 3 || echo 10)}
	echo "== ${k}x plan 292, $n reports ($d)" >&2
	python3 bench/gen.py plan "$k" >"$d/plan.json"
	"$J" --db "$db" load "$d/plan.json" >/dev/null
	plan=$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'current_plan'")
	python3 bench/gen.py reports "$n" --db "$db" --seed 1 >"$d/reports.csv"
	: >"$d/mem.tsv"
	start=$(date +%s.%N)
	# the generated history goes back to the plan's approval: older than the
	# reporting window, so it is recorded as the local operator with a reason
	mem import "$J" --db "$db" report import --late-reason "bench history" "$d/reports.csv"
	end=$(date +%s.%N)
	echo "$k	$n	$(sqlite3 "$db" "SELECT count(*) FROM activity WHERE plan_id = '$plan'")	$start	$end" >"$d/size.tsv"
	sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

	# the same questions through the sqlite3 CLI
	q_status="SELECT activity, status, count(*) FROM report WHERE plan_id = '$plan' AND made <= '$ASOF' GROUP BY activity, status"
	q_show="SELECT * FROM activity WHERE plan_id = '$plan' AND number = '66'; SELECT * FROM due WHERE plan_id = '$plan' AND idx = (SELECT idx FROM activity WHERE plan_id = '$plan' AND number = '66'); SELECT * FROM report WHERE plan_id = '$plan' AND activity = '66' ORDER BY id"
	q_list="SELECT a.number, a.title, a.executors, a.deadline FROM executor e JOIN activity a ON a.plan_id = e.plan_id AND a.idx = e.idx WHERE e.plan_id = '$plan' AND e.agency_folded = 'іім' ORDER BY a.idx"
	q_budget="SELECT substr(due, 1, 4), sum(spent) FROM (SELECT due, spent, row_number() OVER (PARTITION BY activity, due, agency ORDER BY made DESC, id DESC) AS rn FROM report WHERE plan_id = '$plan' AND spent IS NOT NULL AND made <= '$ASOF') WHERE rn = 1 GROUP BY 1"
	# one warm-up run also syncs the embedded plan into the database
	"$J" --db "$db" status --as-of $ASOF --json >"$d/status.json"
	hyperfine -N --warmup 1 --runs "$runs" --export-json "$d/cli.json" \
		-n status "$J --db $db status --as-of $ASOF --json" \
		-n sqlite-status "sqlite3 $db \"$q_status\"" \
		-n show "$J --db $db show 66" \
		-n sqlite-show "sqlite3 $db \"$q_show\"" \
		-n list "$J --db $db list --agency ІІМ" \
		-n sqlite-list "sqlite3 $db \"$q_list\"" \
		-n budget "$J --db $db --as-of $ASOF budget --spent" \
		-n sqlite-budget "sqlite3 $db \"$q_budget\"" >"$d/hyperfine.txt" 2>&1 ||
		{ cat "$d/hyperfine.txt" >&2; exit 1; }
	mem status "$J" --db "$db" status --as-of $ASOF --json
	mem show "$J" --db "$db" show 66
	mem list "$J" --db "$db" list --agency ІІМ
	mem budget "$J" --db "$db" --as-of $ASOF budget --spent

	# the server, and nginx serving its answers
	echo "benchmark-password" | "$J" --db "$db" user add bench --role viewer >/dev/null
	token=$("$J" --db "$db" user token bench --label bench | grep -Eo '[A-Za-z0-9_-]{32,}' | head -1)
	"$J" --db "$db" serve --listen 127.0.0.1:$PORT --threads 2 >"$d/serve.log" 2>&1 &
	srv=$!
	i=0
	until curl -s -o /dev/null "http://127.0.0.1:$PORT/login"; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "bench: the server did not start" >&2; cat "$d/serve.log" >&2; exit 1; }
		sleep 0.1
	done
	mkdir -p "$d/www" "$d/nginx"
	: >"$d/http.tsv"
	for route in "one /api/v1/activities/66" "overview /api/v1/status" "asof /api/v1/status?as_of=$PAST"; do
		name=${route%% *}
		path=${route#* }
		curl -sf -H "Authorization: Bearer $token" -o "$d/www/$name.json" "http://127.0.0.1:$PORT$path" ||
			{ echo "bench: GET $path failed" >&2; exit 1; }
		wrk -t2 -c16 -d"${WRK_SECS}s" --timeout 30s --latency -H "Authorization: Bearer $token" \
			"http://127.0.0.1:$PORT$path" >"$d/wrk-jospar-$name.txt"
		echo "$name	jospar	$(awk '/Requests\/sec/ {print $2}' "$d/wrk-jospar-$name.txt")	$(stat -c %s "$d/www/$name.json")" >>"$d/http.tsv"
	done
	grep -E 'VmRSS|VmHWM' /proc/$srv/status | awk '{print $1 "\t" $2}' >"$d/serve-mem.tsv"
	# a clean stop; NEEDSWORK: after a wrk run the server can hang in its
	# stop (a worker waits forever), so it is killed after 5 s
	kill "$srv"
	i=0
	while kill -0 "$srv" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -0 "$srv" 2>/dev/null && { echo "bench: the server did not stop on SIGTERM; killed" >&2; kill -9 "$srv"; }
	wait "$srv" 2>/dev/null || true
	srv=""
	cat >"$d/nginx/nginx.conf" <<-EOF
	daemon on;
	worker_processes 2;
	pid $d/nginx/nginx.pid;
	error_log $d/nginx/error.log;
	events { worker_connections 1024; }
	http {
		access_log off;
		default_type application/json;
		client_body_temp_path $d/nginx;
		proxy_temp_path $d/nginx;
		fastcgi_temp_path $d/nginx;
		uwsgi_temp_path $d/nginx;
		scgi_temp_path $d/nginx;
		server {
			listen 127.0.0.1:$PORT;
			root $d/www;
		}
	}
	EOF
	nginx -p "$d/nginx" -c "$d/nginx/nginx.conf" 2>/dev/null
	ngx=$d/nginx/nginx.pid
	sleep 0.3
	for name in one overview asof; do
		wrk -t2 -c16 -d"${WRK_SECS}s" --timeout 30s --latency "http://127.0.0.1:$PORT/$name.json" >"$d/wrk-nginx-$name.txt"
		echo "$name	nginx	$(awk '/Requests\/sec/ {print $2}' "$d/wrk-nginx-$name.txt")	$(stat -c %s "$d/www/$name.json")" >>"$d/http.tsv"
	done
	kill "$(cat "$ngx")"
	ngx=""
	sleep 0.3
done
python3 bench/summary.py "$OUT" "$@"
