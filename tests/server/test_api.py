#!/usr/bin/env python3
"""The JSON API against a real server on 127.0.0.1: sessions, CSRF,
reports and their review, throttling, limits, the audit log.
Usage: test_api.py JOSPAR_BINARY"""
import http.client, json, os, socket, sys
from lib import Server, Client, Results

def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    for login, role, agency in [("admin", "admin", None), ("coord", "coordinator", None), ("iim", "executor", "ІІМ"),
                                ("bp", "executor", "БП"), ("view", "viewer", None)]:
        args = ["user", "add", login, "--role", role] + (["--agency", agency] if agency else [])
        r = s.cli(*args, stdin="password-" + login + "\n")
        t.check(r.returncode == 0, f"user add {login}: {r.stderr}")
    s.start()
    try:
        anon = Client(s.port)
        st, b = anon.request("GET", "/api/v1/status")
        t.check(st == 401, f"anonymous status: {st}")
        st, b = anon.login("iim", "wrong-password")
        t.check(st == 401 and "wrong login or password" in b["error"], f"wrong password: {st} {b}")

        ex = Client(s.port)
        st, b = ex.login("iim", "password-iim")
        t.check(st == 200 and b["role"] == "executor" and b["agency"] == "ІІМ", f"login: {b}")
        t.check("HttpOnly" in ex.set_cookie and "SameSite=Strict" in ex.set_cookie,
                f"cookie flags: {ex.set_cookie}")
        t.check(len(ex.cookie.split("=")[1]) == 64, "session token of 256 bits")
        # CSRF: a write without the token is refused
        csrf, ex.csrf = ex.csrf, None
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30",
                           "agency": "ІІМ", "status": "done", "text": "x"})
        t.check(st == 403 and "CSRF" in b["error"], f"no CSRF: {st} {b}")
        ex.csrf = "0" * 64
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30",
                           "agency": "ІІМ", "status": "done", "text": "x"})
        t.check(st == 403, f"wrong CSRF: {st}")
        ex.csrf = csrf
        # the form other tools call
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30",
                           "agency": "ІІМ", "status": "done", "text": "Кешен әзірленді",
                           "evidence": "бұйрық № 123", "spent": "1.5", "date": "2015-05-25"})
        t.check(st == 201 and b["activity"] == "6" and b["review"] == "awaiting", f"submit: {st} {b}")
        rid = b.get("id") if isinstance(b, dict) else None
        # another agency's obligation is refused
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "1", "due": "2014-12-31",
                           "agency": "БП", "status": "done", "text": "x"})
        t.check(st == 403 and "may not report" in b["error"], f"foreign agency: {st} {b}")
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-02-01",
                           "agency": "ІІМ", "status": "done"})
        t.check(st == 400 and "not a due date" in b["error"], f"bad due date: {st} {b}")
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30"})
        t.check(st == 400, f"missing fields: {st}")
        st, b = ex.request("POST", f"/api/v1/reports/{rid}/accept")
        t.check(st == 403, f"executor accepts: {st}")
        # the coordinator sees it, returns it with a reason, then accepts the next one
        co = Client(s.port)
        co.login("coord", "password-coord")
        st, b = co.request("GET", "/api/v1/status?as_of=2015-06-01")
        t.check(st == 200 and b["counts"]["awaiting-acceptance"] == 1, f"status: {b.get('counts')}")
        st, b = co.request("POST", f"/api/v1/reports/{rid}/return", {"reason": "no copy of the order"})
        t.check(st == 200 and b["review"] == "returned", f"return: {st} {b}")
        st, b = co.request("POST", f"/api/v1/reports/{rid}/return", {"reason": "again"})
        t.check(st == 409, f"return twice: {st}")
        st, b = co.request("GET", f"/api/v1/reports/{rid}")
        t.check(b["reviews"][0]["reason"] == "no copy of the order", f"history: {b}")
        st, b = co.request("POST", f"/api/v1/reports/{rid}/accept")
        t.check(st == 409 and "new report" in b["error"], f"accept a returned report: {st} {b}")
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30",
                           "agency": "ІІМ", "status": "done", "evidence": "бұйрық № 123, көшірмесі"})
        t.check(st == 201, f"the new report: {st} {b}")
        rid2 = b.get("id") if isinstance(b, dict) else None
        st, b = co.request("POST", f"/api/v1/reports/{rid2}/accept")
        t.check(st == 200, f"accept: {st}")
        st, b = co.request("POST", f"/api/v1/reports/{rid2}/return", {"reason": "late doubt"})
        t.check(st == 409 and "reopen" in b["error"], f"return an accepted report: {st} {b}")
        # the documented curl recipe sends JSON as a form: the body is read as JSON
        st, b = co.request("POST", f"/api/v1/reports/{rid2}/reopen",
                           raw='{"reason": "the copy is unreadable"}'.encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        t.check(st == 200 and b["review"] == "reopened", f"reopen: {st} {b}")
        # the audit log names who did what
        st, b = co.request("GET", "/api/v1/audit")
        actions = [(e["who"], e["action"]) for e in b]
        t.check(("iim", "report.submit") in actions and ("coord", "report.return") in actions
                and ("coord", "report.accept") in actions, f"audit: {actions}")
        st, b = ex.request("GET", "/api/v1/audit")
        t.check(st == 403, f"executor reads the audit log: {st}")
        # viewer reads, never writes
        vi = Client(s.port)
        vi.login("view", "password-view")
        t.check(vi.request("GET", "/api/v1/activities?agency=ІІМ&lead=1")[0] == 200, "viewer reads")
        st, b = vi.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30",
                           "agency": "ІІМ", "status": "done"})
        t.check(st == 403, f"viewer writes: {st}")
        # API tokens for scripts: no cookie, no CSRF
        st, b = ex.request("POST", "/api/v1/tokens")
        t.check(st == 201 and len(b["token"]) == 64, f"token: {st}")
        script = Client(s.port)
        script.token = b["token"]
        st, b = script.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30",
                               "agency": "ІІМ", "status": "partly"})
        t.check(st == 201, f"token submit: {st} {b}")
        # logout ends the session
        ex2 = Client(s.port)
        ex2.login("bp", "password-bp")
        old = ex2.cookie
        ex2.request("DELETE", "/api/v1/session")
        ex2.cookie = old
        t.check(ex2.request("GET", "/api/v1/status")[0] == 401, "session after logout")
        # a disabled user's sessions end
        ad = Client(s.port)
        ad.login("admin", "password-admin")
        vi_cookie = vi.cookie
        st, b = ad.request("POST", "/api/v1/users/view/disable")
        t.check(st == 200, f"disable: {st}")
        vi.cookie = vi_cookie
        t.check(vi.request("GET", "/api/v1/status")[0] == 401, "disabled user's session")
        t.check(vi.login("view", "password-view")[0] == 401, "disabled user logs in")
        # throttling: five failures, then 429 even with the right password
        th = Client(s.port)
        for _ in range(5):
            th.login("bp", "nope-nope")
        st, b = th.login("bp", "password-bp")
        t.check(st == 429, f"throttle: {st} {b}")
        # unknown routes and methods
        t.check(co.request("GET", "/api/v1/nothing")[0] == 404, "404")
        st, b = co.request("PUT", "/api/v1/reports")
        t.check(st == 405 and "allowed" in b["error"], f"405: {st} {b}")
        # bad JSON and limits
        st, b = co.request("POST", "/api/v1/reports", raw=b"{not json", headers={"Content-Type": "application/json"})
        t.check(st == 400 and "invalid JSON" in b["error"], f"bad json: {st} {b}")
        # a body over the limit is refused from its Content-Length, before it is sent
        sock = socket.create_connection(("127.0.0.1", s.port))
        sock.sendall(b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nCookie: " +
                     co.cookie.encode() + b"\r\nX-CSRF-Token: " + co.csrf.encode() +
                     b"\r\nContent-Length: " + str(9 * 1024 * 1024).encode() + b"\r\n\r\n")
        ans = sock.recv(4096)
        sock.close()
        t.check(ans.startswith(b"HTTP/1.1 413"), f"large body: {ans[:40]}")
        sock = socket.create_connection(("127.0.0.1", s.port))
        sock.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        resp = sock.recv(4096).decode(errors="replace")
        sock.close()
        t.check(resp.startswith("HTTP/1.1 400"), f"CL+TE: {resp[:40]}")
        # the consolidated report
        st, b = co.request("GET", "/api/v1/export?format=csv&as_of=2014-07-01")
        t.check(st == 200 and isinstance(b, str) and b.startswith("number,direction"), f"csv export: {st}")
        c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
        c.request("GET", "/api/v1/export?format=xlsx", headers={"Cookie": co.cookie})
        resp = c.getresponse()
        data = resp.read()
        t.check(resp.status == 200 and data[:2] == b"PK", f"xlsx export: {resp.status}")
        # the login form needs its own CSRF token (cookie and form alike)
        st, b = anon.request("POST", "/login", raw=b"login=iim&password=password-iim",
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
        t.check(st == 403, f"login form without its token: {st}")
        # the calendar answers in date order, the whole plan and one agency
        for q in ("", "?agency=ІІМ"):
            st, b = co.request("GET", "/api/v1/calendar" + q)
            dues = [e["due"] for e in b] if st == 200 and isinstance(b, list) else None
            t.check(dues is not None and len(dues) > 100 and dues == sorted(dues),
                    f"calendar{q} in date order: {st} {dues[:8] if dues else b}")
        # calendar as iCalendar
        st, b = co.request("GET", "/api/v1/calendar.ics?agency=ТЖМ")
        t.check(st == 200 and "BEGIN:VCALENDAR" in b, "ics")
        # an agency no activity names is refused as the CLI refuses it; a
        # folded spelling of a real one is not
        for route in ("/api/v1/status", "/api/v1/activities", "/api/v1/calendar",
                      "/api/v1/calendar.ics"):
            st, b = co.request("GET", route + "?agency=nope")
            t.check(st == 404 and "names 'nope' as an executor" in str(b),
                    f"{route}?agency=nope: {st} {b}")
            st, b = co.request("GET", route + "?agency=ііМ")
            t.check(st == 200, f"{route}?agency=ііМ: {st}")
    finally:
        rc = s.stop()
    t.check(rc == 0, f"clean stop on SIGTERM: exit {rc}")
    after_repeal(binary, t)
    return t.done()

def after_repeal(binary, t):
    """A server whose today is after the plan's repeal (2016-08-18)."""
    s = Server(os.path.abspath(binary), today="2017-01-01")
    r = s.cli("user", "add", "iim", "--role", "executor", "--agency", "ІІМ", stdin="password-iim\n")
    t.check(r.returncode == 0, f"user add iim: {r.stderr}")
    s.cli("user", "add", "coord", "--role", "coordinator", stdin="password-coord\n")
    s.start()
    try:
        ex = Client(s.port)
        ex.login("iim", "password-iim")
        co = Client(s.port)
        co.login("coord", "password-coord")
        # the calendars leave out the due dates the repeal made void
        st, b = ex.request("GET", "/api/v1/calendar?agency=ІІМ")
        t.check(st == 200 and b and all(x["due"] <= "2016-08-18" for x in b), "calendar after the repeal")
        st, b = ex.request("GET", "/api/v1/calendar?agency=ІІМ&as_of=2016-01-01")
        t.check(st == 200 and any(x["due"] == "2016-12-31" for x in b), "calendar before the repeal")
        st, b = ex.request("GET", "/api/v1/calendar.ics")
        t.check(st == 200 and "DTSTART;VALUE=DATE:20161231" not in b, "ics after the repeal")
        # a report made after the repeal is accepted and marked: it changes no state
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "16", "due": "2015-12-31",
                           "agency": "ІІМ", "status": "done"})
        t.check(st == 201 and b["after_repeal"] is True and "does not change any state" in b["note"],
                f"after the repeal: {st} {b}")
        late = b.get("id") if isinstance(b, dict) else None
        st, b = ex.request("GET", f"/api/v1/reports/{late}")
        t.check(st == 200 and b["after_repeal"] is True, f"after the repeal, read back: {b}")
        # (older than the reporting window: a coordinator records it, with a reason)
        st, b = co.request("POST", "/api/v1/reports", {"activity": "16", "due": "2015-12-31",
                           "agency": "ІІМ", "status": "done", "date": "2016-08-01",
                           "late_reason": "the paper report of August 2016"})
        t.check(st == 201 and b["after_repeal"] is False and "note" not in b, f"before the repeal: {b}")
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "16", "due": "2016-12-31",
                           "agency": "ІІМ", "status": "done"})
        t.check(st == 400 and "is void" in b["error"], f"void due date: {st} {b}")
    finally:
        s.stop()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
