#!/usr/bin/env python3
"""The server's request handling holds against hostile input: malformed
HTTP is refused at once with a 4xx/5xx that is logged and names no file;
ids are decoded once; bodies are small before login; X-Forwarded-For is
believed from the trusted proxy only, and limits count the forwarded
address; plans as of a date are bounded in memory; failed logins and
expired sessions do not pile up in the database.
Usage: test_hardening.py JOSPAR_BINARY"""
import json, os, signal, socket, sqlite3, sys, threading, time
from lib import Server, Client, Results


def raw(port, data, source="127.0.0.1", timeout=5):
    """Sends bytes, returns (status or None, whole answer) read until close or timeout."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((source, 0))
    s.settimeout(timeout)
    s.connect(("127.0.0.1", port))
    s.sendall(data)
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
            if b"\r\n\r\n" in out:
                head, _, body = out.partition(b"\r\n\r\n")
                cl = [l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
                if cl and len(body) >= int(cl[0].split(b":")[1]):
                    break
    except socket.timeout:
        pass
    s.close()
    status = int(out.split(b" ")[1]) if out.startswith(b"HTTP/1.1 ") else None
    return status, out


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def log_lines(s):
    with open(os.path.join(s.dir, "access.log")) as f:
        return [json.loads(l) for l in f if l.strip()]


def http_faults(t, s):
    p = s.port
    st, out = raw(p, b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                     b"Content-Length: 40\r\n\r\n{}")
    t.check(st == 400, f"two different Content-Length headers: 400 ({st})")
    t0 = time.monotonic()
    st, out = raw(p, b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nxx")
    t.check(st in (400, 501) and time.monotonic() - t0 < 3,
            f"Transfer-Encoding: gzip refused at once ({st}, {time.monotonic() - t0:.1f} s)")
    before = len(log_lines(s))
    st, out = raw(p, b"G\xffT /login HTTP/1.1\r\nHost: x\r\n\r\n")
    t.check(st == 400, f"invalid UTF-8 in the method: 400 ({st} {out[:60]})")
    st, out = raw(p, b"GET /api/v1/activities?search=%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n")
    t.check(st == 400 and b"out of memory" not in out, f"invalid UTF-8 in the query: 400 ({st})")
    lines = log_lines(s)[before:]
    t.check(len(lines) == 2 and all(l["status"] == 400 for l in lines),
            f"both are in the access log: {lines}")
    st, out = raw(p, b"HEAD /login HTTP/1.1\r\nHost: x\r\n\r\n", timeout=2)
    t.check(st == 200 and out.endswith(b"\r\n\r\n"), f"HEAD of a GET route: 200 without body ({st})")
    a = Client(p)
    t.check(a.login("admin", "admin-password-1")[0] == 200, "admin logs in")
    t.check(a.request("GET", "/api/v1/activities/1")[0] == 200, "activity 1")
    for path, what in (("/api/v1/activities/%2531", "decoded once: %2531 is not 1"),
                       ("/api/v1/activities/1%00junk", "a NUL does not cut the path"),
                       ("/api/v1/activities/1%3Fjunk", "an encoded '?' does not cut the path"),
                       ("/api/v1/activities%2F1", "an encoded '/' is no separator")):
        st, _ = a.request("GET", path)
        t.check(st == 404, f"{what}: 404 ({st})")
    # an error from the database names no file
    db = sqlite3.connect(os.path.join(s.dir, "j.db"), timeout=1)
    db.execute("BEGIN IMMEDIATE")
    try:
        st, b = a.request("POST", "/api/v1/reports", {"activity": "1"})
    finally:
        db.rollback()
        db.close()
    body = json.dumps(b)
    t.check(st >= 500 and s.dir not in body and "j.db" not in body,
            f"a busy database: {st}, the body names no path: {body}")


def body_limits(t, s):
    p = s.port
    st, _ = raw(p, b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Content-Length: 100000\r\n\r\n", timeout=3)
    t.check(st == 413, f"100 kB to the login before login: 413 at once ({st})")
    st, _ = raw(p, b"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Content-Length: 100000\r\n\r\n", timeout=3)
    t.check(st == 413, f"100 kB to a write without a session: 413 at once ({st})")
    a = Client(p)
    a.login("admin", "admin-password-1")
    big = json.dumps({"activity": "1", "text": "x" * 30000}).encode()
    st, b = a.request("POST", "/api/v1/reports", raw=big, headers={"Content-Type": "application/json"})
    t.check(st not in (413,) and st < 500, f"30 kB from a session is read: {st}")


def failed_logins(t, s):
    p = s.port
    db_path = os.path.join(s.dir, "j.db")
    db = sqlite3.connect(db_path)
    db.execute("INSERT INTO login_failure(login, address, at) VALUES ('old', '1.2.3.4', 0)")
    db.execute("INSERT INTO session(token_hash, user_id, csrf, created, last_seen)"
               " VALUES ('expired', 1, 'x', 0, 0)")
    db.commit()
    db.close()
    c = Client(p)
    st, _ = c.request("POST", "/api/v1/session", {"login": "X" * 12000, "password": "x" * 8})
    t.check(st in (400, 401, 413), f"a 12 kB login fails: {st}")
    st, _ = c.request("POST", "/api/v1/session", {"login": "nobody", "password": "x" * 8})
    t.check(st == 401, f"an unknown login fails: {st}")
    db = sqlite3.connect(db_path)
    longest = db.execute("SELECT max(length(login)) FROM login_failure").fetchone()[0]
    old = db.execute("SELECT count(*) FROM login_failure WHERE at = 0").fetchone()[0]
    db.close()
    t.check(longest is None or longest <= 100, f"a failed login stores a bounded key: {longest}")
    t.check(old == 0, "failures older than a day are purged")
    c.login("admin", "admin-password-1")
    db = sqlite3.connect(db_path)
    left = db.execute("SELECT count(*) FROM session WHERE token_hash = 'expired'").fetchone()[0]
    db.close()
    t.check(left == 0, "expired sessions are purged")


def as_of_memory(t, s):
    a = Client(s.port)
    a.login("admin", "admin-password-1")
    for d in range(1, 10):     # warm up
        a.request("GET", f"/api/v1/status?as_of=2015-01-{d:02d}")
    start = rss_kib(s.proc.pid)
    for i in range(300):
        day = 1 + i % 28
        st, _ = a.request("GET", f"/api/v1/status?as_of={2014 + i // 28 % 6}-{1 + i // 168 % 12:02d}-{day:02d}")
    grown = rss_kib(s.proc.pid) - start
    t.check(st == 200, f"as-of answers: {st}")
    t.check(grown < 40 * 1024, f"300 as-of plans with a 4 MiB cache: RSS grew {grown} KiB")


def text_limits_and_pages(t, s):
    a = Client(s.port)
    a.login("admin", "admin-password-1")
    rep = {"activity": "6", "due": "2014-06-30", "agency": "ІІМ", "status": "done",
           "date": "2015-05-25"}
    st, b = a.request("POST", "/api/v1/reports", dict(rep, text="x" * 20000))
    t.check(st == 400 and "at most 16384" in json.dumps(b), f"a 20 kB report text: 400 ({st} {str(b)[:120]})")
    st, b = a.request("POST", "/api/v1/reports", dict(rep, evidence="x" * 3000))
    t.check(st == 400 and "evidence" in json.dumps(b), f"3 kB of evidence: 400 ({st})")
    ids = []
    for i in range(60):
        st, b = a.request("POST", "/api/v1/reports", dict(rep, text=f"report {i}"))
        if st == 201:
            ids.append(b["id"])
    t.check(len(ids) == 60, f"60 reports filed: {len(ids)}")
    st, b = a.request("POST", f"/api/v1/reports/{ids[0]}/return", {"reason": "y" * 3000})
    t.check(st == 400 and "reason" in json.dumps(b), f"a 3 kB reason: 400 ({st})")
    st, page = a.request("GET", "/activities/6")
    shown = page.count('class="report') if isinstance(page, str) else -1
    t.check(st == 200 and shown == 20 and "?page=2" in page,
            f"the activity page shows 20 of 60 reports and links to older ones ({shown})")
    st, page3 = a.request("GET", "/activities/6?page=3")
    t.check(st == 200 and page3.count('class="report') == 20 and "?page=4" not in page3
            and f"report-{ids[0]}" in page3, "page 3 holds the oldest reports")
    st, audit = a.request("GET", "/admin/audit")
    rows = audit.count("<tr><td") if isinstance(audit, str) else -1
    t.check(st == 200 and rows == 50 and "?page=2" in audit,
            f"the audit page shows 50 entries and links to older ones ({rows})")
    st, audit2 = a.request("GET", "/admin/audit?page=2")
    t.check(st == 200 and 0 < audit2.count("<tr><td") <= 50, "the audit page 2")
    t.check(a.request("GET", "/admin/audit?page=0")[0] == 400, "page=0: 400")


def trusted_proxy(t, binary):
    s = Server(binary)
    s.args = ["--trusted-proxy", "127.0.0.1", "--max-per-address", "2"]
    s.start()
    try:
        p = s.port
        st, _ = raw(p, b"GET /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.1, 203.0.113.9\r\n"
                       b"Connection: close\r\n\r\n")
        st2, _ = raw(p, b"GET /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.10\r\n"
                        b"Connection: close\r\n\r\n", source="127.0.0.2")
        addrs = [l["address"] for l in log_lines(s)]
        t.check(st == 200 and st2 == 200 and addrs[-2:] == ["203.0.113.9", "127.0.0.2"],
                f"X-Forwarded-For from the proxy only: {addrs}")
        # two requests of 203.0.113.9 in flight (bodies not sent yet): a third is refused
        held = []
        for _ in range(2):
            c = socket.create_connection(("127.0.0.1", p))
            c.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\n"
                      b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\n")
            held.append(c)
        for _ in range(10):    # until the server has read both requests' headers
            time.sleep(0.3)
            st3, _ = raw(p, b"GET /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\n"
                            b"Connection: close\r\n\r\n")
            if st3 == 429:
                break
        st4, _ = raw(p, b"GET /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.77\r\n"
                        b"Connection: close\r\n\r\n")
        t.check(st3 == 429 and st4 == 200,
                f"per-address limits count the forwarded address: {st3}, another: {st4}")
        for c in held:
            c.close()
    finally:
        t.check(s.stop() == 0, "the proxied server stops cleanly")


def main(binary):
    t = Results()
    binary = os.path.abspath(binary)
    s = Server(binary)
    s.args = ["--plan-cache", "4"]
    # AddressSanitizer keeps freed memory in quarantine (256 MiB): keep it
    # small, so the resident memory says what the server holds
    s.env["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=8"
    s.start()
    try:
        for part in (http_faults, body_limits, failed_logins, as_of_memory, text_limits_and_pages):
            try:
                part(t, s)
            except Exception as e:
                t.check(False, f"{part.__name__}: {e!r}")
    finally:
        t.check(s.stop() == 0, "the server stops cleanly")
    try:
        trusted_proxy(t, binary)
    except Exception as e:
        t.check(False, f"trusted_proxy: {e!r}")
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
