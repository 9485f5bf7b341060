#!/usr/bin/env python3
"""The reverse-proxy configuration of docs/deployment.md, as written there,
runs: Debian's nginx (prefix, pid, logs and temp paths all in a temporary
directory, `daemon off`, stopped by the test) terminates TLS with a
throwaway certificate in front of `jospar serve` on 127.0.0.1; pages and
the API work through it, cookies come out Secure, plain HTTP is redirected.
Usage: test_nginx.py JOSPAR_BINARY DEPLOYMENT_MD"""
import http.client, json, os, re, ssl, sys
from lib import Server, Results, nginx_binary, nginx_cert, nginx_start, nginx_wait, nginx_stop, free_port

def main(binary, doc):
    t = Results()
    nginx = nginx_binary()
    if not nginx:
        print("nginx is not installed (scripts/deps.sh test)")
        return 77
    text = open(doc, encoding="utf-8").read()
    conf = re.search(r"```nginx\n(.*?)```", text, re.S).group(1)
    s = Server(os.path.abspath(binary))
    pre = os.path.join(s.dir, "nginx")
    os.makedirs(pre)
    cert, key = nginx_cert(pre)
    s.start()
    https, http_ = free_port(), free_port()
    for a, b in (("127.0.0.1:8292", f"127.0.0.1:{s.port}"),
                 ("listen 443 ssl", f"listen 127.0.0.1:{https} ssl"),
                 ("listen 80;", f"listen 127.0.0.1:{http_};"),
                 ("/etc/ssl/jospar/fullchain.pem", cert),
                 ("/etc/ssl/jospar/privkey.pem", key)):
        t.check(a in conf, f"the documented configuration has '{a}'")
        conf = conf.replace(a, b)
    ng = nginx_start(nginx, pre, conf)
    try:
        ctx = ssl.create_default_context(cafile=cert)
        def req(method, path, body=None, headers=None):
            c = http.client.HTTPSConnection("127.0.0.1", https, context=ctx, timeout=30)
            h = dict(headers or {})
            h.setdefault("Host", "jospar.example.kz")
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read()
            c.close()
            return r.status, data, r.getheaders()
        problem = nginx_wait(ng, pre, lambda: req("GET", "/login"))
        up = not problem
        t.check(up, "nginx started: " + problem)
        if up:
            st, body, hs = req("GET", "/login")
            t.check(st == 200 and b"<form" in body, f"the login page through nginx: {st}")
            st, body, hs = req("POST", "/api/v1/session",
                               json.dumps({"login": "admin", "password": "admin-password-1"}),
                               {"Content-Type": "application/json"})
            cookies = [v for k, v in hs if k.lower() == "set-cookie"]
            t.check(st == 200, f"log in through nginx: {st}")
            t.check(cookies and all(re.search(r";\s*secure", c, re.I) for c in cookies),
                    f"nginx marks the cookies Secure: {cookies}")
            t.check(any(k.lower() == "strict-transport-security" for k, _ in hs), "HSTS")
            sess = cookies[0].split(";")[0] if cookies else ""
            st, body, _ = req("GET", "/api/v1/activities?direction=1.1", headers={"Cookie": sess})
            t.check(st == 200 and len(json.loads(body)) > 0, f"the API through nginx: {st}")
            st, body, _ = req("GET", "/", headers={"Cookie": sess})
            t.check(st == 200 and b"<html" in body.lower(), f"the overview page: {st}")
            c = http.client.HTTPConnection("127.0.0.1", http_, timeout=10)
            c.request("GET", "/activities", headers={"Host": "jospar.example.kz"})
            r = c.getresponse()
            r.read()
            t.check(r.status == 301 and r.getheader("Location") ==
                    "https://jospar.example.kz/activities", f"plain HTTP is redirected: {r.status}")
    finally:
        nginx_stop(ng)
        s.stop()
    return t.done()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
