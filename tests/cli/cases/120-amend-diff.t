# an amendment applies from its date; diff shows what changed between dates
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "777", "date": "2015-06-01",
 "add": [{"number": "132-1", "after": "132", "direction": "2.4", "title": "Жаңа іс-шара",
          "completion_form": "Бұйрық", "executors": "Әділетмині", "deadline": "2015 жылғы 4-тоқсан"}],
 "change": [{"number": "6", "deadline": "2014 жылғы 3-тоқсан"}],
 "remove": ["10"]}
@setup amend a.json
@run diff --from 2015-01-01 --to 2015-12-31 --json
@json
d["added"] == [{"number": "132-1", "title": "Жаңа іс-шара", "by": "777"}]
d["removed"] == [{"number": "10", "title": "Өртке қарсы қызметтің жұмысы туралы имидждік фильмдер жасау", "by": "777"}]
d["changed"] == [{"number": "6", "fields": ["deadline"]}]
