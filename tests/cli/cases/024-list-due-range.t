# --due-from/--due-to keep activities with a due date in the range
@run list --due-from 2014-06-01 --due-to 2014-06-30 --json
@json
sorted(a["number"] for a in d) == sorted(["6", "36", "116", "117", "118", "119"])
all(any("2014-06-01" <= x <= "2014-06-30" for x in a["deadline"]["due"]) for a in d)
