# "annually, no later than 1 December (from the second quarter of 2016)"
@run show 98
@stdout-has
Deadline:         Жыл сайын, 1 желтоқсаннан кешіктірмей (2016 жылғы екінші тоқсаннан бастап)
Due dates:        2016-12-01
                  2020-12-01
@stdout-lacks
2015-12-01
