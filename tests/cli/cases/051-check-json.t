# check --json: kinds, rows and messages; the exit status is 0
@run check --json
@json
d["plan"] == "kz-2014-292"
sorted(f["row"] for f in d["findings"] if f["kind"] == "row-total") == sorted(["16", "17", "71", "74", "120"])
len([f for f in d["findings"] if f["kind"] == "grand-total"]) == 1
[f["row"] for f in d["findings"] if f["kind"] == "date-outside-period"] == ["2"]
sorted(set(f["row"] for f in d["findings"] if f["kind"] == "duplicate-executor")) == ["12", "21"]
all(f["row"] for f in d["findings"] if f["kind"] in ("row-total", "unknown-agency", "date-outside-period"))
