# --dry-run says what an import would do and stores nothing
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status,date
6,2014-06-30,ІІМ,done,2015-05-25
16,2014-12-31,ІІМ,partly,2015-05-26
@setup report import r.csv --dry-run
@run report list --json
@json
d == []
