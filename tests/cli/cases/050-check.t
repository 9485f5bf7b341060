# the findings the official text of plan No. 292 really has (golden output)
@run check
@stdout
Plan No. 292 (kz-2014-292): 60 findings about the official text

Row totals that differ from the sum of their years (5)
  row 16      total 171.5 differs from the sum of its 5 year amounts 122.5 (by 49)
  row 17      total 149.1 differs from the sum of its 5 year amounts 104.7 (by 44.4)
  row 71      total 615.9 differs from the sum of its 2 year amounts 615.8 (by 0.1)
  row 74      total 648.6 differs from the sum of its 3 year amounts 648.5 (by 0.1)
  row 120     total 649.6 differs from the sum of its 6 year amounts 556.8 (by 92.8)

The grand total against the rows (1)
  grand total 15913.2455 differs from the sum of the row totals 15913.445 (by -0.1995)

The grand total's years against the rows (2)
  grand total for 2019 is 156.6; the rows add up to 109.9 (by 46.7)
  grand total prints no amount for 2020; the rows add up to 17.1

The grand total against its own years (1)
  grand total 15913.2455 differs from the sum of its 6 year amounts 15756.645 (by 156.6005)

Due dates outside the plan's period (1)
  row 2       deadline 'Жыл сайын, 1 ақпаннан кешіктірмей' gives 2014-02-01, before the plan's approval on 2014-04-01; that date is not counted

Executors missing from the glossary (48)
  row 7       executor 'ТЖМ' is not in the glossary
  row 8       executor 'ЭСЖКА' is not in the glossary
  row 8       executor 'ТЖМ' is not in the glossary
  row 8       executor 'ЭБЖМ' is not in the glossary
  row 9       executor 'ЭСЖКА' is not in the glossary
  row 9       executor 'ТЖМ' is not in the glossary
  row 9       executor 'МҚІА' is not in the glossary
  row 10      executor 'ТЖМ' is not in the glossary
  row 10      executor 'БАА' is not in the glossary
  row 12      executor 'МҚІА' is not in the glossary
  row 22      executor 'ЭСЖКА' is not in the glossary
  row 22      executor 'ТЖМ' is not in the glossary
  row 22      executor 'ҮЕҰ және қоғамдық бірлестіктер' is not in the glossary
  row 24      executor 'Еңбекмині' is not in the glossary
  row 27      executor 'ЭСЖКА' is not in the glossary
  row 27      executor 'ТЖМ' is not in the glossary
  row 27      executor 'ЭБЖМ' is not in the glossary
  row 33      executor 'қоғамдық ұйымдар' is not in the glossary
  row 33      executor 'мемлекеттік органдар' is not in the glossary
  row 40      executor 'Еңбекмині' is not in the glossary
  row 42      executor 'ЭБЖМ' is not in the glossary
  row 44      executor 'ЭБЖМ' is not in the glossary
  row 45. 46  executor 'ЭБЖМ' is not in the glossary
  row 47      executor 'ЭСЖКА' is not in the glossary
  row 63      executor 'ЭСЖКА' is not in the glossary
  row 64      executor 'ЭСЖКА' is not in the glossary
  row 68      executor 'Астана қаласының әкімдігі' is not in the glossary
  row 68      executor 'ЭБЖМ' is not in the glossary
  row 68      executor 'ӨДМ' is not in the glossary
  row 70      executor 'мемлекеттік органдар' is not in the glossary
  row 75      executor 'ТЖМ' is not in the glossary
  row 80      executor 'ЭБЖМ' is not in the glossary
  row 83      executor 'ЭСЖКА' is not in the glossary
  row 84      executor 'ЭСЖКА' is not in the glossary
  row 84      executor 'ТЖМ' is not in the glossary
  row 97      executor 'ЭСЖКА' is not in the glossary
  row 97      executor 'ТЖМ' is not in the glossary
  row 112     executor 'Каржымині' is not in the glossary
  row 117     executor 'ДСМ' is not in the glossary
  row 120     executor 'ДСМ' is not in the glossary
  row 121     executor 'ДСМ' is not in the glossary
  row 122     executor 'ДСМ' is not in the glossary
  row 122     executor 'Еңбекмині' is not in the glossary
  row 122     executor 'ЭБЖМ' is not in the glossary
  row 123     executor 'ДСМ' is not in the glossary
  row 124     executor 'ДСМ' is not in the glossary
  row 125     executor 'ДСМ' is not in the glossary
  row 130     executor 'ДСМ' is not in the glossary

Executors named twice in one row (2)
  row 12      executor 'МҚІА' is named twice
  row 21      executor 'ІІМ' is named twice
