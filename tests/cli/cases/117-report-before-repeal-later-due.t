# a report made before the repeal on a later due date was made while the
# plan was in force: accepted
@run report submit --activity 16 --due 2016-12-31 --agency ІІМ --status in-progress --date 2016-06-01 --late-reason "entered from the paper register"
@stdout
report 1 saved: activity 16, due 2016-12-31, ІІМ, in-progress
