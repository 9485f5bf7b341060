/*
 * pages_plan.c - the pages about the plan's execution: the overview (/),
 * the list of activities (/activities), one activity (/activities/N) with
 * its due dates, report history and forms, and one agency (/agencies/A).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "consolidated.h"
#include "pages.h"
#include "pages_int.h"
#include "text.h"

static bool same_act(const struct jp_activity *x, const struct jp_activity *y)
{
	return x == y || !strcmp(x->number, y->number);
}

/* An inline SVG from the library (its text is English), in a figure. */
static void chart(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_buf *svg,
		  const char *caption)
{
	bool en = !strcmp(jp_pages__lang(c), "en");

	jp_buf_addf(b, "<figure>\n<div%s>\n", en ? "" : " lang=\"en\"");
	jp_buf_add(b, svg->ptr, svg->len);
	jp_buf_adds(b, "</div>\n<figcaption>");
	jp_pages__esc(b, caption);
	jp_buf_adds(b, "</figcaption>\n</figure>\n");
}

/* "No. 1441 (2014-12-31)" */
static void act_ref(const char *lang, struct jp_buf *b, const struct jp_act_ref *r)
{
	struct jp_buf t = JP_BUF_INIT;

	jp_pages__esc(&t, r->number);
	if (jp_buf_oom(&t))
		b->oom = true;
	jp_buf_addf(b, jp_tr(lang, "No. %s"), t.ptr);
	jp_buf_release(&t);
	jp_buf_adds(b, " (");
	jp_pages__date(b, r->date);
	jp_buf_adds(b, ")");
}

static void plan_state(const struct jp_page_ctx *c, const struct jp_status *st,
		       struct jp_buf *b)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_plan *p = c->plan;
	char d1[JP_DATE_BUFSZ], d2[JP_DATE_BUFSZ];
	size_t namend = 0;

	jp_buf_adds(b, "<section aria-labelledby=\"h-state\">\n<h2 id=\"h-state\">");
	jp_buf_addf(b, jp_tr(lang, "State of the plan as of %s"), jp_date_format(st->as_of, d1));
	jp_buf_adds(b, "</h2>\n<p class=\"lead-text\">");
	switch (st->state) {
	case JP_PLAN_NOT_YET:
		jp_buf_addf(b, jp_tr(lang, "Not yet approved: the plan is approved on %s."),
			    jp_date_format(p->approved, d1));
		break;
	case JP_PLAN_REPEALED: {
		struct jp_buf t = JP_BUF_INIT;

		jp_pages__esc(&t, p->repeal.number);
		jp_buf_adds(b, "<strong>");
		jp_buf_addf(b, jp_tr(lang, "Repealed on %s by No. %s."),
			    jp_date_format(p->repeal.date, d1), t.ptr);
		jp_buf_addf(b, "</strong> %s", jp_tr(lang, "Everything is shown as of the day of the repeal."));
		if (jp_buf_oom(&t))
			b->oom = true;
		jp_buf_release(&t);
		break;
	}
	case JP_PLAN_IN_FORCE:
		jp_buf_adds(b, "<strong>");
		jp_buf_addf(b, jp_tr(lang, "In force since %s."), jp_date_format(p->approved, d1));
		jp_buf_adds(b, "</strong>");
		break;
	}
	for (size_t i = 0; i < p->namendments; i++) {
		if (jp_date_cmp(p->amendments[i].date, st->as_of) > 0)
			continue;
		if (!namend++)
			jp_buf_addf(b, " %s ", jp_tr(lang, "Amended by"));
		else
			jp_buf_adds(b, ", ");
		act_ref(lang, b, &p->amendments[i]);
	}
	if (namend)
		jp_buf_adds(b, ".");
	jp_buf_adds(b, "</p>\n");
	if (jp_date_cmp(st->effective, st->as_of)) {
		jp_buf_adds(b, "<p>");
		jp_buf_addf(b, jp_tr(lang, "Due dates are judged as of %s."),
			    jp_date_format(st->effective, d2));
		jp_buf_adds(b, "</p>\n");
	}
	jp_buf_adds(b, "</section>\n");
}

static void counts(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *b)
{
	const char *lang = jp_pages__lang(c);
	static const enum jp_occ_state order[] = {
		JP_OCC_DONE, JP_OCC_AWAITING, JP_OCC_PARTLY, JP_OCC_IN_PROGRESS,
		JP_OCC_NOT_DONE, JP_OCC_RETURNED, JP_OCC_NO_REPORT, JP_OCC_VOID,
	};

	jp_buf_addf(b, "<section aria-labelledby=\"h-counts\">\n<h2 id=\"h-counts\">%s</h2>\n"
		    "<ul class=\"cards\">\n", jp_tr(lang, "Due dates"));
	jp_buf_addf(b, "<li><span class=\"big\">%zu</span>%s</li>\n", st->npassed,
		    jp_tr(lang, "Due dates passed"));
	jp_buf_addf(b, "<li><span class=\"big\">%zu</span>%s</li>\n", st->count[JP_OCC_DONE],
		    jp_tr(lang, "Done"));
	jp_buf_addf(b, "<li%s><span class=\"big\">%zu</span>%s</li>\n",
		    st->noverdue ? " class=\"bad\"" : "", st->noverdue, jp_tr(lang, "Overdue"));
	jp_buf_addf(b, "<li><span class=\"big\">%zu</span>%s</li>\n", st->nupcoming,
		    jp_tr(lang, "Upcoming in 90 days"));
	jp_buf_adds(b, "</ul>\n");
	jp_pages__table_begin(b, jp_tr(lang, "Due dates passed, by state"));
	jp_buf_adds(b, "<thead><tr>");
	jp_pages__th(b, jp_tr(lang, "State"), false);
	jp_pages__th(b, jp_tr(lang, "Due dates"), true);
	jp_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < JP_ARRAY_LEN(order); i++) {
		jp_buf_adds(b, "<tr><th scope=\"row\">");
		jp_pages__state(c, b, order[i]);
		jp_buf_addf(b, "</th><td class=\"n\">%zu</td></tr>\n", st->count[order[i]]);
	}
	jp_buf_addf(b, "</tbody>\n<tfoot><tr><th scope=\"row\">%s</th><td class=\"n\">%zu</td></tr></tfoot>\n",
		    jp_tr(lang, "Total"), st->npassed);
	jp_pages__table_end(b);
	jp_buf_adds(b, "</section>\n");
}

