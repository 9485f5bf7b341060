/*
 * pages_money.c - the budget (/budget: planned against spent, rolled up by
 * year, direction, source and agency), the indicators (/indicators:
 * targets against actuals, with a bar chart of one year) and the findings
 * about the official text (/findings).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "budget.h"
#include "check.h"
#include "consolidated.h"
#include "indicator.h"
#include "pages.h"
#include "pages_int.h"

/* The date things are judged on: the repeal date once the plan has ended. */
static struct jp_date effective(const struct jp_page_ctx *c)
{
	const struct jp_plan *p = c->plan;

	if (p->repealed && jp_date_cmp(c->as_of, p->repeal.date) >= 0)
		return p->repeal.date;
	return c->as_of;
}

/* --- budget ------------------------------------------------------------ */

static const struct jp_rollup_row *find_row(const struct jp_rollup *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->rows[i].key, key))
			return &r->rows[i];
	return NULL;
}

static void money_cells(struct jp_buf *b, jp_money planned, jp_money spent)
{
	jp_buf_adds(b, "<td class=\"n\">");
	jp_pages__money(b, planned);
	jp_buf_adds(b, "</td><td class=\"n\">");
	jp_pages__money(b, spent);
	jp_buf_adds(b, "</td><td class=\"n\">");
	jp_pages__share(b, spent, planned);
	jp_buf_adds(b, "</td>");
}

static void key_cell(const struct jp_page_ctx *c, struct jp_buf *b, enum jp_budget_group g,
		     const char *key)
{
	const char *lang = jp_pages__lang(c);

	jp_buf_adds(b, "<th scope=\"row\">");
	if (!strcmp(key, JP_ROLLUP_NOT_STATED)) {
		jp_buf_addf(b, "<em>%s</em>", jp_tr(lang, "not stated"));
	} else if (g == JP_GROUP_DIRECTION) {
		const struct jp_direction *d = jp_plan_find_direction(c->plan, key);

		jp_buf_adds(b, "<a href=\"/activities?direction=");
		jp_pages__url_part(b, key);
		jp_buf_adds(b, "\">");
		jp_pages__esc(b, key);
		jp_buf_adds(b, "</a>");
		if (d && d->title) {
			jp_buf_adds(b, " <small class=\"muted\"");
			jp_pages__plan_lang(c, b);
			jp_buf_adds(b, ">");
			jp_pages__esc(b, d->title);
			jp_buf_adds(b, "</small>");
		}
	} else if (g == JP_GROUP_LEAD) {
		jp_pages__agency(c, b, key, true);
	} else {
		jp_pages__esc(b, key);
	}
	jp_buf_adds(b, "</th>");
}

/* One roll-up as a table: key, activities, planned (the rows' printed
 * totals), spent as reported, share; the keys of both sides. */
static int group_table(const struct jp_page_ctx *c, struct jp_buf *b, enum jp_budget_group g,
		       const char *caption, const char *key_head)
{
	const char *lang = jp_pages__lang(c);
	struct jp_rollup planned, spent;

	if (jp_budget_rollup(c->plan, g, &planned) < 0)
		return JP_ERROR;
	if (jp_budget_spent(c->plan, jp_pages__history(c), c->as_of, g, &spent) < 0) {
		jp_rollup_release(&planned);
		return JP_ERROR;
	}
	jp_pages__table_begin(b, caption);
	jp_buf_adds(b, "<thead><tr>");
	jp_pages__th(b, key_head, false);
	jp_pages__th(b, jp_tr(lang, "Activities with money"), true);
	jp_pages__th(b, jp_tr(lang, "Planned"), true);
	jp_pages__th(b, jp_tr(lang, "Spent"), true);
	jp_pages__th(b, jp_tr(lang, "Share spent"), true);
	jp_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < planned.n; i++) {
		const struct jp_rollup_row *r = &planned.rows[i], *s = find_row(&spent, r->key);

		jp_buf_adds(b, "<tr>");
		key_cell(c, b, g, r->key);
		jp_buf_addf(b, "<td class=\"n\">%zu</td>", r->nactivities);
		money_cells(b, r->total, s ? s->total : 0);
		jp_buf_adds(b, "</tr>\n");
	}
	for (size_t i = 0; i < spent.n; i++) {
		const struct jp_rollup_row *s = &spent.rows[i];

		if (find_row(&planned, s->key))
			continue;
		jp_buf_adds(b, "<tr>");
		key_cell(c, b, g, s->key);
		jp_buf_adds(b, "<td class=\"n\">0</td>");
		money_cells(b, 0, s->total);
		jp_buf_adds(b, "</tr>\n");
	}
	jp_buf_addf(b, "</tbody>\n<tfoot><tr><th scope=\"row\">%s</th><td class=\"n\">%zu</td>",
		    jp_tr(lang, "Total"), planned.all.nactivities);
	money_cells(b, planned.all.total, spent.all.total);
	jp_buf_adds(b, "</tr></tfoot>\n");
	jp_pages__table_end(b);
	jp_rollup_release(&planned);
	jp_rollup_release(&spent);
	return 0;
}

