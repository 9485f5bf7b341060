# changes are judged by the plan in force today: --as-of is refused on them
@env JOSPAR_TODAY=2015-08-01
@run --as-of 2015-05-01 report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done
@exit 2
@stderr-has
jospar: --as-of 2015-05-01 does not apply to changes: they are judged by the plan in force today
