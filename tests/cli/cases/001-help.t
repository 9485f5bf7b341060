# 'jospar help' lists every command with its summary
@run help
@stdout-has
usage: jospar [--db PATH] [--plan ID] [--as-of DATE] [--as-recorded MOMENT] COMMAND [ARGS]
  show       show one activity with every field and its due dates
  list       list activities, filtered
  calendar   every due date in order
  budget     planned (and spent) money by year, direction, lead agency, source or activity
  check      findings about the official text
  export     the plan (json) or the consolidated report as of a date (xlsx, csv, html)
  load       validate a plan document and store it
  status     the state of the plan as of a date
  report     executors' reports and their review
  amend      store an amendment that adds, changes or removes activities
  diff       what changed in the plan between two dates
  indicator  indicators: targets, actual values, revisions
  simulate   fill a plausible synthetic history (for demos and benchmarks)
