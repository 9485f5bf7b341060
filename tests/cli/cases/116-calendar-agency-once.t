# ІІМ's calendar before 2015-01-01: the 48 due dates status counts for it
# (115-status-agency-once.t)
@run calendar --agency ІІМ --to 2014-12-31
@stdout-has
48 due dates
