# budget by direction: exact sums as decimal strings
@run budget --by direction --json
@json
d["unit"] == "million tenge"
[r["key"] for r in d["rows"]] == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4"]
d["all"]["total"] == "15913.445"
[r for r in d["rows"] if r["key"] == "2.3"][0]["total"] == "216.045"
d["all"]["by_year"]["2014"] == "7935.051"
