#!/usr/bin/env python3
"""The two-instance configuration of docs/deployment.md (its second nginx
block), as written there, runs under tests/with-postgres.sh: Debian's nginx
(every path in a temporary directory, `daemon off`, stopped by the test)
with a throwaway certificate in front of two `jospar serve` on one
PostgreSQL database. Requests are spread over both; a login through nginx
holds whichever instance answers; with one instance killed by SIGKILL,
reads and report filings go on through the other, and every report
acknowledged through nginx is stored.
Usage: test_nginx_two.py JOSPAR_BINARY DEPLOYMENT_MD"""
import http.client, json, os, re, signal, ssl, sys
from lib import Server, Results, nginx_binary, nginx_cert, nginx_start, nginx_wait, nginx_stop, free_port



def main(binary, doc):
    if not os.environ.get("JOSPAR_TEST_PG"):
        print("test_nginx_two: needs tests/with-postgres.sh", file=sys.stderr)
        return 77
    nginx = nginx_binary()
    if not nginx:
        print("nginx is not installed (scripts/deps.sh test)")
        return 77
    t = Results()
    blocks = re.findall(r"```nginx\n(.*?)```", open(doc, encoding="utf-8").read(), re.S)
    t.check(len(blocks) >= 2, "docs/deployment.md has the two-instance configuration")
    conf = blocks[1]
    a = Server(os.path.abspath(binary))
    b = Server(os.path.abspath(binary))
    b.env["JOSPAR_DB"] = a.env["JOSPAR_DB"]
    pre = os.path.join(a.dir, "nginx")
    os.makedirs(pre)
    cert, key = nginx_cert(pre)
    a.start()
    b.start()
    https = free_port()
    for old, new in (("127.0.0.1:8292", f"127.0.0.1:{a.port}"),
                     ("127.0.0.1:8293", f"127.0.0.1:{b.port}"),
                     ("listen 443 ssl", f"listen 127.0.0.1:{https} ssl"),
                     ("/etc/ssl/jospar/fullchain.pem", cert),
                     ("/etc/ssl/jospar/privkey.pem", key)):
        t.check(old in conf, f"the documented configuration has '{old}'")
        conf = conf.replace(old, new)
    ng = nginx_start(nginx, pre, conf)
    ctx = ssl.create_default_context(cafile=cert)

    def req(method, path, body=None, cookie=None, csrf=None):
        c = http.client.HTTPSConnection("127.0.0.1", https, context=ctx, timeout=30)
        h = {"Host": "jospar.example.kz"}
        if body is not None:
            h["Content-Type"] = "application/json"
        if cookie:
            h["Cookie"] = cookie
        if csrf:
            h["X-CSRF-Token"] = csrf
        c.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        try:
            data = json.loads(data) if data else None
        except ValueError:
            pass
        return r.status, data, r.getheaders()

    def served(s):
        with open(os.path.join(s.dir, "access.log"), encoding="utf-8") as f:
            return sum(1 for line in f if "/api/v1/status" in line)

    try:
        problem = nginx_wait(ng, pre, lambda: req("GET", "/login"))
        up = not problem
        t.check(up, "nginx started: " + problem)
        if not up:
            return t.done()
        st, body, hs = req("POST", "/api/v1/session",
                           {"login": "admin", "password": "admin-password-1"})
        t.check(st == 200, f"admin logs in through nginx: {st}")
        cookie = [v for k, v in hs if k.lower() == "set-cookie"][0].split(";")[0]
        csrf = body["csrf"]
        st, _, _ = req("POST", "/api/v1/users", {"login": "iim", "password": "password-iim",
                                                 "role": "executor", "agency": "ІІМ"},
                       cookie, csrf)
        t.check(st == 201, f"an executor added through nginx: {st}")
        st, body, hs = req("POST", "/api/v1/session", {"login": "iim", "password": "password-iim"})
        ecookie = [v for k, v in hs if k.lower() == "set-cookie"][0].split(";")[0]
        ecsrf = body["csrf"]
        ok = all(req("GET", "/api/v1/status", cookie=ecookie)[0] == 200 for _ in range(20))
        t.check(ok, "20 reads through nginx, one session")
        na, nb = served(a), served(b)
        t.check(na > 0 and nb > 0, f"both instances served them: {na} and {nb}")
        acked = []

        def file(n):
            st, body, _ = req("POST", "/api/v1/reports", {
                "activity": "6", "due": "2014-06-30", "agency": "ІІМ",
                "status": "in-progress", "text": f"through nginx {n}"}, ecookie, ecsrf)
            if st == 201:
                acked.append(body["id"])
            return st
        sts = [file(n) for n in range(10)]
        t.check(sts == [201] * 10, f"10 reports filed through nginx: {sts}")
        a.proc.send_signal(signal.SIGKILL)
        a.proc.wait()
        sts = [file(n) for n in range(10, 30)]
        t.check(sts == [201] * 20, f"with A killed, 20 more filed through B: {sts}")
        ok = all(req("GET", "/api/v1/status", cookie=ecookie)[0] == 200 for _ in range(10))
        t.check(ok, "and reads go on, the session held")
        missing = [i for i in acked
                   if req("GET", f"/api/v1/reports/{i}", cookie=ecookie)[0] != 200]
        t.check(len(acked) == 30 and not missing, f"{len(acked)} acknowledged, missing {missing}")
    finally:
        nginx_stop(ng)
        a.stop()
        b.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
