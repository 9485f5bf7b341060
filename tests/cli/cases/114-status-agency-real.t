@run status --as-of 2016-01-01 --agency Әділетмині --json
@json
len(d["overdue"]) > 0
[a["agency"] for a in d["agencies"]] == ["Әділетмині"]
