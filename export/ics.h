/*
 * ics.h - iCalendar (RFC 5545) export of due dates, through libical.
 *
 * One VEVENT per due date: an all-day event on the due date, with the
 * activity number and title as SUMMARY, the completion form, executors and
 * deadline text as DESCRIPTION, and a UID that stays the same across
 * exports (plan id, activity number, date), so calendar programs update
 * events instead of duplicating them.
 */
#ifndef JP_ICS_H
#define JP_ICS_H

struct jp_plan;
struct jp_buf;
struct jp_due_ref;                  /* calendar.h */

/*
 * Appends a VCALENDAR with one VEVENT per entry of `items` (as
 * jp_calendar_collect gives them) to `out`.
 * DTSTAMP is the current time, or SOURCE_DATE_EPOCH when set.
 * Returns 0 or JP_ERROR.
 */
int jp_ics_write(const struct jp_plan *plan, const struct jp_due_ref *items,
		 size_t n, struct jp_buf *out);

#endif
