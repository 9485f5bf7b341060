# after a failed load the database holds what it held before
@file bad.json
{"format": "jospar-plan", "format_version": 1, "id": "demo-1", "number": "15",
 "approved": "2021-02-01", "title": "Demo plan", "period": {"from": 2021, "to": 2023},
 "directions": [{"code": "1", "title": "Only"}],
 "activities": [{"number": "1", "direction": "1", "title": "A", "executors": "X",
   "deadline": "2022", "budget": {"total": 1.5}}]}
@setup check
@setup-fails load bad.json
@run plans
@stdout-has
* kz-2014-292
@stdout-lacks
demo-1
