# after the repeal the calendar leaves out the due dates it made void
@run calendar --format json
@json
len(d) > 100
all(x["due"] <= "2016-08-18" for x in d)
[x["due"] for x in d if x["number"] == "16"] == ["2014-12-31", "2015-12-31"]