static int year_table(const struct jp_page_ctx *c, struct jp_buf *b)
{
	const char *lang = jp_pages__lang(c);
	struct jp_rollup planned, spent;
	jp_money tp = 0, ts = 0;

	if (jp_budget_rollup(c->plan, JP_GROUP_YEAR, &planned) < 0)
		return JP_ERROR;
	if (jp_budget_spent(c->plan, jp_pages__history(c), c->as_of, JP_GROUP_YEAR, &spent) < 0) {
		jp_rollup_release(&planned);
		return JP_ERROR;
	}
	jp_pages__table_begin(b, jp_tr(lang, "Planned and spent by year"));
	jp_buf_adds(b, "<thead><tr>");
	jp_pages__th(b, jp_tr(lang, "Year"), false);
	jp_pages__th(b, jp_tr(lang, "Planned"), true);
	jp_pages__th(b, jp_tr(lang, "Spent"), true);
	jp_pages__th(b, jp_tr(lang, "Share spent"), true);
	jp_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (int y = 0; y < planned.nyears; y++) {
		jp_money s = y < spent.nyears ? spent.all.year[y] : 0;

		jp_buf_addf(b, "<tr><th scope=\"row\">%d</th>", planned.first_year + y);
		money_cells(b, planned.all.year[y], s);
		jp_buf_adds(b, "</tr>\n");
		tp += planned.all.year[y];
		ts += s;
	}
	jp_buf_addf(b, "</tbody>\n<tfoot><tr><th scope=\"row\">%s</th>", jp_tr(lang, "All years"));
	money_cells(b, tp, ts);
	jp_buf_adds(b, "</tr></tfoot>\n");
	jp_pages__table_end(b);
	jp_buf_adds(b, "<p class=\"muted\">");
	jp_buf_addf(b, "%s ", jp_tr(lang, "Sum of the rows' printed totals:"));
	jp_pages__money(b, planned.all.total);
	if (c->plan->grand_total.has_total) {
		jp_buf_addf(b, "; %s ", jp_tr(lang, "the plan's printed grand total:"));
		jp_pages__money(b, c->plan->grand_total.total);
	}
	jp_buf_addf(b, ". <a href=\"/findings\">%s</a></p>\n",
		    jp_tr(lang, "Where the official figures disagree"));
	jp_rollup_release(&planned);
	jp_rollup_release(&spent);
	return 0;
}

