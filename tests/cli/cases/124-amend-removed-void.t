# due dates of a removed activity from the removal on are void
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "779", "date": "2015-06-01", "remove": ["16"]}
@setup amend a.json
@run status --as-of 2016-01-10 --json
@json
"16" in [x["number"] for x in d["overdue"]]
[x["due"] for x in d["overdue"] if x["number"] == "16"] == ["2014-12-31"]
