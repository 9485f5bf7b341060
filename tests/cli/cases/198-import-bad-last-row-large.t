# a bad row at the end of a large import names its row and column
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status,date,text
@lines r.csv 600 6,2014-06-30,ІІМ,done,2015-05-25,report {n}
@file r.csv
6,2014-06-30,БП,done,2015-05-25,report 601
@run report import r.csv
@exit 3
@stderr-has
jospar: r.csv:row 602, column agency: 'БП' is not an executor of activity 6