static void lead_cell(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_activity *a)
{
	const struct jp_executor *lead = jp_activity_lead(a);

	jp_buf_adds(b, "<td class=\"nowrap\">");
	if (lead)
		jp_pages__agency(c, b, lead->agency, true);
	else
		jp_buf_addf(b, "<span class=\"muted\">%s</span>", jp_tr(jp_pages__lang(c), "several"));
	jp_buf_adds(b, "</td>");
}

static void title_cell(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_activity *a)
{
	jp_buf_adds(b, "<td class=\"t\"");
	jp_pages__plan_lang(c, b);
	jp_buf_adds(b, ">");
	jp_pages__esc(b, a->title);
	jp_buf_adds(b, "</td>");
}

/* The overdue (or upcoming) due dates as a table: due, №, lead, state, activity. */
static void occ_table(const struct jp_page_ctx *c, const struct jp_status *st, struct jp_buf *b,
		      bool overdue)
{
	const char *lang = jp_pages__lang(c);
	size_t n = overdue ? st->noverdue : st->nupcoming;

	jp_buf_addf(b, "<section aria-labelledby=\"h-%s\">\n<h2 id=\"h-%s\">%s</h2>\n",
		    overdue ? "overdue" : "upcoming", overdue ? "overdue" : "upcoming",
		    jp_tr(lang, overdue ? N_("Overdue") : N_("Upcoming in 90 days")));
	if (!n) {
		jp_buf_addf(b, "<p>%s</p>\n</section>\n", jp_tr(lang, overdue ?
			    N_("Nothing is overdue.") : N_("Nothing falls due in the next 90 days.")));
		return;
	}
	jp_pages__table_begin(b, jp_tr(lang, overdue ? N_("Overdue due dates") :
				     N_("Due dates in the next 90 days")));
	jp_buf_adds(b, "<thead><tr>");
	jp_pages__th(b, jp_tr(lang, "Due"), false);
	jp_pages__th(b, "№", false);
	jp_pages__th(b, jp_tr(lang, "Lead"), false);
	jp_pages__th(b, jp_tr(lang, "State"), false);
	jp_pages__th(b, jp_tr(lang, "Activity"), false);
	jp_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < st->nocc; i++) {
		const struct jp_occurrence *o = &st->occ[i];

		if (overdue ? !o->overdue : !o->upcoming)
			continue;
		jp_buf_adds(b, "<tr><td class=\"nowrap\">");
		jp_pages__date(b, o->due);
		jp_buf_adds(b, "</td><td class=\"nowrap\">");
		jp_pages__act_link(b, o->act);
		jp_buf_adds(b, "</td>");
		lead_cell(c, b, o->act);
		jp_buf_adds(b, "<td>");
		jp_pages__state(c, b, o->state);
		if (o->report && o->report->synthetic)
			jp_pages__synthetic(c, b);
		jp_buf_adds(b, "</td>");
		title_cell(c, b, o->act);
		jp_buf_adds(b, "</tr>\n");
	}
	jp_buf_adds(b, "</tbody>\n");
	jp_pages__table_end(b);
	jp_buf_adds(b, "</section>\n");
}

static int missing_cmp(const void *x, const void *y)
{
	const struct jp_agency_status *a = *(const struct jp_agency_status *const *)x;
	const struct jp_agency_status *b = *(const struct jp_agency_status *const *)y;
	size_t ma = a->due - a->reported, mb = b->due - b->reported;

	if (ma != mb)
		return ma > mb ? -1 : 1;
	return strcmp(a->agency, b->agency);
}

static void not_reported(const struct jp_page_ctx *c, const struct jp_status *st,
			 struct jp_buf *b)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_agency_status **v = jp_calloc(st->nagencies + 1, sizeof(*v));
	size_t n = 0;

	if (!v) {
		b->oom = true;
		return;
	}
	for (size_t i = 0; i < st->nagencies; i++)
		if (st->agencies[i].due > st->agencies[i].reported)
			v[n++] = &st->agencies[i];
	qsort(v, n, sizeof(*v), missing_cmp);
	jp_buf_addf(b, "<section aria-labelledby=\"h-missing\">\n<h2 id=\"h-missing\">%s</h2>\n",
		    jp_tr(lang, "Who has not reported"));
	if (!n) {
		jp_buf_addf(b, "<p>%s</p>\n</section>\n",
			    jp_tr(lang, "Every agency has reported on every due date passed."));
		jp_free(v);
		return;
	}
	jp_pages__table_begin(b, jp_tr(lang, "Agencies with due dates passed and no report"));
	jp_buf_adds(b, "<thead><tr>");
	jp_pages__th(b, jp_tr(lang, "Agency"), false);
	jp_pages__th(b, jp_tr(lang, "Due dates passed"), true);
	jp_pages__th(b, jp_tr(lang, "Reported"), true);
	jp_pages__th(b, jp_tr(lang, "Not reported"), true);
	jp_pages__th(b, jp_tr(lang, "Overdue as lead"), true);
	jp_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct jp_glossary_entry *g = jp_pages__find_agency(c->plan, v[i]->agency);

		jp_buf_adds(b, "<tr><th scope=\"row\">");
		jp_pages__agency(c, b, v[i]->agency, true);
		if (g && g->name) {
			jp_buf_adds(b, "<br><small class=\"muted\"");
			jp_pages__plan_lang(c, b);
			jp_buf_adds(b, ">");
			jp_pages__esc(b, g->name);
			jp_buf_adds(b, "</small>");
		}
		jp_buf_addf(b, "</th><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
			    "<td class=\"n\"><strong>%zu</strong></td><td class=\"n\">%zu</td></tr>\n",
			    v[i]->due, v[i]->reported, v[i]->due - v[i]->reported, v[i]->overdue);
	}
	jp_buf_adds(b, "</tbody>\n");
	jp_pages__table_end(b);
	jp_buf_adds(b, "</section>\n");
	jp_free(v);
}

