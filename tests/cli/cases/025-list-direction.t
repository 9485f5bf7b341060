# --direction 2.4, and --direction 1 for all of 1.1-1.4
@run list --direction 1 --json
@json
len(d) == 38
set(a["direction"] for a in d) == {"1.1", "1.2", "1.3", "1.4"}
