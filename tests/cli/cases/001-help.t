# 'jospar help' lists every command with its summary
@run help
@stdout-has
usage: jospar [--db PATH] [--plan ID] [--as-of DATE] COMMAND [ARGS]
  show       show one activity with every field and its due dates
  list       list activities, filtered
  calendar   every due date in order
  budget     planned money by year, direction, lead agency or source
  check      findings about the official text
  export     the whole plan in a machine format
  load       validate a plan document and store it
