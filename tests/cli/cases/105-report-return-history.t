# returned with a reason; the reason stays in the history
@env JOSPAR_TODAY=2015-02-01
@setup report submit --activity 8 --due 2014-12-31 --agency ІІМ --status done --date 2014-12-20 --late-reason "entered from the paper register"
@setup report return 1 --reason "no evidence attached" --date 2015-01-10 --by coordinator --late-reason "entered from the paper register"
@setup report submit --activity 8 --due 2014-12-31 --agency ІІМ --status done --evidence "акт № 5" --date 2015-01-15 --late-reason "entered from the paper register"
@setup report accept 2 --date 2015-01-20 --late-reason "entered from the paper register"
@run report show 1 --json
@json
d["review"] == "returned"
[{k: v[k] for k in ("action", "reason", "date", "by")} for v in d["reviews"]] == [{"action": "return", "reason": "no evidence attached", "date": "2015-01-10", "by": "cli:coordinator"}]
all(v["recorded_at"] for v in d["reviews"]) and d["recorded_at"]
