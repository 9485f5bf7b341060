@run status --as-of 2017-03-01 --color never
@stdout-has
Plan No. 292 as of 2017-03-01
State: ended: repealed on 2016-08-18 by No. 464; shown as of that day
Due in the next 90 days: 0
