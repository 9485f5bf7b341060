# a review cannot be dated before the review it follows
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-10
@setup report accept 1 --date 2015-05-25
@run report reopen 1 --reason "bad" --date 2015-05-12
@exit 3
@stderr-has
jospar: report reopen: the review (2015-05-12) cannot come before the review it follows (accept, 2015-05-25)
