#!/usr/bin/env python3
"""Deterministic national-scale data for the benchmarks (docs/BENCHMARKS.md).

  bench/gen.py plan K [--base FILE] [--id ID] > plan.json
      plan No. 292 with its activities replicated K times: copy 0 keeps the
      official numbers (so `show 66` is the same row at every size), copy c
      numbers its rows "x<c>-<number>" (x2-66, x2-89-1).  The document is
      a valid plan for `jospar load`; the grand total is K times the
      official one.

  bench/gen.py reports N --db DB [--plan ID] [--seed S] > reports.csv
      N reports for `jospar report import`, drawn with a seeded generator
      from the due dates and executors the database holds for the plan
      (load the plan first).  The same seed and database give the same
      bytes.

Standard library only.
"""
import argparse
import csv
import datetime
import json
import os
import random
import sqlite3
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "data", "plans", "kz-2014-292.json")


def scale_amount(s, k):
    if s is None:
        return None
    v = Decimal(s) * k
    t = format(v.normalize(), "f")
    return t


def make_plan(args):
    with open(args.base, encoding="utf-8") as f:
        doc = json.load(f)
    k = args.k
    if k < 1:
        sys.exit("gen: K must be at least 1")
    doc["id"] = args.id or ("%s-x%d" % (doc["id"], k) if k > 1 else doc["id"] + "-x1")
    base = doc["activities"]
    acts = []
    for c in range(k):
        for a in base:
            b = dict(a)
            if c > 0:
                b["number"] = "x%d-%s" % (c + 1, a["number"])
            acts.append(b)
    doc["activities"] = acts
    gt = doc.get("grand_total")
    if gt:
        gt["total"] = scale_amount(gt.get("total"), k)
        gt["by_year"] = {y: scale_amount(v, k) for y, v in gt.get("by_year", {}).items()}
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def make_reports(args):
    db = sqlite3.connect("file:%s?mode=ro" % args.db, uri=True)
    plan = args.plan
    if not plan:
        row = db.execute("SELECT value FROM setting WHERE key = 'current_plan'").fetchone()
        if not row:
            row = db.execute("SELECT id FROM plan WHERE builtin = 0 ORDER BY id").fetchone()
        if not row:
            sys.exit("gen: no plan in '%s' (load one first)" % args.db)
        plan = row[0]
    approved, doc_repeal = db.execute("SELECT approved, json_extract(doc, '$.repeal.date')"
                                      " FROM plan WHERE id = ?", (plan,)).fetchone()
    last = doc_repeal or "9999-12-31"
    pairs = db.execute(
        "SELECT a.number, d.date, e.agency FROM due d"
        " JOIN activity a ON a.plan_id = d.plan_id AND a.idx = d.idx"
        " JOIN executor e ON e.plan_id = d.plan_id AND e.idx = d.idx"
        " WHERE d.plan_id = ? AND d.date <= ? ORDER BY d.idx, d.date, e.pos",
        (plan, last)).fetchall()
    if not pairs:
        sys.exit("gen: plan '%s' has no due dates to report on" % plan)
    rnd = random.Random(args.seed)
    first = datetime.date.fromisoformat(approved)
    today = datetime.date.today()
    statuses = ["done", "done", "done", "partly", "not-done", "in-progress"]
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["activity", "due", "agency", "status", "text", "evidence", "spent", "date"])
    for i in range(args.n):
        number, due, agency = pairs[rnd.randrange(len(pairs))]
        d = datetime.date.fromisoformat(due) + datetime.timedelta(days=rnd.randint(-60, 30))
        d = min(max(d, first), today)
        spent = "%d.%d" % (rnd.randint(0, 40), rnd.randint(0, 9)) if rnd.random() < 0.3 else ""
        evidence = "order No. %d" % rnd.randint(1, 9999) if rnd.random() < 0.5 else ""
        w.writerow([number, due, agency, rnd.choice(statuses), "report %d" % (i + 1),
                    evidence, spent, d.isoformat()])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    p = sub.add_parser("plan")
    p.add_argument("k", type=int)
    p.add_argument("--base", default=BASE)
    p.add_argument("--id")
    r = sub.add_parser("reports")
    r.add_argument("n", type=int)
    r.add_argument("--db", required=True)
    r.add_argument("--plan")
    r.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    (make_plan if args.what == "plan" else make_reports)(args)


if __name__ == "__main__":
    main()
