# --dry-run counts what is new and what is stored already
@env JOSPAR_TODAY=2015-06-01
@file a.csv
activity,due,agency,status,date
6,2014-06-30,ІІМ,done,2015-05-25
@file b.csv
activity,due,agency,status,date
6,2014-06-30,ІІМ,done,2015-05-25
16,2014-12-31,ІІМ,partly,2015-05-26
@setup report import a.csv
@run report import b.csv --dry-run
@stdout
dry run, nothing stored: 'b.csv': 1 report would be added, 1 already stored
