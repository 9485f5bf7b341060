#!/usr/bin/env python3
"""Two `jospar serve` on one PostgreSQL database (run under
tests/with-postgres.sh): a session opened on one instance works on the
other, a write through one changes the cached answers of the other, and
with concurrent submissions to both, one killed with SIGKILL, every report
either instance acknowledged is stored.
Usage: test_two_instances.py JOSPAR_BINARY
"""
import os, signal, sys, threading, time
from lib import Server, Client, Results


def main(binary):
    if not os.environ.get("JOSPAR_TEST_PG"):
        print("test_two_instances: needs tests/with-postgres.sh", file=sys.stderr)
        return 77
    t = Results()
    a = Server(os.path.abspath(binary))
    b = Server(os.path.abspath(binary))
    b.env["JOSPAR_DB"] = a.env["JOSPAR_DB"]     # one database
    a.start()
    b.start()
    try:
        ad = Client(a.port)
        t.check(ad.login("admin", "admin-password-1")[0] == 200, "admin logs in on A")
        st, _ = ad.request("POST", "/api/v1/users", {"login": "iim", "password": "password-iim",
                                                    "role": "executor", "agency": "ІІМ"})
        t.check(st == 201, f"an executor added through A: {st}")
        # the session A opened is known to B (sessions live in the database)
        ad.port = b.port
        st, body = ad.request("GET", "/api/v1/status")
        t.check(st == 200, f"A's session works on B: {st}")
        st, _ = ad.request("GET", "/api/v1/users")
        t.check(st == 200, f"and is an admin's there: {st}")
        # B's answer, cached, changes after a write through A
        ex = Client(b.port)
        t.check(ex.login("iim", "password-iim")[0] == 200, "the executor, added on A, logs in on B")
        st, before = ex.request("GET", "/api/v1/reports?activity=6")
        st2, again = ex.request("GET", "/api/v1/reports?activity=6")
        t.check(st == 200 and st2 == 200 and before == again, "B answers the activity twice alike")
        ex.port = a.port
        st, r = ex.request("POST", "/api/v1/reports", {
            "activity": "6", "due": "2014-06-30", "agency": "ІІМ", "status": "in-progress",
            "text": "through A"})
        t.check(st == 201, f"a report filed through A: {st} {r}")
        ex.port = b.port
        st, after = ex.request("GET", "/api/v1/reports?activity=6")
        t.check(st == 200 and after != before and "through A" in str(after),
                f"B's cached answer changed after the write through A: {str(after)[:600]}")
        st, got = ex.request("GET", f"/api/v1/reports/{r['id']}")
        t.check(st == 200 and got.get("text") == "through A", f"B reads A's report: {st}")

        # concurrent submissions to both; A is killed with SIGKILL mid-way
        acked, lock, stop = set(), threading.Lock(), threading.Event()
        workers = []
        for i in range(4):
            c = Client(a.port if i % 2 == 0 else b.port)
            t.check(c.login("iim", "password-iim")[0] == 200, f"worker {i} logged in")
            workers.append(c)

        def work(c, n):
            while not stop.is_set():
                try:
                    st, body = c.request("POST", "/api/v1/reports", {
                        "activity": "6", "due": "2014-06-30", "agency": "ІІМ",
                        "status": "in-progress", "text": f"worker {n}"})
                except (OSError, ValueError):
                    if c.port == a.port:
                        c.port = b.port        # A died: the proxy would send it to B
                    continue
                if st == 201:
                    with lock:
                        acked.add(body["id"])
        threads = [threading.Thread(target=work, args=(c, i)) for i, c in enumerate(workers)]
        for th in threads:
            th.start()
        deadline = time.time() + 20
        while len(acked) < 40 and time.time() < deadline:
            time.sleep(0.02)
        a.proc.send_signal(signal.SIGKILL)
        a.proc.wait()
        n_at_kill = len(acked)
        deadline = time.time() + 20
        while len(acked) < n_at_kill + 40 and time.time() < deadline:
            time.sleep(0.02)
        stop.set()
        for th in threads:
            th.join(timeout=60)
        t.check(n_at_kill >= 40, f"submissions flowed before the kill: {n_at_kill}")
        t.check(len(acked) > n_at_kill, f"and went on through B after it: {len(acked)}")
        # every acknowledged report is stored, as B reads them
        missing = [i for i in sorted(acked)
                   if ex.request("GET", f"/api/v1/reports/{i}")[0] != 200]
        t.check(not missing, f"{len(acked)} acknowledged, missing {missing[:10]}")
        print(f"two instances: {len(acked)} reports acknowledged ({n_at_kill} before A was"
              f" killed), {len(acked) - len(missing)} stored", flush=True)
        # and A, started again on the same database, serves them too
        a.start()
        ex.port = a.port
        st, got = ex.request("GET", f"/api/v1/reports/{max(acked)}")
        t.check(st == 200, f"A, restarted, reads the last one: {st}")
    finally:
        a.stop()
        b.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
