/*
 * report_html.c - the consolidated report as one self-contained HTML page.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "indicator.h"
#include "consolidated.h"

static void esc(struct jp_buf *b, const char *s)
{
	jp_buf_add_xml(b, s ? s : "");
}

static int write_file(const char *path, const struct jp_buf *b, struct jp_error *err)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return jp_error_set(err, JP_ERROR, "cannot write '%s': %s", path, strerror(errno));
	if (fwrite(b->ptr, 1, b->len, f) != b->len) {
		fclose(f);
		return jp_error_set(err, JP_ERROR, "cannot write '%s': %s", path, strerror(errno));
	}
	if (fclose(f) != 0)
		return jp_error_set(err, JP_ERROR, "cannot write '%s': %s", path, strerror(errno));
	return 0;
}

static bool any_synthetic(const struct jp_consolidated *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->rows[i].synthetic)
			return true;
	for (size_t i = 0; i < c->history->nactuals; i++)
		if (c->history->actuals[i].synthetic)
			return true;
	return false;
}

static void indicators(struct jp_buf *b, const struct jp_consolidated *c)
{
	struct jp_ind_ref *refs = NULL;
	size_t n;

	if (jp_indicators_list(c->plan, &refs, &n) < 0) {
		b->oom = true;
		return;
	}
	jp_buf_adds(b, "<h2 id=\"indicators\">Индикаторлар / Indicators</h2>\n<table>\n<thead><tr>"
		    "<th>ID</th><th>Индикатор</th><th>Жыл</th><th>Мақсат / target</th>"
		    "<th>Нақты / actual</th><th>Орындалуы</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < refs[i].ind->ntargets; k++) {
			const struct jp_target *t = &refs[i].ind->targets[k];
			struct jp_achievement a;

			jp_indicator_achievement(&refs[i], k, c->history, c->status->effective, &a);
			jp_buf_addf(b, "<tr><td>%s</td><td>", refs[i].id);
			esc(b, refs[i].ind->text);
			jp_buf_addf(b, "</td><td>%d</td><td class=\"n\">", t->year);
			esc(b, a.target);
			esc(b, t->unit && strcmp(t->unit, "%") ? " " : "");
			esc(b, t->unit);
			if (a.revised) {
				jp_buf_adds(b, " <small>(printed ");
				esc(b, a.original);
				jp_buf_adds(b, "; ");
				esc(b, a.reason);
				jp_buf_adds(b, ")</small>");
			}
			jp_buf_adds(b, "</td><td class=\"n\">");
			if (a.actual) {
				esc(b, a.actual->value);
				if (a.actual->synthetic)
					jp_buf_adds(b, " <span class=\"syn\">synthetic</span>");
			} else {
				jp_buf_adds(b, "—");
			}
			jp_buf_adds(b, "</td><td class=\"n\">");
			if (a.actual)
				jp_buf_addf(b, "<span class=\"%s\">%ld.%ld%%</span>", a.met ? "ok" : "bad",
					    a.permille / 10, a.permille % 10);
			jp_buf_adds(b, "</td></tr>\n");
		}
	}
	jp_buf_adds(b, "</tbody></table>\n");
	jp_free(refs);
}

int jp_export_html(const struct jp_consolidated *c, struct jp_buf *out,
		   const char *chart_base, struct jp_error *err)
{
	const struct jp_plan *p = c->plan;
	const struct jp_status *st = c->status;
	struct jp_buf chart1 = JP_BUF_INIT, chart2 = JP_BUF_INIT;
	char d[JP_DATE_BUFSZ], m[JP_MONEY_BUFSZ];
	const char *cur_dir = NULL;
	int rc = 0;

	if (jp_svg_status_by_direction(st, &chart1) < 0 ||
	    jp_svg_money_by_year(p, c->history, st->effective, &chart2) < 0) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto done;
	}
	if (chart_base) {
		struct jp_buf path = JP_BUF_INIT;

		jp_buf_addf(&path, "%s-status.svg", chart_base);
		rc = write_file(path.ptr, &chart1, err);
		jp_buf_reset(&path);
		jp_buf_addf(&path, "%s-money.svg", chart_base);
		if (rc == 0)
			rc = write_file(path.ptr, &chart2, err);
		jp_buf_release(&path);
		if (rc < 0)
			goto done;
	}
	jp_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"kk\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	esc(out, p->title);
	jp_buf_adds(out, "</title>\n<style>\n"
		    "body{font-family:sans-serif;margin:1.5em;color:#222;max-width:100em}\n"
		    "table{border-collapse:collapse;width:100%;font-size:.85em}\n"
		    "th,td{border:1px solid #bbb;padding:.3em;vertical-align:top}\n"
		    "th{background:#eceff1}td.n{text-align:right;white-space:nowrap}\n"
		    "tr.dir td{background:#e3f2fd;font-weight:bold}\n"
		    ".syn{background:#fff3e0;color:#e65100;font-size:.8em;padding:0 .3em}\n"
		    ".ok{color:#2e7d32}.bad{color:#c62828}.banner{background:#fff3e0;padding:.5em;border:1px solid #e65100}\n"
		    "svg{max-width:100%;height:auto}\n"
		    "@media (max-width:40em){td:nth-child(3),th:nth-child(3){display:none}}\n"
		    "</style>\n</head>\n<body>\n<h1>");
	esc(out, p->title);
	jp_buf_addf(out, "</h1>\n<p>Plan No. %s of %s — state as of <strong>%s</strong>: ", p->number,
		    jp_date_format(p->approved, m), jp_date_format(st->as_of, d));
	if (st->state == JP_PLAN_REPEALED)
		jp_buf_addf(out, "repealed on %s by No. %s; shown as of that day.",
			    jp_date_format(p->repeal.date, d), p->repeal.number);
	else
		jp_buf_adds(out, st->state == JP_PLAN_IN_FORCE ? "in force." : "not yet approved.");
	jp_buf_addf(out, " Due dates passed: %zu, done %zu, awaiting acceptance %zu, overdue %zu.</p>\n",
		    st->npassed, st->count[JP_OCC_DONE], st->count[JP_OCC_AWAITING], st->noverdue);
	if (any_synthetic(c))
		jp_buf_adds(out, "<p class=\"banner\" role=\"note\">This report contains <strong>synthetic</strong> "
			    "data made by <code>jospar simulate</code> for demonstration; rows that use it are marked.</p>\n");
	jp_buf_adds(out, "<figure>");
	jp_buf_add(out, chart1.ptr, chart1.len);
	jp_buf_adds(out, "</figure>\n<figure>");
	jp_buf_add(out, chart2.ptr, chart2.len);
	jp_buf_addf(out, "</figure>\n<h2>Іс-шаралар / Activities</h2>\n<table>\n<thead><tr>"
		    "<th>№</th><th>Іс-шараның атауы</th><th>Аяқтау нысаны</th>"
		    "<th>Жауапты орындаушылар</th><th>Орындау мерзімдері</th>"
		    "<th>Барлығы, млн. теңге</th><th>Жағдайы / state</th><th>Есеп / report</th>"
		    "<th>Дәлелдеме / evidence</th><th>Игерілді / spent</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < c->n; i++) {
		const struct jp_consolidated_row *r = &c->rows[i];
		const struct jp_activity *a = r->act;

		if (!cur_dir || strcmp(cur_dir, a->direction)) {
			const struct jp_direction *dir = jp_plan_find_direction(p, a->direction);

			cur_dir = a->direction;
			jp_buf_adds(out, "<tr class=\"dir\"><td colspan=\"10\">");
			esc(out, a->direction);
			jp_buf_adds(out, " ");
			esc(out, dir ? dir->title : "");
			jp_buf_adds(out, "</td></tr>\n");
		}
		jp_buf_adds(out, "<tr><td>");
		esc(out, a->number);
		jp_buf_adds(out, "</td><td>");
		esc(out, a->title);
		jp_buf_adds(out, "</td><td>");
		esc(out, a->completion_form);
		jp_buf_adds(out, "</td><td>");
		esc(out, a->executors_text);
		jp_buf_adds(out, "</td><td>");
		esc(out, a->deadline_text);
		jp_buf_adds(out, "</td><td class=\"n\">");
		esc(out, a->budget.has_total ? jp_money_format(a->budget.total, m) : "—");
		jp_buf_addf(out, "</td><td class=\"%s\">", r->overdue ? "bad" : r->due_passed &&
			    r->done == r->due_passed ? "ok" : "");
		esc(out, r->state);
		jp_buf_adds(out, "</td><td>");
		if (r->report) {
			jp_buf_addf(out, "%s, %s: ", jp_report_status_name(r->report->status),
				    jp_date_format(r->report->made, d));
			esc(out, r->report->text);
			if (r->report->synthetic)
				jp_buf_adds(out, " <span class=\"syn\">synthetic</span>");
		}
		jp_buf_adds(out, "</td><td>");
		esc(out, r->report ? r->report->evidence : "");
		jp_buf_adds(out, "</td><td class=\"n\">");
		esc(out, r->has_spent ? jp_money_format(r->spent, m) : "");
		jp_buf_adds(out, "</td></tr>\n");
	}
	jp_buf_adds(out, "</tbody></table>\n");
	indicators(out, c);
	jp_buf_adds(out, "<p><small>Made by jospar. Amounts in million tenge, exact as printed.</small></p>\n"
		    "</body>\n</html>\n");
	if (jp_buf_oom(out))
		rc = jp_error_set(err, JP_ERROR, "out of memory");
done:
	jp_buf_release(&chart1);
	jp_buf_release(&chart2);
	return rc;
}
