#!/usr/bin/env python3
"""Score an imported plan document against a reference, field by field.

Usage:
  score.py IMPORTED.json REFERENCE.json [--min PCT] [--show N]
  score.py --jospar JOSPAR --text DECREE.txt REFERENCE.json [--min PCT] [--show N]

The second form runs `JOSPAR import-decree DECREE.txt -o TMP.json` first
(and exits 77, "skipped", when DECREE.txt does not exist).

Fields compared (each counts one, compared exactly as strings; amounts as
decimal numbers):
  metadata    id, number, approved, title, period, issuer, language, unit,
              each amendment's number and date, the repeal's number and date
  goal        the goal
  objectives  each objective's text, each target indicator's text, each
              yearly target (year, value, unit)
  directions  each direction's code, title, objective, each task, each
              result indicator's text, each yearly target
  activities  per activity of the reference, matched by number in order:
              the number itself (found or not), direction, title,
              completion_form, executors, deadline, budget total, each year
              (the union of both sides' years), source, program
  total       the grand total and each of its years
  glossary    each entry's abbreviation and name; the footnote

A field missing on one side counts as wrong; so does each extra element
the import has and the reference does not.  Prints per-section and overall
accuracy, and the first mismatches.  Exits 1 when an activity of the
reference is missing or the overall accuracy is below --min (default 98).
"""
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal, InvalidOperation

MISSING = object()


class Score:
    def __init__(self):
        self.sections = {}
        self.mismatches = []

    def field(self, section, where, got, want, amount=False):
        ok = same(got, want, amount)
        s = self.sections.setdefault(section, [0, 0])
        s[0] += ok
        s[1] += 1
        if not ok:
            self.mismatches.append((section, where, got, want))
        return ok

    def totals(self):
        good = sum(v[0] for v in self.sections.values())
        total = sum(v[1] for v in self.sections.values())
        return good, total


