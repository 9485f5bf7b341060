#!/usr/bin/env python3
"""The everyday jospar leaves out the heavy libraries and hands the commands
that need them to jospar-full: same answers, a clear error without it."""
import os
import shutil
import subprocess
import sys
import tempfile

HEAVY = ("libmicrohttpd", "libical", "libxlsxwriter")
passed = failed = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what} {detail}")


def needed(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True,
                         text=True, check=True).stdout
    return [l.split("[", 1)[1].rstrip("]") for l in out.splitlines() if "(NEEDED)" in l]


def stamped_out(ics):
    """The calendar without DTSTAMP, the moment it was written."""
    return b"\n".join(l for l in ics.split(b"\n") if not l.startswith(b"DTSTAMP"))


def run(exe, db, *args, env=None):
    return subprocess.run([exe, "--db", db, *args], capture_output=True, env=env)


def main():
    lean = sys.argv[1]
    full = os.path.join(os.path.dirname(lean), "jospar-full")
    lean_libs, full_libs = needed(lean), needed(full)
    for lib in HEAVY:
        check(f"jospar does not need {lib}", not any(l.startswith(lib) for l in lean_libs), str(lean_libs))
        check(f"jospar-full needs {lib}", any(l.startswith(lib) for l in full_libs), str(full_libs))
    env = dict(os.environ, JOSPAR_TODAY="2016-06-01")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "t.db")
        a = run(lean, db, "calendar", "--format", "ics", env=env)
        b = run(full, db, "calendar", "--format", "ics", env=env)
        check("calendar ics through jospar", a.returncode == 0 and a.stdout.startswith(b"BEGIN:VCALENDAR"),
              a.stderr.decode())
        check("same calendar from both", stamped_out(a.stdout) == stamped_out(b.stdout)
              and a.stdout.count(b"BEGIN:VEVENT") > 100)
        x = os.path.join(tmp, "r.xlsx")
        r = run(lean, db, "export", "--format", "xlsx", "-o", x, env=env)
        with open(x, "rb") if os.path.exists(x) else open(os.devnull, "rb") as f:
            head = f.read(2)
        check("xlsx through jospar", r.returncode == 0 and head == b"PK", r.stderr.decode())
        # usage errors are still the lean binary's own
        r = run(lean, db, "export", "--format", "xlsx", env=env)
        check("xlsx without -o is a usage error", r.returncode == 2 and b"-o FILE" in r.stderr)
        # jospar alone: the command says what is missing and fails
        alone = os.path.join(tmp, "bin")
        os.mkdir(alone)
        shutil.copy(lean, alone)
        r = run(os.path.join(alone, "jospar"), db, "calendar", "--format", "ics", env=env)
        check("missing jospar-full is named", r.returncode == 1 and b"jospar-full" in r.stderr
              and not r.stdout, r.stderr.decode())
        # serve fails before it makes the first admin: no password is shown
        # that no server would take, and the next run still makes the admin
        fresh = os.path.join(tmp, "fresh.db")
        r = run(os.path.join(alone, "jospar"), fresh, "serve", "--listen", "127.0.0.1:0", env=env)
        check("serve without jospar-full fails first", r.returncode == 1 and b"jospar-full" in r.stderr
              and b"password" not in r.stdout + r.stderr, (r.stdout + r.stderr).decode())
        r = run(lean, fresh, "user", "list", env=env)
        check("and makes no user", r.returncode == 0 and b"admin" not in r.stdout, (r.stdout + r.stderr).decode())
        r = run(os.path.join(alone, "jospar"), db, "show", "66", env=env)
        check("queries need no jospar-full", r.returncode == 0 and b"66" in r.stdout, r.stderr.decode())
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
