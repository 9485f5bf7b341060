#!/usr/bin/env python3
"""The tables of bench/scale.sh's results, with ratios and targets.

  bench/summary.py OUT K:N [K:N ...]

Reads OUT/x<K>/ (size.tsv, cli.json from hyperfine, mem.tsv, http.tsv,
serve-mem.tsv) and prints Markdown: the growth table, jospar against the
sqlite3 CLI and nginx, and each target of docs/BENCHMARKS.md as met or
not.  Standard library only.
"""
import json
import os
import sys

CMDS = [("status", "`status --as-of D --json`"), ("show", "`show 66`"),
        ("list", "`list --agency ІІМ`"), ("budget", "`budget --spent`")]
ROUTES = [("one", "one activity"), ("overview", "overview JSON"), ("asof", "overview as of a past date")]


def tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def load(out, k):
    d = os.path.join(out, "x%s" % k)
    r = {"k": int(k)}
    s = tsv(os.path.join(d, "size.tsv"))[0]
    r["n"], r["rows"] = int(s[1]), int(s[2])
    r["import_s"] = float(s[4]) - float(s[3])
    r["mem"] = {a: int(b) / 1024 for a, b in tsv(os.path.join(d, "mem.tsv"))}
    r["cli"] = {}
    p = os.path.join(d, "cli.json")
    if os.path.exists(p):
        for res in json.load(open(p))["results"]:
            r["cli"][res["command"]] = res
    r["http"] = {}
    for name, who, rps, size in tsv(os.path.join(d, "http.tsv")):
        r["http"][(name, who)] = (float(rps or 0), int(size))
    r["srv"] = {a.rstrip(":"): int(b) / 1024 for a, b in tsv(os.path.join(d, "serve-mem.tsv"))}
    return r


def ms(res):
    return res["mean"] * 1000


def cpu(res):
    """user + system time: what the run costs, less sensitive to a busy machine"""
    return (res["user"] + res["system"]) * 1000


def fmt_ms(v):
    return "%.0f" % v if v >= 100 else "%.1f" % v


