# iCalendar: one VEVENT per due date, all-day, stable UIDs
@run calendar --agency әділетмині --lead --format ics -o $DIR/sso.ics
@file-has sso.ics
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//jospar//jospar plan calendar//EN
BEGIN:VEVENT
UID:kz-2014-292-132-2014-12-31@jospar
DTSTART;VALUE=DATE:20141231
DTEND;VALUE=DATE:20150101
END:VCALENDAR
