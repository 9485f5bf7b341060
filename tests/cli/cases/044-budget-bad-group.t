@run budget --by colour
@exit 2
@stderr-has
jospar: budget: unknown grouping 'colour' (year, direction, lead, source or activity)
