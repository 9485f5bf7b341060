# a date range in text form
@run calendar --from 2014-06-30 --to 2014-06-30
@stdout-has
2014-06-30  6    ІІМ
6 due dates
