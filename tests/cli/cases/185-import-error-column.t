# an import error names the row and the column, from the error's own field
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status,date
6,2014-06-30,ІІМ,done,2015-05-25
6,2014-06-30,БП,done,2015-05-25
@run report import r.csv
@exit 3
@stderr-has
jospar: r.csv:row 3, column agency: 'БП' is not an executor of activity 6