int jp_page_budget(const struct jp_page_ctx *c, struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);
	struct jp_buf svg = JP_BUF_INIT;
	char d[JP_DATE_BUFSZ];
	int rc = 0;

	assert(c->plan);
	jp_pages__begin(c, out, JP_NAV_BUDGET, jp_tr(lang, "Budget"));
	jp_buf_adds(out, "<p class=\"lead-text\">");
	jp_buf_addf(out, jp_tr(lang, "Planned money against money spent as reported by %s, million tenge."),
		    jp_date_format(c->as_of, d));
	jp_buf_addf(out, " %s</p>\n", jp_tr(lang, "For each activity, due date and agency the latest report with an amount counts, in the year of its due date."));
	if (jp_svg_money_by_year(c->plan, jp_pages__history(c), c->as_of, &svg) < 0)
		rc = JP_ERROR;
	jp_buf_adds(out, "<figure>\n<div");
	if (strcmp(lang, "en"))
		jp_buf_adds(out, " lang=\"en\"");
	jp_buf_adds(out, ">\n");
	jp_buf_add(out, svg.ptr, svg.len);
	jp_buf_addf(out, "</div>\n<figcaption>%s</figcaption>\n</figure>\n",
		    jp_tr(lang, "Planned and spent money by year, million tenge."));
	jp_buf_release(&svg);
	jp_buf_addf(out, "<h2>%s</h2>\n", jp_tr(lang, "By year"));
	if (year_table(c, out) < 0)
		rc = JP_ERROR;
	jp_buf_addf(out, "<h2>%s</h2>\n", jp_tr(lang, "By direction"));
	if (group_table(c, out, JP_GROUP_DIRECTION, jp_tr(lang, "Planned (printed totals) and spent by direction"),
			jp_tr(lang, "Direction")) < 0)
		rc = JP_ERROR;
	jp_buf_addf(out, "<h2>%s</h2>\n", jp_tr(lang, "By funding source"));
	if (group_table(c, out, JP_GROUP_SOURCE, jp_tr(lang, "Planned and spent by funding source and budget program"),
			jp_tr(lang, "Source")) < 0)
		rc = JP_ERROR;
	jp_buf_addf(out, "<h2>%s</h2>\n", jp_tr(lang, "By agency"));
	if (group_table(c, out, JP_GROUP_LEAD, jp_tr(lang, "Planned by lead executor, spent by reporting agency"),
			jp_tr(lang, "Agency")) < 0)
		rc = JP_ERROR;
	if (jp_pages__end(c, out) < 0)
		rc = JP_ERROR;
	return rc;
}

/* --- indicators -------------------------------------------------------- */

/* Years that have a target, ascending; n <= JP_MAX_YEARS * 4. */
static size_t target_years(const struct jp_ind_ref *refs, size_t n, int *years, size_t cap)
{
	size_t ny = 0;

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < refs[i].ind->ntargets; k++) {
			int y = refs[i].ind->targets[k].year;
			size_t j = 0;

			while (j < ny && years[j] < y)
				j++;
			if ((j < ny && years[j] == y) || ny == cap)
				continue;
			memmove(years + j + 1, years + j, (ny - j) * sizeof(*years));
			years[j] = y;
			ny++;
		}
	}
	return ny;
}

static void value_with_unit(struct jp_buf *b, const char *value, const char *unit)
{
	jp_pages__esc(b, value);
	if (unit && *unit) {
		jp_buf_adds(b, strcmp(unit, "%") ? " " : "");
		jp_pages__esc(b, unit);
	}
}

/* Whether the indicator has more than one target for the year (two
 * series, as R1.4.1 of plan No. 292): the chart then names each by its
 * number, "R1.4.1/3". */
static bool year_repeats(const struct jp_indicator *ind, int year)
{
	size_t n = 0;

	for (size_t k = 0; k < ind->ntargets; k++)
		n += ind->targets[k].year == year;
	return n > 1;
}

/* Bars of target against actual per indicator for one year; every row has
 * its own scale (the units differ), integer geometry as in export/svg.c. */
