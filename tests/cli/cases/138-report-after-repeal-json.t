# the JSON view of a report made after the repeal carries the mark, and the
# status stays as it was on the repeal day
@setup report submit --activity 16 --due 2015-12-31 --agency ІІМ --status done --date 2016-09-01 --late-reason "entered from the paper register"
@setup report accept 1 --date 2016-09-02 --late-reason "entered from the paper register"
@run report show 1 --json
@json
d["after_repeal"] is True
d["note"] == "made after the repeal: does not change any state"
