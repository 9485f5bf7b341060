#!/usr/bin/env python3
"""Many plans in one server: GET /api/v1/plans lists the stored plans, and
/api/v1/plans/ID/... is the API about plan ID (reads, writes, its own
cached answers) while the other paths stay about the plan the server
serves; an unknown plan is a 404.
Usage: test_plans_api.py JOSPAR_BINARY"""
import os, sys, urllib.parse
from lib import Server, Client, Results, tiny_plan


def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary), today="2021-07-01")   # in the other plan's years
    other = "multi-1"
    with open(os.path.join(s.dir, "other.json"), "w", encoding="utf-8") as f:
        # executed by ІІМ, an agency of plan 292 too: its users act in both
        f.write(tiny_plan("multi", "Another plan").replace("{n}", "1")
                .replace('"executors": "X"', '"executors": "ІІМ"'))
    r = s.cli("status")
    t.check(r.returncode == 0, "the embedded plan stored")
    r = s.cli("load", "--keep-current", os.path.join(s.dir, "other.json"))
    t.check(r.returncode == 0, f"a second plan stored: {r.stderr}")
    s.start()
    try:
        ad = Client(s.port)
        t.check(ad.login("admin", "admin-password-1")[0] == 200, "admin logs in")
        st, plans = ad.request("GET", "/api/v1/plans")
        t.check(st == 200 and sorted(p["id"] for p in plans) == ["kz-2014-292", other],
                f"both plans listed: {st} {plans}")
        served = [p["id"] for p in plans if p["served"]]
        t.check(served == ["kz-2014-292"], f"the served one marked: {served}")
        mine = [p for p in plans if p["id"] == other][0]
        t.check(mine["activities"] == 1 and mine["api"] == f"/api/v1/plans/{other}/",
                f"with its size and its API: {mine}")

        st, acts = ad.request("GET", f"/api/v1/plans/{other}/activities")
        t.check(st == 200 and [a["title"] for a in acts] == ["A"], f"its activities: {st} {acts}")
        st, acts = ad.request("GET", "/api/v1/activities")
        t.check(st == 200 and len(acts) == 133, f"the old path: the served plan's: {len(acts)}")
        st1, a = ad.request("GET", "/api/v1/status")
        st2, b = ad.request("GET", "/api/v1/plans/kz-2014-292/status")
        t.check(st1 == st2 == 200 and a == b, "the served plan by its id answers alike")
        st, b = ad.request("GET", f"/api/v1/plans/{other}/status")
        t.check(st == 200 and b != a, f"the other plan's status is its own: {st}")
        st, b = ad.request("GET", "/api/v1/plans/no-such-plan/status")
        t.check(st == 404 and "no-such-plan" in b.get("error", ""), f"an unknown plan: {st} {b}")
        quoted = "/api/v1/plans/" + urllib.parse.quote("kz-2014-292", safe="") + "/activities/6"
        st, b = ad.request("GET", quoted)
        t.check(st == 200 and b.get("number") == "6", f"an encoded id: {st}")

        # a write about the other plan stays in it; its cached answer changes
        st, _ = ad.request("POST", "/api/v1/users", {"login": "xer", "password": "password-xer",
                                                    "role": "executor", "agency": "ІІМ"})
        t.check(st == 201, f"an executor of ІІМ: {st}")
        ex = Client(s.port)
        t.check(ex.login("xer", "password-xer")[0] == 200, "the executor logs in")
        st, before = ex.request("GET", f"/api/v1/plans/{other}/reports")
        t.check(st == 200 and before == [], f"no report yet: {st} {before}")
        st, rep = ex.request("POST", f"/api/v1/plans/{other}/reports", {
            "activity": "1", "due": "2021-12-31", "agency": "ІІМ", "status": "in-progress",
            "text": "about the other plan", "date": "2021-06-01"})
        t.check(st == 201, f"a report on the other plan: {st} {rep}")
        st, after = ex.request("GET", f"/api/v1/plans/{other}/reports")
        t.check(st == 200 and [x["text"] for x in after] == ["about the other plan"],
                f"it is there: {after}")
        st, r292 = ex.request("GET", "/api/v1/reports")
        t.check(st == 200 and all(x.get("text") != "about the other plan" for x in r292),
                "and not in the served plan")
        st, got = ex.request("GET", f"/api/v1/plans/{other}/reports/{rep['id']}")
        t.check(st == 200 and got.get("activity") == "1", f"read back by id: {st}")
        r = s.cli("--plan", other, "report", "list", "--json")
        t.check(r.returncode == 0 and "about the other plan" in r.stdout,
                "the CLI sees it in that plan")
    finally:
        s.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
