#!/bin/sh
# Benchmarks of the CLI on the embedded plan (docs/BENCHMARKS.md).
# Usage: bench/run.sh [RESULTS.md]   -- needs hyperfine (Debian package).
set -eu
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || scripts/deps.sh build
command -v hyperfine >/dev/null || { echo "bench: install hyperfine" >&2; exit 1; }
[ -f build-rel/build.ninja ] || meson setup build-rel --buildtype=release -Dtests=false >/dev/null
ninja -C build-rel jospar >/dev/null
db=$(mktemp -d)/bench.db
export JOSPAR_DB="$db"
build-rel/jospar check >/dev/null   # the first run stores the embedded plan
out=${1:-/dev/stdout}
hyperfine -N --warmup 10 --min-runs 200 --export-markdown "$out" \
	'build-rel/jospar list --json' \
	'build-rel/jospar check' \
	'build-rel/jospar show 12' \
	'build-rel/jospar calendar --format ics' \
	"build-rel/jospar list --search 'ііМ бейнебақылау'"
# the first run on an empty database, which stores the plan
hyperfine -N --warmup 3 --runs 50 --prepare "rm -f $db $db-wal $db-shm" \
	'build-rel/jospar check' | grep -E "Time|Range"
# monitoring, on a simulated history
build-rel/jospar simulate --seed 1 --as-of 2016-08-18 >/dev/null
hyperfine -N --warmup 10 --min-runs 200 \
	'build-rel/jospar status --as-of 2015-12-31 --json' \
	'build-rel/jospar status --as-of 2015-12-31' \
	'build-rel/jospar export --format csv --as-of 2015-12-31' \
	"build-rel/jospar export --format html --as-of 2015-12-31 -o $(dirname "$db")/r.html" \
	"build-rel/jospar export --format xlsx --as-of 2015-12-31 -o $(dirname "$db")/r.xlsx" | grep -E "Benchmark|Time|Range"
echo "binary: $(stat -c %s build-rel/jospar) bytes ($(size build-rel/jospar | awk 'NR==2{print $1}') bytes of text)"
