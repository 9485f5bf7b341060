# a removed row keeps its due dates before the removal and says who removed it
@file a.json
{"format": "jospar-amendment", "format_version": 1, "plan": "kz-2014-292",
 "number": "779", "date": "2015-06-01", "remove": ["16"]}
@setup amend a.json
@run --as-of 2016-01-10 show 16
@stdout-has
Amended:          removed by No. 779 (2015-06-01)
Due dates:        2014-12-31  no-report, overdue
                  2015-12-31  void