static void indicator_chart(const struct jp_page_ctx *c, struct jp_buf *b,
			    const struct jp_ind_ref *refs, size_t n, int year)
{
	enum { W = 760, LEFT = 90, BAR = 540, ROW = 40, TOP = 44 };
	const char *lang = jp_pages__lang(c);
	const struct jp_history *h = jp_pages__history(c);
	struct jp_date when = effective(c);
	size_t rows = 0;
	int height;

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < refs[i].ind->ntargets; k++)
			rows += refs[i].ind->targets[k].year == year;
	height = TOP + (int)rows * ROW + 40;
	jp_buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"ic-title ic-desc\" "
		    "font-family=\"sans-serif\" font-size=\"12\">\n", W, height, W, height);
	jp_buf_addf(b, "<title id=\"ic-title\">");
	jp_buf_addf(b, jp_tr(lang, "Targets and actuals, %d"), year);
	jp_buf_addf(b, "</title>\n<desc id=\"ic-desc\">%s</desc>\n",
		    jp_tr(lang, "Two bars per indicator: the target (dark) and the actual value (green when the target is met, orange when not); each row has its own scale."));
	jp_buf_addf(b, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">", 10);
	jp_buf_addf(b, jp_tr(lang, "Targets and actuals, %d"), year);
	jp_buf_adds(b, "</text>\n");
	rows = 0;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < refs[i].ind->ntargets; k++) {
			const struct jp_target *t = &refs[i].ind->targets[k];
			struct jp_achievement a;
			int64_t tv = 0, av = 0, mx;
			bool tok, aok;
			int y = TOP + (int)rows * ROW, wt, wa;

			if (t->year != year)
				continue;
			rows++;
			jp_indicator_achievement(&refs[i], k, h, when, &a);
			tok = jp_pages__decimal(a.target, &tv) && tv >= 0;
			aok = a.actual && jp_pages__decimal(a.actual->value, &av) && av >= 0;
			mx = tv > av ? tv : av;
			if (mx <= 0)
				mx = 1;
			wt = tok ? (int)(tv * BAR / mx) : 0;
			wa = aok ? (int)(av * BAR / mx) : 0;
			jp_buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LEFT - 8, y + 19);
			jp_pages__esc(b, refs[i].id);
			if (year_repeats(refs[i].ind, year))
				jp_buf_addf(b, "/%zu", k + 1);
			jp_buf_addf(b, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" "
				    "fill=\"#1565c0\"><title>", LEFT, y + 2, wt > 0 ? wt : 1);
			jp_pages__esc(b, refs[i].id);
			jp_buf_addf(b, " %s: ", jp_tr(lang, "target"));
			value_with_unit(b, a.target, t->unit);
			jp_buf_addf(b, "</title></rect>\n<text x=\"%d\" y=\"%d\">", LEFT + wt + 5, y + 13);
			value_with_unit(b, a.target, t->unit);
			jp_buf_adds(b, "</text>\n");
			if (!a.actual) {
				jp_buf_addf(b, "<text x=\"%d\" y=\"%d\" fill=\"#555\">%s</text>\n", LEFT,
					    y + 30, jp_tr(lang, "no actual value"));
				continue;
			}
			jp_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"%s\">"
				    "<title>", LEFT, y + 18, wa > 0 ? wa : 1, a.met ? "#2e7d32" : "#ef6c00");
			jp_pages__esc(b, refs[i].id);
			jp_buf_addf(b, " %s: ", jp_tr(lang, "actual"));
			value_with_unit(b, a.actual->value, t->unit);
			jp_buf_addf(b, "</title></rect>\n<text x=\"%d\" y=\"%d\">", LEFT + wa + 5, y + 29);
			value_with_unit(b, a.actual->value, t->unit);
			jp_buf_addf(b, " — %s%s</text>\n", jp_tr(lang, a.met ? N_("met") : N_("not met")),
				    a.actual->synthetic ? " *" : "");
		}
	}
	jp_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#1565c0\"/>"
		    "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT, height - 24, LEFT + 18, height - 14,
		    jp_tr(lang, "target"));
	jp_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#2e7d32\"/>"
		    "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT + 130, height - 24, LEFT + 148,
		    height - 14, jp_tr(lang, "met"));
	jp_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#ef6c00\"/>"
		    "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT + 260, height - 24, LEFT + 278,
		    height - 14, jp_tr(lang, "not met"));
	jp_buf_addf(b, "<text x=\"%d\" y=\"%d\" fill=\"#555\">* %s</text>\n", LEFT + 390,
		    height - 14, jp_tr(lang, "synthetic"));
	jp_buf_adds(b, "</svg>\n");
}

