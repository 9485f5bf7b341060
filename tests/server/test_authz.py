#!/usr/bin/env python3
"""The authorization matrix: every route x method x role x own/foreign
object, against the policy written here independently of the server's
route table.  An unauthorized success is a failure; so is a denial that is
not a clear 401 (not logged in) or 403 (not allowed).
Usage: test_authz.py JOSPAR_BINARY ROUTES_C

EVIDENCE-OF: ARCHITECTURE "nobody reaches what is not theirs ... a clear 403"
"""
import json, os, re, sys, urllib.parse
from lib import Server, Client, Results

ANY = {"viewer", "executor", "coordinator", "admin"}
# (method, path template, {roles allowed}, body builder); {R} = a report id
POLICY = [
    ("GET", "/api/v1/session", ANY, None),
    ("GET", "/api/v1/plan", ANY, None),
    ("GET", "/api/v1/activities", ANY, None),
    ("GET", "/api/v1/activities/{A}", ANY, None),
    ("GET", "/api/v1/calendar", ANY, None),
    ("GET", "/api/v1/calendar.ics", ANY, None),
    ("GET", "/api/v1/status", ANY, None),
    ("GET", "/api/v1/reports", ANY, None),
    ("GET", "/api/v1/reports/{R}", ANY, None),
    ("GET", "/api/v1/indicators", ANY, None),
    ("POST", "/api/v1/indicators/{I}/actual", {"coordinator", "admin"}, "actual"),
    ("GET", "/api/v1/export?format=csv", ANY, None),
    ("GET", "/api/v1/budget", ANY, None),
    ("GET", "/api/v1/findings", ANY, None),
    ("GET", "/api/v1/plans", ANY, None),
    ("GET", "/api/v1/audit", {"coordinator", "admin"}, None),
    ("GET", "/api/v1/users", {"admin"}, None),
    ("POST", "/api/v1/users", {"admin"}, "user"),
    ("POST", "/api/v1/users/{U}/disable", {"admin"}, None),
    ("POST", "/api/v1/reports", {"executor:own", "coordinator", "admin"}, "report"),
    ("POST", "/api/v1/reports/{R}/accept", {"coordinator", "admin"}, None),
    ("POST", "/api/v1/reports/{R}/return", {"coordinator", "admin"}, "reason"),
    ("POST", "/api/v1/reports/{R}/reopen", {"coordinator", "admin"}, "reason"),
    ("POST", "/api/v1/indicators/{I}/target", {"coordinator", "admin"}, "target"),
    ("POST", "/api/v1/tokens", ANY, None),
    ("GET", "/api/v1/tokens", ANY, None),
    # {T}: a token of the acting user (own) or of another user (foreign)
    ("DELETE", "/api/v1/tokens/{T}", {"any:own", "admin"}, None),
    # {P}: the acting user itself (own) or another user (foreign)
    ("POST", "/api/v1/users/{P}/password", {"any:own", "admin"}, "password"),
    ("DELETE", "/api/v1/session", ANY, None),
    ("POST", "/api/v1/session", ANY | {"anonymous"}, "login"),
    # the pages: anonymous users are sent to /login (303)
    ("GET", "/login", ANY | {"anonymous"}, None),
    ("POST", "/login", ANY | {"anonymous"}, "form-login"),   # with the form's own token
    ("POST", "/logout", ANY, "form"),
    ("GET", "/", ANY, None),
    ("GET", "/activities", ANY, None),
    ("GET", "/activities/{A}", ANY, None),
    ("GET", "/agencies/{G}", ANY, None),
    ("GET", "/budget", ANY, None),
    ("GET", "/indicators", ANY, None),
    ("GET", "/findings", ANY, None),
    ("GET", "/admin/users", {"admin"}, None),
    ("GET", "/admin/audit", {"coordinator", "admin"}, None),
    ("GET", "/admin/plans", {"admin"}, None),
    ("POST", "/admin/users", {"admin"}, "form-user"),
    ("POST", "/admin/users/{U}/disable", {"admin"}, "form"),
    ("POST", "/admin/plans", {"admin"}, "form-plan"),
    ("POST", "/admin/amendments", {"admin"}, "form-amend"),
    ("POST", "/api/v1/plans", {"admin"}, "plan"),
    ("POST", "/api/v1/amendments", {"admin"}, "amend"),
    ("POST", "/reports", {"executor:own", "coordinator", "admin"}, "form-report"),
    ("POST", "/reports/{R}/accept", {"coordinator", "admin"}, "form"),
    ("POST", "/reports/{R}/return", {"coordinator", "admin"}, "form-reason"),
    ("POST", "/reports/{R}/reopen", {"coordinator", "admin"}, "form-reason"),
]