int jp_page_overview(const struct jp_page_ctx *c, const struct jp_status *st,
		     struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);
	struct jp_buf svg = JP_BUF_INIT;
	int rc = 0;

	assert(c->plan && st);
	jp_pages__begin(c, out, JP_NAV_OVERVIEW, jp_tr(lang, "Overview"));
	plan_state(c, st, out);
	counts(c, st, out);
	occ_table(c, st, out, true);
	not_reported(c, st, out);
	occ_table(c, st, out, false);
	jp_buf_addf(out, "<section aria-labelledby=\"h-charts\">\n<h2 id=\"h-charts\">%s</h2>\n",
		    jp_tr(lang, "Charts"));
	if (jp_svg_status_by_direction(st, &svg) < 0)
		rc = JP_ERROR;
	chart(c, out, &svg, jp_tr(lang, "Due dates passed by direction and state."));
	jp_buf_reset(&svg);
	if (jp_svg_money_by_year(c->plan, jp_pages__history(c), st->effective, &svg) < 0)
		rc = JP_ERROR;
	chart(c, out, &svg, jp_tr(lang, "Planned and spent money by year, million tenge."));
	jp_buf_release(&svg);
	jp_buf_addf(out, "<p><a href=\"/budget\">%s</a></p>\n</section>\n",
		    jp_tr(lang, "Budget in detail"));
	if (jp_pages__end(c, out) < 0)
		rc = JP_ERROR;
	return rc;
}

/* "ІІМ (lead), БП (by agreement)" with each agency linked. */
static void executors(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_activity *a)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_executor *lead = jp_activity_lead(a);

	for (size_t i = 0; i < a->executors.n; i++) {
		const struct jp_executor *e = &a->executors.items[i];

		if (i)
			jp_buf_adds(b, ", ");
		jp_buf_adds(b, "<span class=\"nowrap\">");
		jp_pages__agency(c, b, e->agency, true);
		if (e == lead && a->executors.n > 1)
			jp_buf_addf(b, " <small>(%s)</small>", jp_tr(lang, "lead"));
		jp_buf_adds(b, "</span>");
	}
	if (!a->executors.n)
		jp_buf_adds(b, "—");
}

static void amend_tags(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_activity *a)
{
	const char *lang = jp_pages__lang(c);

	if (a->added_by.number) {
		jp_buf_addf(b, " <span class=\"badge\">%s ", jp_tr(lang, "added by"));
		act_ref(lang, b, &a->added_by);
		jp_buf_adds(b, "</span>");
	}
	for (size_t i = 0; i < a->nchanged; i++) {
		jp_buf_addf(b, " <span class=\"badge\">%s ", jp_tr(lang, "changed by"));
		act_ref(lang, b, &a->changed_by[i]);
		jp_buf_adds(b, "</span>");
	}
	if (a->removed_by.number) {
		jp_buf_addf(b, " <span class=\"badge st-void\">%s ", jp_tr(lang, "removed by"));
		act_ref(lang, b, &a->removed_by);
		jp_buf_adds(b, "</span>");
	}
}

static void option(struct jp_buf *b, const char *value, const char *text, bool selected)
{
	jp_buf_adds(b, "<option value=\"");
	jp_pages__esc(b, value);
	jp_buf_addf(b, "\"%s>", selected ? " selected" : "");
	jp_pages__esc(b, text);
	jp_buf_adds(b, "</option>\n");
}

static void filter_form(const struct jp_page_ctx *c, struct jp_buf *b, const char *direction,
			const char *agency, const char *q)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_plan *p = c->plan;
	bool known = false;

	jp_buf_addf(b, "<form class=\"filters\" method=\"get\" action=\"/activities\" role=\"search\" "
		    "aria-label=\"%s\">\n<div><label for=\"f-direction\">%s</label>\n"
		    "<select id=\"f-direction\" name=\"direction\">\n",
		    jp_tr(lang, "Filter the activities"), jp_tr(lang, "Direction"));
	option(b, "", jp_tr(lang, "All directions"), !direction || !*direction);
	for (size_t i = 0; i < p->ndirections; i++) {
		struct jp_buf t = JP_BUF_INIT;
		size_t cut;

		jp_buf_adds(&t, p->directions[i].code);
		if (p->directions[i].title) {
			jp_buf_adds(&t, " ");
			cut = jp_text_prefix_for_width(p->directions[i].title, 60);
			jp_buf_add(&t, p->directions[i].title, cut);
			if (p->directions[i].title[cut])
				jp_buf_adds(&t, "…");
		}
		option(b, p->directions[i].code, t.ptr,
		       direction && !strcmp(direction, p->directions[i].code));
		if (jp_buf_oom(&t))
			b->oom = true;
		jp_buf_release(&t);
	}
	jp_buf_addf(b, "</select></div>\n<div><label for=\"f-agency\">%s</label>\n"
		    "<select id=\"f-agency\" name=\"agency\">\n", jp_tr(lang, "Executor"));
	option(b, "", jp_tr(lang, "All agencies"), !agency || !*agency);
	for (size_t i = 0; i < p->nglossary; i++) {
		bool sel = agency && *agency && jp_text_eq_fold(agency, p->glossary[i].abbr);

		known = known || sel;
		option(b, p->glossary[i].abbr, p->glossary[i].abbr, sel);
	}
	if (agency && *agency && !known)
		option(b, agency, agency, true);
	jp_buf_addf(b, "</select></div>\n<div><label for=\"f-q\">%s</label>\n"
		    "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"", jp_tr(lang, "Search"));
	jp_pages__esc(b, q);
	jp_buf_addf(b, "\"></div>\n<input type=\"hidden\" name=\"lang\" value=\"%s\">\n"
		    "<div><button type=\"submit\">%s</button> "
		    "<a href=\"/activities\">%s</a></div>\n</form>\n",
		    lang, jp_tr(lang, "Show"), jp_tr(lang, "Clear the filters"));
}