static void year_form(const struct jp_page_ctx *c, struct jp_buf *b, const int *years,
		      size_t ny, int year)
{
	const char *lang = jp_pages__lang(c);

	jp_buf_addf(b, "<form class=\"filters\" method=\"get\" action=\"/indicators\">\n"
		    "<div><label for=\"i-year\">%s</label>\n<select id=\"i-year\" name=\"year\">\n",
		    jp_tr(lang, "Year of the chart"));
	for (size_t i = 0; i < ny; i++)
		jp_buf_addf(b, "<option value=\"%d\"%s>%d</option>\n", years[i],
			    years[i] == year ? " selected" : "", years[i]);
	jp_buf_addf(b, "</select></div>\n<input type=\"hidden\" name=\"lang\" value=\"%s\">\n"
		    "<div><button type=\"submit\">%s</button></div>\n</form>\n",
		    lang, jp_tr(lang, "Show"));
}

static void indicator_rows(const struct jp_page_ctx *c, struct jp_buf *b,
			   const struct jp_ind_ref *refs, size_t n, bool target_level, int year)
{
	const char *lang = jp_pages__lang(c);
	const struct jp_history *h = jp_pages__history(c);
	struct jp_date when = effective(c);

	jp_pages__table_begin(b, jp_tr(lang, target_level ? N_("Target indicators of the program") :
				     N_("Result indicators of the directions")));
	jp_buf_adds(b, "<thead><tr>");
	jp_pages__th(b, "ID", false);
	jp_pages__th(b, jp_tr(lang, "Indicator"), false);
	jp_pages__th(b, jp_tr(lang, "Year"), true);
	jp_pages__th(b, jp_tr(lang, "Target"), true);
	jp_pages__th(b, jp_tr(lang, "Actual"), true);
	jp_pages__th(b, jp_tr(lang, "Achievement"), true);
	jp_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct jp_ind_ref *r = &refs[i];

		if (r->target_level != target_level)
			continue;
		for (size_t k = 0; k < r->ind->ntargets; k++) {
			const struct jp_target *t = &r->ind->targets[k];
			struct jp_achievement a;

			jp_indicator_achievement(r, k, h, when, &a);
			jp_buf_addf(b, "<tr%s>", t->year == year ? " class=\"sel\"" : "");
			if (k == 0) {
				jp_buf_addf(b, "<th scope=\"row\" rowspan=\"%zu\" class=\"nowrap\">",
					    r->ind->ntargets);
				jp_pages__esc(b, r->id);
				jp_buf_addf(b, "</th><td class=\"t\" rowspan=\"%zu\"", r->ind->ntargets);
				jp_pages__plan_lang(c, b);
				jp_buf_adds(b, ">");
				jp_pages__esc(b, r->ind->text);
				jp_buf_adds(b, "</td>");
			}
			jp_buf_addf(b, "<td class=\"n\">%d</td><td class=\"n\">", t->year);
			value_with_unit(b, a.target, t->unit);
			if (a.revised) {
				jp_buf_addf(b, "<br><small>%s ", jp_tr(lang, "revised; printed"));
				value_with_unit(b, a.original, t->unit);
				if (a.reason) {
					jp_buf_adds(b, ": ");
					jp_pages__esc(b, a.reason);
				}
				jp_buf_adds(b, "</small>");
			}
			jp_buf_adds(b, "</td><td class=\"n\">");
			if (a.actual) {
				value_with_unit(b, a.actual->value, t->unit);
				if (a.actual->synthetic)
					jp_pages__synthetic(c, b);
				if (a.actual->source) {
					jp_buf_adds(b, "<br><small class=\"muted\">");
					jp_pages__esc(b, a.actual->source);
					jp_buf_adds(b, "</small>");
				}
			} else {
				jp_buf_adds(b, "—");
			}
			jp_buf_adds(b, "</td><td class=\"n\">");
			if (a.actual)
				jp_buf_addf(b, "<span class=\"badge %s\">%ld.%ld&#160;%% — %s</span>",
					    a.met ? "st-done" : "st-partly", a.permille / 10,
					    labs(a.permille % 10), jp_tr(lang, a.met ? N_("met") : N_("not met")));
			else
				jp_buf_adds(b, "—");
			jp_buf_adds(b, "</td></tr>\n");
		}
	}
	jp_buf_adds(b, "</tbody>\n");
	jp_pages__table_end(b);
}

