# no command: a one-line error, exit 2
@run
@exit 2
@stderr-has
jospar: no command given (see 'jospar help')
