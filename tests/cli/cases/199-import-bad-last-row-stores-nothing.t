# a bad row at the end of a large import: none of the 600 rows before it is stored
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status,date,text
@lines r.csv 600 6,2014-06-30,ІІМ,done,2015-05-25,report {n}
@file r.csv
6,2014-06-30,БП,done,2015-05-25,report 601
@setup-fails report import r.csv
@run report list
@stdout-has
0 reports
