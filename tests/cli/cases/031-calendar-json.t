# the calendar is every due date, in date order, inside the plan's window
# (as of a day the plan was in force: after its repeal the later ones are void)
@run --as-of 2016-01-01 calendar --format json
@json
len(d) > 300
[x["due"] for x in d] == sorted(x["due"] for x in d)
all("2014-04-01" <= x["due"] <= "2020-12-31" for x in d)
all(set(x) >= {"due", "number", "title", "lead"} for x in d)
[x for x in d if x["number"] == "12"][0]["label"] == "жобаны әзірлеу"
