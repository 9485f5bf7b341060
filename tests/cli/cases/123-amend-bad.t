# an amendment naming an activity the plan lacks is refused, with the place
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "778", "date": "2015-06-01", "remove": ["10", "500"]}
@run amend a.json
@exit 3
@stderr-has
jospar: a.json:/remove/1: no activity '500' in plan 'kz-2014-292'
