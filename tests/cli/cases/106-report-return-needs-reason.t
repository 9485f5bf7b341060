@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2014-06-25
@run report return 1
@exit 2
@stderr-has
jospar: report return: give --reason
