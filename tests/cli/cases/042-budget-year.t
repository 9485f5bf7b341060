# by year, with both sums: of the years and of the rows' totals
@run budget --by year
@stdout-has
2014                7935.051
Sum of years       15727.045
Sum of row totals  15913.445
The plan's printed grand total: 15913.2455 (see 'jospar check').
