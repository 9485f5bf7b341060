# an unknown option names itself and the command
@run list --colour
@exit 2
@stderr-has
jospar: list: unknown option '--colour' (see 'jospar list --help')
