# one bad row: the error names the row and the column, and nothing is stored
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status
6,2014-06-30,ІІМ,done
16,2014-12-31,ІІМ,finished
@run report import r.csv
@exit 3
@stderr-has
jospar: r.csv:row 3, column status: unknown status 'finished' (done, partly, not-done, in-progress)