int jp_page_indicators_year(const struct jp_page_ctx *c, int year, struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);
	struct jp_ind_ref *refs = NULL;
	size_t n = 0, ny;
	const struct jp_history *h = jp_pages__history(c);
	int years[JP_MAX_YEARS * 4], pick = 0, known = 0;
	bool has_year = false;
	struct jp_date when;
	char d[JP_DATE_BUFSZ];

	assert(c->plan);
	if (jp_indicators_list(c->plan, &refs, &n) < 0)
		return JP_ERROR;
	when = effective(c);
	ny = target_years(refs, n, years, JP_ARRAY_LEN(years));
	for (size_t i = 0; i < ny; i++) {
		has_year = has_year || years[i] == year;
		if (years[i] <= when.y || !pick)
			pick = years[i];
	}
	/* rather the latest year whose figures are known */
	for (size_t i = 0; i < h->nactuals; i++) {
		const struct jp_actual *a = &h->actuals[i];

		if (jp_date_cmp(a->date, when) <= 0 && (a->year > known || !known) &&
		    jp_indicator_find(refs, n, a->indicator))
			known = a->year;
	}
	for (size_t i = 0; i < ny && known; i++)
		if (years[i] == known)
			pick = known;
	if (has_year)
		pick = year;
	jp_pages__begin(c, out, JP_NAV_INDICATORS, jp_tr(lang, "Indicators"));
	jp_buf_adds(out, "<p class=\"lead-text\">");
	jp_buf_addf(out, jp_tr(lang, "Targets against actual values known on %s."),
		    jp_date_format(when, d));
	jp_buf_addf(out, " %s</p>\n", jp_tr(lang, "A revised target counts from its date; the printed one stays on record."));
	if (!n || !ny) {
		jp_buf_addf(out, "<p>%s</p>\n", jp_tr(lang, "The plan has no indicators with targets."));
		jp_free(refs);
		return jp_pages__end(c, out);
	}
	year_form(c, out, years, ny, pick);
	jp_buf_adds(out, "<figure>\n");
	indicator_chart(c, out, refs, n, pick);
	jp_buf_addf(out, "<figcaption>");
	jp_buf_addf(out, jp_tr(lang, "Targets and actuals, %d"), pick);
	jp_buf_addf(out, ". %s</figcaption>\n</figure>\n",
		    jp_tr(lang, "Each row has its own scale, because the units differ."));
	jp_buf_addf(out, "<h2>%s</h2>\n", jp_tr(lang, "Target indicators"));
	indicator_rows(c, out, refs, n, true, pick);
	jp_buf_addf(out, "<h2>%s</h2>\n", jp_tr(lang, "Result indicators"));
	indicator_rows(c, out, refs, n, false, pick);
	jp_free(refs);
	return jp_pages__end(c, out);
}

/* The year asked in the page's path (?year=Y), or 0. */
static int path_year(const char *path)
{
	const char *q = path ? strchr(path, '?') : NULL;

	while (q && *q) {
		const char *p = q + 1;
		int y = 0, digits = 0;

		q = strchr(p, '&');
		if (strncmp(p, "year=", 5))
			continue;
		for (p += 5; *p >= '0' && *p <= '9' && digits < 5; p++, digits++)
			y = y * 10 + (*p - '0');
		if ((*p == '\0' || *p == '&') && digits == 4)
			return y;
	}
	return 0;
}

int jp_page_indicators(const struct jp_page_ctx *c, struct jp_buf *out)
{
	return jp_page_indicators_year(c, path_year(c->path), out);
}

/* --- findings ---------------------------------------------------------- */

