#!/usr/bin/env python3
"""One trusted record.

1. Every write route of the route table and every write command of the CLI
   leaves exactly one audit entry, with actor, moment, action, object, and
   before/after as JSON.  The lists below must cover the route table and the
   CLI's commands: a new write without an audit case fails here.
2. The same inputs through the CLI (--by a stored user) and the API (that
   user logged in) give the same stored report and the same error, with the
   exit status and the HTTP status of one mapping.

Usage: test_ledger.py JOSPAR_BINARY ROUTES_C
"""
import json, os, re, sys, urllib.parse
from lib import Server, Client, Results, tiny_plan, title_amendment

# Writes that change no record: sessions are not facts of the plan.
NOT_AUDITED = {("DELETE", "/api/v1/session"), ("POST", "/logout")}

PLAN = tiny_plan("led", "Ledger")
AMEND = title_amendment("L{n}", "T{n}")

# CLI commands: the ones that write (with arguments that succeed) and the
# ones that only read.  Every command of 'jospar help' is in one of them.
READ_COMMANDS = {"show", "list", "calendar", "budget", "check", "export", "plans", "status",
                 "diff", "indicators", "import-decree", "serve", "help", "version", "audit",
                 "simulate",   # simulate writes synthetic data only (NEEDSWORK in docs)
                 "db"}         # db copy changes no database: it fills a new one with the
                               # source's rows, its audit log included (NEEDSWORK in docs/cli.md)


def audit(s):
    r = s.cli("audit", "--json", "--limit", "100000")
    return json.loads(r.stdout)


def well_formed(e):
    return (e["who"] and e["at"].endswith("Z") and e["action"] and e["object"]
            and "before" in e and "after" in e and isinstance(e["after"], dict)
            and (e["before"] is None or isinstance(e["before"], dict)))


