# actual values, revised targets, achievement in the right direction
@env JOSPAR_TODAY=2017-03-01
@setup indicator set-actual R1.1.1 --year 2016 --value 12 --source "БП статистикасы"
@setup indicator set-actual T1.2 --year 2020 --value 60
@setup indicator revise R1.2.1 --year 2016 --value 6 --reason "Үкімет шешімі"
@setup indicator set-actual R1.2.1 --year 2016 --value 7.5
@run indicators --year 2016 --json
@json
[x for x in d if x["id"] == "R1.1.1"][0]["direction"] == "at-most"
[x for x in d if x["id"] == "R1.1.1"][0]["achievement_permille"] == 833
[x for x in d if x["id"] == "R1.1.1"][0]["met"] == False
[x for x in d if x["id"] == "R1.2.1"][0]["value"] == "6" and [x for x in d if x["id"] == "R1.2.1"][0]["original"] == "8"
[x for x in d if x["id"] == "R1.2.1"][0]["reason"] == "Үкімет шешімі"
[x for x in d if x["id"] == "R1.2.1"][0]["achievement_permille"] == 1250
