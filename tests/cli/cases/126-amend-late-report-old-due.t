# after the amendment a late report on the kept 2014 due date is accepted
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "777", "date": "2015-06-01",
 "change": [{"number": "6", "deadline": "2015 жылғы 4-тоқсан"}]}
@setup amend a.json
@run report submit --activity 6 --due 2014-06-30 --agency ІІМ --status done --date 2015-07-01 --late-reason "entered from the paper register"
@stdout
report 1 saved: activity 6, due 2014-06-30, ІІМ, done
