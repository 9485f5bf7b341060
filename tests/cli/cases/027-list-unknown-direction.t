# an unknown direction is named
@run list --direction 3.1
@exit 4
@stderr-has
jospar: list: no direction '3.1' in plan 'kz-2014-292'
