# a simulated history is reproducible and marked synthetic
@setup simulate --seed 3 --as-of 2015-12-31
@run status --as-of 2015-12-31 --json
@json
d["synthetic"] == True
d["passed"] == 105
d["counts"]["no-report"] < 40
