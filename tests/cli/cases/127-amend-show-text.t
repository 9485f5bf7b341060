# show prints the earlier deadline and the amendment that changed the row;
# both due dates are listed
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "777", "date": "2015-06-01",
 "change": [{"number": "6", "deadline": "2015 жылғы 4-тоқсан"}]}
@setup amend a.json
@run --as-of 2016-01-01 show 6
@stdout-has
Deadline:         2015 жылғы 4-тоқсан
                  before 2015-06-01: 2014 жылғы 2-тоқсан
Amended:          changed by No. 777 (2015-06-01)
Due dates:        2014-06-30  no-report, overdue
                  2015-12-31  no-report, overdue
