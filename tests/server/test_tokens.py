#!/usr/bin/env python3
"""Sessions and API tokens end when they should: a password change (CLI or
API) and disabling end every session and token of the user; tokens have a
name and an expiry, are listed without the token itself, revoked one by
one, and refused once expired.
Usage: test_tokens.py JOSPAR_BINARY
"""
import os, sqlite3, sys
from lib import Server, Client, Results


def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    s.cli("user", "add", "iim", "--role", "executor", "--agency", "ІІМ", stdin="password-iim\n")
    s.start()
    try:
        c = Client(s.port)
        t.check(c.login("iim", "password-iim")[0] == 200, "login")
        st, b = c.request("POST", "/api/v1/tokens?label=nightly&days=7")
        t.check(st == 201 and len(b["token"]) == 64, f"token: {st} {b}")
        tok = Client(s.port)
        tok.token = b["token"]
        t.check(tok.request("GET", "/api/v1/status")[0] == 200, "the token works")
        st, lst = c.request("GET", "/api/v1/tokens")
        t.check(st == 200 and len(lst) == 1 and lst[0]["label"] == "nightly"
                and "token" not in lst[0] and lst[0]["expires_at"] > 0, f"listed: {lst}")
        # the CLI's password change ends the session and the token
        r = s.cli("user", "passwd", "iim", stdin="password-iim-2\n")
        t.check(r.returncode == 0 and "sessions and tokens are ended" in r.stdout, f"passwd: {r.stderr}")
        t.check(c.request("GET", "/api/v1/status")[0] == 401, "the session after passwd")
        t.check(tok.request("GET", "/api/v1/status")[0] == 401, "the token after passwd")
        t.check(c.login("iim", "password-iim")[0] == 401, "the old password")
        t.check(c.login("iim", "password-iim-2")[0] == 200, "the new password")
        # the API's password change (one's own) does the same
        st, b = c.request("POST", "/api/v1/tokens")
        tok.token = b["token"]
        st, b = c.request("POST", "/api/v1/users/iim/password", {"password": "password-iim-3"})
        t.check(st == 200, f"own password over the API: {st} {b}")
        t.check(tok.request("GET", "/api/v1/status")[0] == 401, "the token after the API passwd")
        t.check(c.request("GET", "/api/v1/status")[0] == 401, "the session after the API passwd")
        c.login("iim", "password-iim-3")
        st, b = c.request("POST", "/api/v1/users/admin/password", {"password": "password-stolen"})
        t.check(st == 403, f"another user's password: {st} {b}")
        # revocation, one by one
        ids = []
        for label in ("a", "b"):
            st, b = c.request("POST", f"/api/v1/tokens?label={label}")
            ids.append((b["id"], b["token"]))
        st, b = c.request("DELETE", f"/api/v1/tokens/{ids[0][0]}")
        t.check(st == 200, f"revoke: {st} {b}")
        tok.token = ids[0][1]
        t.check(tok.request("GET", "/api/v1/status")[0] == 401, "a revoked token")
        tok.token = ids[1][1]
        t.check(tok.request("GET", "/api/v1/status")[0] == 200, "the other token still works")
        st, b = c.request("DELETE", f"/api/v1/tokens/{ids[0][0]}")
        t.check(st == 404, f"revoke twice: {st}")
        # an expired token is refused
        db = sqlite3.connect(s.env["JOSPAR_DB"])
        db.execute("UPDATE api_token SET expires_at = 1000 WHERE id = ?", (ids[1][0],))
        db.commit()
        db.close()
        t.check(tok.request("GET", "/api/v1/status")[0] == 401, "an expired token")
        r = s.cli("user", "tokens", "iim")
        t.check(r.returncode == 0 and "1 token of 'iim'" in r.stdout, f"user tokens: {r.stdout}")
        # the CLI revokes too, and the audit log has every step
        st, b = c.request("POST", "/api/v1/tokens")
        r = s.cli("user", "revoke", str(b["id"]))
        t.check(r.returncode == 0, f"user revoke: {r.stderr}")
        r = s.cli("user", "revoke", "99999")
        t.check(r.returncode == 4 and "no token 99999" in r.stderr, f"revoke a missing token: {r.returncode}")
        r = s.cli("audit", "--action", "token.", "--json")
        import json
        acts = [e["action"] for e in json.loads(r.stdout)]
        t.check(acts.count("token.revoke") == 2 and acts.count("token.create") == 5, f"audit: {acts}")
    finally:
        s.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
