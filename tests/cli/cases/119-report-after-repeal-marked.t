# a report made after the repeal on an earlier due date is accepted and
# marked: it does not change any state
@run report submit --activity 16 --due 2015-12-31 --agency ІІМ --status done --date 2016-09-01 --late-reason "entered from the paper register"
@stdout
report 1 saved: activity 16, due 2015-12-31, ІІМ, done; made after the repeal: does not change any state
