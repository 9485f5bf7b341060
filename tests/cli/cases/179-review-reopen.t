# reopening an accepted report (with a reason) makes it submitted again; then it may be returned
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-30
@setup report accept 1
@setup-fails report reopen 1
@setup report reopen 1 --reason "accepted by mistake"
@setup report return 1 --reason "the order is not attached"
@run report show 1 --json
@json
d["review"] == "returned"
[v["action"] for v in d["reviews"]] == ["accept", "reopen", "return"]
d["reviews"][1]["reason"] == "accepted by mistake"
