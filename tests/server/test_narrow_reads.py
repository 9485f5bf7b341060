#!/usr/bin/env python3
"""The pages and API routes read only the part of the history they show
(an activity's reports, the reports made by the date, the money, the
indicators' actuals): each answer is compared byte for byte with the one
a second server on the same database gives with JOSPAR_TEST_WHOLE_HISTORY
set (every read whole, the banner from a scan of it), on a history of
synthetic reports, real reports, returns, acceptances, reopenings and
actuals on several activities.  The synthetic-data banner appears exactly
when a synthetic report, review or actual is stored (as recorded by the
moment asked, with ?as_recorded=).

Usage: test_narrow_reads.py JOSPAR_BINARY
"""
import os, sqlite3, sys, urllib.parse
from lib import Server, Client, Results

BANNER = b'<p class="banner" role="note">'


def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    for login, role, agency in [("coord", "coordinator", None), ("iim", "executor", "ІІМ")]:
        r = s.cli("user", "add", login, "--role", role, *(["--agency", agency] if agency else []),
                  stdin=f"password-{login}\n")
        t.check(r.returncode == 0, f"user add {login}: {r.stderr}")
    token = s.cli("user", "token", "coord", "--label", "t").stdout.strip()
    db = s.env["JOSPAR_DB"]
    s.start()
    whole = Server(s.binary, workdir=s.dir)
    whole.env["JOSPAR_TEST_WHOLE_HISTORY"] = "1"
    whole.start()
    try:
        co, cw = Client(s.port), Client(whole.port)
        co.token = cw.token = token
        ex = Client(s.port)
        t.check(ex.login("iim", "password-iim")[0] == 200, "login iim")

        def page(c, path):
            st, b = c.request("GET", path)
            if isinstance(b, str):
                b = b.encode()
            return st, b

        def has_banner(path="/"):
            st, b = page(co, path)
            t.check(st == 200, f"{path}: {st}")
            return isinstance(b, bytes) and BANNER in b

        # the banner: none on a real history, one as soon as anything
        # synthetic is stored, whichever table holds it
        t.check(not has_banner(), "no banner without reports")
        st, b = ex.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30",
                           "agency": "ІІМ", "status": "done", "text": "real one",
                           "spent": "2.5", "date": "2015-05-20"})
        t.check(st == 201, f"report: {st} {b}")
        rid = b["id"]
        st, b = co.request("POST", f"/api/v1/reports/{rid}/accept", {})
        t.check(st == 200, f"accept: {st} {b}")
        st, b = co.request("POST", "/api/v1/indicators/R1.1.1/actual",
                           {"year": 2016, "value": "1", "source": "stat"})
        t.check(st in (200, 201), f"actual: {st} {b}")
        t.check(not has_banner(), "no banner for real reports, reviews and actuals")
        t.check(not has_banner("/activities/6"), "no banner on the activity page")
        for table, where in (("report", f"id = {rid}"), ("review", f"report = {rid}"),
                             ("indicator_actual", "1 = 1")):
            with sqlite3.connect(db) as q:
                q.execute(f"UPDATE {table} SET synthetic = 1 WHERE {where}")
            t.check(has_banner(), f"banner for a synthetic {table}")
            t.check(has_banner("/findings"), f"banner on /findings for a synthetic {table}")
            if table != "indicator_actual":
                # recorded after the moment asked: not counted
                t.check(not has_banner("/?as_recorded=2000-01-01"),
                        f"no banner as recorded before the synthetic {table}")
            else:
                t.check(has_banner("/?as_recorded=2000-01-01"),
                        "actuals count whatever the moment")
            with sqlite3.connect(db) as q:
                q.execute(f"UPDATE {table} SET synthetic = 0 WHERE {where}")
            t.check(not has_banner(), f"no banner once the {table} is real again")
        st, b = page(co, "/?as_recorded=yesterday")
        t.check(st == 400 and b"as_recorded" in b, f"bad as_recorded: {st} {b[:200]}")

        # a history of every kind: synthetic, then real reports, returns,
        # reopenings, on several activities
        r = s.cli("simulate", "--seed", "3", "--as-of", "2016-08-18")
        t.check(r.returncode == 0, f"simulate: {r.stderr}")
        t.check(has_banner(), "banner after simulate")
        ids = [rid]
        for act, due, text in (("6", "2014-06-30", "second"), ("6", "2014-12-31", "third"),
                               ("12", "2014-12-31", "other")):
            st, b = ex.request("POST", "/api/v1/reports", {"activity": act, "due": due,
                               "agency": "ІІМ", "status": "in-progress", "text": text})
            if st == 201:
                ids.append(b["id"])
        t.check(len(ids) >= 3, f"real reports: {ids}")
        st, _ = co.request("POST", f"/api/v1/reports/{ids[1]}/return", {"reason": "no evidence"})
        t.check(st == 200, f"return: {st}")
        st, _ = co.request("POST", f"/api/v1/reports/{rid}/reopen", {"reason": "look again"})
        t.check(st == 200, f"reopen: {st}")
        with sqlite3.connect(db) as q:
            some = [x for (x,) in q.execute(
                "SELECT id FROM report WHERE synthetic = 1 ORDER BY id LIMIT 3")]
            acts = [x for (x,) in q.execute(
                "SELECT activity FROM report GROUP BY activity ORDER BY count(*) DESC LIMIT 3")]
            nrev = q.execute("SELECT count(*) FROM review WHERE synthetic = 1").fetchone()[0]
        t.check(len(some) == 3 and nrev > 0, f"synthetic reports and reviews: {some} {nrev}")
        paths = ["/", "/?as_of=2014-12-31", "/?as_of=2016-09-01", "/?as_of=2013-01-01",
                 "/?as_recorded=2000-01-01", "/activities", "/activities?agency=ІІМ",
                 "/activities/6", "/activities/6?as_of=2014-09-30", "/activities/6?page=2",
                 "/activities/12", "/activities/999", "/agencies/ІІМ",
                 "/agencies/ІІМ?as_of=2014-12-31", "/budget", "/budget?as_of=2015-01-01",
                 "/budget?as_of=2016-09-01", "/indicators", "/indicators?as_of=2015-06-01",
                 "/indicators/2015", "/findings", "/findings?lang=ru", "/api/v1/findings",
                 "/admin/audit",
                 "/api/v1/indicators", "/api/v1/indicators?year=2015",
                 "/api/v1/indicators?as_of=2014-12-31", "/api/v1/reports/abc",
                 "/api/v1/reports/999999", "/api/v1/reports/1?as_recorded=2000-01-01",
                 "/api/v1/status", "/api/v1/budget", "/api/v1/reports?activity=6"]
        paths += [f"/activities/{urllib.parse.quote(a)}" for a in acts]
        paths += [f"/activities/{urllib.parse.quote(a)}?page=2" for a in acts]
        paths += [f"/api/v1/reports/{i}" for i in ids + some]
        for p in paths:
            a, b = page(co, p), page(cw, p)
            t.check(a == b, f"{p}: the narrow answer differs from the whole one "
                    f"({a[0]} {len(a[1] or b'')} bytes vs {b[0]} {len(b[1] or b'')})")
        st, b = page(co, "/activities/6")
        t.check(st == 200 and b"real one" in b and BANNER in b, "activity 6 shows its reports")
    finally:
        whole.stop()
        s.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
