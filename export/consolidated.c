/*
 * consolidated.c - building the consolidated report's rows, and its CSV.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "csv_write.h"
#include "consolidated.h"

int jp_consolidate(const struct jp_plan *plan, const struct jp_history *h,
		   const struct jp_status *st, struct jp_consolidated *out)
{
	struct jp_consolidated c = { plan, h, st, NULL, plan->nactivities };

	c.rows = jp_calloc(plan->nactivities + 1, sizeof(*c.rows));
	if (!c.rows)
		return JP_ERROR;
	for (size_t i = 0; i < plan->nactivities; i++)
		c.rows[i].act = &plan->activities[i];
	for (size_t i = 0; i < st->nocc; i++) {
		const struct jp_occurrence *o = &st->occ[i];
		struct jp_consolidated_row *r = &c.rows[o->act->index];
		bool passed = jp_date_cmp(o->due, st->effective) < 0;

		if (o->state == JP_OCC_VOID) {
			r->void_count++;
			continue;
		}
		r->upcoming += !passed;
		if (!passed)
			continue;
		r->due_passed++;
		/*
		 * NEEDSWORK: "done N of M" counts done reports awaiting
		 * acceptance too, where `jospar status` says "done" only of
		 * accepted ones (docs/monitoring.md); the report should say both.
		 */
		r->done += o->state == JP_OCC_DONE || o->state == JP_OCC_AWAITING;
		r->overdue += o->overdue;
		if (o->report) {
			if (!r->report || jp_date_cmp(o->report->made, r->report->made) >= 0)
				r->report = o->report;
			if (o->report->has_spent) {
				r->spent += o->report->spent;
				r->has_spent = true;
			}
			r->synthetic = r->synthetic || o->report->synthetic;
		}
	}
	for (size_t i = 0; i < c.n; i++) {
		struct jp_consolidated_row *r = &c.rows[i];
		int n = 0;

		if (!r->due_passed && !r->void_count)
			n = snprintf(r->state, sizeof(r->state), "not yet due");
		else if (r->due_passed)
			n = snprintf(r->state, sizeof(r->state), "done %zu of %zu", r->done,
				     r->due_passed);
		if (r->overdue && n >= 0 && (size_t)n < sizeof(r->state))
			n += snprintf(r->state + n, sizeof(r->state) - (size_t)n, "%soverdue %zu",
				      n ? ", " : "", r->overdue);
		if (r->void_count && n >= 0 && (size_t)n < sizeof(r->state))
			snprintf(r->state + n, sizeof(r->state) - (size_t)n, "%svoid %zu",
				 n ? ", " : "", r->void_count);
	}
	*out = c;
	return 0;
}

void jp_consolidated_release(struct jp_consolidated *c)
{
	if (!c)
		return;
	jp_free(c->rows);
	c->rows = NULL;
	c->n = 0;
}

int jp_export_csv(const struct jp_consolidated *c, struct jp_buf *out)
{
	const struct jp_plan *p = c->plan;
	char m[JP_MONEY_BUFSZ], d[JP_DATE_BUFSZ];
	static const char *const head[] = {
		"number", "direction", "title", "completion_form", "executors", "deadline",
		"planned_total",
	};

	for (size_t i = 0; i < JP_ARRAY_LEN(head); i++)
		jp_csv_field(out, head[i], i == 0);
	for (int y = p->period_from; y <= p->period_to; y++) {
		char k[24];

		snprintf(k, sizeof(k), "planned_%d", y);
		jp_csv_field(out, k, false);
	}
	jp_csv_field(out, "state", false);
	jp_csv_field(out, "report_status", false);
	jp_csv_field(out, "report_text", false);
	jp_csv_field(out, "evidence", false);
	jp_csv_field(out, "report_made", false);
	jp_csv_field(out, "spent", false);
	jp_csv_field(out, "synthetic", false);
	jp_csv_end(out);
	for (size_t i = 0; i < c->n; i++) {
		const struct jp_consolidated_row *r = &c->rows[i];
		const struct jp_activity *a = r->act;

		jp_csv_field(out, a->number, true);
		jp_csv_field(out, a->direction, false);
		jp_csv_field(out, a->title, false);
		jp_csv_field(out, a->completion_form, false);
		jp_csv_field(out, a->executors_text, false);
		jp_csv_field(out, a->deadline_text, false);
		jp_csv_field(out, a->budget.has_total ? jp_money_format(a->budget.total, m) : "",
			     false);
		for (int y = p->period_from; y <= p->period_to; y++) {
			jp_money v;

			jp_csv_field(out, jp_budget_year(p, &a->budget, y, &v) ?
				     jp_money_format(v, m) : "", false);
		}
		jp_csv_field(out, r->state, false);
		jp_csv_field(out, r->report ? jp_report_status_name(r->report->status) : "", false);
		jp_csv_field(out, r->report ? r->report->text : "", false);
		jp_csv_field(out, r->report ? r->report->evidence : "", false);
		jp_csv_field(out, r->report ? jp_date_format(r->report->made, d) : "", false);
		jp_csv_field(out, r->has_spent ? jp_money_format(r->spent, m) : "", false);
		jp_csv_field(out, r->synthetic ? "yes" : "", false);
		jp_csv_end(out);
	}
	return jp_buf_oom(out) ? JP_ERROR : 0;
}
