# spent money from a simulated history says so
@setup simulate --seed 3 --as-of 2015-12-31
@run budget --spent --by year --as-of 2015-12-31
@stdout-has
SYNTHETIC DATA: spent amounts include reports made by 'jospar simulate'
