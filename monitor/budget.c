/*
 * budget.c - money roll-ups (see budget.h).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "text.h"
#include "history.h"
#include "budget.h"

int jp_budget_group_parse(const char *name)
{
	static const char *const names[] = { "year", "direction", "lead", "source", "activity" };

	for (size_t i = 0; i < JP_ARRAY_LEN(names); i++)
		if (!strcmp(name, names[i]))
			return (int)i;
	return -1;
}

static void add_to(struct jp_rollup_row *r, const struct jp_budget *b, int nyears)
{
	if (b->has_total)
		r->total += b->total;
	for (int y = 0; y < nyears; y++)
		if (b->year_mask & (1u << y))
			r->year[y] += b->year[y];
	r->nactivities++;
}

static char *key_of(const struct jp_plan *p, const struct jp_activity *a,
		    enum jp_budget_group g)
{
	const struct jp_executor *lead;
	struct jp_buf b = JP_BUF_INIT;

	(void)p;
	switch (g) {
	case JP_GROUP_YEAR:
		return jp_strdup("plan");
	case JP_GROUP_DIRECTION:
		return jp_strdup(a->direction);
	case JP_GROUP_LEAD:
		lead = jp_activity_lead(a);
		return jp_strdup(lead ? lead->agency : JP_ROLLUP_NOT_STATED);
	case JP_GROUP_ACTIVITY:
		return jp_strdup(a->number);
	case JP_GROUP_SOURCE:
		if (!a->budget.source && !a->budget.program)
			return jp_strdup(JP_ROLLUP_NOT_STATED);
		jp_buf_addf(&b, "%s%s%s", a->budget.source ? a->budget.source : "",
			    a->budget.source && a->budget.program ? " " : "",
			    a->budget.program ? a->budget.program : "");
		return jp_buf_detach(&b);
	}
	return NULL;
}

/* The row for `key` (taking ownership of it), added when new; SIZE_MAX on OOM. */
static size_t slot(struct jp_rollup *r, size_t *cap, char *key)
{
	struct jp_rollup_row *p;
	size_t k;

	for (k = 0; k < r->n; k++)
		if (jp_text_eq_fold(r->rows[k].key, key))
			break;
	if (k < r->n) {
		jp_free(key);
		return k;
	}
	p = jp_array_grow(r->rows, r->n, cap, sizeof(*p));
	if (!p) {
		jp_free(key);
		return SIZE_MAX;
	}
	r->rows = p;
	memset(&r->rows[r->n], 0, sizeof(r->rows[0]));
	r->rows[r->n].key = key;
	return r->n++;
}

int jp_budget_rollup(const struct jp_plan *plan, enum jp_budget_group group,
		     struct jp_rollup *out)
{
	struct jp_rollup r;
	size_t cap = 0;

	memset(&r, 0, sizeof(r));
	r.group = group;
	r.first_year = plan->period_from;
	r.nyears = plan->period_to - plan->period_from + 1;
	/* directions appear in plan order even when they have no money */
	if (group == JP_GROUP_DIRECTION) {
		cap = plan->ndirections;
		r.rows = jp_calloc(cap ? cap : 1, sizeof(*r.rows));
		if (!r.rows)
			return JP_ERROR;
		for (size_t i = 0; i < plan->ndirections; i++) {
			r.rows[i].key = jp_strdup(plan->directions[i].code);
			r.n = i + 1;
			if (!r.rows[i].key)
				goto oom;
		}
	}
	for (size_t i = 0; i < plan->nactivities; i++) {
		const struct jp_activity *a = &plan->activities[i];
		char *key;
		size_t k;

		if (!a->budget.present)
			continue;
		key = key_of(plan, a, group);
		if (!key || (k = slot(&r, &cap, key)) == SIZE_MAX)
			goto oom;
		add_to(&r.rows[k], &a->budget, r.nyears);
		add_to(&r.all, &a->budget, r.nyears);
	}
	*out = r;
	return 0;
oom:
	jp_rollup_release(&r);
	return JP_ERROR;
}

void jp_rollup_release(struct jp_rollup *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		jp_free(r->rows[i].key);
	jp_free(r->rows);
	r->rows = NULL;
	r->n = 0;
}

int jp_budget_spent(const struct jp_plan *plan, const struct jp_history *h,
		    struct jp_date as_of, enum jp_budget_group group,
		    struct jp_rollup *out)
{
	struct jp_rollup r;
	size_t cap;

	/* a report made after the repeal changes no state, money included */
	if (plan->repealed && jp_date_cmp(as_of, plan->repeal.date) > 0)
		as_of = plan->repeal.date;
	/* start from the planned keys, so the rows line up */
	if (jp_budget_rollup(plan, group, &r) < 0)
		return JP_ERROR;
	cap = r.n;
	for (size_t i = 0; i < r.n; i++) {
		r.rows[i].total = 0;
		r.rows[i].nactivities = 0;
		memset(r.rows[i].year, 0, sizeof(r.rows[i].year));
	}
	memset(&r.all, 0, sizeof(r.all));
	for (size_t i = 0; i < h->nreports; i++) {
		const struct jp_report *rep = &h->reports[i];
		const struct jp_activity *a;
		bool later = false;
		char *key;
		size_t k;
		int y;

		if (!rep->has_spent || jp_date_cmp(rep->made, as_of) > 0)
			continue;
		/*
		 * A later report of the same agency on the same due date wins.
		 * NEEDSWORK: found by scanning the reports pairwise (quadratic);
		 * fine for thousands of reports, not for a national history:
		 * sort them once as status.c does (docs/BENCHMARKS.md).
		 */
		for (size_t j = 0; j < h->nreports && !later; j++) {
			const struct jp_report *o = &h->reports[j];

			later = o != rep && o->has_spent && !strcmp(o->activity, rep->activity) &&
				!jp_date_cmp(o->due, rep->due) && jp_text_eq_fold(o->agency, rep->agency) &&
				jp_date_cmp(o->made, as_of) <= 0 &&
				(jp_date_cmp(o->made, rep->made) > 0 ||
				 (!jp_date_cmp(o->made, rep->made) && o->id > rep->id));
		}
		a = jp_plan_find_activity(plan, rep->activity);
		if (later || !a)
			continue;
		key = group == JP_GROUP_LEAD ? jp_strdup(rep->agency) : key_of(plan, a, group);
		if (!key || (k = slot(&r, &cap, key)) == SIZE_MAX)
			goto oom;
		y = rep->due.y - r.first_year;
		if (y >= 0 && y < r.nyears) {
			r.rows[k].year[y] += rep->spent;
			r.all.year[y] += rep->spent;
		}
		r.rows[k].total += rep->spent;
		r.rows[k].nactivities++;
		r.all.total += rep->spent;
		r.all.nactivities++;
	}
	*out = r;
	return 0;
oom:
	jp_rollup_release(&r);
	return JP_ERROR;
}
