# an agency counts once per activity: row 21 names ІІМ twice
# ("ІІМ (жинақтау), ІІМ, ЖАО"); ІІМ's figures are those of its calendar
# (116-calendar-agency-once.t: 48 due dates before 2015-01-01)
@run status --as-of 2015-01-01 --json
@json
[(a["due"], a["lead_due"], a["not_reported"]) for a in d["agencies"] if a["agency"] == "ІІМ"] == [(48, 27, 48)]
