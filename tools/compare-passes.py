#!/usr/bin/env python3
"""Compare two independent transcriptions of a plan, field by field.

Usage: compare-passes.py PASS_A_DIR PASS_B_DIR [--resolutions FILE]

Prints every field on which the passes differ.  With --resolutions, a JSON
file mapping "row N/field" or "frame/path" to the value chosen after reading
the official text, the differences that have a resolution are checked to be
one of the two passes' values or explicitly marked as read from the text,
and only the unresolved ones make the exit status non-zero.
"""
import json, sys, glob, os

def load_rows(d):
    rows = []
    for f in sorted(glob.glob(os.path.join(d, "rows-*.json"))):
        rows += json.load(open(f, encoding="utf-8"))["activities"]
    return rows

def flatten(obj, prefix=""):
    out = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "note":
                continue
            out.update(flatten(v, f"{prefix}/{k}"))
    elif isinstance(obj, list) and obj and all(isinstance(x, (dict, list)) for x in obj):
        for i, v in enumerate(obj):
            out.update(flatten(v, f"{prefix}/{i}"))
        out[f"{prefix}/#"] = len(obj)
    else:
        out[prefix] = obj
    return out

def main(argv):
    a_dir, b_dir = argv[1], argv[2]
    res = {}
    if "--resolutions" in argv:
        res = json.load(open(argv[argv.index("--resolutions") + 1], encoding="utf-8"))
    diffs = []
    ra, rb = load_rows(a_dir), load_rows(b_dir)
    na, nb = [r["number"] for r in ra], [r["number"] for r in rb]
    if na != nb:
        diffs.append(("rows/order", na, nb))
    ia = {r["number"]: r for r in ra}
    ib = {r["number"]: r for r in rb}
    for n in na:
        if n not in ib:
            continue
        fa = flatten({k: v for k, v in ia[n].items() if k != "lines"})
        fb = flatten({k: v for k, v in ib[n].items() if k != "lines"})
        for k in sorted(set(fa) | set(fb)):
            if fa.get(k) != fb.get(k):
                diffs.append((f"row {n}{k}", fa.get(k), fb.get(k)))
    fa = flatten(json.load(open(os.path.join(a_dir, "frame.json"), encoding="utf-8")))
    fb = flatten(json.load(open(os.path.join(b_dir, "frame.json"), encoding="utf-8")))
    for k in sorted(set(fa) | set(fb)):
        if fa.get(k) != fb.get(k):
            diffs.append((f"frame{k}", fa.get(k), fb.get(k)))
    unresolved = 0
    for key, va, vb in diffs:
        r = res.get(key)
        if r is None:
            unresolved += 1
            print(f"DIFF {key}\n  A: {json.dumps(va, ensure_ascii=False)}\n  B: {json.dumps(vb, ensure_ascii=False)}")
        elif r["value"] not in (va, vb) and not r.get("from_text"):
            unresolved += 1
            print(f"BAD RESOLUTION {key}: neither pass, and not marked from_text")
    print(f"{len(diffs)} differences, {len(diffs) - unresolved} resolved, {unresolved} open")
    return 1 if unresolved else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