static const char *const kind_msgids[JP_FIND_KIND_COUNT] = {
	[JP_FIND_ROW_TOTAL] = N_("A row's total differs from the sum of its years"),
	[JP_FIND_GRAND_TOTAL] = N_("The grand total differs from the sum of the rows"),
	[JP_FIND_GRAND_YEAR] = N_("A year of the grand total differs from the rows"),
	[JP_FIND_GRAND_SELF] = N_("The grand total differs from the sum of its years"),
	[JP_FIND_DATE_OUTSIDE] = N_("A due date outside the plan's period"),
	[JP_FIND_UNKNOWN_AGENCY] = N_("An executor not in the glossary"),
	[JP_FIND_DUP_EXECUTOR] = N_("An agency named twice in a row"),
	[JP_FIND_MANY_LEADS] = N_("More than one lead executor in a row"),
	[JP_FIND_DUP_NUMBER] = N_("Two rows with one number"),
};

int jp_page_findings(const struct jp_page_ctx *c, struct jp_buf *out)
{
	const char *lang = jp_pages__lang(c);
	struct jp_findings own = JP_FINDINGS_INIT;
	const struct jp_findings *f = c->findings;
	size_t count[JP_FIND_KIND_COUNT] = { 0 };
	bool en = !strcmp(lang, "en");

	assert(c->plan);
	if (!f) {
		if (jp_plan_check(c->plan, &own) < 0)
			return JP_ERROR;
		f = &own;
	}
	jp_pages__begin(c, out, JP_NAV_FINDINGS, jp_tr(lang, "Findings"));
	jp_buf_addf(out, "<p class=\"lead-text\">%s</p>\n",
		    jp_tr(lang, "Where the official text of the plan is not consistent with itself. jospar reports these; it never changes the official data."));
	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].kind < JP_FIND_KIND_COUNT)
			count[f->items[i].kind]++;
	if (!f->n) {
		jp_buf_addf(out, "<p>%s</p>\n", jp_tr(lang, "No findings: the text is consistent."));
		jp_findings_release(&own);
		return jp_pages__end(c, out);
	}
	jp_pages__table_begin(out, jp_tr(lang, "Findings by kind"));
	jp_buf_adds(out, "<thead><tr>");
	jp_pages__th(out, jp_tr(lang, "Kind"), false);
	jp_pages__th(out, jp_tr(lang, "Count"), true);
	jp_buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (int k = 0; k < JP_FIND_KIND_COUNT; k++) {
		if (!count[k])
			continue;
		jp_buf_addf(out, "<tr><th scope=\"row\">%s</th><td class=\"n\">%zu</td></tr>\n",
			    jp_tr(lang, kind_msgids[k]), count[k]);
	}
	jp_buf_addf(out, "</tbody>\n<tfoot><tr><th scope=\"row\">%s</th><td class=\"n\">%zu</td></tr></tfoot>\n",
		    jp_tr(lang, "Total"), f->n);
	jp_pages__table_end(out);
	jp_pages__table_begin(out, jp_tr(lang, "Every finding"));
	jp_buf_adds(out, "<thead><tr>");
	jp_pages__th(out, jp_tr(lang, "Kind"), false);
	jp_pages__th(out, "№", false);
	jp_pages__th(out, jp_tr(lang, "Details (in English)"), false);
	jp_buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < f->n; i++) {
		const struct jp_finding *x = &f->items[i];
		const struct jp_activity *a = x->row ? jp_plan_find_activity(c->plan, x->row) : NULL;

		jp_buf_addf(out, "<tr><td>%s</td><td class=\"nowrap\">",
			    jp_tr(lang, x->kind < JP_FIND_KIND_COUNT ? kind_msgids[x->kind] : N_("Unknown")));
		if (a)
			jp_pages__act_link(out, a);
		else if (x->row)
			jp_pages__esc(out, x->row);
		else
			jp_buf_addf(out, "<span class=\"muted\">%s</span>", jp_tr(lang, "the whole plan"));
		jp_buf_addf(out, "</td><td%s>", en ? "" : " lang=\"en\"");
		jp_pages__esc(out, x->message);
		jp_buf_adds(out, "</td></tr>\n");
	}
	jp_buf_adds(out, "</tbody>\n");
	jp_pages__table_end(out);
	jp_findings_release(&own);
	return jp_pages__end(c, out);
}
