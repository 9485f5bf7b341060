/*
 * calendar.c - a plan's due dates in date order (see calendar.h).
 */
#include "jp.h"
#include "alloc.h"
#include "plan.h"
#include "calendar.h"

static int ref_cmp(const void *x, const void *y)
{
	const struct jp_due_ref *a = x, *b = y;
	int c = jp_date_cmp(a->act->deadline.due[a->due].date,
			    b->act->deadline.due[b->due].date);

	if (c)
		return c;
	if (a->act->index != b->act->index)
		return a->act->index < b->act->index ? -1 : 1;
	return a->due < b->due ? -1 : a->due > b->due;
}

static bool passes(const struct jp_calendar_opts *o, struct jp_date d)
{
	return (!o->from.y || jp_date_cmp(d, o->from) >= 0) &&
	       (!o->to.y || jp_date_cmp(d, o->to) <= 0);
}

int jp_calendar_collect(struct jp_due_ref **out, size_t *n, const struct jp_plan *plan,
			const struct jp_calendar_opts *opts)
{
	static const struct jp_calendar_opts all = JP_CALENDAR_OPTS_INIT;
	struct jp_due_ref *refs;
	size_t total = 0, k = 0;

	if (!opts)
		opts = &all;
	for (size_t i = 0; i < plan->nactivities; i++)
		total += plan->activities[i].deadline.ndue;
	refs = jp_calloc(total + 1, sizeof(*refs));
	if (!refs)
		return JP_ERROR;
	for (size_t i = 0; i < plan->nactivities; i++) {
		const struct jp_activity *a = &plan->activities[i];

		if (opts->agency && !jp_activity_has_agency(a, opts->agency, opts->lead_only))
			continue;
		for (size_t j = 0; j < a->deadline.ndue; j++)
			if (passes(opts, a->deadline.due[j].date) &&
			    !(opts->as_of.y && jp_activity_due_void(plan, a, a->deadline.due[j].date,
								    opts->as_of)))
				refs[k++] = (struct jp_due_ref){ a, j };
	}
	qsort(refs, k, sizeof(*refs), ref_cmp);
	*out = refs;
	*n = k;
	return 0;
}
