@setup simulate --seed 3 --as-of 2015-12-31
@run report list --json
@json
len(d) > 100 and all(r["synthetic"] for r in d)
