# an amendment dated after the plan's repeal is refused
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "805", "date": "2016-09-01", "remove": ["10"]}
@run amend a.json
@exit 3
@stderr-has
the amendment (2016-09-01) is dated after the plan's repeal on 2016-08-18 by No. 464
