#!/usr/bin/env python3
"""Adds up meson's test logs of several build directories into the one line
CI reads: 'N passed, N failed'.  Each unit-test program counts its cmocka
cases, the CLI runner its cases, and every other test counts as one."""
import json, re, sys

passed = failed = 0
for d in sys.argv[1:]:
    try:
        lines = open(f"{d}/meson-logs/testlog.json", encoding="utf-8").read().splitlines()
    except OSError:
        failed += 1
        print(f"{d}: no test log")
        continue
    for line in lines:
        t = json.loads(line)
        ok = t["result"] in ("OK", "EXPECTEDFAIL", "SKIP")
        out = t.get("stdout", "") or ""
        m = re.search(r"^(\d+) passed, (\d+) failed$", out, re.M)
        n = re.search(r"\[==========\] (\d+) test\(s\) run\.", out)
        if m:
            p, f = int(m.group(1)), int(m.group(2))
        elif n:
            total = int(n.group(1))
            fm = re.search(r"\[  FAILED  \] (\d+) test\(s\), listed below", out + (t.get("stderr", "") or ""))
            f = int(fm.group(1)) if fm else (0 if ok else 1)
            p = total - f
        else:
            p, f = (1, 0) if ok else (0, 1)
        if not ok and f == 0:
            f, p = 1, max(p - 1, 0)
        passed += p
        failed += f
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
