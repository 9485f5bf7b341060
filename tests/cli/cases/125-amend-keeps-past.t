# an amendment changing activity 6's deadline from 2015-06-01 keeps its 2014
# due date and the report accepted on it: counted as of 2016-01-01
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "777", "date": "2015-06-01",
 "change": [{"number": "6", "deadline": "2015 жылғы 4-тоқсан"}]}
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2014-06-30 --late-reason "entered from the paper register"
@setup report accept 1 --date 2014-07-02 --late-reason "entered from the paper register"
@setup amend a.json
@run status --as-of 2016-01-01 --json
@json
d["counts"]["done"] == 1
[(x["number"], x["due"]) for x in d["overdue"] if x["number"] == "6"] == [("6", "2015-12-31")]
{"number": "777", "date": "2015-06-01"} in d["amended_by"]
