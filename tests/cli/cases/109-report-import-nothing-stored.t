@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status
6,2014-06-30,ІІМ,done
16,2014-12-31,ТЖМ,done
@setup-fails report import r.csv
@run report list
@stdout-has
0 reports
