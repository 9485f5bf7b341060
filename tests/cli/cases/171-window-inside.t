# inside the window (30 days back) no reason is needed, and none is stored
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-05-02
@run report list --json
@json
len(d) == 1 and d[0]["made"] == "2015-05-02" and "late_reason" not in d[0]
d[0]["recorded_at"].endswith("Z") and len(d[0]["recorded_at"]) == 20
