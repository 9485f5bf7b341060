# status --json: the names other tools read
@env JOSPAR_TODAY=2015-02-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2014-06-25 --late-reason "entered from the paper register"
@setup report accept 1 --date 2014-07-01 --late-reason "entered from the paper register"
@setup report submit --activity 8 --due 2014-12-31 --agency ІІМ --status done --date 2014-12-20 --late-reason "entered from the paper register"
@run status --as-of 2015-01-01 --json
@json
d["as_of"] == "2015-01-01" and d["plan_state"] == "in-force"
d["amended_by"] == [{"number": "1441", "date": "2014-12-31"}]
all(set(x) >= {"number", "due"} for x in d["overdue"] + d["upcoming"])
"6" not in [x["number"] for x in d["overdue"]]
"8" not in [x["number"] for x in d["overdue"]]
d["counts"]["done"] == 1 and d["counts"]["awaiting-acceptance"] == 1
all(x["due"] < "2015-01-01" for x in d["overdue"])
all("2015-01-01" <= x["due"] < "2015-04-01" for x in d["upcoming"])
{"number": "2", "due": "2015-02-01"}.items() <= [x for x in d["upcoming"] if x["number"] == "2"][0].items()
