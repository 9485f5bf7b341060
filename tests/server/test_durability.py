#!/usr/bin/env python3
"""Nothing acknowledged is lost: concurrent report submissions while the
server is killed with SIGKILL at random moments; after each restart every
report the server answered 201 for must be there.
Usage: test_durability.py JOSPAR_BINARY [CYCLES]

EVIDENCE-OF: ARCHITECTURE "a report the server answered 'saved' survives kill -9"
"""
import os, random, signal, sys, threading, time
from lib import Server, Client, Results

def main(binary, cycles):
    t = Results()
    rnd = random.Random(292)
    s = Server(os.path.abspath(binary))
    s.start()
    ad = Client(s.port)
    st, _ = ad.login("admin", "admin-password-1")
    t.check(st == 200, "the first run created the admin")
    st, _ = ad.request("POST", "/api/v1/users", {"login": "iim", "password": "password-iim",
                                                "role": "executor", "agency": "ІІМ"})
    t.check(st == 201, "executor added")
    # the workers log in once: their sessions outlive the restarts (a login
    # cut short by kill -9 counts as a failed attempt, see docs/api.md)
    workers = [Client(s.port) for _ in range(4)]
    for c in workers:
        t.check(c.login("iim", "password-iim")[0] == 200, "worker logged in")
    acked = set()
    lost_total = 0
    for cycle in range(cycles):
        if cycle:
            s.start()
        stop = threading.Event()
        lock = threading.Lock()

        def worker(c):
            c.port = s.port
            try:
                while not stop.is_set():
                    st, b = c.request("POST", "/api/v1/reports", {
                        "activity": "6", "due": "2014-06-30", "agency": "ІІМ",
                        "status": "in-progress", "text": f"cycle {cycle}"})
                    if st == 201:
                        with lock:
                            acked.add(b["id"])
            except (OSError, ValueError):
                pass   # the server died under us: unacknowledged, fine

        threads = [threading.Thread(target=worker, args=(c,)) for c in workers]
        for th in threads:
            th.start()
        # kill while writes are flowing: after the cycle's first acknowledgement
        # (waited for, bounded, so a loaded machine does not make the cycle
        # empty), at a random moment
        n0, deadline = len(acked), time.time() + 15
        while len(acked) == n0 and time.time() < deadline:
            time.sleep(0.01)
        time.sleep(rnd.uniform(0.02, 0.3))
        s.proc.send_signal(signal.SIGKILL)
        s.proc.wait()
        stop.set()
        for th in threads:
            th.join(timeout=30)
        # every acknowledged report is in the database
        r = s.cli("report", "list", "--json", "--as-of", "2015-06-01")
        import json
        stored = {x["id"] for x in json.loads(r.stdout)} if r.returncode == 0 else set()
        lost = acked - stored
        lost_total += len(lost)
        if lost:
            print(f"cycle {cycle}: {len(lost)} acknowledged reports lost", flush=True)
    t.check(lost_total == 0, f"{lost_total} acknowledged reports lost")
    t.check(len(acked) > cycles, f"only {len(acked)} reports acknowledged in {cycles} cycles")
    print(f"{cycles} kill -9 cycles, {len(acked)} acknowledged reports, {lost_total} lost")
    return t.done()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100))
