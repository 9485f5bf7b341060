# a report may claim a date only within the plan's reporting window (30 days)
@env JOSPAR_TODAY=2015-06-01
@run report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-04-30
@exit 3
@stderr-has
is older than plan 'kz-2014-292' allows: its reporting window is 30 days before today (2015-06-01)
