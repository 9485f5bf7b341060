#!/usr/bin/env python3
"""Login throttling: failures count per account (whatever the address) and
per address (whatever the account), and the check and the count are one
step, so parallel attempts never run more password checks than the limit.
Clients connect from several loopback addresses (127.0.0.2, ...).
Usage: test_login_throttle.py JOSPAR_BINARY"""
import http.client, json, os, sys, threading
from lib import Server, Results

ACCOUNT_LIMIT = 5     # failures of one account in 15 minutes
ADDRESS_LIMIT = 20    # failures from one address in 15 minutes

def attempt(port, login, password, source="127.0.0.1"):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                   source_address=(source, 0))
    c.request("POST", "/api/v1/session", body=json.dumps({"login": login, "password": password}),
              headers={"Content-Type": "application/json"})
    st = c.getresponse().status
    c.close()
    return st

def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    for u in ("par", "acc", "clr", "addr"):
        s.cli("user", "add", u, "--role", "viewer", stdin=f"password-{u}\n")
    s.start()
    try:
        # 24 parallel wrong guesses: at most ACCOUNT_LIMIT password checks (401)
        out = []
        def go(i):
            out.append(attempt(s.port, "par", f"wrong-{i}"))
        th = [threading.Thread(target=go, args=(i,)) for i in range(24)]
        for x in th:
            x.start()
        for x in th:
            x.join()
        t.check(out.count(401) == ACCOUNT_LIMIT and out.count(429) == 24 - ACCOUNT_LIMIT,
                f"24 parallel guesses: {out.count(401)} checked (401), {out.count(429)} refused")
        t.check(attempt(s.port, "par", "password-par") == 429,
                "the blocked account refuses even the right password")

        # the account limit holds across addresses
        for i in range(ACCOUNT_LIMIT):
            attempt(s.port, "acc", "wrong", source=f"127.0.0.{2 + i}")
        st = attempt(s.port, "acc", "wrong", source="127.0.0.9")
        t.check(st == 429, f"a sixth address gets no guess at a blocked account: {st}")
        st = attempt(s.port, "acc", "password-acc", source="127.0.0.10")
        t.check(st == 429, f"nor a login: {st}")

        # a success clears the account's failures
        for _ in range(ACCOUNT_LIMIT - 1):
            attempt(s.port, "clr", "wrong", source="127.0.0.11")
        t.check(attempt(s.port, "clr", "password-clr", source="127.0.0.11") == 200,
                "the right password within the limit logs in")
        sts = [attempt(s.port, "clr", "wrong", source="127.0.0.11") for _ in range(ACCOUNT_LIMIT)]
        t.check(sts == [401] * ACCOUNT_LIMIT, f"and the count starts again: {sts}")

        # the address limit holds across accounts (guessing many logins)
        src = "127.0.0.12"
        sts = [attempt(s.port, f"nobody-{i}", "wrong", source=src) for i in range(ADDRESS_LIMIT)]
        t.check(sts == [401] * ADDRESS_LIMIT, f"{ADDRESS_LIMIT} guesses from one address: {set(sts)}")
        st = attempt(s.port, "nobody-x", "wrong", source=src)
        t.check(st == 429, f"then that address is blocked: {st}")
        st = attempt(s.port, "addr", "password-addr", source=src)
        t.check(st == 429, f"for every account: {st}")
        st = attempt(s.port, "addr", "password-addr", source="127.0.0.13")
        t.check(st == 200, f"while others log in: {st}")
    finally:
        s.stop()
    return t.done()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
