# an agency no activity names is an error naming it, as in status
@run calendar --agency ССО --format ics
@exit 4
@stderr-has
jospar: calendar: no activity of plan 'kz-2014-292' names 'ССО' as an executor
