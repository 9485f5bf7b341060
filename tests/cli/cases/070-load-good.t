# load a plan: validated, stored, made current; list then works on it
@file demo.json
{"format": "jospar-plan", "format_version": 1, "id": "demo-1", "number": "15",
 "approved": "2021-02-01", "title": "Demo plan", "period": {"from": 2021, "to": 2023},
 "directions": [{"code": "1", "title": "Only"}],
 "glossary": [{"abbr": "MoF", "name": "Ministry of Finance"}],
 "activities": [
  {"number": "1", "direction": "1", "title": "Audit the registry",
   "executors": "MoF (lead), MoJ", "deadline": "Q3 2021",
   "budget": {"total": "12.5", "by_year": {"2021": "12.5"}, "source": "RB", "program": "001"}},
  {"number": "2", "direction": "1", "title": "Report yearly",
   "executors": "MoJ", "deadline": "ежегодно, не позднее 1 марта", "budget": null}
 ]}
@setup load demo.json
@run list --json
@json
[a["number"] for a in d] == ["1", "2"]
d[0]["deadline"]["due"] == ["2021-09-30"]
d[1]["deadline"]["due"] == ["2021-03-01", "2022-03-01", "2023-03-01"]
d[0]["executors"][0] == {"agency": "MoF", "lead": True, "by_agreement": False}
