#!/usr/bin/env python3
"""Runs the request examples of docs/api.md (```http blocks: a request line,
an optional JSON body, a blank line, the expected status) against a real
server, in order, with one client that keeps its cookie and CSRF token.
Usage: test_doc_examples.py JOSPAR_BINARY API_MD"""
import json, os, re, sys
from lib import Server, Client, Results

def blocks(path):
    text = open(path, encoding="utf-8").read()
    for b in re.findall(r"```http\n(.*?)```", text, re.S):
        lines = b.strip("\n").split("\n")
        method, target = lines[0].split(" ", 1)
        status = int(lines[-1])
        body = "\n".join(l for l in lines[1:-1] if l.strip())
        yield method, target, json.loads(body) if body else None, status

def main(binary, doc):
    t = Results()
    s = Server(os.path.abspath(binary))
    s.cli("user", "add", "iim", "--role", "executor", "--agency", "ІІМ", stdin="password-iim\n")
    s.cli("user", "add", "coord", "--role", "coordinator", stdin="password-coord\n")
    s.start()
    n = 0
    try:
        c = Client(s.port)
        for method, target, body, want in blocks(doc):
            st, resp = c.request(method, target, body)
            if method == "POST" and target == "/api/v1/session" and st == 200:
                c.csrf = resp["csrf"]
            t.check(st == want, f"{method} {target}: {st}, the documentation says {want}: {resp}")
            n += 1
    finally:
        s.stop()
    t.check(n >= 10, f"only {n} examples found")
    return t.done()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
