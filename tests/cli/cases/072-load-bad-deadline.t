# a bad document: the error names the file, the JSON pointer and the text;
# nothing is stored
@file bad.json
{"format": "jospar-plan", "format_version": 1, "id": "demo-1", "number": "15",
 "approved": "2021-02-01", "title": "Demo plan", "period": {"from": 2021, "to": 2023},
 "directions": [{"code": "1", "title": "Only"}],
 "activities": [
  {"number": "1", "direction": "1", "title": "A", "executors": "X", "deadline": "2022"},
  {"number": "2", "direction": "1", "title": "B", "executors": "X", "deadline": "2022 жылғы 7-тоқсан"}]}
@run load bad.json
@exit 3
@stderr-has
jospar: bad.json:/activities/1/deadline: cannot read deadline '2022 жылғы 7-тоқсан': invalid quarter at character 12
