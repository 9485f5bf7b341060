# after the repeal: the plan ended; the state is that of the repeal date
@run status --as-of 2018-01-01 --json
@json
d["plan_state"] == "repealed" and d["effective"] == "2016-08-18"
d["repealed_by"] == {"number": "464", "date": "2016-08-18"}
d["upcoming"] == []
d["counts"]["void"] > 0
all(x["due"] < "2016-08-18" for x in d["overdue"])
