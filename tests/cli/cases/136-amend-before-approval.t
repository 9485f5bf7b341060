# an amendment dated before the plan's approval is refused
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "806", "date": "2014-03-01", "remove": ["10"]}
@run amend a.json
@exit 3
@stderr-has
the amendment (2014-03-01) is dated before the plan's approval on 2014-04-01
