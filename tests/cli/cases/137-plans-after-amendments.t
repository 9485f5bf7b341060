# plans counts the activities in force after the amendments
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "807", "date": "2015-06-01",
 "add": [{"number": "132-1", "after": "132", "direction": "2.4", "title": "Бір",
          "executors": "Әділетмині", "deadline": "2015 жылғы 4-тоқсан"},
         {"number": "132-2", "after": "132-1", "direction": "2.4", "title": "Екі",
          "executors": "Әділетмині", "deadline": "2015 жылғы 4-тоқсан"}],
 "remove": ["10"]}
@setup amend a.json
@run plans
@stdout-has
134 activities
(1 removed by amendments)
