# an activity that does not exist: exit 4, the number named
@run show 133
@exit 4
@stderr-has
jospar: no activity '133' in plan 'kz-2014-292'
