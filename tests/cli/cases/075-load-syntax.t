@file bad.json
{"format": "jospar-plan",
 "id": }
@run load bad.json
@exit 3
@stderr-has
jospar: bad.json:line 2, column 8: invalid JSON
