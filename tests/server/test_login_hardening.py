#!/usr/bin/env python3
"""Small login and account faults, each shut: an unknown login takes as long
as a wrong password (one argon2id check either way); POST /api/v1/session
wants application/json (no login CSRF by a text/plain form); the login
form's token cannot be planted; ?error= and ?notice= show only catalogued
messages; the last admin, and oneself, cannot be disabled; logins keep to
an alphabet, can be disabled over HTTP, and look-alikes are refused.
Usage: test_login_hardening.py JOSPAR_BINARY"""
import http.client, json, os, re, statistics, sys, time, urllib.parse
from lib import Server, Client, Results

def post(port, path, body, ctype, source="127.0.0.1", cookie=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    h = {"Content-Type": ctype}
    if cookie:
        h["Cookie"] = cookie
    t0 = time.monotonic()
    c.request("POST", path, body=body, headers=h)
    r = c.getresponse()
    r.read()
    dt = time.monotonic() - t0
    c.close()
    return r.status, dt, r

def get(port, path, cookie=None, source="127.0.0.1"):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    c.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    r = c.getresponse()
    body = r.read().decode()
    c.close()
    return r.status, body, r

def login_json(port, login, password, source="127.0.0.1"):
    return post(port, "/api/v1/session", json.dumps({"login": login, "password": password}),
                "application/json", source)

def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    s.cli("user", "add", "known", "--role", "viewer", stdin="password-known\n")
    s.cli("user", "add", "admin", "--role", "admin", stdin="admin-password-1\n")
    s.start()
    try:
        # timing: an unknown login costs one password check too
        known, unknown = [], []
        for i in range(4):
            known.append(login_json(s.port, "known", "wrong-password", f"127.0.1.{i + 1}")[1])
            unknown.append(login_json(s.port, f"ghost{i}", "wrong-password", f"127.0.1.{i + 1}")[1])
        login_json(s.port, "known", "password-known")
        mk, mu = statistics.median(known), statistics.median(unknown)
        print(f"wrong password {mk * 1e3:.1f} ms, unknown login {mu * 1e3:.1f} ms (medians)")
        t.check(mu > 0.5 * mk, f"an unknown login takes as long: {mu * 1e3:.1f} vs {mk * 1e3:.1f} ms")

        # login CSRF: a cross-site form can post text/plain, not application/json
        body = json.dumps({"login": "known", "password": "password-known"})
        for ct in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
            st = post(s.port, "/api/v1/session", body, ct)[0]
            t.check(st == 415, f"POST /api/v1/session as {ct}: {st}")
        st = post(s.port, "/api/v1/session", body, "application/json; charset=utf-8")[0]
        t.check(st == 200, f"as application/json; charset=utf-8: {st}")

        # the login form's token: a planted cookie with a value of one's choice fails
        form = urllib.parse.urlencode({"login": "known", "password": "password-known", "csrf": "a" * 64})
        st = post(s.port, "/login", form, "application/x-www-form-urlencoded",
                  cookie="jospar_login=" + "a" * 64)[0]
        t.check(st == 403, f"a planted login cookie and the same form token: {st}")
        # ... and so does a pair the attacker fetched for themselves elsewhere
        st, page, r = get(s.port, "/login", source="127.0.0.2")
        cookie = r.getheader("Set-Cookie").split(";")[0]
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"login": "known", "password": "password-known", "csrf": token})
        st = post(s.port, "/login", form, "application/x-www-form-urlencoded",
                  source="127.0.0.3", cookie=cookie)[0]
        t.check(st == 403, f"a pair fetched from another address: {st}")
        st = post(s.port, "/login", form, "application/x-www-form-urlencoded",
                  source="127.0.0.2", cookie=cookie)[0]
        t.check(st == 303, f"the pair works where it was given: {st}")

        # ?error= / ?notice= carry no text of their own
        ad = Client(s.port)
        st, b = ad.login("admin", "admin-password-1")
        t.check(st == 200, f"admin logs in: {st} {b}")
        for q in ("error=Call+%2B7+777+to+unlock", "notice=Call+%2B7+777+to+unlock",
                  "error=0123456789abcdef"):
            st, page, _ = get(s.port, "/admin/users?" + q, cookie=ad.cookie)
            t.check(st == 200 and "Call" not in page and 'role="alert"' not in page
                    and 'class="notice"' not in page, f"/admin/users?{q} shows nothing")
        form = urllib.parse.urlencode({"csrf": ad.csrf, "login": "formuser", "password": "password-f",
                                       "role": "viewer"})
        st, _, r = post(s.port, "/admin/users", form, "application/x-www-form-urlencoded",
                        cookie=ad.cookie)
        loc = r.getheader("Location") or ""
        t.check(st == 303 and re.fullmatch(r"/admin/users\?notice=[0-9a-f]{16}", loc),
                f"a form's message travels as an id: {st} {loc}")
        other = Client(s.port)
        other.login("admin", "admin-password-1")
        st, page, _ = get(s.port, loc, cookie=other.cookie)
        t.check('class="notice"' not in page, "another session does not see it")
        st, page, _ = get(s.port, loc, cookie=ad.cookie)
        t.check('class="notice"' in page, "its session does")
        st, page, _ = get(s.port, loc, cookie=ad.cookie)
        t.check('class="notice"' not in page, "once")

        # disabling: never oneself, never the last enabled admin
        st, b = ad.request("POST", "/api/v1/users/admin/disable")
        t.check(st == 409 and "itself" in b["error"], f"an admin disables itself: {st} {b}")
        st, b = ad.request("POST", "/api/v1/users", {"login": "admin2", "password": "password-a2",
                                                     "role": "admin"})
        t.check(st == 201, f"a second admin: {st} {b}")
        a2 = Client(s.port)
        a2.login("admin2", "password-a2")
        st, b = a2.request("POST", "/api/v1/users/admin/disable")
        t.check(st == 200, f"one admin disables the other: {st} {b}")
        st, b = a2.request("POST", "/api/v1/users/admin2/disable")
        t.check(st == 409, f"the last admin cannot disable itself: {st} {b}")
        r = s.cli("user", "disable", "admin2")
        t.check(r.returncode != 0 and "last enabled admin" in r.stderr,
                f"nor from the command line: {r.returncode} {r.stderr.strip()}")
        r = s.cli("user", "add", "admin", "--role", "admin", stdin="admin-password-1\n")

        # logins: an alphabet, one script, no look-alikes
        bad = ["ivan/ov", "ivan ov", ".ivan", "ivan%41", "іvan", "admіn2", "Admin2", "adm1n2",
               "ADMIN-2", "x" * 65, "ivan<b>"]
        for login in bad:
            st, b = a2.request("POST", "/api/v1/users", {"login": login, "password": "password-x",
                                                         "role": "viewer"})
            t.check(st in (400, 409), f"login {login!r} is refused: {st} {b}")
        r = s.cli("user", "add", "ivan/ov", "--role", "viewer", stdin="password-x\n")
        t.check(r.returncode != 0 and "ivan/ov" in r.stderr, f"by the command line too: {r.stderr.strip()}")
        for login in ("ivan.petrov", "Қайрат_Б", "серік-2", "o.brien"):
            st, b = a2.request("POST", "/api/v1/users", {"login": login, "password": "password-x",
                                                         "role": "viewer"})
            t.check(st == 201, f"login {login!r} is taken: {st} {b}")
        st, b = a2.request("POST", "/api/v1/users", {"login": "ivanpetrov", "password": "password-x",
                                                     "role": "viewer"})
        t.check(st == 409 and "looks like" in b["error"], f"a look-alike of ivan.petrov: {st} {b}")

        # ids in paths: percent-encoded, '/' too (a login from before the alphabet)
        st, b = a2.request("POST", "/api/v1/users/" + urllib.parse.quote("Қайрат_Б") + "/disable")
        t.check(st == 200, f"a Cyrillic login disabled by its encoded id: {st} {b}")
        import sqlite3
        db = sqlite3.connect(s.env["JOSPAR_DB"])
        db.execute("INSERT INTO account(login, role, pwhash, disabled, created_at)"
                   " VALUES ('old/name', 'viewer', 'x', 0, '2015-01-01T00:00:00Z')")
        db.commit()
        db.close()
        st, b = a2.request("POST", "/api/v1/users/old%2Fname/disable")
        t.check(st == 200 and b.get("login") == "old/name", f"an old login with '/': {st} {b}")
    finally:
        s.stop()
    return t.done()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
