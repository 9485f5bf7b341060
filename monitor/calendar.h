/*
 * calendar.h - a plan's due dates in date order, filtered.
 *
 * The calendar of `jospar calendar`, GET /api/v1/calendar and
 * /api/v1/calendar.ics: every due date of the activities that pass the
 * filter, by date, then in plan order.
 */
#ifndef JP_CALENDAR_H
#define JP_CALENDAR_H

#include "date.h"

struct jp_plan;
struct jp_activity;

struct jp_due_ref {                 /* one due date of one activity */
	const struct jp_activity *act;
	size_t due;                     /* index into act->deadline.due */
};

struct jp_calendar_opts {
	const char *agency;             /* only where it is an executor; NULL: all */
	bool lead_only;                 /* with agency: only where it is the lead */
	struct jp_date from, to;        /* inclusive; y == 0: open */
	struct jp_date as_of;           /* leave out due dates void by then (the
					 * repeal, a removal); y == 0: keep all */
};

#define JP_CALENDAR_OPTS_INIT { NULL, false, { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 } }

/*
 * Fills *out with the due dates of `plan` that pass `opts` (NULL: all), in
 * date order and then plan order, and *n with their count.  *out is freed
 * with jp_free (it is a valid pointer even when *n is 0).  0 or JP_ERROR
 * (out of memory).
 */
int jp_calendar_collect(struct jp_due_ref **out, size_t *n, const struct jp_plan *plan,
			const struct jp_calendar_opts *opts);

#endif
