# a row refused in the middle of an import stores none of the rows around it
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status,date
6,2014-06-30,ІІМ,done,2015-05-25
16,2014-12-31,ІІМ,partly,2015-05-26
6,2014-06-30,ІІМ,partly,2015-01-10
16,2014-12-31,ІІМ,done,2015-05-27
@setup-fails report import r.csv
@run report list
@stdout-has
0 reports
