#!/usr/bin/env python3
"""Slow and hostile clients cannot stop the server from answering others.

8 connections (from 127.0.0.2) pipeline hundreds of requests and never read
an answer; 32 more (from 127.0.0.3) send their request one byte a second
(slowloris).  Throughout, ordinary clients from 127.0.0.1 are answered
within a second; the trickling connections are cut by the request
deadline; and SIGTERM stops the server within 5 s while all of that is
still going on.  The bounds are about liveness, not speed.
Usage: test_slow_clients.py JOSPAR_BINARY"""
import os, signal, socket, sys, threading, time
from lib import Server, Results

PIPELINE = b"GET /login HTTP/1.1\r\nHost: t\r\n\r\n" * 1000


def connect(port, source):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((source, 0))
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    return s


def ordinary(port, path="/login"):
    """One request on a fresh connection; (status or None, seconds)."""
    t0 = time.monotonic()
    try:
        s = connect(port, "127.0.0.1")
        s.settimeout(3)
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        s.close()
        status = int(data.split(b" ")[1]) if data.startswith(b"HTTP/1.1 ") else None
    except OSError:
        status = None
    return status, time.monotonic() - t0


def main(binary):
    t = Results()
    s = Server(os.path.abspath(binary))
    s.args = ["--request-timeout", "6"]
    s.start()
    stop = threading.Event()
    hogs, tricklers, cut = [], [], []

    def pipeline_without_reading():
        for _ in range(8):
            c = connect(s.port, "127.0.0.2")
            c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            c.setblocking(False)
            hogs.append(c)
        sent = [0] * len(hogs)
        while not stop.is_set() and min(sent) < len(PIPELINE):
            for i, c in enumerate(hogs):
                try:
                    sent[i] += c.send(PIPELINE[sent[i]:sent[i] + 65536])
                except (BlockingIOError, OSError):
                    pass
            time.sleep(0.05)

    def trickle():
        req = b"GET /login HTTP/1.1\r\nHost: t\r\nX-Pad: " + b"a" * 200 + b"\r\n\r\n"
        for _ in range(32):
            try:
                tricklers.append(connect(s.port, "127.0.0.3"))
            except OSError:
                pass
        for i in range(len(req)):
            if stop.is_set():
                return
            for c in tricklers:
                if c in cut:
                    continue
                try:
                    c.send(req[i:i + 1])
                except OSError:
                    cut.append(c)
            time.sleep(1)

    threads = [threading.Thread(target=pipeline_without_reading, daemon=True),
               threading.Thread(target=trickle, daemon=True)]
    try:
        for th in threads:
            th.start()
        time.sleep(1)
        slowest, failures = 0.0, []
        t_end = time.monotonic() + 10
        while time.monotonic() < t_end:
            batch = [None] * 4
            def one(k):
                batch[k] = ordinary(s.port, ["/login", "/api/v1/session"][k % 2])
            workers = [threading.Thread(target=one, args=(k,)) for k in range(4)]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            for st, dt in batch:
                slowest = max(slowest, dt)
                if st not in (200, 401, 503) or dt > 1.0:
                    failures.append((st, round(dt, 2)))
            time.sleep(0.2)
        t.check(not failures, f"ordinary clients answered within 1 s throughout "
                f"(slowest {slowest:.2f} s, failures {failures[:5]})")
        t.check(len(cut) >= 16, f"the trickling connections are cut by the request deadline "
                f"({len(cut)} of {len(tricklers)})")
        t0 = time.monotonic()
        s.proc.send_signal(signal.SIGTERM)
        try:
            s.proc.wait(timeout=5)
            stopped = True
        except Exception:
            stopped = False
        t.check(stopped, f"SIGTERM stops the server within 5 s under load "
                f"({time.monotonic() - t0:.2f} s)")
    finally:
        stop.set()
        for c in hogs + tricklers:
            c.close()
        s.stop(signal.SIGKILL)
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
