# amendments may be entered in any order: each applies by its date
@file later.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "802", "date": "2015-09-01",
 "change": [{"number": "6", "deadline": "2016 жылғы 4-тоқсан"}]}
@file earlier.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "801", "date": "2015-06-01",
 "change": [{"number": "6", "deadline": "2015 жылғы 3-тоқсан"}]}
@setup amend later.json
@setup amend earlier.json
@run --as-of 2017-01-10 show 6 --json
@json
d["deadline"]["text"] == "2016 жылғы 4-тоқсан"
d["deadline"]["due"] == ["2014-06-30", "2016-12-31"]
d["earlier_deadlines"] == [{"deadline": "2014 жылғы 2-тоқсан", "until": "2015-06-01"}, {"deadline": "2015 жылғы 3-тоқсан", "until": "2015-09-01"}]
d["changed_by"] == [{"number": "801", "date": "2015-06-01"}, {"number": "802", "date": "2015-09-01"}]
