# the CLI is audited like anyone else, as the named actor
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-30 --by ivanov
@setup report accept 1 --by petrov
@run audit --who cli:petrov
@stdout-has
report.accept
review: "submitted" -> "accepted"
1 entry
