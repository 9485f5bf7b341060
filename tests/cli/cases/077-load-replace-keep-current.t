# --replace replaces; --keep-current leaves the current plan; --plan picks one
@file demo.json
{"format": "jospar-plan", "format_version": 1, "id": "demo-1", "number": "15",
 "approved": "2021-02-01", "title": "Demo plan", "period": {"from": 2021, "to": 2023},
 "directions": [{"code": "1", "title": "Only"}],
 "activities": [{"number": "1", "direction": "1", "title": "A", "executors": "X", "deadline": "2022"}]}
@setup check
@setup load demo.json --keep-current
@setup load demo.json --replace --keep-current
@run --plan demo-1 show 1 --json
@json
d["title"] == "A" and d["deadline"]["due"] == ["2022-12-31"]
