#!/usr/bin/env python3
"""Long lists are shown a page at a time: the activities page shows 200
rows a page with "Previous" / "Next" links that keep the filters; every
activity that matches is on exactly one page, in plan order; a page past
the end shows the last one; plan No. 292 (133 rows) fits on one page with
no pager.  On a plan of 3 x plan 292 (bench/gen.py plan 3: 399 rows).

Usage: test_paging.py JOSPAR_BINARY SOURCE_ROOT
"""
import json, os, re, subprocess, sys, urllib.parse
from lib import Server, Client, Results

ROWS = 200
ROW_RE = re.compile(r'<tr><th scope="row" class="nowrap"><a href="/activities/([^"]+)">')


def main(binary, root):
    t = Results()
    s = Server(os.path.abspath(binary))
    r = s.cli("user", "add", "coord", "--role", "coordinator", stdin="password-coord\n")
    t.check(r.returncode == 0, f"user add: {r.stderr}")
    token = s.cli("user", "token", "coord", "--label", "t").stdout.strip()
    s.start()
    try:
        c = Client(s.port)
        c.token = token
        c.extra_cookie = "jospar_lang=en"

        def page(path):
            st, b = c.request("GET", path)
            return st, b if isinstance(b, str) else json.dumps(b)

        def numbers(body):
            return [urllib.parse.unquote(n) for n in ROW_RE.findall(body)]

        # plan No. 292: one page, no pager
        st, b = page("/activities")
        t.check(st == 200 and len(numbers(b)) == 133, f"292: {st} {len(numbers(b))} rows")
        t.check('class="pager"' not in b and "on this page" not in b, "292: no pager")

        # three copies of plan 292: 399 rows on two pages (the server
        # serves the plan current when it starts)
        s.stop()
        plan = subprocess.run([sys.executable, os.path.join(root, "bench", "gen.py"), "plan", "3",
                               "--id", "paging-3x"], capture_output=True, text=True, check=True)
        path = os.path.join(s.dir, "plan3.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(plan.stdout)
        r = s.cli("load", path)
        t.check(r.returncode == 0, f"load: {r.stderr}")
        listed = json.loads(s.cli("list", "--json").stdout)
        want = [a["number"] for a in listed]
        t.check(len(want) == 399, f"the CLI lists {len(want)} rows")
        s.start()
        c = Client(s.port)
        c.token = token
        c.extra_cookie = "jospar_lang=en"

        st1, b1 = page("/activities")
        st2, b2 = page("/activities?page=2")
        n1, n2 = numbers(b1), numbers(b2)
        t.check(st1 == 200 and len(n1) == ROWS, f"page 1: {st1} {len(n1)} rows")
        t.check(st2 == 200 and len(n2) == 399 - ROWS, f"page 2: {st2} {len(n2)} rows")
        t.check(n1 + n2 == want, "every row once, in plan order, across the pages")
        t.check("Rows 1 to 200 on this page." in b1, "page 1 says which rows")
        t.check("Rows 201 to 399 on this page." in b2, "page 2 says which rows")
        t.check("Shown: 399 of 399 activities." in b1, "page 1 counts every match")
        t.check('rel="next" href="/activities?page=2"' in b1 and 'rel="prev"' not in b1,
                "page 1 leads to page 2 only")
        t.check('rel="prev" href="/activities?page=1"' in b2 and 'rel="next"' not in b2,
                "page 2 leads back only")
        st9, b9 = page("/activities?page=9")
        t.check(st9 == 200 and numbers(b9) == n2, "a page past the end is the last page")
        for bad in ("0", "x", "100001", "-1"):
            st, _ = page("/activities?page=" + bad)
            t.check(st == 400, f"page={bad}: {st}")

        # filters are kept by the links, and the pages cover the matches
        agency = "ІІМ"
        want_ag = [a["number"] for a in json.loads(s.cli("list", "--agency", agency,
                                                          "--json").stdout)]
        t.check(len(want_ag) > ROWS, f"{agency} has {len(want_ag)} rows")
        q = urllib.parse.quote(agency)
        got, url, seen = [], f"/activities?agency={q}&direction=", 0
        while url and seen < 10:
            st, b = page(url)
            t.check(st == 200, f"{url}: {st}")
            got += numbers(b)
            m = re.search(r'rel="next" href="([^"]+)"', b)
            url = m.group(1).replace("&amp;", "&") if m else None
            if url:
                t.check(f"agency={q}" in url and "direction=" not in url,
                        f"the next link keeps the filter: {url}")
            seen += 1
        t.check(got == want_ag, f"{agency}: {len(got)} rows over {seen} pages, "
                f"{len(want_ag)} listed")
        st, b = page(f"/activities?q={urllib.parse.quote('нет такого')}")
        t.check(st == 200 and not numbers(b) and 'class="pager"' not in b,
                "no match: no rows, no pager")
    finally:
        s.stop()
    return t.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
