# loading an id that is stored needs --replace
@file demo.json
{"format": "jospar-plan", "format_version": 1, "id": "demo-1", "number": "15",
 "approved": "2021-02-01", "title": "Demo plan", "period": {"from": 2021, "to": 2023},
 "directions": [{"code": "1", "title": "Only"}],
 "activities": [{"number": "1", "direction": "1", "title": "A", "executors": "X", "deadline": "2022"}]}
@setup load demo.json
@run load demo.json
@exit 5
@stderr-has
jospar: demo.json:/id: a plan 'demo-1' is stored already (use --replace to replace it)
