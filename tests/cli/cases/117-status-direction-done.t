# the "Done" of the by-direction table is the headline's "done": accepted
# done reports; one awaiting acceptance is neither done nor overdue
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 16 --due 2014-12-31 --agency ІІМ --status done --date 2015-01-10 --late-reason "entered from the paper register"
@setup report submit --activity 20 --due 2014-12-31 --agency ІІМ --status done --date 2015-01-10 --late-reason "entered from the paper register"
@setup report accept 1
@run status
@stdout-has
Due dates passed: 89 — done 1, awaiting acceptance 1,
Dir  Due  Reported  Done  Overdue  Upcoming
1.1   22         2     1       20         0
