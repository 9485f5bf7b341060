#!/usr/bin/env python3
"""Group commit: many concurrent report submissions (threads, each its own
connection, released at once) share the writer's transactions.  Every
report answered 201 is stored exactly once with its audit entry; an
invalid report among them is answered 4xx, is not stored and leaves no
audit entry, while the others of its group are stored; an answer cached
before the writes is not served after them.

Usage: test_group_commit.py JOSPAR_BINARY

EVIDENCE-OF: ARCHITECTURE "one transaction per request" (a savepoint each, one commit per group)
"""
import json, os, sys, threading
from lib import Server, Client, Results

ROUNDS = 4
WRITERS = 24     # per round; more than the server's threads, so they queue
BAD = 5          # the writer in each round whose report is invalid


def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    s.args = ["--threads", "16"]
    s.cli("user", "add", "iim", "--role", "executor", "--agency", "ІІМ", stdin="password-iim\n")
    s.start()
    try:
        ex = Client(s.port)
        t.check(ex.login("iim", "password-iim")[0] == 200, "executor logged in")
        path = "/api/v1/reports?activity=6"
        st, before = ex.request("GET", path)
        st2, again = ex.request("GET", path)
        t.check(st == 200 and st2 == 200 and ex.headers.get("x-cache") == "hit" and before == again,
                f"the reports of activity 6 are cached before the writes ({st} {st2})")
        acked, refused, lock = {}, [], threading.Lock()

        def writer(rnd, k, barrier):
            c = Client(s.port)
            c.cookie, c.csrf = ex.cookie, ex.csrf
            text = f"group {rnd}-{k}"
            body = {"activity": "6", "due": "2014-06-30", "agency": "ІІМ",
                    "status": "in-progress", "text": text}
            if k == BAD:
                body["activity"] = "no-such-activity"
            barrier.wait()
            st, b = c.request("POST", "/api/v1/reports", body)
            with lock:
                if st == 201:
                    acked[text] = b["id"]
                else:
                    refused.append((text, st, b))

        for rnd in range(ROUNDS):
            barrier = threading.Barrier(WRITERS)
            threads = [threading.Thread(target=writer, args=(rnd, k, barrier))
                       for k in range(WRITERS)]
            for th in threads:
                th.start()
            for th in threads:
                th.join(timeout=60)
        good = ROUNDS * (WRITERS - 1)
        t.check(len(acked) == good, f"{len(acked)} of {good} valid reports acknowledged: {refused}")
        t.check(len(set(acked.values())) == len(acked), "every acknowledged report has its own id")
        bad = [x for x in refused if x[0].endswith(f"-{BAD}")]
        t.check(len(bad) == ROUNDS and all(400 <= st < 500 for _, st, _ in bad),
                f"each invalid report is answered 4xx: {bad}")
        t.check(all("error" in b for _, _, b in bad), "the invalid reports' answers name the error")

        st, after = ex.request("GET", path)
        ids = {x["id"] for x in after} if st == 200 else set()
        t.check(st == 200 and ex.headers.get("x-cache") == "miss" and after != before,
                f"after the writes the cached answer is not served ({st} {ex.headers.get('x-cache')})")
        t.check(set(acked.values()) <= ids, "the answer after the writes holds every new report")

        # the cache of a running server: a write, then the same GET
        st, b = ex.request("GET", path)
        t.check(ex.headers.get("x-cache") == "hit", "cached again")
        st, one = ex.request("POST", "/api/v1/reports", {"activity": "6", "due": "2014-06-30",
                             "agency": "ІІМ", "status": "done", "text": "group last"})
        t.check(st == 201, f"one more report: {st} {one}")
        st, b2 = ex.request("GET", path)
        t.check(st == 200 and ex.headers.get("x-cache") == "miss" and
                any(x["id"] == one["id"] for x in b2),
                "the answer right after a write holds it")
        # stored exactly once: in the database after the server is gone
        s.stop()
        r = s.cli("report", "list", "--json", "--as-of", "2015-06-01")
        t.check(r.returncode == 0, f"report list: {r.stderr}")
        stored = json.loads(r.stdout) if r.returncode == 0 else []
        texts = [x.get("text") for x in stored if (x.get("text") or "").startswith("group ")]
        acked["group last"] = one["id"]
        t.check(sorted(texts) == sorted(acked), f"{len(texts)} stored for {len(acked)} acknowledged")
        t.check(len(texts) == len(set(texts)), "no report is stored twice")
        t.check({x["id"] for x in stored if x.get("text") in acked} == set(acked.values()),
                "the stored reports are the ones acknowledged, with their ids")
        r = s.cli("audit", "--action", "report.submit", "--json", "--limit", "1000")
        t.check(r.returncode == 0, f"audit: {r.stderr}")
        entries = json.loads(r.stdout) if r.returncode == 0 else []
        audited = {e.get("object") for e in entries}
        t.check(all(f"report/{i}" in audited for i in acked.values()),
                "every stored report has its audit entry")
        t.check(not any(f"-{BAD}\"" in json.dumps(e, ensure_ascii=False) for e in entries),
                "no audit entry for an invalid report")
    finally:
        s.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