int jp_page_activities(const struct jp_page_ctx *c, const struct jp_activity *const *acts,
		       size_t n, const char *direction, const char *agency, const char *q,
		       struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_plan *p = c->plan;
	size_t pages = (n + JP_PAGE_ACTIVITY_ROWS - 1) / JP_PAGE_ACTIVITY_ROWS;
	size_t page = c->page ? c->page : 1, first, last;
	struct jp_buf extra = JP_BUF_INIT;

	assert(p);
	/* past the last page: the last page */
	page = page > pages ? (pages ? pages : 1) : page;
	first = (page - 1) * JP_PAGE_ACTIVITY_ROWS;
	last = first + JP_PAGE_ACTIVITY_ROWS < n ? first + JP_PAGE_ACTIVITY_ROWS : n;
	jp_pages__begin(c, out, JP_NAV_ACTIVITIES, jp_tr(lang, "Activities"));
	filter_form(c, out, direction, agency, q);
	jp_buf_adds(out, "<p role=\"status\">");
	jp_buf_addf(out, jp_tr(lang, "Shown: %zu of %zu activities."), n, p->nactivities);
	if (pages > 1) {
		jp_buf_adds(out, " ");
		jp_buf_addf(out, jp_tr(lang, "Rows %zu to %zu on this page."), first + 1, last);
	}
	jp_buf_adds(out, "</p>\n");
	if (!n) {
		jp_buf_addf(out, "<p>%s</p>\n", jp_tr(lang, "No activity matches the filters."));
		return jp_pages__end(c, out);
	}
	jp_pages__query_arg(&extra, "direction", direction);
	jp_pages__query_arg(&extra, "agency", agency);
	jp_pages__query_arg(&extra, "q", q);
	if (jp_buf_oom(&extra))
		out->oom = true;
	jp_pages__pager_next(c, out, (unsigned)page, last < n, extra.len ? extra.ptr : NULL);
	jp_pages__table_begin(out, jp_tr(lang, "Activities of the plan"));
	jp_buf_adds(out, "<thead><tr>");
	jp_pages__th(out, "№", false);
	jp_pages__th(out, jp_tr(lang, "Activity"), false);
	jp_pages__th(out, jp_tr(lang, "Direction"), false);
	jp_pages__th(out, jp_tr(lang, "Executors"), false);
	jp_pages__th(out, jp_tr(lang, "Deadline"), false);
	jp_pages__th(out, jp_tr(lang, "Planned, million tenge"), true);
	jp_buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = first; i < last; i++) {
		const struct jp_activity *a = acts[i];
		const struct jp_direction *d = jp_plan_find_direction(p, a->direction);

		jp_buf_adds(out, "<tr><th scope=\"row\" class=\"nowrap\">");
		jp_pages__act_link(out, a);
		jp_buf_adds(out, "</th><td class=\"t\"");
		jp_pages__plan_lang(c, out);
		jp_buf_adds(out, ">");
		jp_pages__esc(out, a->title);
		amend_tags(c, out, a);
		jp_buf_adds(out, "</td><td class=\"nowrap\"><span");
		if (d && d->title) {
			jp_buf_adds(out, " title=\"");
			jp_pages__esc(out, d->title);
			jp_buf_adds(out, "\"");
		}
		jp_buf_adds(out, ">");
		jp_pages__esc(out, a->direction);
		jp_buf_adds(out, "</span></td><td>");
		executors(c, out, a);
		jp_buf_adds(out, "</td><td");
		jp_pages__plan_lang(c, out);
		jp_buf_adds(out, ">");
		jp_pages__esc(out, a->deadline_text);
		jp_buf_adds(out, "</td><td class=\"n\">");
		if (a->budget.has_total)
			jp_pages__money(out, a->budget.total);
		else
			jp_buf_adds(out, "—");
		jp_buf_adds(out, "</td></tr>\n");
	}
	jp_buf_adds(out, "</tbody>\n");
	jp_pages__table_end(out);
	jp_pages__pager_next(c, out, (unsigned)page, last < n, extra.len ? extra.ptr : NULL);
	jp_buf_release(&extra);
	return jp_pages__end(c, out);
}

/* --- one activity ------------------------------------------------------ */

static void budget_field(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_activity *a)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_plan *p = c->plan;
	bool any = false;

	if (!a->budget.present) {
		jp_buf_addf(b, "<span class=\"muted\">%s</span>", jp_tr(lang, "No money is planned."));
		return;
	}
	if (a->budget.has_total) {
		jp_buf_addf(b, "%s: <strong>", jp_tr(lang, "Total"));
		jp_pages__money(b, a->budget.total);
		jp_buf_adds(b, "</strong>");
		any = true;
	}
	for (int y = p->period_from; y <= p->period_to; y++) {
		jp_money m;

		if (!jp_budget_year(p, &a->budget, y, &m))
			continue;
		jp_buf_addf(b, "%s%d: ", any ? "; " : "", y);
		jp_pages__money(b, m);
		any = true;
	}
	if (a->budget.source || a->budget.program) {
		jp_buf_addf(b, "%s%s: ", any ? "; " : "", jp_tr(lang, "source"));
		jp_pages__esc(b, a->budget.source);
		if (a->budget.program) {
			jp_buf_adds(b, " ");
			jp_pages__esc(b, a->budget.program);
		}
	}
}

static void fields(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_activity *a)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_direction *d = jp_plan_find_direction(c->plan, a->direction);

	jp_buf_adds(b, "<dl class=\"fields\">\n");
	jp_buf_addf(b, "<dt>%s</dt><dd", jp_tr(lang, "Activity"));
	jp_pages__plan_lang(c, b);
	jp_buf_adds(b, ">");
	jp_pages__esc(b, a->title);
	amend_tags(c, b, a);
	jp_buf_addf(b, "</dd>\n<dt>%s</dt><dd>", jp_tr(lang, "Direction"));
	jp_buf_adds(b, "<a href=\"/activities?direction=");
	jp_pages__url_part(b, a->direction);
	jp_buf_adds(b, "\">");
	jp_pages__esc(b, a->direction);
	jp_buf_adds(b, "</a>");
	if (d && d->title) {
		jp_buf_adds(b, " <span");
		jp_pages__plan_lang(c, b);
		jp_buf_adds(b, ">");
		jp_pages__esc(b, d->title);
		jp_buf_adds(b, "</span>");
	}
	jp_buf_addf(b, "</dd>\n<dt>%s</dt><dd", jp_tr(lang, "Completion form"));
	jp_pages__plan_lang(c, b);
	jp_buf_adds(b, ">");
	jp_pages__esc(b, a->completion_form ? a->completion_form : "—");
	jp_buf_addf(b, "</dd>\n<dt>%s</dt><dd>\n<ul class=\"plain\">\n", jp_tr(lang, "Executors"));
	for (size_t i = 0; i < a->executors.n; i++) {
		const struct jp_executor *e = &a->executors.items[i];
		const struct jp_glossary_entry *g = jp_pages__find_agency(c->plan, e->agency);

		jp_buf_adds(b, "<li>");
		jp_pages__agency(c, b, e->agency, true);
		if (g && g->name) {
			jp_buf_adds(b, " — <span");
			jp_pages__plan_lang(c, b);
			jp_buf_adds(b, ">");
			jp_pages__esc(b, g->name);
			jp_buf_adds(b, "</span>");
		} else {
			jp_buf_addf(b, " — <em>%s</em>", jp_tr(lang, "not in the plan's glossary"));
		}
		if (e->lead)
			jp_buf_addf(b, " <span class=\"badge\">%s</span>", jp_tr(lang, "lead"));
		if (e->by_agreement)
			jp_buf_addf(b, " <span class=\"badge\">%s</span>", jp_tr(lang, "by agreement"));
		jp_buf_adds(b, "</li>\n");
	}
	jp_buf_addf(b, "</ul>\n<small class=\"muted\">%s: <span", jp_tr(lang, "As printed"));
	jp_pages__plan_lang(c, b);
	jp_buf_adds(b, ">");
	jp_pages__esc(b, a->executors_text);
	jp_buf_addf(b, "</span></small></dd>\n<dt>%s</dt><dd", jp_tr(lang, "Deadline"));
	jp_pages__plan_lang(c, b);
	jp_buf_adds(b, ">");
	jp_pages__esc(b, a->deadline_text);
	jp_buf_addf(b, "</dd>\n<dt>%s</dt><dd>", jp_tr(lang, "Planned, million tenge"));
	budget_field(c, b, a);
	jp_buf_adds(b, "</dd>\n");
	if (a->source_lines[0] > 0) {
		jp_buf_addf(b, "<dt>%s</dt><dd>", jp_tr(lang, "Lines in the official text"));
		jp_buf_addf(b, "%d–%d</dd>\n", a->source_lines[0],
			    a->source_lines[1] ? a->source_lines[1] : a->source_lines[0]);
	}
	jp_buf_adds(b, "</dl>\n");
}

