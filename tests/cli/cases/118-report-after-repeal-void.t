# a report made after the repeal on a due date after it is refused
@run report submit --activity 16 --due 2016-12-31 --agency ІІМ --status done --date 2016-09-01
@exit 3
@stderr-has
due date 2016-12-31 is void: the plan was repealed on 2016-08-18 by No. 464, before this report (made 2016-09-01)
