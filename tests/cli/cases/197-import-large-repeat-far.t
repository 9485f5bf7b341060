# a large import (stored in runs) skips a row repeated hundreds of rows later
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status,date,text
@lines r.csv 600 6,2014-06-30,ІІМ,done,2015-05-25,report {n}
@file r.csv
6,2014-06-30,ІІМ,done,2015-05-25,report 1
@run report import r.csv
@stdout
'r.csv': 600 reports added, 1 already stored
