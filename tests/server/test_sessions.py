#!/usr/bin/env python3
"""Session lifetimes: a session idle longer than the idle limit ends, and
one older than the absolute limit ends even when in use; a new login gives
a new token.  The server runs with lifetimes of a few seconds.
Usage: test_sessions.py JOSPAR_BINARY"""
import os, sys, time
from lib import Server, Client, Results

def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    s.env["JOSPAR_SESSION_IDLE"] = "2"
    s.env["JOSPAR_SESSION_MAX"] = "5"
    s.cli("user", "add", "v", "--role", "viewer", stdin="password-v\n")
    s.start()
    try:
        a = Client(s.port)
        a.login("v", "password-v")
        first = a.cookie
        t.check(a.request("GET", "/api/v1/session")[0] == 200, "fresh session")
        time.sleep(3)
        t.check(a.request("GET", "/api/v1/session")[0] == 401, "idle session ends after 2 s")
        a.login("v", "password-v")
        t.check(a.cookie != first, "a new login gives a new token")
        for _ in range(6):   # in use every second, but older than 5 s in the end
            time.sleep(1)
            st = a.request("GET", "/api/v1/session")[0]
        t.check(st == 401, f"a session ends after 5 s however busy: {st}")
    finally:
        s.stop()
    return t.done()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
