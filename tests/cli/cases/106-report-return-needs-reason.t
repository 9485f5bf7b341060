@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2014-06-25 --late-reason "entered from the paper register"
@run report return 1
@exit 3
@stderr-has
jospar: report return: give a reason for returning the report
