#!/usr/bin/env python3
"""Build data/plans/kz-2014-292.json from the agreed transcription.

Usage: build-plan.py [--check]

The two passes under data/transcription/ must agree (tools/compare-passes.py,
with resolutions.json applied); the plan document is then written from them,
with amounts converted from printed form ("1 776,9") to jospar's decimal
strings ("1776.9").  Amounts are converted as text, never through floats.
With --check, nothing is written: the exit status says whether the committed
file is exactly what the transcription gives.
"""
import json, os, re, subprocess, sys, glob

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TR = os.path.join(ROOT, "data", "transcription")
OUT = os.path.join(ROOT, "data", "plans", "kz-2014-292.json")
FIRST_YEAR = 2014

def amount(printed):
    """'1 776,9' -> '1776.9' (exact, as text); '-' -> None."""
    s = printed.replace(" ", "")
    if s in ("-", ""):
        return None
    if not re.fullmatch(r"\d+(,\d+)?", s):
        raise SystemExit(f"cannot read amount '{printed}'")
    whole, _, frac = s.partition(",")
    frac = frac.rstrip("0")
    whole = whole.lstrip("0") or "0"
    return whole + ("." + frac if frac else "")

def budget(cells, source=None, program=None):
    total = amount(cells[0]) if cells else None
    by_year = {}
    for i, c in enumerate(cells[1:]):
        v = amount(c)
        if v is not None:
            by_year[str(FIRST_YEAR + i)] = v
    if total is None and not by_year and source is None and program is None:
        return None
    return {"total": total, "by_year": by_year, "source": source, "program": program}

def load_rows(d):
    rows = []
    for f in sorted(glob.glob(os.path.join(d, "rows-*.json"))):
        rows += json.load(open(f, encoding="utf-8"))["activities"]
    return rows

def indicators(items):
    out = []
    for i, it in enumerate(items, 1):
        out.append({"number": it.get("number", i), "text": it["text"],
                    "targets": [{"year": t["year"], "value": t["value"].replace(",", "."),
                                 "unit": t["unit"]} for t in it["targets"]]})
    return out

def build():
    a = os.path.join(TR, "pass-a")
    frame = json.load(open(os.path.join(a, "frame.json"), encoding="utf-8"))
    rows = load_rows(a)
    res = json.load(open(os.path.join(TR, "resolutions.json"), encoding="utf-8"))
    for key, r in res.items():
        m = re.fullmatch(r"row (\S+)/(\w+)", key)
        if m:
            for row in rows:
                if row["number"] == m.group(1):
                    row[m.group(2)] = r["value"]
    plan = {
        "format": "jospar-plan",
        "format_version": 1,
        "id": "kz-2014-292",
        "language": "kk",
        "issuer": "Қазақстан Республикасының Үкіметі",
        "number": "292",
        "approved": "2014-04-01",
        "title": frame["title"],
        "period": {"from": 2014, "to": 2020},
        "unit": "million tenge",
        "amendments": [
            {"number": "1441", "date": "2014-12-31"},
            {"number": "209", "date": "2015-04-09"},
        ],
        "repeal": {"number": "464", "date": "2016-08-18"},
        "goal": frame["goal"],
        "objectives": [
            {"number": o["number"], "text": o["text"],
             "indicators": indicators(o["target_indicators"])}
            for o in frame["objectives"]
        ],
        "directions": [
            {"code": d["code"], "objective": d["objective"], "title": d["title"],
             "tasks": d["tasks"], "indicators": indicators(d["result_indicators"])}
            for d in frame["directions"]
        ],
        "activities": [
            {"number": r["number"], "direction": r["direction"], "title": r["title"],
             "completion_form": r["completion_form"], "executors": r["executors"],
             "deadline": r["deadline"],
             "budget": budget(r["money"], r["source"], r["program"]),
             "source_lines": r["lines"]}
            for r in rows
        ],
        "grand_total": budget(frame["grand_total"]["money"]),
        "footnote": frame["footnote"],
        "glossary": [{"abbr": g["abbr"], "name": g["full"]} for g in frame["glossary"]],
    }
    del plan["grand_total"]["source"], plan["grand_total"]["program"]
    return json.dumps(plan, ensure_ascii=False, indent=1) + "\n"

def main():
    cmp = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "compare-passes.py"),
                          os.path.join(TR, "pass-a"), os.path.join(TR, "pass-b"),
                          "--resolutions", os.path.join(TR, "resolutions.json")],
                         capture_output=True, text=True)
    if cmp.returncode != 0:
        sys.stdout.write(cmp.stdout)
        print("the passes disagree: resolve the differences first", file=sys.stderr)
        return 1
    text = build()
    if "--check" in sys.argv:
        cur = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
        if cur != text:
            print(f"{OUT} differs from what the transcription gives", file=sys.stderr)
            return 1
        print("plan document matches the transcription")
        return 0
    open(OUT, "w", encoding="utf-8").write(text)
    print(f"wrote {OUT}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
