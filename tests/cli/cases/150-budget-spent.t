# planned against spent, exact
@env JOSPAR_TODAY=2015-06-01
@setup report submit --activity 16 --due 2014-12-31 --agency ІІМ --status partly --spent 20.5 --date 2015-01-10 --late-reason "entered from the paper register"
@setup report submit --activity 16 --due 2014-12-31 --agency ІІМ --status done --spent 24.4 --date 2015-02-10 --late-reason "entered from the paper register"
@setup report submit --activity 66 --due 2014-12-31 --agency ІІМ --status done --spent 1776.9 --date 2015-01-20 --late-reason "entered from the paper register"
@run budget --spent --by year --json
@json
d["all"]["spent"]["total"] == "1801.3"
d["all"]["spent"]["by_year"]["2014"] == "1801.3"
d["all"]["planned"]["total"] == "15913.445"
