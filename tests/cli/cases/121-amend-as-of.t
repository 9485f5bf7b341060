# views as of a date before the amendment show the text then in force
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "777", "date": "2015-06-01",
 "change": [{"number": "6", "title": "Өзгертілген атау"}]}
@setup amend a.json
@run --as-of 2015-05-31 show 6 --json
@json
d["title"].startswith("Халықтың учаскелік полиция")
"changed_by" not in d
