# the form other tools call: submit, then list as JSON
@env JOSPAR_TODAY=2015-01-20
@setup report submit --activity 6 --due 2014-06-30 --agency ііМ --status done --text "Кешен әзірленді" --evidence "бұйрық № 123, 2014-06-20" --date 2014-06-25 --by ivanov --late-reason "entered from the paper register"
@setup report submit --activity 16 --due 2014-12-31 --agency ІІМ --status partly --spent "20,5"
@run report list --json
@json
len(d) == 2
d[0]["activity"] == "6" and d[0]["due"] == "2014-06-30" and d[0]["agency"] == "ІІМ"
d[0]["status"] == "done" and d[0]["made"] == "2014-06-25" and d[0]["by"] == "cli:ivanov" and d[0]["late_reason"] == "entered from the paper register"
d[0]["evidence"] == "бұйрық № 123, 2014-06-20" and d[0]["review"] == "awaiting"
d[1]["spent"] == "20.5" and d[1]["made"] == "2015-01-20"
all(not r["synthetic"] for r in d)
