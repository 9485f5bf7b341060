# an agency that is no executor of the plan is named as such
@run status --as-of 2016-01-01 --agency ССО
@exit 4
@stderr-has
jospar: status: no activity of plan 'kz-2014-292' names 'ССО' as an executor
