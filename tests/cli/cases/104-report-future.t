@env JOSPAR_TODAY=2015-01-20
@run report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-02-01
@exit 3
@stderr-has
jospar: report submit: a report cannot be made in the future (2015-02-01)
