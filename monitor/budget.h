/*
 * budget.h - planned money rolled up by year, direction, lead agency or
 * funding source.  Sums are exact (jp_money); nothing is rounded.
 */
#ifndef JP_BUDGET_H
#define JP_BUDGET_H

#include "plan.h"

enum jp_budget_group {
	JP_GROUP_YEAR,        /* one row: the whole plan */
	JP_GROUP_DIRECTION,
	JP_GROUP_LEAD,        /* the lead executor (see jp_activity_lead) */
	JP_GROUP_SOURCE,      /* funding source and budget program: "РБ 001" */
	JP_GROUP_ACTIVITY     /* each activity */
};

struct jp_rollup_row {
	char *key;                      /* "1.1", "ІІМ", "РБ 001", "(not stated)" */
	jp_money total;                 /* sum of the rows' printed totals */
	jp_money year[JP_MAX_YEARS];    /* sums per year of the period */
	size_t nactivities;             /* rows with money in this group */
};

struct jp_rollup {
	enum jp_budget_group group;
	int first_year, nyears;
	struct jp_rollup_row *rows;
	size_t n;
	struct jp_rollup_row all;       /* the sums over every group */
};

#define JP_ROLLUP_NOT_STATED "(not stated)"

/* Parses "year", "direction", "lead", "source", "activity"; -1 if unknown. */
int jp_budget_group_parse(const char *name);

/* Fills *out (release with jp_rollup_release); 0 or JP_ERROR. */
int jp_budget_rollup(const struct jp_plan *plan, enum jp_budget_group group,
		     struct jp_rollup *out);
void jp_rollup_release(struct jp_rollup *r);

struct jp_history;

/*
 * Money spent, as reported: for each activity, due date and reporting
 * agency the latest report made on or before `as_of` that gives an amount
 * counts, in the year of its due date.  Grouped like jp_budget_rollup (the
 * "lead" group is the reporting agency here); keys that have only planned
 * money appear with zero spent, so the two roll-ups line up key by key.
 * Reports made after the plan's repeal do not count (they change no state).
 */
int jp_budget_spent(const struct jp_plan *plan, const struct jp_history *h,
		    struct jp_date as_of, enum jp_budget_group group,
		    struct jp_rollup *out);

#endif
