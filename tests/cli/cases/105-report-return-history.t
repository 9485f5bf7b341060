# returned with a reason; the reason stays in the history
@env JOSPAR_TODAY=2015-02-01
@setup report submit --activity 8 --due 2014-12-31 --agency ІІМ --status done --date 2014-12-20
@setup report return 1 --reason "no evidence attached" --date 2015-01-10 --by coordinator
@setup report submit --activity 8 --due 2014-12-31 --agency ІІМ --status done --evidence "акт № 5" --date 2015-01-15
@setup report accept 2 --date 2015-01-20
@run report show 1 --json
@json
d["review"] == "returned"
d["reviews"] == [{"action": "return", "reason": "no evidence attached", "date": "2015-01-10", "by": "coordinator"}]
