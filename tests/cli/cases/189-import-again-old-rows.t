# a file imported again adds nothing, even when its rows are older than the window now
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status,date
6,2014-06-30,ІІМ,done,2014-07-01
16,2014-12-31,ІІМ,partly,2015-05-26
@setup report import r.csv --late-reason "the 2014 paper register"
@run report import r.csv
@stdout
'r.csv': 0 reports added, 2 already stored
