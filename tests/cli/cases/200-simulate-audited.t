# simulate goes through the ledger: one audit entry with its counts, seed and date
@setup simulate --seed 3 --as-of 2015-12-31
@setup simulate --clear
@run audit --json
@json
[e["action"] for e in d] == ["history.simulate", "history.simulate"]
all(e["object"] == "kz-2014-292" for e in d)
d[1]["after"]["seed"] == "3" and d[1]["after"]["until"] == "2015-12-31"
d[1]["after"]["reports"] > 100 and d[1]["after"]["reviews"] > 0
d[0]["after"] == {"cleared": True}
