#!/bin/sh
# bench/postgres.sh - the national-scale queries on PostgreSQL beside SQLite,
# in one run (docs/BENCHMARKS.md, "PostgreSQL").
#
# Usage: bench/postgres.sh [K ...]   (default: 1 100)
#   K is a size bench/scale.sh has built (bench/out/xK/bench.db: plan 292
#   replicated K times with its history).  For each size it starts a
#   throwaway PostgreSQL cluster (tests/with-postgres.sh: a Unix socket, no
#   TCP), copies the SQLite database into a new PostgreSQL database with
#   `jospar db copy` (timed), then measures with hyperfine, on both engines,
#   `status --as-of D --json`, `show 66`, `list --agency ІІМ` and
#   `budget --spent`, and prints the times and PostgreSQL / SQLite.
# Environment: RUNS (hyperfine runs per command, default 10), OUT.
# Needs: hyperfine, postgresql (scripts/deps.sh test), bench/scale.sh's data.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (scripts/deps.sh test)" >&2; exit 1; }
[ -f build-rel/build.ninja ] || meson setup build-rel --buildtype=release -Dtests=false >/dev/null
ninja -C build-rel jospar >/dev/null
OUT=${OUT:-$root/bench/out}
RUNS=${RUNS:-10}
[ $# -gt 0 ] || set -- 1 100
for k in "$@"; do
	[ -f "$OUT/x$k/bench.db" ] || { echo "bench: no $OUT/x$k/bench.db (run bench/scale.sh $k:N first)" >&2; exit 1; }
done
export ROOT="$root" OUT RUNS
exec tests/with-postgres.sh "$OUT/postgres" sh -c '
set -eu
J=$ROOT/build-rel/jospar
ASOF=2015-12-31
echo "| size | command | SQLite [ms] | PostgreSQL [ms] | PostgreSQL / SQLite |"
echo "|---:|:---|---:|---:|---:|"
for k in "$@"; do
	d=$OUT/x$k
	cp "$d/bench.db" "$d/pg-source.db"
	pg=$($JOSPAR_TEST_PGDB)
	start=$(date +%s.%N)
	"$J" db copy "$d/pg-source.db" "$pg" >"$d/pg-copy.txt" 2>&1 ||
		{ cat "$d/pg-copy.txt" >&2; exit 1; }
	end=$(date +%s.%N)
	rows=$(grep -Eo "copied [0-9]+ rows" "$d/pg-copy.txt" | grep -Eo "[0-9]+")
	echo "${k}x: db copy of $rows rows SQLite -> PostgreSQL in $(awk "BEGIN { printf \"%.1f\", $end - $start }") s" >&2
	plan=$(sqlite3 "$d/pg-source.db" "SELECT value FROM setting WHERE key = '"'"'current_plan'"'"'")
	# each side once before timing: the plan image is made on first use
	for db in "$d/pg-source.db" "$pg"; do
		"$J" --db "$db" --plan "$plan" show 66 >/dev/null
		"$J" --db "$db" --plan "$plan" status --as-of $ASOF --json >/dev/null
	done
	hyperfine -N -w 2 -r "$RUNS" --export-json "$d/pg-hyperfine.json" \
		-n "sqlite status" "$J --db $d/pg-source.db --plan $plan status --as-of $ASOF --json" \
		-n "pg status" "$J --db $pg --plan $plan status --as-of $ASOF --json" \
		-n "sqlite show" "$J --db $d/pg-source.db --plan $plan show 66" \
		-n "pg show" "$J --db $pg --plan $plan show 66" \
		-n "sqlite list" "$J --db $d/pg-source.db --plan $plan list --agency ІІМ" \
		-n "pg list" "$J --db $pg --plan $plan list --agency ІІМ" \
		-n "sqlite budget" "$J --db $d/pg-source.db --plan $plan --as-of $ASOF budget --spent" \
		-n "pg budget" "$J --db $pg --plan $plan --as-of $ASOF budget --spent" \
		>"$d/pg-hyperfine.txt" 2>&1 || { cat "$d/pg-hyperfine.txt" >&2; exit 1; }
	python3 - "$d/pg-hyperfine.json" "$k" <<PY
import json, sys
r = {x["command"]: x["mean"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
labels = {"status": "\`status --as-of D --json\`", "show": "\`show 66\`",
          "list": "\`list --agency ІІМ\`", "budget": "\`budget --spent\`"}
for c in ("status", "show", "list", "budget"):
    s, p = r["sqlite " + c], r["pg " + c]
    print(f"| {sys.argv[2]}× | {labels[c]} | {s:.1f} | {p:.1f} | {p / s:.2f} |")
PY
	rm -f "$d/pg-source.db" "$d/pg-source.db-wal" "$d/pg-source.db-shm"
done
' sh "$@"
