#!/bin/sh
# Installs the Debian packages jospar needs to build and test, if missing.
# Usage: scripts/deps.sh [build|test]   (test also installs test-only tools)
set -eu

pkgs="gcc pkg-config meson ninja-build python3 libsqlite3-dev libjansson-dev
libutf8proc-dev libical-dev libcsv-dev libxlsxwriter-dev libmicrohttpd-dev
libsodium-dev libcmocka-dev libpq-dev"
# (libpq-dev gives the header and libpq5, which jospar loads for a
# PostgreSQL database).  Tests also run the suite on a PostgreSQL cluster
# of their own (postgresql: initdb, pg_ctl), drive Debian's chromium with
# playwright-core (from npm), run nginx in front of the server and make
# throwaway certificates (openssl);
# the benchmarks (bench/) use hyperfine, wrk, nginx, GNU time, sqlite3 and curl
[ "${1:-build}" = test ] && pkgs="$pkgs libc6-dev postgresql chromium hyperfine wrk nginx openssl time sqlite3 curl"
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null 2>&1; then
	pkgs="$pkgs nodejs npm"
fi

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "installing:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "deps: missing packages:$missing (run as root, or install them)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
