# a moment jospar cannot read is refused, naming it
@run status --as-recorded 2015-06-01T25:00
@exit 2
@stderr-has
--as-recorded: '2015-06-01T25:00' is not a moment: give YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)
