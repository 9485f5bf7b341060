# a review cannot come before the report; the message names both real dates
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-30
@run report accept 1 --date 2015-05-20
@exit 3
@stderr-has
jospar: report accept: the review (2015-05-20) cannot come before the report (made 2015-05-30)
