# a date the deadline gives before the plan's approval is shown, not counted
@run show 2
@stdout-has
Due dates:        2015-02-01
                  2014-02-01 (outside the plan's period, not counted)