def main(binary, routes_c):
    t = Results()
    s = Server(os.path.abspath(binary))
    for login, role, agency in [("iim", "executor", "ІІМ"), ("coord", "coordinator", None),
                                ("adm", "admin", None), ("other", "viewer", None),
                                ("other2", "viewer", None)]:
        s.cli(*(["user", "add", login, "--role", role] + (["--agency", agency] if agency else [])),
              stdin=f"password-{login}\n")
    s.start()
    try:
        ex, co, ad = Client(s.port), Client(s.port), Client(s.port)
        ex.login("iim", "password-iim")
        co.login("coord", "password-coord")
        ad.login("adm", "password-adm")

        def report(client=ex):
            st, b = client.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30",
                                   "agency": "ІІМ", "status": "done", "date": "2015-05-30"})
            return b["id"]

        def form(client, fields):
            return {"raw": urllib.parse.urlencode(dict(fields, csrf=client.csrf)).encode(),
                    "headers": {"Content-Type": "application/x-www-form-urlencoded"}}

        n = [0]

        def nxt():
            n[0] += 1
            return n[0]

        # (method, pattern, client, prepare -> (path, request kwargs), action)
        def accepted():
            rid = report()
            co.request("POST", f"/api/v1/reports/{rid}/accept")
            return rid

        cases = [
            ("POST", "/api/v1/reports", lambda: (ex, "/api/v1/reports", {"body": {
                "activity": "6", "due": "2014-06-30", "agency": "ІІМ", "status": "done"}}), "report.submit"),
            ("POST", "/api/v1/reports/{}/accept", lambda: (co, f"/api/v1/reports/{report()}/accept", {}), "report.accept"),
            ("POST", "/api/v1/reports/{}/return", lambda: (co, f"/api/v1/reports/{report()}/return",
                                                           {"body": {"reason": "r"}}), "report.return"),
            ("POST", "/api/v1/reports/{}/reopen", lambda: (co, f"/api/v1/reports/{accepted()}/reopen",
                                                           {"body": {"reason": "r"}}), "report.reopen"),
            ("POST", "/api/v1/indicators/{}/actual", lambda: (co, "/api/v1/indicators/R1.1.1/actual",
                {"body": {"year": 2016, "value": "9.5", "source": "s"}}), "indicator.actual"),
            ("POST", "/api/v1/indicators/{}/target", lambda: (co, "/api/v1/indicators/R1.1.1/target",
                {"body": {"year": 2016, "value": "9.5", "reason": "s"}}), "indicator.revise"),
            ("POST", "/api/v1/users", lambda: (ad, "/api/v1/users", {"body": {
                "login": f"u{nxt()}", "password": "password-u", "role": "viewer"}}), "user.add"),
            ("POST", "/api/v1/users/{}/disable", lambda: (ad, "/api/v1/users/other/disable", {}), "user.disable"),
            ("POST", "/api/v1/users/{}/password", lambda: (ad, "/api/v1/users/other/password",
                {"body": {"password": "password-other"}}), "user.passwd"),
            ("POST", "/api/v1/tokens", lambda: (ex, "/api/v1/tokens", {}), "token.create"),
            ("DELETE", "/api/v1/tokens/{}", lambda: (ex, "/api/v1/tokens/" + str(
                ex.request("POST", "/api/v1/tokens")[1]["id"]), {}), "token.revoke"),
            ("POST", "/api/v1/plans", lambda: (ad, "/api/v1/plans", {"raw": PLAN.replace("{n}", str(nxt())).encode(),
                "headers": {"Content-Type": "application/json"}}), "plan.load"),
            ("POST", "/api/v1/amendments", lambda: (ad, "/api/v1/amendments", {"raw": AMEND.replace("{n}", str(nxt())).encode(),
                "headers": {"Content-Type": "application/json"}}), "amendment.add"),
            ("POST", "/reports", lambda: (ex, "/reports", form(ex, {"activity": "6", "due": "2014-06-30",
                "agency": "ІІМ", "status": "partly"})), "report.submit"),
            ("POST", "/reports/{}/accept", lambda: (co, f"/reports/{report()}/accept", form(co, {})), "report.accept"),
            ("POST", "/reports/{}/return", lambda: (co, f"/reports/{report()}/return", form(co, {"reason": "r"})), "report.return"),
            ("POST", "/reports/{}/reopen", lambda: (co, f"/reports/{accepted()}/reopen", form(co, {"reason": "r"})), "report.reopen"),
            ("POST", "/admin/users", lambda: (ad, "/admin/users", form(ad, {"login": f"f{nxt()}",
                "password": "password-f", "role": "viewer"})), "user.add"),
            ("POST", "/admin/users/{}/disable", lambda: (ad, "/admin/users/other2/disable", form(ad, {})), "user.disable"),
            ("POST", "/admin/plans", lambda: (ad, "/admin/plans", form(ad, {"document": PLAN.replace("{n}", str(nxt()))})), "plan.load"),
            ("POST", "/admin/amendments", lambda: (ad, "/admin/amendments", form(ad, {"document": AMEND.replace("{n}", str(nxt()))})), "amendment.add"),
        ]
        text = open(routes_c).read()
        writes = {(m, p) for m, p, flags in re.findall(
            r'\{ "(GET|POST|DELETE|PUT)", "(/[^"]*)", \w+, [^,]+, (\w+)', text)
            if "W" in flags}
        covered = {(m, p) for m, p, _, _ in cases} | NOT_AUDITED
        t.check(writes == covered, f"every write route has an audit case: missing {writes - covered},"
                f" extra {covered - writes}")
        for method, pattern, prep, action in cases:
            client, path, kw = prep()
            before = audit(s)
            st, b = client.request(method, path, **kw)
            after = audit(s)
            new = [e for e in after if e["id"] > (before[0]["id"] if before else 0)]
            t.check(st < 400, f"{method} {pattern}: {st} {b}")
            t.check(len(new) == 1 and new[0]["action"] == action and well_formed(new[0]),
                    f"{method} {pattern}: one {action} entry, got {new}")
        # CLI write commands: each leaves one well-formed entry
        csv = os.path.join(s.dir, "r.csv")
        with open(csv, "w") as f:
            f.write("activity,due,agency,status,date\n6,2014-06-30,ІІМ,partly,2015-05-31\n")
        amend = os.path.join(s.dir, "a.json")
        with open(amend, "w") as f:
            f.write(AMEND.replace("{n}", "cli"))
        plan = os.path.join(s.dir, "p.json")
        with open(plan, "w") as f:
            f.write(PLAN.replace("{n}", "cli"))
        rid = report()
        rid2 = report()
        cli_cases = [
            (["report", "submit", "--activity", "6", "--due", "2014-06-30", "--agency", "ІІМ",
              "--status", "done"], None, "report.submit"),
            (["report", "import", csv], None, "report.import"),
            (["report", "accept", str(rid)], None, "report.accept"),
            (["report", "reopen", str(rid), "--reason", "r"], None, "report.reopen"),
            (["report", "return", str(rid2), "--reason", "r"], None, "report.return"),
            (["indicator", "set-actual", "R1.1.1", "--year", "2016", "--value", "1"], None, "indicator.actual"),
            (["indicator", "revise", "R1.1.1", "--year", "2016", "--value", "2", "--reason", "r"], None, "indicator.revise"),
            (["amend", amend], None, "amendment.add"),
            (["load", plan, "--keep-current"], None, "plan.load"),
            (["user", "add", "cliuser", "--role", "viewer"], "password-cli\n", "user.add"),
            (["user", "passwd", "cliuser"], "password-cli2\n", "user.passwd"),
            (["user", "token", "cliuser"], None, "token.create"),
            (["user", "revoke", "TOKEN"], None, "token.revoke"),
            (["user", "disable", "cliuser"], None, "user.disable"),
        ]
        verbs = {c[0][0] for c in cli_cases}
        helptext = s.cli("help").stdout
        commands = set(re.findall(r"^  ([a-z][a-z-]*)\s", helptext, re.M))
        t.check(commands and commands == verbs | READ_COMMANDS,
                f"every CLI command is classified: {commands ^ (verbs | READ_COMMANDS)}")
        token_id = None
        for args, stdin, action in cli_cases:
            args = [token_id if a == "TOKEN" else a for a in args]
            before = audit(s)
            r = s.cli(*args, stdin=stdin)
            if action == "token.create":
                token_id = re.search(r"token (\d+) of", r.stderr).group(1)
            after = audit(s)
            new = [e for e in after if e["id"] > (before[0]["id"] if before else 0)]
            t.check(r.returncode == 0, f"jospar {' '.join(args)}: {r.returncode} {r.stderr}")
            t.check(len(new) == 1 and new[0]["action"] == action and well_formed(new[0])
                    and new[0]["who"].startswith("cli:"),
                    f"jospar {' '.join(args)}: one {action} entry by cli:..., got {new}")

        # 2. the same inputs through the CLI and the API: same result, same error
        http_of_exit = {0: 201, 3: 400, 4: 404, 5: 409, 6: 403}
        same = [
            ("a report", {"activity": "8", "due": "2014-12-31", "agency": "ІІМ", "status": "done",
                          "text": "ok", "evidence": "акт № 5", "spent": "3.25", "date": "2015-05-20"}),
            ("not a due date", {"activity": "8", "due": "2014-12-30", "agency": "ІІМ", "status": "done"}),
            ("no such activity", {"activity": "999", "due": "2014-12-31", "agency": "ІІМ", "status": "done"}),
            ("another agency", {"activity": "1", "due": "2014-12-31", "agency": "БП", "status": "done"}),
            ("not an executor", {"activity": "8", "due": "2014-12-31", "agency": "БП", "status": "done"}),
            ("older than the window", {"activity": "8", "due": "2014-12-31", "agency": "ІІМ",
                                       "status": "done", "date": "2015-01-10"}),
            ("in the future", {"activity": "8", "due": "2014-12-31", "agency": "ІІМ", "status": "done",
                               "date": "2015-06-02"}),
            ("too long a text", {"activity": "8", "due": "2014-12-31", "agency": "ІІМ", "status": "done",
                                 "text": "ы" * 9000}),
        ]
        for name, rep in same:
            args = ["report", "submit", "--json", "--by", "iim"] + sum(
                ([f"--{k}", v] for k, v in rep.items()), [])
            r = s.cli(*args)
            st, b = ex.request("POST", "/api/v1/reports", rep)
            t.check(http_of_exit.get(r.returncode) == st,
                    f"{name}: exit {r.returncode} and HTTP {st} are not one mapping ({r.stderr} / {b})")
            if r.returncode == 0 and st == 201:
                cli = json.loads(r.stdout)
                strip = lambda d: {k: v for k, v in d.items() if k not in ("id", "recorded_at")}
                t.check(strip(cli) == strip(b), f"{name}: the stored reports differ: {cli} / {b}")
            elif st >= 400:
                msg = r.stderr.strip().split("report submit: ", 1)[-1]
                t.check(msg == b["error"], f"{name}: the errors differ: {msg!r} / {b['error']!r}")
    finally:
        s.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
