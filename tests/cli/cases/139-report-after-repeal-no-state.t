# an accepted report made after the repeal changes no state
@setup report submit --activity 16 --due 2015-12-31 --agency ІІМ --status done --date 2016-09-01 --late-reason "entered from the paper register"
@setup report accept 1 --date 2016-09-02 --late-reason "entered from the paper register"
@run status --as-of 2018-01-01 --json
@json
d["counts"]["done"] == 0
["2014-12-31", "2015-12-31"] == [x["due"] for x in d["overdue"] if x["number"] == "16"]