/* "#12 ІІМ: Done, 2014-06-25" linking to the report in the history below. */
static void report_ref(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_report *r)
{
	const char *lang = jp_pages__lang(c);

	jp_buf_addf(b, "<a href=\"#report-%lld\">#%lld</a> ", (long long)r->id, (long long)r->id);
	jp_pages__agency(c, b, r->agency, false);
	jp_buf_addf(b, ": %s, ", jp_tr(lang, jp_pages__report_status_msgid(r->status)));
	jp_pages__date(b, r->made);
	if (r->synthetic)
		jp_pages__synthetic(c, b);
}

static void review_text(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_review *v)
{
	const char *lang = jp_pages__lang(c);

	jp_buf_addf(b, "<strong>%s</strong> ", jp_tr(lang, v->action == JP_REVIEW_ACCEPT ?
						      N_("Accepted") : v->action == JP_REVIEW_RETURN ?
						      N_("Returned") : N_("Reopened")));
	jp_pages__date(b, v->date);
	if (v->by) {
		jp_buf_addf(b, ", %s ", jp_tr(lang, "by"));
		jp_pages__esc(b, v->by);
	}
	if (v->reason && *v->reason) {
		jp_buf_addf(b, ". %s: ", jp_tr(lang, "Reason"));
		jp_pages__esc(b, v->reason);
	}
	if (v->synthetic)
		jp_pages__synthetic(c, b);
}

static void due_dates(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_activity *a,
		      const struct jp_status *st)
{
	const char *lang = jp_pages__lang(c);
	size_t n = 0;

	jp_buf_addf(b, "<section aria-labelledby=\"h-due\">\n<h2 id=\"h-due\">%s</h2>\n",
		    jp_tr(lang, "Due dates"));
	for (size_t i = 0; i < st->nocc; i++)
		n += same_act(st->occ[i].act, a);
	if (!n) {
		jp_buf_addf(b, "<p>%s</p>\n</section>\n", jp_tr(lang, "The deadline gives no due date inside the plan's period."));
		return;
	}
	jp_pages__table_begin(b, jp_tr(lang, "Each due date with its state and the report that counts"));
	jp_buf_adds(b, "<thead><tr>");
	jp_pages__th(b, jp_tr(lang, "Due"), false);
	jp_pages__th(b, jp_tr(lang, "State"), false);
	jp_pages__th(b, jp_tr(lang, "Report that counts"), false);
	jp_pages__th(b, jp_tr(lang, "Review"), false);
	jp_pages__th(b, jp_tr(lang, "Other executors' reports"), false);
	jp_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < st->nocc; i++) {
		const struct jp_occurrence *o = &st->occ[i];

		if (!same_act(o->act, a))
			continue;
		jp_buf_adds(b, "<tr><th scope=\"row\" class=\"nowrap\">");
		jp_pages__date(b, o->due);
		if (o->label) {
			jp_buf_adds(b, "<br><small");
			jp_pages__plan_lang(c, b);
			jp_buf_adds(b, ">");
			jp_pages__esc(b, o->label);
			jp_buf_adds(b, "</small>");
		}
		jp_buf_adds(b, "</th><td>");
		jp_pages__state(c, b, o->state);
		if (o->overdue)
			jp_buf_addf(b, " <span class=\"badge overdue\">%s</span>", jp_tr(lang, "Overdue"));
		if (o->upcoming)
			jp_buf_addf(b, " <span class=\"badge upcoming\">%s</span>", jp_tr(lang, "Upcoming"));
		jp_buf_adds(b, "</td><td>");
		if (o->report)
			report_ref(c, b, o->report);
		else
			jp_buf_adds(b, "—");
		jp_buf_adds(b, "</td><td>");
		if (o->review)
			review_text(c, b, o->review);
		else if (o->report)
			jp_buf_addf(b, "<span class=\"muted\">%s</span>", jp_tr(lang, "Awaiting review"));
		else
			jp_buf_adds(b, "—");
		jp_buf_adds(b, "</td><td>");
		for (size_t k = 0; k < o->ncontrib; k++) {
			jp_buf_adds(b, k ? "<br>" : "");
			report_ref(c, b, o->contrib[k]);
		}
		if (!o->ncontrib)
			jp_buf_adds(b, "—");
		jp_buf_adds(b, "</td></tr>\n");
	}
	jp_buf_adds(b, "</tbody>\n");
	jp_pages__table_end(b);
	jp_buf_adds(b, "</section>\n");
}

static int report_order(const void *x, const void *y)
{
	const struct jp_report *a = *(const struct jp_report *const *)x;
	const struct jp_report *b = *(const struct jp_report *const *)y;
	int k = jp_date_cmp(a->made, b->made);

	if (k)
		return k;
	return a->id < b->id ? -1 : a->id > b->id;
}

