# a row repeated within one file is stored once, like a row stored already
@env JOSPAR_TODAY=2015-06-01
@file r.csv
activity,due,agency,status,text,date
6,2014-06-30,ІІМ,done,Кешен әзірленді,2015-05-25
16,2014-12-31,ІІМ,partly,,2015-05-26
6,2014-06-30,ІІМ,done,Кешен әзірленді,2015-05-25
6,2014-06-30,ІІМ,done,,2015-05-25
@run report import r.csv
@stdout
'r.csv': 3 reports added, 1 already stored
