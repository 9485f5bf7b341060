# bulk import from CSV (any column order, a BOM, quoted text)
@env JOSPAR_TODAY=2015-06-01
@file r.csv
﻿due,activity,agency,status,text,spent,date
2014-06-30,6,ІІМ,done,"Кешен әзірленді, бекітілді",,2014-06-25
2014-12-31,16,ІІМ,partly,,24.5,2015-01-10
@setup report import r.csv --late-reason "entered from the paper register"
@run report list --json
@json
[r["activity"] for r in d] == ["6", "16"]
d[0]["text"] == "Кешен әзірленді, бекітілді" and d[1]["spent"] == "24.5"
