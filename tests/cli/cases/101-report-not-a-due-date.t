# a date that is not one of the activity's due dates is refused, with them named
@run report submit --activity 2 --due 2014-02-01 --agency БП --status done
@exit 3
@stderr-has
jospar: report submit: 2014-02-01 is not a due date of activity 2 (its due dates: 2015-02-01, 2016-02-01
