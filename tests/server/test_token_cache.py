#!/usr/bin/env python3
"""API tokens are identified from memory, yet every change to who a token
stands for counts from the very next request, while the answer it asks for
is cached: a token revoked (CLI or API), its user disabled (CLI or API),
its user's role changed (by another process writing the database) or its
expiry moved into the past.  Cached answers are sent from where they are
kept while writes drop them (every answer whole).

Usage: test_token_cache.py JOSPAR_BINARY
"""
import http.client, json, os, re, sqlite3, sys, threading
from lib import Server, Client, Results

ONE = "/api/v1/activities/6"


def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    for login, role in (("view", "viewer"), ("view2", "viewer"), ("boss", "admin")):
        s.cli("user", "add", login, "--role", role, stdin=f"password-{login}\n")
    s.start()
    db = sqlite3.connect(s.env["JOSPAR_DB"])
    try:
        ad = Client(s.port)
        t.check(ad.login("boss", "password-boss")[0] == 200, "admin login")

        def cli_token(login, label):
            r = s.cli("user", "token", login, "--label", label)
            m = re.search(r"token (\d+) of", r.stderr + r.stdout)
            t.check(r.returncode == 0 and m, f"token for {login}: {r.returncode} {r.stderr}")
            return int(m.group(1)), r.stdout.strip()

        def client(token):
            c = Client(s.port)
            c.token = token
            return c

        def warm(c, what, path=ONE):
            """The token works and its answer is cached (a hit)."""
            st1, b1 = c.request("GET", path)
            st2, b2 = c.request("GET", path)
            t.check(st1 == 200 and st2 == 200 and b1 == b2 and c.headers.get("x-cache") == "hit",
                    f"{what}: GET {path} twice is 200, then a hit ({st1} {st2} "
                    f"{c.headers.get('x-cache')})")

        def refused(c, what, path=ONE):
            st, b = c.request("GET", path)
            t.check(st == 401 and c.headers.get("x-cache") is None,
                    f"{what}: the next GET {path} is refused ({st} {b})")

        # revoked from the CLI (another process) while the server runs
        tid, tok = cli_token("view", "cli-revoke")
        c = client(tok)
        warm(c, "revoke (CLI)")
        r = s.cli("user", "revoke", str(tid))
        t.check(r.returncode == 0, f"jospar user revoke: {r.stderr}")
        refused(c, "revoke (CLI)")
        refused(c, "revoke (CLI), again")

        # another token of the same user, and another user's, still work
        _, keep = cli_token("view", "keep")
        _, other = cli_token("view2", "other")
        k, o = client(keep), client(other)
        warm(k, "a second token")
        warm(o, "another user's token")

        # revoked through the API
        st, b = ad.request("GET", "/api/v1/tokens")
        tid, tok = cli_token("view", "api-revoke")
        c = client(tok)
        warm(c, "revoke (API)")
        st, b = ad.request("DELETE", f"/api/v1/tokens/{tid}")
        t.check(st == 200, f"DELETE /api/v1/tokens/{tid}: {st} {b}")
        refused(c, "revoke (API)")
        warm(k, "the second token after the revocation")

        # the user disabled from the CLI
        warm(k, "disable (CLI)")
        r = s.cli("user", "disable", "view")
        t.check(r.returncode == 0, f"jospar user disable: {r.stderr}")
        refused(k, "disable (CLI)")
        warm(o, "another user's token after the disable")

        # the user disabled through the API
        warm(o, "disable (API)")
        st, b = ad.request("POST", "/api/v1/users/view2/disable")
        t.check(st == 200, f"disable over the API: {st} {b}")
        refused(o, "disable (API)")

        # the role changed by another process: the next request has the new role
        s.cli("user", "add", "rolly", "--role", "viewer", stdin="password-rolly\n")
        _, tok = cli_token("rolly", "role")
        c = client(tok)
        warm(c, "role change")
        st, _ = c.request("GET", "/api/v1/users")
        t.check(st == 403, f"a viewer may not list the users ({st})")
        with db:
            db.execute("UPDATE account SET role = 'admin' WHERE login = 'rolly'")
        st, b = c.request("GET", "/api/v1/users")
        t.check(st == 200 and isinstance(b, list), f"made admin: the next request lists the users ({st})")
        warm(c, "role change, as admin", "/api/v1/users")
        with db:
            db.execute("UPDATE account SET role = 'viewer' WHERE login = 'rolly'")
        st, _ = c.request("GET", "/api/v1/users")
        t.check(st == 403, f"made viewer again: the next request is refused ({st})")

        # the expiry moved into the past by another process
        tid, tok = cli_token("rolly", "expiring")
        c = client(tok)
        warm(c, "expiry")
        with db:
            db.execute("UPDATE api_token SET expires_at = 1000 WHERE id = ?", (tid,))
        refused(c, "expired")

        # a token never seen, and a malformed one
        refused(client("0" * 64), "an unknown token")
        refused(client("x"), "a short token")

        # cached answers sent whole while writes drop them
        _, tok = cli_token("rolly", "load")
        bodies, errors = [], []
        want = client(tok).request("GET", "/api/v1/status")[1]

        def reader():
            try:
                conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
                for _ in range(150):
                    conn.request("GET", "/api/v1/status", headers={"Authorization": "Bearer " + tok})
                    r = conn.getresponse()
                    data = r.read()
                    bodies.append((r.status, len(data), json.loads(data)["plan"] if data else None))
                conn.close()
            except Exception as e:      # noqa: BLE001 - reported as a failure
                errors.append(repr(e))

        def writer():
            for i in range(20):
                s.cli("user", "add", f"churn{i}", "--role", "viewer", stdin=f"password-churn{i}\n")

        th = [threading.Thread(target=reader) for _ in range(4)] + [threading.Thread(target=writer)]
        for x in th:
            x.start()
        for x in th:
            x.join()
        t.check(not errors, f"readers under writes: {errors[:3]}")
        t.check(len(bodies) == 600 and all(b[0] == 200 and b[2] == want["plan"] for b in bodies),
                f"every answer under writes is whole JSON ({len(bodies)})")
    finally:
        db.close()
        rc = s.stop()
        t.check(rc == 0, f"the server stopped cleanly ({rc})")
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
