# in JSON too, the directions' "done" add up to the headline's count
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 16 --due 2014-12-31 --agency ІІМ --status done --date 2015-01-10 --late-reason "entered from the paper register"
@setup report submit --activity 20 --due 2014-12-31 --agency ІІМ --status done --date 2015-01-10 --late-reason "entered from the paper register"
@setup report accept 1
@run status --json
@json
d["counts"]["done"] == 1 and d["counts"]["awaiting-acceptance"] == 1
sum(x["done"] for x in d["directions"]) == d["counts"]["done"]