static void review_forms(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_report *r)
{
	const char *lang = jp_pages__lang(c);
	long long id = (long long)r->id;

	jp_buf_addf(b, "<div class=\"review-forms\">\n<form method=\"post\" action=\"/reports/%lld/accept\">\n", id);
	jp_pages__csrf(c, b);
	jp_buf_addf(b, "<button type=\"submit\">%s</button>\n</form>\n", jp_tr(lang, "Accept the report"));
	jp_buf_addf(b, "<form class=\"stack\" method=\"post\" action=\"/reports/%lld/return\">\n", id);
	jp_pages__csrf(c, b);
	jp_buf_addf(b, "<label for=\"reason-%lld\">%s</label>\n"
		    "<textarea id=\"reason-%lld\" name=\"reason\" rows=\"2\" required></textarea>\n"
		    "<div class=\"actions\"><button type=\"submit\" class=\"danger\">%s</button></div>\n"
		    "</form>\n</div>\n", id, jp_tr(lang, "Why it is returned"), id,
		    jp_tr(lang, "Return the report"));
}

/* An accepted report: the coordinator may reopen it, with a reason. */
static void reopen_form(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_report *r)
{
	const char *lang = jp_pages__lang(c);
	long long id = (long long)r->id;

	jp_buf_addf(b, "<form class=\"stack\" method=\"post\" action=\"/reports/%lld/reopen\">\n", id);
	jp_pages__csrf(c, b);
	jp_buf_addf(b, "<label for=\"reopen-%lld\">%s</label>\n"
		    "<textarea id=\"reopen-%lld\" name=\"reason\" rows=\"2\" required></textarea>\n"
		    "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n",
		    id, jp_tr(lang, "Why it is reopened"), id, jp_tr(lang, "Reopen the report"));
}

static void history(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_activity *a,
		    const struct jp_status *st)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_history *h = jp_pages__history(c);
	const struct jp_report **v = jp_calloc(h->nreports + 1, sizeof(*v));
	size_t n = 0, first, last, page = c->page ? c->page : 1;
	char m[JP_MONEY_BUFSZ], d[JP_DATE_BUFSZ], extra[32];

	if (!v) {
		b->oom = true;
		return;
	}
	for (size_t i = 0; i < h->nreports; i++)
		if (!strcmp(h->reports[i].activity, a->number))
			v[n++] = &h->reports[i];
	qsort(v, n, sizeof(*v), report_order);
	/* page 1 is the newest JP_PAGE_REPORT_ROWS, shown oldest first */
	last = (page - 1) * JP_PAGE_REPORT_ROWS < n ? n - (page - 1) * JP_PAGE_REPORT_ROWS : 0;
	first = last > JP_PAGE_REPORT_ROWS ? last - JP_PAGE_REPORT_ROWS : 0;
	jp_buf_addf(b, "<section aria-labelledby=\"h-history\">\n<h2 id=\"h-history\">%s</h2>\n",
		    jp_tr(lang, "Report history"));
	if (!n)
		jp_buf_addf(b, "<p>%s</p>\n", jp_tr(lang, "No report has been made on this activity."));
	snprintf(extra, sizeof(extra), "as_of=%s", jp_date_format(c->as_of, d));
	jp_pages__pager(c, b, (unsigned)page, first > 0, extra);
	for (size_t i = first; i < last; i++) {
		const struct jp_report *r = v[i];
		bool later = jp_date_cmp(r->made, st->as_of) > 0;
		const struct jp_review *lastv = NULL;

		jp_buf_addf(b, "<article class=\"report%s\" id=\"report-%lld\" aria-labelledby=\"rh-%lld\">\n"
			    "<h3 id=\"rh-%lld\">", later ? " later" : "", (long long)r->id,
			    (long long)r->id, (long long)r->id);
		jp_buf_addf(b, jp_tr(lang, "Report #%lld"), (long long)r->id);
		jp_buf_adds(b, " — ");
		jp_pages__agency(c, b, r->agency, true);
		if (r->synthetic)
			jp_pages__synthetic(c, b);
		jp_buf_adds(b, "</h3>\n");
		if (later)
			jp_buf_addf(b, "<p class=\"note\">%s</p>\n",
				    jp_tr(lang, "Made after the date shown; not counted here."));
		jp_buf_addf(b, "<dl class=\"fields\">\n<dt>%s</dt><dd>", jp_tr(lang, "Due date"));
		jp_pages__date(b, r->due);
		jp_buf_addf(b, "</dd>\n<dt>%s</dt><dd>%s</dd>\n", jp_tr(lang, "Reported state"),
			    jp_tr(lang, jp_pages__report_status_msgid(r->status)));
		jp_buf_addf(b, "<dt>%s</dt><dd>", jp_tr(lang, "Made on"));
		jp_pages__date(b, r->made);
		if (r->by) {
			jp_buf_addf(b, ", %s ", jp_tr(lang, "by"));
			jp_pages__esc(b, r->by);
		}
		if (r->recorded_at) {
			jp_buf_addf(b, " <small class=\"muted\">(%s ", jp_tr(lang, "recorded"));
			jp_pages__esc(b, r->recorded_at);
			jp_buf_adds(b, ")</small>");
		}
		jp_buf_adds(b, "</dd>\n");
		if (r->text && *r->text) {
			jp_buf_addf(b, "<dt>%s</dt><dd>", jp_tr(lang, "What was done"));
			jp_pages__esc(b, r->text);
			jp_buf_adds(b, "</dd>\n");
		}
		if (r->evidence && *r->evidence) {
			jp_buf_addf(b, "<dt>%s</dt><dd>", jp_tr(lang, "Evidence"));
			jp_pages__esc(b, r->evidence);
			jp_buf_adds(b, "</dd>\n");
		}
		if (r->has_spent)
			jp_buf_addf(b, "<dt>%s</dt><dd>%s</dd>\n", jp_tr(lang, "Spent, million tenge"),
				    jp_money_format(r->spent, m));
		jp_buf_addf(b, "</dl>\n<h4 class=\"muted\">%s</h4>\n<ul class=\"reviews\">\n",
			    jp_tr(lang, "Reviews"));
		for (size_t k = 0; k < h->nreviews; k++) {
			if (h->reviews[k].report != r->id)
				continue;
			jp_buf_adds(b, "<li>");
			review_text(c, b, &h->reviews[k]);
			jp_buf_adds(b, "</li>\n");
			lastv = &h->reviews[k];
		}
		if (!lastv || lastv->action == JP_REVIEW_REOPEN)
			jp_buf_addf(b, "<li>%s</li>\n", jp_tr(lang, "Awaiting review"));
		jp_buf_adds(b, "</ul>\n");
		if ((!lastv || lastv->action == JP_REVIEW_REOPEN) && jp_pages__may_review(c))
			review_forms(c, b, r);
		else if (lastv && lastv->action == JP_REVIEW_ACCEPT && jp_pages__may_review(c))
			reopen_form(c, b, r);
		jp_buf_adds(b, "</article>\n");
	}
	if (last > first + 5)
		jp_pages__pager(c, b, (unsigned)page, first > 0, extra);
	jp_buf_adds(b, "</section>\n");
	jp_free(v);
}

