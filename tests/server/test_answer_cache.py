#!/usr/bin/env python3
"""The answer cache: a repeated GET is served from memory (X-Cache: hit)
until a write of any kind, through the API, the pages or the CLI on the
same database while the server runs (another process), makes the answer
change (X-Cache: miss, a new body); answers of one user are never served
to another (a page carries its session's CSRF token and its user's login;
an answer a role may not see stays refused).

Usage: test_answer_cache.py JOSPAR_BINARY
"""
import json, os, sys, urllib.parse
from lib import Server, Client, Results, tiny_plan, title_amendment

PLAN = tiny_plan("cache", "Cache {n}")
AMEND = title_amendment("C{n}", "Title {n}")


def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    for login, role, agency in [("iim", "executor", "ІІМ"), ("bp", "executor", "БП"),
                                ("coord", "coordinator", None), ("adm", "admin", None),
                                ("view", "viewer", None)]:
        s.cli(*(["user", "add", login, "--role", role] + (["--agency", agency] if agency else [])),
              stdin=f"password-{login}\n")
    s.start()
    try:
        ex, bp, co, ad, vi = (Client(s.port) for _ in range(5))
        for c, login in ((ex, "iim"), (bp, "bp"), (co, "coord"), (ad, "adm"), (vi, "view")):
            t.check(c.login(login, f"password-{login}")[0] == 200, f"login {login}")

        def get(c, path):
            st, b = c.request("GET", path)
            return st, b, c.headers.get("x-cache")

        def cached(c, path, what):
            """GETs path twice: the second is a hit with the same answer."""
            st1, b1, _ = get(c, path)
            st2, b2, x2 = get(c, path)
            t.check(st1 == 200 and st2 == 200 and x2 == "hit" and b1 == b2,
                    f"{what}: GET {path} again is a hit with the same answer ({st1} {st2} {x2})")
            return b2

        def changed(c, path, before, what):
            """After a write: a miss with a new answer, then a hit again."""
            st, b, x = get(c, path)
            t.check(st == 200 and x == "miss", f"{what}: GET {path} after the write is a miss ({st} {x})")
            t.check(b != before, f"{what}: GET {path} changed after the write")
            st, b2, x = get(c, path)
            t.check(x == "hit" and b2 == b, f"{what}: GET {path} is a hit again ({x})")
            return b

        def report(c=ex, status="done"):
            st, b = c.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30",
                              "agency": "ІІМ", "status": status, "date": "2015-05-30"})
            t.check(st == 201, f"file a report: {st} {b}")
            return b["id"]

        def cli(*args, stdin=None):
            r = s.cli(*args, stdin=stdin)
            t.check(r.returncode == 0, f"jospar {' '.join(args)}: {r.returncode} {r.stderr}")
            return r

        def write_file(name, text):
            path = os.path.join(s.dir, name)
            with open(path, "w") as f:
                f.write(text)
            return path

        # writes that are not cached, and answers that are not cacheable
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "6"})
        t.check(st == 400 and ex.headers.get("x-cache") is None, "a write has no X-Cache")
        get(ex, "/api/v1/session")
        t.check(get(ex, "/api/v1/session")[2] is None, "the session is never cached")

        # a report filed: through the API, the pages, the CLI
        path = "/api/v1/reports?activity=6"
        b = cached(ex, path, "report (API)")
        report()
        b = changed(ex, path, b, "report (API)")
        form = urllib.parse.urlencode({"activity": "6", "due": "2014-06-30", "agency": "ІІМ",
                                       "status": "partly", "csrf": ex.csrf}).encode()
        st, _ = ex.request("POST", "/reports", raw=form,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        t.check(st == 303, f"file a report (page): {st}")
        b = changed(ex, path, b, "report (page)")
        cli("report", "submit", "--activity", "6", "--due", "2014-06-30", "--agency", "ІІМ",
            "--status", "not-done")
        b = changed(ex, path, b, "report (CLI)")
        # the overview moves with them
        b = cached(vi, "/api/v1/status", "status")
        st, _ = ex.request("POST", "/api/v1/reports", {"activity": "8", "due": "2014-12-31",
                           "agency": "ІІМ", "status": "done", "date": "2015-05-30"})
        t.check(st == 201, f"file a report on 8: {st}")
        changed(vi, "/api/v1/status", b, "status after a report")

        # reviews: accept and return, through the API and the CLI
        for verb, body in (("accept", {}), ("return", {"reason": "more evidence"})):
            rid = report()
            one = f"/api/v1/reports/{rid}"
            b = cached(co, one, f"{verb} (API)")
            st, _ = co.request("POST", f"{one}/{verb}", body)
            t.check(st < 300, f"{verb}: {st}")
            changed(co, one, b, f"{verb} (API)")
            rid = report()
            one = f"/api/v1/reports/{rid}"
            b = cached(co, one, f"{verb} (CLI)")
            cli("report", verb, str(rid), *(["--reason", "r"] if verb == "return" else []))
            changed(co, one, b, f"{verb} (CLI)")

        # amendments: the activity's title changes
        one = "/api/v1/activities/6"
        b = cached(vi, one, "amendment (API)")
        st, _ = ad.request("POST", "/api/v1/amendments", raw=AMEND.replace("{n}", "1").encode(),
                           headers={"Content-Type": "application/json"})
        t.check(st < 300, f"amendment: {st}")
        b = changed(vi, one, b, "amendment (API)")
        cli("amend", write_file("a2.json", AMEND.replace("{n}", "2")))
        changed(vi, one, b, "amendment (CLI)")

        # indicator values
        ind = "/api/v1/indicators"
        b = cached(co, ind, "indicator (API)")
        st, _ = co.request("POST", "/api/v1/indicators/R1.1.1/actual",
                           {"year": 2016, "value": "9.5", "source": "s"})
        t.check(st < 300, f"indicator actual: {st}")
        b = changed(co, ind, b, "indicator (API)")
        cli("indicator", "set-actual", "R1.1.1", "--year", "2016", "--value", "1")
        changed(co, ind, b, "indicator (CLI)")

        # plans loaded: the admin's page of stored plans (a page: per session)
        plans = "/admin/plans"
        b = cached(ad, plans, "plan load (API)")
        st, _ = ad.request("POST", "/api/v1/plans", raw=PLAN.replace("{n}", "1").encode(),
                           headers={"Content-Type": "application/json"})
        t.check(st < 300, f"plan load: {st}")
        b = changed(ad, plans, b, "plan load (API)")
        t.check("cache-1" in b, "the new plan is listed")
        cli("load", write_file("p2.json", PLAN.replace("{n}", "2")), "--keep-current")
        b = changed(ad, plans, b, "plan load (CLI)")
        t.check("cache-2" in b, "the plan loaded by the CLI is listed")
        # ... and replaced
        cli("load", write_file("p2b.json", PLAN.replace("{n}", "2").replace("Cache 2", "Cache two")),
            "--keep-current", "--replace")
        b = changed(ad, plans, b, "plan replace (CLI)")
        t.check("Cache two" in b, "the replaced plan is listed")

        # users do not get each other's answers
        page = "/activities/6"
        a1 = cached(ex, page, "a page")
        st, b2, x = get(bp, page)
        t.check(st == 200 and x == "miss", f"another agency's executor: a miss ({x})")
        t.check(ex.csrf in a1 and ex.csrf not in b2 and bp.csrf in b2,
                "each page carries its own session's CSRF token")
        t.check("iim" in a1 and ">iim<" not in b2, "each page names its own user")
        ex2 = Client(s.port)
        ex2.login("iim", "password-iim")
        st, b3, x = get(ex2, page)
        t.check(st == 200 and x == "miss" and ex2.csrf in b3 and ex.csrf not in b3,
                "the same user in another session: a miss with its own CSRF token")
        cached(co, "/api/v1/audit", "the audit log")
        st, _, x = get(vi, "/api/v1/audit")
        t.check(st == 403, f"a viewer is refused the audit log a coordinator has cached: {st}")
        st, _, x = get(ex, "/admin/plans")
        t.check(st == 403, f"an executor is refused the admin page the admin has cached: {st}")
        # the same JSON for the same role and agency is shared, and kept apart otherwise
        get(ex, "/api/v1/calendar")
        t.check(get(ex2, "/api/v1/calendar")[2] == "hit", "one role and agency share JSON answers")
        t.check(get(bp, "/api/v1/calendar")[2] == "miss", "another agency does not")
    finally:
        s.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
