# a coordinator records an older fact with a reason; the reason is kept and audited
@env JOSPAR_TODAY=2015-06-01
@file pw
password-coord
@setup user add coord --role coordinator
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2014-07-01 --late-reason "from the 2014 paper register" --by coord
@run audit --json
@stdin pw
@json
d[0]["who"] == "coord" and d[0]["action"] == "report.submit" and d[0]["object"] == "report/1"
d[0]["after"]["late_reason"] == "from the 2014 paper register" and d[0]["after"]["made"] == "2014-07-01"
d[0]["before"] is None and d[0]["at"].endswith("Z")
