# 'list --json': every activity, with the fields other tools read
@run list --json
@json
len(d) == 133
[a["number"] for a in d][:3] == ["1", "2", "3"]
"89-1" in [a["number"] for a in d] and "89-2" in [a["number"] for a in d]
"45. 46" in [a["number"] for a in d]
all(set(a) >= {"number", "direction", "title", "completion_form", "executors", "deadline", "budget"} for a in d)
all(set(e) == {"agency", "lead", "by_agreement"} for a in d for e in a["executors"])
all(set(a["deadline"]) >= {"text", "due"} and len(a["deadline"]["due"]) >= 1 for a in d)
all(a["budget"] is None or set(a["budget"]) == {"total", "by_year", "source", "program"} for a in d)
all(isinstance(v, str) for a in d if a["budget"] for v in a["budget"]["by_year"].values())
sum(1 for a in d if a["budget"] and a["budget"]["total"]) == 20
sum(1 for a in d if a["budget"]) == 21
[a for a in d if a["number"] == "1"][0]["executors"] == [{"agency": "БП", "lead": False, "by_agreement": True}]
[a for a in d if a["number"] == "16"][0]["budget"]["by_year"] == {"2014": "24.5", "2015": "24.5", "2016": "24.5", "2017": "24.5", "2018": "24.5"}
