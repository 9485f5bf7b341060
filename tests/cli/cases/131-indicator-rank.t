@env JOSPAR_TODAY=2017-03-01
@setup indicator set-actual T1.2 --year 2020 --value 60
@run indicators --year 2020 --json
@json
[x for x in d if x["id"] == "T1.2"][0]["direction"] == "rank"
[x for x in d if x["id"] == "T1.2"][0]["achievement_permille"] == 933