def amount(v):
    if v is None or v is MISSING:
        return v
    try:
        return Decimal(str(v).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return str(v)


def same(got, want, is_amount):
    if is_amount:
        return amount(got) == amount(want)
    return got == want


def get(d, key):
    if not isinstance(d, dict):
        return MISSING
    return d.get(key, MISSING)


def text_of(v):
    """executors / deadline in either of their document forms"""
    if isinstance(v, dict):
        return v.get("text", MISSING)
    if isinstance(v, list):
        parts = []
        for e in v:
            s = e.get("agency", "")
            flags = []
            if e.get("by_agreement"):
                flags.append("келісім бойынша")
            if e.get("lead"):
                flags.append("жинақтау")
            if flags:
                s += " (" + ", ".join(flags) + ")"
            parts.append(s)
        return ", ".join(parts)
    return v


def indicators(sc, section, where, got, want):
    got = got if isinstance(got, list) else []
    want = want if isinstance(want, list) else []
    for i in range(max(len(got), len(want))):
        g = got[i] if i < len(got) else {}
        w = want[i] if i < len(want) else {}
        sc.field(section, f"{where}/{i}/text", get(g, "text"), get(w, "text"))
        gt = get(g, "targets")
        wt = get(w, "targets")
        gt = gt if isinstance(gt, list) else []
        wt = wt if isinstance(wt, list) else []
        for j in range(max(len(gt), len(wt))):
            a = gt[j] if j < len(gt) else {}
            b = wt[j] if j < len(wt) else {}
            key = lambda t: (get(t, "year"), str(amount(get(t, "value"))), get(t, "unit"))
            sc.field(section, f"{where}/{i}/targets/{j}", key(a), key(b))


def budget_fields(b):
    if not isinstance(b, dict):
        return None, {}, None, None
    years = b.get("by_year") or {}
    return b.get("total"), years, b.get("source"), b.get("program")


def score(imp, ref):
    sc = Score()
    m = "metadata"
    for k in ("id", "number", "approved", "title", "issuer", "language", "unit"):
        sc.field(m, "/" + k, get(imp, k), get(ref, k))
    sc.field(m, "/period", get(imp, "period"), get(ref, "period"))
    ga = get(imp, "amendments")
    wa = get(ref, "amendments")
    ga = ga if isinstance(ga, list) else []
    wa = wa if isinstance(wa, list) else []
    for i in range(max(len(ga), len(wa))):
        g = ga[i] if i < len(ga) else {}
        w = wa[i] if i < len(wa) else {}
        sc.field(m, f"/amendments/{i}/number", get(g, "number"), get(w, "number"))
        sc.field(m, f"/amendments/{i}/date", get(g, "date"), get(w, "date"))
    gr, wr = get(imp, "repeal"), get(ref, "repeal")
    if wr is not MISSING or gr is not MISSING:
        sc.field(m, "/repeal/number", get(gr, "number"), get(wr, "number"))
        sc.field(m, "/repeal/date", get(gr, "date"), get(wr, "date"))

    sc.field("goal", "/goal", get(imp, "goal"), get(ref, "goal"))

    go, wo = get(imp, "objectives"), get(ref, "objectives")
    go = go if isinstance(go, list) else []
    wo = wo if isinstance(wo, list) else []
    for i in range(max(len(go), len(wo))):
        g = go[i] if i < len(go) else {}
        w = wo[i] if i < len(wo) else {}
        sc.field("objectives", f"/objectives/{i}/text", get(g, "text"), get(w, "text"))
        indicators(sc, "objectives", f"/objectives/{i}/indicators",
                   get(g, "indicators"), get(w, "indicators"))

    gd, wd = get(imp, "directions"), get(ref, "directions")
    gd = gd if isinstance(gd, list) else []
    wd = wd if isinstance(wd, list) else []
    for i in range(max(len(gd), len(wd))):
        g = gd[i] if i < len(gd) else {}
        w = wd[i] if i < len(wd) else {}
        base = f"/directions/{i}"
        for k in ("code", "title", "objective"):
            sc.field("directions", f"{base}/{k}", get(g, k), get(w, k))
        gt, wt = get(g, "tasks"), get(w, "tasks")
        gt = gt if isinstance(gt, list) else []
        wt = wt if isinstance(wt, list) else []
        for j in range(max(len(gt), len(wt))):
            sc.field("directions", f"{base}/tasks/{j}",
                     gt[j] if j < len(gt) else MISSING, wt[j] if j < len(wt) else MISSING)
        indicators(sc, "directions", f"{base}/indicators",
                   get(g, "indicators"), get(w, "indicators"))

    acts = get(imp, "activities")
    acts = acts if isinstance(acts, list) else []
    pool = {}
    for i, a in enumerate(acts):
        pool.setdefault(get(a, "number"), []).append(i)
    used = set()
    missing = []
    for i, w in enumerate(get(ref, "activities") or []):
        num = get(w, "number")
        cands = [k for k in pool.get(num, []) if k not in used]
        base = f"/activities/{i} ({num})"
        if cands:
            used.add(cands[0])
            g = acts[cands[0]]
        else:
            g = {}
            missing.append(num)
        sc.field("activities", base + "/number", get(g, "number"), num)
        for k in ("direction", "title", "completion_form"):
            sc.field("activities", f"{base}/{k}", get(g, k), get(w, k))
        for k in ("executors", "deadline"):
            sc.field("activities", f"{base}/{k}", text_of(get(g, k)), text_of(get(w, k)))
        gt, gy, gs, gp = budget_fields(get(g, "budget"))
        wt, wy, ws, wp = budget_fields(get(w, "budget"))
        sc.field("activities", f"{base}/budget/total", gt, wt, amount=True)
        for y in sorted(set(gy) | set(wy)):
            sc.field("activities", f"{base}/budget/by_year/{y}",
                     gy.get(y, MISSING), wy.get(y, MISSING), amount=True)
        sc.field("activities", f"{base}/budget/source", gs, ws)
        sc.field("activities", f"{base}/budget/program", gp, wp)
    for k, a in enumerate(acts):
        if k not in used:
            sc.field("activities", f"/activities (extra {get(a, 'number')})",
                     get(a, "number"), MISSING)

    gt, gy, _, _ = budget_fields(get(imp, "grand_total"))
    wt, wy, _, _ = budget_fields(get(ref, "grand_total"))
    sc.field("total", "/grand_total/total", gt, wt, amount=True)
    for y in sorted(set(gy) | set(wy)):
        sc.field("total", f"/grand_total/by_year/{y}", gy.get(y, MISSING),
                 wy.get(y, MISSING), amount=True)

    gg, wg = get(imp, "glossary"), get(ref, "glossary")
    gg = gg if isinstance(gg, list) else []
    wg = wg if isinstance(wg, list) else []
    for i in range(max(len(gg), len(wg))):
        g = gg[i] if i < len(gg) else {}
        w = wg[i] if i < len(wg) else {}
        sc.field("glossary", f"/glossary/{i}/abbr", get(g, "abbr"), get(w, "abbr"))
        sc.field("glossary", f"/glossary/{i}/name", get(g, "name"), get(w, "name"))
    sc.field("glossary", "/footnote", get(imp, "footnote"), get(ref, "footnote"))
    n_ref = len(get(ref, "activities") or [])
    return sc, n_ref, missing


def show(v):
    if v is MISSING:
        return "(missing)"
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 160 else s[:157] + "..."


def main(argv):
    args = list(argv)
    opts = {"--min": "98", "--show": "40", "--jospar": None, "--text": None}
    pos = []
    while args:
        a = args.pop(0)
        if a in opts:
            if not args:
                print(f"score.py: {a} needs a value", file=sys.stderr)
                return 2
            opts[a] = args.pop(0)
        else:
            pos.append(a)
    tmp = None
    if opts["--jospar"]:
        if len(pos) != 1 or not opts["--text"]:
            print(__doc__, file=sys.stderr)
            return 2
        if not os.path.exists(opts["--text"]):
            print(f"skipped: {opts['--text']} does not exist")
            return 77
        tmp = tempfile.mkdtemp(prefix="jospar-decree-")
        out = os.path.join(tmp, "plan.json")
        r = subprocess.run([opts["--jospar"], "import-decree", opts["--text"], "-o", out],
                           capture_output=True, text=True)
        sys.stderr.write(r.stderr)
        if r.returncode != 0:
            print(f"import-decree failed with status {r.returncode}", file=sys.stderr)
            return 1
        imported, reference = out, pos[0]
    elif len(pos) == 2:
        imported, reference = pos
    else:
        print(__doc__, file=sys.stderr)
        return 2
    with open(imported, encoding="utf-8") as f:
        imp = json.load(f)
    with open(reference, encoding="utf-8") as f:
        ref = json.load(f)
    if tmp:
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)
    sc, n_ref, missing = score(imp, ref)
    print(f"{os.path.basename(reference)}: activities recovered "
          f"{n_ref - len(missing)}/{n_ref}")
    for name, (good, total) in sc.sections.items():
        print(f"  {name:<11} {good:5}/{total:<5} {100.0 * good / total if total else 100:6.2f}%")
    good, total = sc.totals()
    pct = 100.0 * good / total if total else 100.0
    print(f"  {'overall':<11} {good:5}/{total:<5} {pct:6.2f}%")
    limit = int(opts["--show"])
    for section, where, got, want in sc.mismatches[:limit]:
        print(f"  - {where}\n      got  {show(got)}\n      want {show(want)}")
    if len(sc.mismatches) > limit:
        print(f"  ... and {len(sc.mismatches) - limit} more")
    if missing:
        print(f"FAIL: {len(missing)} activities missing: {', '.join(missing[:20])}")
        return 1
    if pct < float(opts["--min"]):
        print(f"FAIL: field accuracy {pct:.2f}% is below {opts['--min']}%")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
