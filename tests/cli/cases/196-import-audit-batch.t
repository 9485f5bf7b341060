# an import is one audit entry: the count, the first and last ids, a digest of the ids
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status,date
6,2014-06-30,ІІМ,done,2015-05-25
16,2014-12-31,ІІМ,partly,2015-05-26
6,2014-06-30,ІІМ,done,2015-05-25
@setup report import r.csv
@run audit
@stdout-has
report.import
added: 2; first_id: 1; ids_digest: "7a2385f1c75178ae"; last_id: 2; skipped: 1
1 entry