static void report_form(const struct jp_page_ctx *c, struct jp_buf *b, const struct jp_activity *a,
			const struct jp_status *st)
{
	const char *lang = jp_pages__lang(c);
	static const enum jp_report_status statuses[] = {
		JP_REPORT_DONE, JP_REPORT_PARTLY, JP_REPORT_IN_PROGRESS, JP_REPORT_NOT_DONE,
	};
	const struct jp_occurrence *pick = NULL;
	const struct jp_executor *lead = jp_activity_lead(a);
	size_t open = 0;
	char d[JP_DATE_BUFSZ];

	jp_buf_addf(b, "<section aria-labelledby=\"h-report\">\n<h2 id=\"h-report\">%s</h2>\n",
		    jp_tr(lang, "Submit a report"));
	for (size_t i = 0; i < st->nocc; i++) {
		const struct jp_occurrence *o = &st->occ[i];

		if (!same_act(o->act, a) || o->state == JP_OCC_VOID)
			continue;
		open++;
		/* preselect the first due date not done yet, else the first */
		if (!pick || (pick->state == JP_OCC_DONE && o->state != JP_OCC_DONE))
			pick = o;
	}
	if (!open) {
		jp_buf_addf(b, "<p>%s</p>\n</section>\n",
			    jp_tr(lang, "No due date of this activity is open for reports."));
		return;
	}
	jp_buf_adds(b, "<form class=\"stack\" method=\"post\" action=\"/reports\">\n");
	jp_pages__csrf(c, b);
	jp_buf_adds(b, "<input type=\"hidden\" name=\"activity\" value=\"");
	jp_pages__esc(b, a->number);
	jp_buf_addf(b, "\">\n<label for=\"r-due\">%s</label>\n<select id=\"r-due\" name=\"due\" required>\n",
		    jp_tr(lang, "Due date"));
	for (size_t i = 0; i < st->nocc; i++) {
		const struct jp_occurrence *o = &st->occ[i];

		if (!same_act(o->act, a) || o->state == JP_OCC_VOID)
			continue;
		jp_date_format(o->due, d);
		jp_buf_addf(b, "<option value=\"%s\"%s>%s — ", d, o == pick ? " selected" : "", d);
		jp_pages__esc(b, jp_tr(lang, jp_pages__state_msgid(o->state)));
		if (o->label) {
			jp_buf_adds(b, " (");
			jp_pages__esc(b, o->label);
			jp_buf_adds(b, ")");
		}
		jp_buf_adds(b, "</option>\n");
	}
	jp_buf_addf(b, "</select>\n<label for=\"r-agency\">%s</label>\n<select id=\"r-agency\" name=\"agency\" required>\n",
		    jp_tr(lang, "Reporting agency"));
	for (size_t i = 0; i < a->executors.n; i++) {
		const struct jp_executor *e = &a->executors.items[i];

		if (c->user.role == JP_ROLE_EXECUTOR &&
		    !jp_text_eq_fold(e->agency, c->user.agency))
			continue;
		option(b, e->agency, e->agency, e == lead);
	}
	jp_buf_addf(b, "</select>\n<label for=\"r-status\">%s</label>\n<select id=\"r-status\" name=\"status\" required>\n",
		    jp_tr(lang, "Reported state"));
	for (size_t i = 0; i < JP_ARRAY_LEN(statuses); i++)
		option(b, jp_report_status_name(statuses[i]),
		       jp_tr(lang, jp_pages__report_status_msgid(statuses[i])), i == 0);
	jp_buf_addf(b, "</select>\n<label for=\"r-text\">%s</label>\n"
		    "<textarea id=\"r-text\" name=\"text\" rows=\"4\"></textarea>\n",
		    jp_tr(lang, "What was done"));
	jp_buf_addf(b, "<label for=\"r-evidence\">%s <span class=\"hint\">%s: <span",
		    jp_tr(lang, "Evidence"), jp_tr(lang, "the document the completion form asks for"));
	jp_pages__plan_lang(c, b);
	jp_buf_adds(b, ">");
	jp_pages__esc(b, a->completion_form ? a->completion_form : "—");
	jp_buf_addf(b, "</span>; %s</span></label>\n"
		    "<input id=\"r-evidence\" name=\"evidence\" type=\"text\">\n",
		    jp_tr(lang, "its kind, number and date"));
	jp_buf_addf(b, "<label for=\"r-spent\">%s <span class=\"hint\">%s</span></label>\n"
		    "<input id=\"r-spent\" name=\"spent\" type=\"text\" inputmode=\"decimal\" "
		    "autocomplete=\"off\" pattern=\"-?[0-9 ]*([.,][0-9]{1,6})?\">\n",
		    jp_tr(lang, "Spent that year, million tenge"),
		    jp_tr(lang, "exact, up to six decimals, e.g. 12.5; leave empty if none"));
	jp_buf_addf(b, "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n</section>\n",
		    jp_tr(lang, "Submit the report"));
}

int jp_page_activity(const struct jp_page_ctx *c, const struct jp_activity *a,
		     const struct jp_status *st, struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);
	struct jp_buf title = JP_BUF_INIT;
	int rc;

	assert(c->plan && a && st);
	jp_buf_addf(&title, jp_tr(lang, "Activity %s"), a->number);
	jp_pages__begin(c, out, JP_NAV_ACTIVITIES, title.ptr);
	if (jp_buf_oom(&title))
		out->oom = true;
	jp_buf_release(&title);
	fields(c, out, a);
	due_dates(c, out, a, st);
	if (jp_pages__may_report(c, a))
		report_form(c, out, a, st);
	else if (c->user.login && c->user.role == JP_ROLE_EXECUTOR)
		jp_buf_addf(out, "<p class=\"note\">%s</p>\n",
			    jp_tr(lang, "Only the executors of this activity report on it."));
	history(c, out, a, st);
	rc = jp_pages__end(c, out);
	return rc;
}

