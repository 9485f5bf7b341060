# audit filters by action family and pages with --before
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-30
@setup report accept 1
@setup indicator set-actual T1.1 --year 2020 --value 50
@run audit --action report. --json
@json
[e["action"] for e in d] == ["report.accept", "report.submit"]
