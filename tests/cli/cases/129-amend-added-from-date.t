# an added row has only the due dates from its amendment's date on
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "780", "date": "2015-06-01",
 "add": [{"number": "132-1", "after": "132", "direction": "2.4", "title": "Жаңа іс-шара",
          "completion_form": "Бұйрық", "executors": "Әділетмині", "deadline": "Жыл сайын"}]}
@setup amend a.json
@run --as-of 2016-01-10 calendar --format json
@json
[x["due"] for x in d if x["number"] == "132-1"] == ["2015-12-31", "2016-12-31", "2017-12-31", "2018-12-31", "2019-12-31", "2020-12-31"]
