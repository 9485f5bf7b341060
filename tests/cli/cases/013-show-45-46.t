# the row printed "45. 46." is found by either number
@run show 46
@stdout-has
Activity 45. 46 of plan No. 292
Қылмыстық процеске қатысушыларды қорғауды ұйымдастыру жөніндегі бөлімшелерді күшейту мәселесін пысықтау
