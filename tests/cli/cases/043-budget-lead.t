@run budget --by lead --json
@json
[r for r in d["rows"] if r["key"] == "Әділетмині"][0]["total"] == "4858.1"
[r for r in d["rows"] if r["key"] == "ДСМ"][0]["total"] == "649.6"
sum(r["activities"] for r in d["rows"]) == 21
