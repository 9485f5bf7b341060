# amounts are strings: a JSON real is refused, with the place named
@file bad.json
{"format": "jospar-plan", "format_version": 1, "id": "demo-1", "number": "15",
 "approved": "2021-02-01", "title": "Demo plan", "period": {"from": 2021, "to": 2023},
 "directions": [{"code": "1", "title": "Only"}],
 "activities": [{"number": "1", "direction": "1", "title": "A", "executors": "X",
   "deadline": "2022", "budget": {"total": 1.5}}]}
@run load bad.json
@exit 3
@stderr-has
jospar: bad.json:/activities/0/budget/total: amounts are written as strings
