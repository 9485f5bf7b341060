/*
 * check.c - consistency findings (see check.h).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "text.h"
#include "plan.h"
#include "check.h"

static const char *const kind_names[JP_FIND_KIND_COUNT] = {
	[JP_FIND_ROW_TOTAL] = "row-total",
	[JP_FIND_GRAND_TOTAL] = "grand-total",
	[JP_FIND_GRAND_YEAR] = "grand-total-year",
	[JP_FIND_GRAND_SELF] = "grand-total-years",
	[JP_FIND_DATE_OUTSIDE] = "date-outside-period",
	[JP_FIND_UNKNOWN_AGENCY] = "unknown-agency",
	[JP_FIND_DUP_EXECUTOR] = "duplicate-executor",
	[JP_FIND_MANY_LEADS] = "several-leads",
	[JP_FIND_DUP_NUMBER] = "duplicate-number",
};

const char *jp_finding_kind_name(enum jp_finding_kind kind)
{
	return kind < JP_FIND_KIND_COUNT ? kind_names[kind] : "unknown";
}

struct ctx {
	struct jp_findings *out;
	size_t cap;
	bool oom;
};

static void add(struct ctx *c, enum jp_finding_kind kind, const char *row,
		const char *fmt, ...) JP_PRINTF(4, 5);

static void add(struct ctx *c, enum jp_finding_kind kind, const char *row,
		const char *fmt, ...)
{
	struct jp_buf b = JP_BUF_INIT;
	struct jp_finding *p;
	va_list ap;

	if (c->oom)
		return;
	p = jp_array_grow(c->out->items, c->out->n, &c->cap, sizeof(*p));
	if (!p) {
		c->oom = true;
		return;
	}
	c->out->items = p;
	va_start(ap, fmt);
	jp_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	c->out->items[c->out->n].kind = kind;
	c->out->items[c->out->n].row = row;
	c->out->items[c->out->n].message = jp_buf_detach(&b);
	if (!c->out->items[c->out->n].message) {
		c->oom = true;
		return;
	}
	c->out->n++;
}

static jp_money years_sum(const struct jp_plan *p, const struct jp_budget *b,
			  int *count)
{
	jp_money s = 0;

	*count = 0;
	for (int i = 0; i <= p->period_to - p->period_from; i++)
		if (b->year_mask & (1u << i)) {
			s += b->year[i];
			(*count)++;
		}
	return s;
}

static void check_money(const struct jp_plan *p, struct ctx *c)
{
	jp_money rows_total = 0, rows_year[JP_MAX_YEARS] = { 0 };
	char a[JP_MONEY_BUFSZ], b[JP_MONEY_BUFSZ], d[JP_MONEY_BUFSZ];
	const struct jp_budget *g = &p->grand_total;
	int nyears = p->period_to - p->period_from + 1, cnt;

	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *act = &p->activities[i];
		const struct jp_budget *bu = &act->budget;
		jp_money sum;

		if (!bu->present)
			continue;
		sum = years_sum(p, bu, &cnt);
		if (bu->has_total) {
			rows_total += bu->total;
			if (sum != bu->total)
				add(c, JP_FIND_ROW_TOTAL, act->number,
				    "total %s differs from the sum of its %d year amount%s %s (by %s)",
				    jp_money_format(bu->total, a), cnt, cnt == 1 ? "" : "s",
				    jp_money_format(sum, b), jp_money_format(bu->total - sum, d));
		} else if (cnt) {
			add(c, JP_FIND_ROW_TOTAL, act->number,
			    "year amounts (sum %s) but no total", jp_money_format(sum, b));
		}
		for (int y = 0; y < nyears; y++)
			if (bu->year_mask & (1u << y))
				rows_year[y] += bu->year[y];
	}
	if (!g->present)
		return;
	if (g->has_total && g->total != rows_total)
		add(c, JP_FIND_GRAND_TOTAL, NULL,
		    "grand total %s differs from the sum of the row totals %s (by %s)",
		    jp_money_format(g->total, a), jp_money_format(rows_total, b),
		    jp_money_format(g->total - rows_total, d));
	for (int y = 0; y < nyears; y++) {
		bool has = g->year_mask & (1u << y);

		if (!has && !rows_year[y])
			continue;
		if (!has) {
			add(c, JP_FIND_GRAND_YEAR, NULL,
			    "grand total prints no amount for %d; the rows add up to %s",
			    p->period_from + y, jp_money_format(rows_year[y], b));
		} else if (g->year[y] != rows_year[y]) {
			add(c, JP_FIND_GRAND_YEAR, NULL,
			    "grand total for %d is %s; the rows add up to %s (by %s)",
			    p->period_from + y, jp_money_format(g->year[y], a),
			    jp_money_format(rows_year[y], b),
			    jp_money_format(g->year[y] - rows_year[y], d));
		}
	}
	if (g->has_total) {
		jp_money sum = years_sum(p, g, &cnt);

		if (sum != g->total)
			add(c, JP_FIND_GRAND_SELF, NULL,
			    "grand total %s differs from the sum of its %d year amounts %s (by %s)",
			    jp_money_format(g->total, a), cnt, jp_money_format(sum, b),
			    jp_money_format(g->total - sum, d));
	}
}

static void check_dates(const struct jp_plan *p, struct ctx *c)
{
	char d[JP_DATE_BUFSZ], w[JP_DATE_BUFSZ];

	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];

		for (size_t j = 0; j < a->deadline.noutside; j++) {
			struct jp_date dt = a->deadline.outside[j].date;
			bool before = jp_date_cmp(dt, p->window.from) < 0;

			add(c, JP_FIND_DATE_OUTSIDE, a->number,
			    "deadline '%s' gives %s, %s %s; that date is not counted",
			    a->deadline_text, jp_date_format(dt, d),
			    before ? "before the plan's approval on" : "after the plan's period, which ends",
			    jp_date_format(before ? p->window.from : p->window.to, w));
		}
	}
}

static void check_agencies(const struct jp_plan *p, struct ctx *c)
{
	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];
		int leads = 0;

		for (size_t j = 0; j < a->executors.n; j++) {
			const struct jp_executor *e = &a->executors.items[j];
			bool seen = false;

			leads += e->lead;
			for (size_t k = 0; k < j; k++)
				seen = seen || jp_text_eq_fold(a->executors.items[k].agency,
							       e->agency);
			if (seen) {
				add(c, JP_FIND_DUP_EXECUTOR, a->number,
				    "executor '%s' is named twice", e->agency);
				continue;
			}
			if (!jp_plan_find_agency(p, e->agency))
				add(c, JP_FIND_UNKNOWN_AGENCY, a->number,
				    "executor '%s' is not in the glossary", e->agency);
		}
		if (leads > 1)
			add(c, JP_FIND_MANY_LEADS, a->number,
			    "%d executors are marked as lead (жинақтау)", leads);
	}
}

static void check_numbers(const struct jp_plan *p, struct ctx *c)
{
	for (size_t i = 0; i < p->nactivities; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->activities[i].number, p->activities[j].number)) {
				add(c, JP_FIND_DUP_NUMBER, p->activities[i].number,
				    "number '%s' is used by rows %zu and %zu of the table",
				    p->activities[i].number, j + 1, i + 1);
				break;
			}
}

int jp_plan_check(const struct jp_plan *plan, struct jp_findings *out)
{
	struct jp_findings f = JP_FINDINGS_INIT;
	struct ctx c = { &f, 0, false };

	check_money(plan, &c);
	check_dates(plan, &c);
	check_agencies(plan, &c);
	check_numbers(plan, &c);
	if (c.oom) {
		jp_findings_release(&f);
		return JP_ERROR;
	}
	*out = f;
	return 0;
}

void jp_findings_release(struct jp_findings *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		jp_free(f->items[i].message);
	jp_free(f->items);
	f->items = NULL;
	f->n = 0;
}
