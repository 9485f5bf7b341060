#!/usr/bin/env python3
"""HTTPS: `jospar serve --tls-cert --tls-key` with a throwaway certificate
made here by openssl; a login over TLS (python's ssl, checking the
certificate) gets its cookies with the Secure flag; plain HTTP to the TLS
port gets no page; bad options are refused.
Usage: test_tls.py JOSPAR_BINARY"""
import http.client, json, os, ssl, subprocess, sys
from lib import Server, Results

def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    cert, key = os.path.join(s.dir, "cert.pem"), os.path.join(s.dir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    r = s.cli("serve", "--listen", "127.0.0.1:0", "--tls-cert", cert)
    t.check(r.returncode != 0 and "--tls-key" in r.stderr, f"--tls-cert alone is refused: {r.stderr}")
    r = s.cli("serve", "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", s.dir + "/none.pem")
    t.check(r.returncode != 0 and "none.pem" in r.stderr, f"a missing key is named: {r.stderr}")
    r = s.cli("serve", "--listen", "127.0.0.1:0", "--tls-cert", key, "--tls-key", cert)
    t.check(r.returncode != 0, f"a certificate and key swapped do not start: {r.stderr.strip()}")
    s.args = ["--tls-cert", cert, "--tls-key", key]
    s.start()
    try:
        ctx = ssl.create_default_context(cafile=cert)
        def req(method, path, body=None, headers=None):
            c = http.client.HTTPSConnection("127.0.0.1", s.port, context=ctx, timeout=30)
            c.request(method, path, body=body, headers=headers or {})
            resp = c.getresponse()
            data = resp.read()
            cookies = [v for k, v in resp.getheaders() if k.lower() == "set-cookie"]
            c.close()
            return resp.status, data, cookies
        st, _, cookies = req("GET", "/login")
        t.check(st == 200 and cookies and all("; Secure" in c for c in cookies),
                f"the login form over TLS, its cookie Secure: {st} {cookies}")
        st, body, cookies = req("POST", "/api/v1/session",
                                json.dumps({"login": "admin", "password": "admin-password-1"}),
                                {"Content-Type": "application/json"})
        t.check(st == 200, f"log in over https: {st}")
        session = [c for c in cookies if c.startswith("jospar_session=")]
        t.check(len(session) == 1 and "; Secure" in session[0] and "HttpOnly" in session[0],
                f"the session cookie is Secure: {cookies}")
        st, body, _ = req("GET", "/api/v1/session", headers={"Cookie": session[0].split(";")[0]})
        t.check(st == 200 and json.loads(body)["login"] == "admin", f"the session works: {st}")
        st, _, cookies = req("GET", "/?lang=en")
        t.check(all("; Secure" in c for c in cookies), f"the language cookie too: {cookies}")
        # plain HTTP to the TLS port is no page
        c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
        try:
            c.request("GET", "/api/v1/session")
            st = c.getresponse().status
        except (OSError, http.client.HTTPException):
            st = None
        t.check(st is None, f"plain HTTP gets no answer from the TLS port: {st}")
    finally:
        s.stop()
    # without TLS no cookie is Secure
    p = Server(os.path.abspath(binary))
    p.start()
    try:
        c = http.client.HTTPConnection("127.0.0.1", p.port, timeout=10)
        c.request("GET", "/login")
        resp = c.getresponse()
        resp.read()
        cookies = [v for k, v in resp.getheaders() if k.lower() == "set-cookie"]
        t.check(cookies and not any("Secure" in x for x in cookies), f"plain HTTP: no Secure: {cookies}")
    finally:
        p.stop()
    return t.done()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