/* --- one agency -------------------------------------------------------- */

static void agency_table(const struct jp_page_ctx *c, struct jp_buf *b, const char *agency,
			 const struct jp_status *st, const bool *mine, bool overdue)
{
	const char *lang = jp_pages__lang(c);

	jp_pages__table_begin(b, jp_tr(lang, overdue ? N_("Overdue due dates") :
				     N_("Every due date of its activities")));
	jp_buf_adds(b, "<thead><tr>");
	jp_pages__th(b, jp_tr(lang, "Due"), false);
	jp_pages__th(b, "№", false);
	jp_pages__th(b, jp_tr(lang, "Role"), false);
	jp_pages__th(b, jp_tr(lang, "State"), false);
	jp_pages__th(b, jp_tr(lang, "Activity"), false);
	jp_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < st->nocc; i++) {
		const struct jp_occurrence *o = &st->occ[i];

		if (!mine[i] || (overdue && !o->overdue))
			continue;
		jp_buf_adds(b, "<tr><td class=\"nowrap\">");
		jp_pages__date(b, o->due);
		jp_buf_adds(b, "</td><td class=\"nowrap\">");
		jp_pages__act_link(b, o->act);
		jp_buf_addf(b, "</td><td>%s</td><td>", jp_tr(lang, jp_activity_is_lead(o->act, agency) ?
							   N_("lead") : N_("co-executor")));
		jp_pages__state(c, b, o->state);
		if (o->overdue && !overdue)
			jp_buf_addf(b, " <span class=\"badge overdue\">%s</span>", jp_tr(lang, "Overdue"));
		if (o->upcoming)
			jp_buf_addf(b, " <span class=\"badge upcoming\">%s</span>", jp_tr(lang, "Upcoming"));
		jp_buf_adds(b, "</td>");
		title_cell(c, b, o->act);
		jp_buf_adds(b, "</tr>\n");
	}
	jp_buf_adds(b, "</tbody>\n");
	jp_pages__table_end(b);
}

int jp_page_agency(const struct jp_page_ctx *c, const char *agency,
		   const struct jp_status *st, struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_glossary_entry *g;
	const struct jp_agency_status *as = NULL;
	bool *mine;
	size_t nmine = 0, nover = 0;

	assert(c->plan && agency && st);
	g = jp_pages__find_agency(c->plan, agency);
	mine = jp_calloc(st->nocc + 1, sizeof(*mine));
	if (!mine)
		return JP_ERROR;
	/* the activities are in plan order; remember the answer per activity */
	{
		const struct jp_activity *last = NULL;
		bool last_mine = false;

		for (size_t i = 0; i < st->nocc; i++) {
			if (st->occ[i].act != last) {
				last = st->occ[i].act;
				last_mine = jp_activity_has_agency(last, agency, false);
			}
			mine[i] = last_mine;
			nmine += mine[i];
			nover += mine[i] && st->occ[i].overdue;
		}
	}
	for (size_t i = 0; i < st->nagencies && !as; i++)
		if (jp_text_eq_fold(st->agencies[i].agency, agency))
			as = &st->agencies[i];
	jp_pages__begin(c, out, JP_NAV_NONE, g ? g->abbr : agency);
	if (g && g->name) {
		jp_buf_adds(out, "<p class=\"lead-text\"");
		jp_pages__plan_lang(c, out);
		jp_buf_adds(out, ">");
		jp_pages__esc(out, g->name);
		jp_buf_adds(out, "</p>\n");
	} else {
		jp_buf_addf(out, "<p class=\"note\">%s</p>\n", jp_tr(lang, "This agency is not in the plan's glossary."));
	}
	if (as) {
		jp_buf_adds(out, "<ul class=\"cards\">\n");
		jp_buf_addf(out, "<li><span class=\"big\">%zu</span>%s</li>\n", as->due,
			    jp_tr(lang, "Due dates passed"));
		jp_buf_addf(out, "<li><span class=\"big\">%zu</span>%s</li>\n", as->reported,
			    jp_tr(lang, "Reported"));
		jp_buf_addf(out, "<li%s><span class=\"big\">%zu</span>%s</li>\n",
			    as->due > as->reported ? " class=\"bad\"" : "", as->due - as->reported,
			    jp_tr(lang, "Not reported"));
		jp_buf_addf(out, "<li%s><span class=\"big\">%zu</span>%s</li>\n",
			    as->overdue ? " class=\"bad\"" : "", as->overdue, jp_tr(lang, "Overdue as lead"));
		jp_buf_adds(out, "</ul>\n");
	}
	jp_buf_addf(out, "<p><a href=\"/api/v1/calendar.ics?agency=");
	jp_pages__url_part(out, g ? g->abbr : agency);
	jp_buf_addf(out, "\">%s</a> <small class=\"muted\">(%s)</small> · <a href=\"/activities?agency=",
		    jp_tr(lang, "Calendar of due dates"), jp_tr(lang, "iCalendar, for a calendar program"));
	jp_pages__url_part(out, g ? g->abbr : agency);
	jp_buf_addf(out, "\">%s</a></p>\n", jp_tr(lang, "Its activities"));
	jp_buf_addf(out, "<section aria-labelledby=\"h-overdue\">\n<h2 id=\"h-overdue\">%s</h2>\n",
		    jp_tr(lang, "Overdue"));
	if (nover)
		agency_table(c, out, agency, st, mine, true);
	else
		jp_buf_addf(out, "<p>%s</p>\n", jp_tr(lang, "Nothing is overdue."));
	jp_buf_addf(out, "</section>\n<section aria-labelledby=\"h-calendar\">\n<h2 id=\"h-calendar\">%s</h2>\n",
		    jp_tr(lang, "Obligations"));
	if (nmine)
		agency_table(c, out, agency, st, mine, false);
	else
		jp_buf_addf(out, "<p>%s</p>\n", jp_tr(lang, "No activity of the plan names this agency as an executor."));
	jp_buf_adds(out, "</section>\n");
	jp_free(mine);
	return jp_pages__end(c, out);
}
