# export --format json: the whole plan, loadable again
@run export --format json
@json
d["format"] == "jospar-plan" and d["id"] == "kz-2014-292" and d["number"] == "292"
d["approved"] == "2014-04-01" and d["period"] == {"from": 2014, "to": 2020}
d["amendments"] == [{"number": "1441", "date": "2014-12-31"}, {"number": "209", "date": "2015-04-09"}]
d["repeal"] == {"number": "464", "date": "2016-08-18"}
len(d["objectives"]) == 2 and len(d["directions"]) == 8 and len(d["activities"]) == 133
d["grand_total"]["total"] == "15913.2455"
len(d["glossary"]) == 28
all(len(x["targets"]) >= 1 for o in d["objectives"] for x in o["indicators"])
