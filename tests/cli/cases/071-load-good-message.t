@file demo.json
{"format": "jospar-plan", "format_version": 1, "id": "demo-1", "number": "15",
 "approved": "2021-02-01", "title": "Demo plan", "period": {"from": 2021, "to": 2023},
 "directions": [{"code": "1", "title": "Only"}],
 "activities": [{"number": "1", "direction": "1", "title": "A", "executors": "X", "deadline": "2022"}]}
@run load demo.json
@stdout
stored plan 'demo-1' (No. 15, 1 activities); it is now the current plan
