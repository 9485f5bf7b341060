# an unknown command is a usage error with a pointer to help
@run frobnicate
@exit 2
@stderr-has
jospar: no command 'frobnicate' (see 'jospar help')
