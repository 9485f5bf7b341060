# ... and so does the iCalendar one
@run calendar --format ics
@stdout-has
DTSTART;VALUE=DATE:20160501
@stdout-lacks
DTSTART;VALUE=DATE:20160930
DTSTART;VALUE=DATE:20161231
DTSTART;VALUE=DATE:20201231
