# --as-recorded: what jospar had recorded by a moment; before the first record there is nothing
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-30
@run report list --json --as-recorded 2000-01-01
@json
d == []
