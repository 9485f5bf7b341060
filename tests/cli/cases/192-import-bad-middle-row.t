# a row refused in the middle of an import (after rows that pass) names its row
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status,date
6,2014-06-30,ІІМ,done,2015-05-25
16,2014-12-31,ІІМ,partly,2015-05-26
6,2014-06-30,ІІМ,partly,2015-01-10
16,2014-12-31,ІІМ,done,2015-05-27
@run report import r.csv
@exit 3
@stderr-has
jospar: r.csv:row 4, column date: a report made on 2015-01-10 is older than plan
