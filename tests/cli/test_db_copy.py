#!/usr/bin/env python3
"""`jospar db copy` between SQLite and PostgreSQL (run under
tests/with-postgres.sh): a SQLite database with a history, users, tokens
and an audit log copied into a new PostgreSQL database answers every
question as the original does; a copy back into a new SQLite file does
too; a target that is not empty is refused and left as it was; the copy's
ids go on where the source's stopped.
Usage: test_db_copy.py JOSPAR_BINARY SOURCE_ROOT
"""
import os, subprocess, sys, tempfile

QUESTIONS = [
    ["status", "--as-of", "2015-12-31", "--json"],
    ["list", "--json"],
    ["list", "--search", "ііМ"],
    ["show", "66"],
    ["budget", "--spent"],
    ["audit", "--json", "--limit", "1000"],
    ["user", "list"],
    ["user", "tokens", "iim"],
    ["plans"],
]


def main(binary, root):
    if not os.environ.get("JOSPAR_TEST_PG"):
        print("test_db_copy: needs tests/with-postgres.sh", file=sys.stderr)
        return 77
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL", what, flush=True)

    def fresh_pg():
        return subprocess.run([os.environ["JOSPAR_TEST_PGDB"]], check=True,
                              capture_output=True, text=True).stdout.strip()

    d = tempfile.mkdtemp(prefix="jospar-copy-")
    env = dict(os.environ, HOME=d)
    env.pop("JOSPAR_DB", None)
    env.pop("JOSPAR_PLAN", None)

    def j(db, *args, stdin=None):
        return subprocess.run([binary, "--db", db] + list(args), env=env, input=stdin,
                              capture_output=True, text=True, timeout=120)

    src = os.path.join(d, "src.db")
    check(j(src, "status").returncode == 0, "the source stores the embedded plan")
    reports = subprocess.run([sys.executable, os.path.join(root, "bench", "gen.py"), "reports",
                              "3000", "--db", src, "--seed", "7"], check=True,
                             capture_output=True, text=True).stdout
    with open(os.path.join(d, "r.csv"), "w", encoding="utf-8") as f:
        f.write(reports)
    r = j(src, "report", "import", "--late-reason", "history", os.path.join(d, "r.csv"))
    check(r.returncode == 0, f"the history imported: {r.stderr}")
    check(j(src, "user", "add", "iim", "--role", "executor", "--agency", "ІІМ",
            stdin="password-iim\n").returncode == 0, "a user added")
    check(j(src, "user", "token", "iim", "--label", "script").returncode == 0, "a token made")

    pg = fresh_pg()
    r = j(src, "db", "copy", src, pg)
    check(r.returncode == 0 and "counts and hashes of every table agree" in r.stdout,
          f"copied SQLite -> PostgreSQL: {r.returncode} {r.stdout} {r.stderr}")
    check("copied report: 3000 rows" in r.stderr, f"progress names the tables: {r.stderr}")
    check("password" not in r.stdout, "no secret in the summary")
    for q in QUESTIONS:
        a, b = j(src, *q), j(pg, *q)
        check(a.returncode == 0 and a.stdout == b.stdout and a.stdout,
              f"PostgreSQL answers {' '.join(q)} as SQLite does")

    # a target with rows is refused, and left as it was
    before = j(pg, "audit", "--json").stdout
    r = j(src, "db", "copy", src, pg)
    check(r.returncode == 5 and "not empty" in r.stderr, f"a non-empty target refused: {r.stderr}")
    check(j(pg, "audit", "--json").stdout == before, "and left as it was")
    r = j(src, "db", "copy", src, src)
    check(r.returncode == 2, f"a database onto itself refused: {r.returncode}")

    # the copy goes on where the source stopped: the next ids follow
    check(j(pg, "user", "add", "viewer2", "--role", "viewer",
            stdin="password-viewer2\n").returncode == 0, "a user added to the copy")
    r = j(pg, "user", "token", "iim", "--label", "second")
    check(r.returncode == 0 and "token 2 of 'iim'" in r.stdout + r.stderr,
          f"the next token is 2: {r.stderr}")

    # and back into a new SQLite file
    back = os.path.join(d, "back.db")
    r = j(pg, "db", "copy", pg, back)
    check(r.returncode == 0, f"copied PostgreSQL -> SQLite: {r.stderr}")
    for q in QUESTIONS:
        a, b = j(pg, *q), j(back, *q)
        check(a.returncode == 0 and a.stdout == b.stdout and a.stdout,
              f"the SQLite copy answers {' '.join(q)} as PostgreSQL does")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), sys.argv[2]))
