# a reopened report counts as awaiting acceptance again
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-30
@setup report accept 1
@setup report reopen 1 --reason "accepted by mistake"
@run status --json
@json
d["counts"]["awaiting-acceptance"] == 1 and d["counts"]["done"] == 0
