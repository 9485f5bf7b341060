# a moment after the record keeps it (the moment in the stored form, UTC)
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-30
@run status --json --as-of 2015-06-01 --as-recorded 2999-12-31T23:59:59Z
@json
d["counts"]["awaiting-acceptance"] == 1
