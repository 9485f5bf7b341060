# an earlier amendment entered later that makes a stored later one fail is
# refused, naming the stored one and why
@file later.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "804", "date": "2016-01-01", "remove": ["10"]}
@file earlier.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "803", "date": "2015-06-01", "remove": ["10"]}
@setup amend later.json
@run amend earlier.json
@exit 3
@stderr-has
amendment No. 804 (2016-01-01), stored and dated later, no longer applies after this one: activity '10' is removed already, by No. 803 (2015-06-01) at /remove/0
