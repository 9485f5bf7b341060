# an agency no activity names is an error naming it, as in status
@run list --agency ССО
@exit 4
@stderr-has
jospar: list: no activity of plan 'kz-2014-292' names 'ССО' as an executor