def main():
    out, sizes = sys.argv[1], [a.split(":")[0] for a in sys.argv[2:]]
    rs = [load(out, k) for k in sizes]
    base = rs[0]
    print("## Growth (%s)\n" % ", ".join("%d×" % r["k"] for r in rs))
    print("| size | rows | reports | import [reports/s] | import peak [MiB] |")
    print("|---:|---:|---:|---:|---:|")
    for r in rs:
        print("| %d× | %d | %d | %.0f | %.0f |" % (r["k"], r["rows"], r["n"], r["n"] / r["import_s"],
                                                   r["mem"].get("import", 0)))
    print()
    print("| command | " + " | ".join("%d× [ms]" % r["k"] for r in rs) +
          " | sqlite3 CLI " + " | ".join("%d×" % r["k"] for r in rs) +
          " [ms] | jospar / sqlite3 | growth vs %d× | peak [MiB] |" % base["k"])
    print("|:---|" + "---:|" * (2 * len(rs) + 3))
    for c, label in CMDS:
        if c not in base["cli"]:
            continue
        cells = [fmt_ms(ms(r["cli"][c])) for r in rs]
        refs = [fmt_ms(ms(r["cli"]["sqlite-" + c])) for r in rs]
        ratio = " / ".join("%.1f" % (ms(r["cli"][c]) / ms(r["cli"]["sqlite-" + c])) for r in rs)
        growth = " / ".join("%.1f" % (ms(r["cli"][c]) / ms(base["cli"][c])) for r in rs)
        peak = " / ".join("%.0f" % r["mem"].get(c, 0) for r in rs)
        print("| %s | %s | %s | %s | %s | %s |" % (label, " | ".join(cells), " | ".join(refs),
                                                   ratio, growth, peak))
    print()
    print("The same in CPU time (user + system), which a busy machine disturbs less:\n")
    print("| command | " + " | ".join("%d× [ms]" % r["k"] for r in rs) +
          " | sqlite3 CLI " + " | ".join("%d×" % r["k"] for r in rs) +
          " [ms] | jospar / sqlite3 | growth vs %d× |" % base["k"])
    print("|:---|" + "---:|" * (2 * len(rs) + 2))
    for c, label in CMDS:
        if c not in base["cli"]:
            continue
        print("| %s | %s | %s | %s | %s |" % (
            label, " | ".join(fmt_ms(cpu(r["cli"][c])) for r in rs),
            " | ".join(fmt_ms(cpu(r["cli"]["sqlite-" + c])) for r in rs),
            " / ".join("%.1f" % (cpu(r["cli"][c]) / cpu(r["cli"]["sqlite-" + c])) for r in rs),
            " / ".join("%.1f" % (cpu(r["cli"][c]) / cpu(base["cli"][c])) for r in rs)))
    print()
    print("HTTP, wrk, 16 connections, requests/s (answer bytes):\n")
    print("| size | request | jospar | nginx, same bytes | jospar / nginx |")
    print("|---:|:---|---:|---:|---:|")
    for r in rs:
        for name, label in ROUTES:
            j = r["http"].get((name, "jospar"))
            n = r["http"].get((name, "nginx"))
            if not j or not n:
                continue
            print("| %d× | %s (%d B) | %.0f | %.0f | %.1f %% |" % (r["k"], label, j[1], j[0], n[0],
                                                                  100 * j[0] / n[0] if n[0] else 0))
    print()
    for r in rs:
        if r["srv"]:
            print("- %d×: server resident memory after the runs %.0f MiB (peak %.0f MiB)" %
                  (r["k"], r["srv"].get("VmRSS", 0), r["srv"].get("VmHWM", 0)))
    print()
    # the targets
    print("## Targets\n")

    def say(ok, text):
        print("- %s %s" % ("HOLDS:" if ok else "MISSED:", text))

    for c, label in CMDS:
        if c in base["cli"]:
            v = ms(base["cli"][c]) / ms(base["cli"]["sqlite-" + c])
            w = cpu(base["cli"][c]) / cpu(base["cli"]["sqlite-" + c])
            say(v <= 2, "%s at %d× is %.1f× the sqlite3 CLI (%.1f× in CPU time; target ≤ 2×)"
                % (label, base["k"], v, w))
    hundred = [r for r in rs if r["k"] == 100]
    if hundred and base["k"] == 1:
        h = hundred[0]
        for c, label in CMDS:
            lim = 3 if c == "show" else 10
            v = ms(h["cli"][c]) / ms(base["cli"][c])
            w = cpu(h["cli"][c]) / cpu(base["cli"][c])
            say(v <= lim, "%s at 100× is %.1f× its 1× time (%.1f× in CPU time; target ≤ %d×)"
                % (label, v, w, lim))
        for c, label in CMDS + [("import", "`report import`")]:
            v = h["mem"].get(c, 0)
            say(v <= 64, "%s peak memory at 100× %.0f MiB (target ≤ 64 MiB)" % (label, v))
        v = h["n"] / h["import_s"]
        say(v >= 100000, "`report import` at 100× %.0f reports/s (target ≥ 100 000)" % v)
    for r in rs:
        if r["k"] >= 150:
            for c, label in CMDS:
                v = ms(r["cli"][c])
                say(v < 1000, "%s at %d× %.0f ms, %.0f ms CPU (target < 1 s)"
                    % (label, r["k"], v, cpu(r["cli"][c])))
    for r in rs:
        for name, label, lim in [("overview", "overview", 50), ("asof", "as of a past date", 25),
                                 ("one", "one activity", 50)]:
            j = r["http"].get((name, "jospar"))
            n = r["http"].get((name, "nginx"))
            if j and n and n[0]:
                v = 100 * j[0] / n[0]
                say(v >= lim, "HTTP %s at %d×: %.1f %% of nginx (target ≥ %d %%)" % (label, r["k"], v, lim))


if __name__ == "__main__":
    main()