def plan_doc(n):
    return json.dumps({"format": "jospar-plan", "format_version": 1, "id": f"m-{n}", "number": "1",
        "approved": "2021-01-01", "title": "Matrix", "period": {"from": 2021, "to": 2022},
        "directions": [{"code": "1", "title": "One"}],
        "activities": [{"number": "1", "direction": "1", "title": "A", "executors": "X",
                        "deadline": "2021 жыл"}]})

def amend_doc(n):
    return json.dumps({"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
        "number": f"M{n}", "date": "2015-01-01", "change": [{"number": "6", "title": f"T{n}"}]})

def main(binary, routes_c):
    t = Results()
    table = set(re.findall(r'\{ "(GET|POST|DELETE|PUT)", "(/[^"]*)"', open(routes_c).read()))
    covered = {(m, re.sub(r"\{[A-Z]\}", "{}", p.split("?")[0])) for m, p, _, _ in POLICY}
    t.check(table == covered, f"the matrix covers the route table: missing {table - covered}, extra {covered - table}")
    s = Server(os.path.abspath(binary))
    users = {"viewer": ("v1", None), "executor": ("e1", "ІІМ"), "coordinator": ("c1", None), "admin": ("a1", None)}
    for role, (login, agency) in users.items():
        args = ["user", "add", login, "--role", role] + (["--agency", agency] if agency else [])
        s.cli(*args, stdin=f"password-{login}\n")
    s.cli("user", "add", "victim", "--role", "viewer", stdin="password-victim\n")
    s.cli("user", "add", "other", "--role", "viewer", stdin="password-other\n")
    s.start()
    unauthorized = 0
    tried = 0
    try:
        coord = Client(s.port)
        coord.login("c1", "password-c1")
        for role in ["anonymous"] + list(users):
            for own in (True, False):
                for method, path, allowed, body in POLICY:
                    # a fresh report for each request that acts on one
                    st, rep = coord.request("POST", "/api/v1/reports", {
                        "activity": "6" if own else "1", "due": "2014-06-30" if own else "2014-12-31",
                        "agency": "ІІМ" if own else "БП", "status": "done"})
                    rid = rep["id"]
                    c = Client(s.port)
                    if role != "anonymous":
                        login = users[role][0]
                        c.login(login, f"password-{login}")
                    if "reopen" in path:   # only an accepted report is reopened
                        coord.request("POST", f"/api/v1/reports/{rid}/accept")
                    tid = ""
                    if "{T}" in path:
                        if own and role != "anonymous":
                            tid = str(c.request("POST", "/api/v1/tokens")[1]["id"])
                        else:
                            out = s.cli("user", "token", "other").stderr
                            tid = re.search(r"token (\d+) of", out).group(1)
                    me = users[role][0] if role != "anonymous" else "victim"
                    p = path.replace("{T}", tid).replace("{P}", me if own else "victim")
                    if "{U}" in path:   # a user of its own: disabling twice is refused
                        victim = f"victim{tried}"
                        s.cli("user", "add", victim, "--role", "viewer", stdin="password-victim\n")
                        p = p.replace("{U}", victim)
                    p = p.replace("{R}", str(rid)).replace("{A}", "6" if own else "1") \
                            .replace("{U}", "victim").replace("{G}", "ІІМ" if own else "БП").replace("{I}", "R1.1.1")
                    b = None
                    if body == "report":
                        b = {"activity": "6" if own else "1", "due": "2014-06-30" if own else "2014-12-31",
                             "agency": "ІІМ" if own else "БП", "status": "done"}
                    elif body == "user":
                        b = {"login": f"new{tried}", "password": "password-new", "role": "viewer"}
                    elif body == "reason":
                        b = {"reason": "matrix"}
                    elif body == "login":
                        b = {"login": "v1", "password": "password-v1"}
                    elif body == "actual":
                        b = {"year": 2016, "value": "9.5", "source": "matrix"}
                    elif body == "target":
                        b = {"year": 2016, "value": "9.5", "reason": "matrix"}
                    elif body == "password":   # the same password: later logins still work
                        b = {"password": f"password-{me}" if own else "password-victim"}
                    form = None
                    if body in ("plan", "amend"):
                        doc = plan_doc(tried) if body == "plan" else amend_doc(tried)
                        form = doc.encode()
                    if body and body.startswith("form"):
                        fields = {"csrf": c.csrf or ""}
                        if body == "form-login":
                            # the login form's token: from GET /login, in a cookie and the form
                            import http.client as hc
                            cn = hc.HTTPConnection("127.0.0.1", s.port, timeout=30)
                            cn.request("GET", "/login")
                            rs = cn.getresponse()
                            page = rs.read().decode()
                            tok = re.search(r'name="csrf" value="([0-9]+\.[0-9a-f]{64})"', page).group(1)
                            c.extra_cookie = rs.getheader("Set-Cookie").split(";")[0]
                            cn.close()
                            fields = {"login": "v1", "password": "password-v1", "csrf": tok}
                        elif body == "form-report":
                            fields.update({"activity": "6" if own else "1",
                                           "due": "2014-06-30" if own else "2014-12-31",
                                           "agency": "ІІМ" if own else "БП", "status": "done"})
                        elif body == "form-reason":
                            fields["reason"] = "matrix"
                        elif body == "form-plan":
                            fields["document"] = plan_doc(tried)
                        elif body == "form-amend":
                            fields["document"] = amend_doc(tried)
                        elif body == "form-user":
                            fields.update({"login": f"form{tried}", "password": "password-new",
                                           "role": "viewer"})
                        form = urllib.parse.urlencode(fields).encode()
                    if form is not None and body in ("plan", "amend"):
                        st, resp = c.request(method, p, raw=form, headers={
                            "Content-Type": "application/json", "X-CSRF-Token": c.csrf or "none"})
                    elif form is not None:
                        st, resp = c.request(method, p, raw=form, headers={
                            "Content-Type": "application/x-www-form-urlencoded",
                            "X-CSRF-Token": c.csrf or "none"})
                    else:
                        st, resp = c.request(method, p, b)
                    tried += 1
                    # a page that sends the anonymous to /login has denied them
                    ok = st < 400 and not (st == 303 and role == "anonymous" and path != "/login")
                    may = role in allowed or (role == "executor" and own and "executor:own" in allowed) \
                        or (role != "anonymous" and own and "any:own" in allowed)
                    if ok and not may:
                        unauthorized += 1
                        print(f"UNAUTHORIZED {role} {'own' if own else 'foreign'} {method} {path} -> {st}")
                    if not ok and may:
                        t.check(False, f"{role} {'own' if own else 'foreign'} {method} {path} denied: {st} {resp}")
                    if not ok and not may:
                        want = (401, 303) if role == "anonymous" else (403,)
                        t.check(st in want, f"{role} {method} {path}: {st}, want {want}")
                    if "{P}" in path and ok:   # a password change ended the sessions
                        coord = Client(s.port)
                        coord.login("c1", "password-c1")
                    if path.endswith("/users/{U}/disable") and ok:
                        # re-enable the victim for the next rows
                        s.cli("user", "add", "victim2", "--role", "viewer", stdin="password-x\n")
    finally:
        s.stop()
    t.check(unauthorized == 0, f"{unauthorized} unauthorized successes")
    print(f"{tried} requests: {unauthorized} unauthorized successes")
    return t.done()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
