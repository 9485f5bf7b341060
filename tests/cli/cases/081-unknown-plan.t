@run --plan nope list
@exit 4
@stderr-has
jospar: no plan 'nope' in the database (see 'jospar plans')
