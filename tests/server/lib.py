"""Helpers for the server tests: start `jospar serve` on 127.0.0.1 with an
ephemeral port in a temporary directory, talk HTTP, stop it."""
import http.client, json, os, re, shutil, signal, socket, subprocess, tempfile, time, urllib.parse

def tiny_plan(id_prefix, title):
    """A one-activity plan document; "{n}" in it (the id's tail) is for the
    caller to replace, so that each load is a new plan."""
    return json.dumps({"format": "jospar-plan", "format_version": 1, "id": id_prefix + "-{n}",
        "number": "1", "approved": "2021-01-01", "title": title,
        "period": {"from": 2021, "to": 2022}, "directions": [{"code": "1", "title": "One"}],
        "activities": [{"number": "1", "direction": "1", "title": "A", "executors": "X",
                        "deadline": "2021 жыл"}]})


def title_amendment(number, title):
    """An amendment of plan 292 that changes activity 6's title; "{n}" as above."""
    return json.dumps({"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
        "number": number, "date": "2015-01-01", "change": [{"number": "6", "title": title}]})


def fresh_db(d):
    """A database for one server: a file in `d`, or under
    tests/with-postgres.sh a fresh PostgreSQL database."""
    if os.environ.get("JOSPAR_TEST_PG"):
        return subprocess.run([os.environ["JOSPAR_TEST_PGDB"]], check=True,
                              capture_output=True, text=True).stdout.strip()
    return os.path.join(d, "j.db")


class Server:
    def __init__(self, binary, workdir=None, today="2015-06-01"):
        self.binary = binary
        self.dir = workdir or tempfile.mkdtemp(prefix="jospar-srv-")
        self.env = dict(os.environ, JOSPAR_DB=fresh_db(self.dir), HOME=self.dir,
                        JOSPAR_TODAY=today, JOSPAR_ADMIN_PASSWORD="admin-password-1")
        self.env.pop("JOSPAR_PLAN", None)
        self.proc = None
        self.port = None
        self.args = []      # more options for `jospar serve`

    def cli(self, *args, stdin=None):
        return subprocess.run([self.binary] + list(args), env=self.env, cwd=self.dir,
                              input=stdin, capture_output=True, text=True, timeout=60)

    def start(self):
        self.proc = subprocess.Popen([self.binary, "serve", "--listen", "127.0.0.1:0",
                                      "--threads", "4", "--access-log",
                                      os.path.join(self.dir, "access.log")] + self.args,
                                     env=self.env, cwd=self.dir, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 20
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            m = re.search(r"https?://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                return self
        raise RuntimeError("the server did not start: " + self.proc.stderr.read())

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode if self.proc else None

class Client:
    """A browser-like client: keeps the session cookie and the CSRF token."""
    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.csrf = None
        self.token = None

    def request(self, method, path, body=None, headers=None, raw=None):
        h = dict(headers or {})
        cookies = [x for x in (self.cookie, getattr(self, "extra_cookie", None)) if x]
        if cookies:
            h["Cookie"] = "; ".join(cookies)
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if self.csrf and method not in ("GET", "HEAD") and "X-CSRF-Token" not in h:
            h["X-CSRF-Token"] = self.csrf
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        path = urllib.parse.quote(path, safe="/?&=%")
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        payload = r.read()
        self.headers = {k.lower(): v for k, v in r.getheaders()}
        for k, v in r.getheaders():
            if k.lower() == "set-cookie" and v.startswith("jospar_session="):
                val = v.split(";")[0]
                self.cookie = val if val != "jospar_session=" else None
                self.set_cookie = v
        c.close()
        try:
            parsed = json.loads(payload) if payload else None
        except ValueError:
            parsed = payload.decode(errors="replace")
        return r.status, parsed

    def login(self, login, password):
        st, b = self.request("POST", "/api/v1/session", {"login": login, "password": password})
        if st == 200:
            self.csrf = b["csrf"]
        return st, b

class Results:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL", what, flush=True)

    def done(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed or not self.passed else 0


def nginx_binary():
    """Debian's nginx, or None when it is not installed."""
    n = shutil.which("nginx") or "/usr/sbin/nginx"
    return n if os.path.exists(n) else None


def nginx_cert(pre):
    """A throwaway certificate for jospar.example.kz and 127.0.0.1 in `pre`:
    (cert, key) paths."""
    cert, key = os.path.join(pre, "cert.pem"), os.path.join(pre, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                    "-subj", "/CN=jospar.example.kz", "-addext",
                    "subjectAltName=DNS:jospar.example.kz,IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    return cert, key


def nginx_start(nginx, pre, conf):
    """nginx in the foreground with every path under `pre` and `conf` (a
    server configuration) included in its http block; stop it with
    nginx_stop."""
    tmp = os.path.join(pre, "tmp")
    os.makedirs(tmp, exist_ok=True)
    with open(os.path.join(pre, "jospar.conf"), "w") as f:
        f.write(conf)
    with open(os.path.join(pre, "nginx.conf"), "w") as f:
        f.write(f"""daemon off;
worker_processes 1;
pid {pre}/nginx.pid;
error_log {pre}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {pre}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {pre}/jospar.conf;
}}
""")
    return subprocess.Popen([nginx, "-p", pre, "-c", os.path.join(pre, "nginx.conf"),
                             "-e", os.path.join(pre, "error.log")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def nginx_wait(ng, pre, probe):
    """Waits (bounded) until probe() gets through nginx: "" when it does,
    else nginx's error log."""
    for _ in range(100):
        try:
            probe()
            return ""
        except OSError:
            if ng.poll() is not None:
                break
            time.sleep(0.1)
    with open(os.path.join(pre, "error.log"), encoding="utf-8", errors="replace") as f:
        return f.read() or "nginx did not answer"


def nginx_stop(ng):
    ng.send_signal(signal.SIGQUIT)
    try:
        ng.wait(timeout=20)
    except subprocess.TimeoutExpired:
        ng.kill()
        ng.wait()


def free_port():
    """A TCP port on 127.0.0.1 nothing listens on (for nginx)."""
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]
