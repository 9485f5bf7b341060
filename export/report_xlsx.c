/*
 * report_xlsx.c - the consolidated report as an XLSX workbook, in the
 * layout of the official table (libxlsxwriter).  Amounts are written as
 * right-aligned decimal text so that no value passes through floating point.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "indicator.h"
#include "text.h"
#include "consolidated.h"

#include <xlsxwriter.h>

static void put(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
	worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s ? s : "", f);
}

/* Lines a text takes in a wrapped column `width` characters wide. */
static int lines_for(const char *s, int width)
{
	size_t w = s ? jp_text_width(s) : 0;
	int n = (int)((w + (size_t)width - 1) / (size_t)width);

	return n < 1 ? 1 : n;
}

/* libxlsxwriter does not size rows to wrapped text: estimate the height. */
static void fit_row(lxw_worksheet *ws, int row, const char *const *texts,
		    const int *widths, size_t n)
{
	int lines = 1;

	for (size_t i = 0; i < n; i++) {
		int l = lines_for(texts[i], widths[i] - 2);

		if (l > lines)
			lines = l;
	}
	worksheet_set_row(ws, (lxw_row_t)row, 15 * lines, NULL);
}

static void plan_sheet(lxw_workbook *wb, const struct jp_consolidated *c, bool synthetic)
{
	const struct jp_plan *p = c->plan;
	const struct jp_status *st = c->status;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Plan");
	lxw_format *title = workbook_add_format(wb), *head = workbook_add_format(wb),
		   *cell = workbook_add_format(wb), *num = workbook_add_format(wb),
		   *dir = workbook_add_format(wb), *warn = workbook_add_format(wb);
	int nyears = p->period_to - p->period_from + 1, ncols = 6 + nyears + 5, row = 0;
	const char *cur_dir = NULL;
	char d[JP_DATE_BUFSZ], m[JP_MONEY_BUFSZ], buf[512];

	format_set_bold(title);
	format_set_font_size(title, 13);
	format_set_text_wrap(title);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_bg_color(head, 0xECEFF1);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(cell);
	format_set_border(cell, LXW_BORDER_THIN);
	format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(num, LXW_BORDER_THIN);
	format_set_align(num, LXW_ALIGN_RIGHT);
	format_set_align(num, LXW_ALIGN_VERTICAL_TOP);
	format_set_bold(dir);
	format_set_bg_color(dir, 0xE3F2FD);
	format_set_border(dir, LXW_BORDER_THIN);
	format_set_text_wrap(dir);
	format_set_bold(warn);
	format_set_font_color(warn, 0xE65100);

	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);        /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 48, NULL);
	worksheet_set_column(ws, 2, 3, 22, NULL);
	worksheet_set_column(ws, 4, 4, 18, NULL);
	worksheet_set_column(ws, 5, (lxw_col_t)(5 + nyears), 10, NULL);
	worksheet_set_column(ws, (lxw_col_t)(6 + nyears), (lxw_col_t)(6 + nyears), 18, NULL);
	worksheet_set_column(ws, (lxw_col_t)(7 + nyears), (lxw_col_t)(8 + nyears), 30, NULL);
	worksheet_set_column(ws, (lxw_col_t)(9 + nyears), (lxw_col_t)(10 + nyears), 11, NULL);

	worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(ncols - 1), p->title, title);
	worksheet_set_row(ws, 0, 36, NULL);
	snprintf(buf, sizeof(buf), "Plan No. %s of %s; state as of %s: %s", p->number,
		 jp_date_format(p->approved, m), jp_date_format(st->as_of, d),
		 st->state == JP_PLAN_REPEALED ? "repealed (shown as of the repeal date)" :
		 st->state == JP_PLAN_IN_FORCE ? "in force" : "not yet approved");
	worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)(ncols - 1), buf, NULL);
	row = 2;
	if (synthetic) {
		worksheet_merge_range(ws, 2, 0, 2, (lxw_col_t)(ncols - 1),
			"SYNTHETIC DATA: reports and actuals made by 'jospar simulate' for demonstration", warn);
		row = 3;
	}
	row++;
	put(ws, row, 0, "Р/с №", head);
	put(ws, row, 1, "Іс-шараның атауы", head);
	put(ws, row, 2, "Аяқтау нысаны", head);
	put(ws, row, 3, "Жауапты орындаушылар", head);
	put(ws, row, 4, "Орындау мерзімдері", head);
	put(ws, row, 5, "Барлығы, млн. теңге", head);
	for (int y = 0; y < nyears; y++) {
		snprintf(buf, sizeof(buf), "%d жыл", p->period_from + y);
		put(ws, row, 6 + y, buf, head);
	}
	put(ws, row, 6 + nyears, "Жағдайы / state", head);
	put(ws, row, 7 + nyears, "Есеп / report", head);
	put(ws, row, 8 + nyears, "Дәлелдеме / evidence", head);
	put(ws, row, 9 + nyears, "Игерілді / spent", head);
	put(ws, row, 10 + nyears, "Synthetic", head);
	worksheet_set_row(ws, (lxw_row_t)row, 45, NULL);
	worksheet_repeat_rows(ws, (lxw_row_t)row, (lxw_row_t)row);
	worksheet_freeze_panes(ws, (lxw_row_t)(row + 1), 2);
	row++;
	for (size_t i = 0; i < c->n; i++) {
		const struct jp_consolidated_row *r = &c->rows[i];
		const struct jp_activity *a = r->act;

		if (!cur_dir || strcmp(cur_dir, a->direction)) {
			const struct jp_direction *dp = jp_plan_find_direction(p, a->direction);

			cur_dir = a->direction;
			snprintf(buf, sizeof(buf), "%s %s", a->direction, dp ? dp->title : "");
			worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row,
					      (lxw_col_t)(ncols - 1), buf, dir);
			row++;
		}
		put(ws, row, 0, a->number, cell);
		put(ws, row, 1, a->title, cell);
		put(ws, row, 2, a->completion_form, cell);
		put(ws, row, 3, a->executors_text, cell);
		put(ws, row, 4, a->deadline_text, cell);
		put(ws, row, 5, a->budget.has_total ? jp_money_format(a->budget.total, m) : "-", num);
		for (int y = 0; y < nyears; y++) {
			jp_money v;

			put(ws, row, 6 + y, jp_budget_year(p, &a->budget, p->period_from + y, &v) ?
			    jp_money_format(v, m) : "-", num);
		}
		put(ws, row, 6 + nyears, r->state, cell);
		if (r->report) {
			snprintf(buf, sizeof(buf), "%s, %s: %s", jp_report_status_name(r->report->status),
				 jp_date_format(r->report->made, d), r->report->text ? r->report->text : "");
			put(ws, row, 7 + nyears, buf, cell);
		} else {
			put(ws, row, 7 + nyears, "", cell);
		}
		put(ws, row, 8 + nyears, r->report ? r->report->evidence : "", cell);
		put(ws, row, 9 + nyears, r->has_spent ? jp_money_format(r->spent, m) : "", num);
		put(ws, row, 10 + nyears, r->synthetic ? "synthetic" : "", cell);
		{
			const char *texts[] = {
				a->title, a->completion_form, a->executors_text, a->deadline_text,
				r->state, r->report ? buf : NULL, r->report ? r->report->evidence : NULL
			};
			static const int widths[] = { 48, 22, 22, 18, 18, 30, 30 };

			fit_row(ws, row, texts, widths, JP_ARRAY_LEN(widths));
		}
		row++;
	}
	if (p->grand_total.present) {
		put(ws, row, 1, "Шығындар жиыны (as printed)", head);
		put(ws, row, 5, p->grand_total.has_total ? jp_money_format(p->grand_total.total, m) : "-", num);
		for (int y = 0; y < nyears; y++) {
			jp_money v;

			put(ws, row, 6 + y, jp_budget_year(p, &p->grand_total, p->period_from + y, &v) ?
			    jp_money_format(v, m) : "-", num);
		}
	}
}

static void indicator_sheet(lxw_workbook *wb, const struct jp_consolidated *c)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Indicators");
	lxw_format *head = workbook_add_format(wb), *cell = workbook_add_format(wb),
		   *num = workbook_add_format(wb);
	struct jp_ind_ref *refs = NULL;
	size_t n;
	int row = 1;
	static const char *const heads[] = {
		"ID", "Индикатор", "Жыл", "Мақсат / target", "Бірлік", "Better", "Revised from",
		"Reason", "Нақты / actual", "Source", "Achieved", "Synthetic"
	};

	format_set_bold(head);
	format_set_bg_color(head, 0xECEFF1);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_text_wrap(head);
	format_set_text_wrap(cell);
	format_set_border(cell, LXW_BORDER_THIN);
	format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(num, LXW_BORDER_THIN);
	format_set_align(num, LXW_ALIGN_RIGHT);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_column(ws, 0, 0, 9, NULL);
	worksheet_set_column(ws, 1, 1, 60, NULL);
	worksheet_set_column(ws, 2, 11, 12, NULL);
	for (size_t i = 0; i < JP_ARRAY_LEN(heads); i++)
		put(ws, 0, (int)i, heads[i], head);
	if (jp_indicators_list(c->plan, &refs, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < refs[i].ind->ntargets; k++, row++) {
			const struct jp_target *t = &refs[i].ind->targets[k];
			struct jp_achievement a;
			char buf[32];

			jp_indicator_achievement(&refs[i], k, c->history, c->status->effective, &a);
			put(ws, row, 0, refs[i].id, cell);
			put(ws, row, 1, refs[i].ind->text, cell);
			snprintf(buf, sizeof(buf), "%d", t->year);
			put(ws, row, 2, buf, num);
			put(ws, row, 3, a.target, num);
			put(ws, row, 4, t->unit, cell);
			put(ws, row, 5, jp_ind_dir_name(jp_target_direction(refs[i].ind, k)), cell);
			put(ws, row, 6, a.revised ? a.original : "", num);
			put(ws, row, 7, a.revised ? a.reason : "", cell);
			put(ws, row, 8, a.actual ? a.actual->value : "", num);
			put(ws, row, 9, a.actual ? a.actual->source : "", cell);
			if (a.actual)
				snprintf(buf, sizeof(buf), "%ld.%ld%%%s", a.permille / 10, a.permille % 10,
					 a.met ? " met" : "");
			else
				buf[0] = '\0';
			put(ws, row, 10, buf, num);
			put(ws, row, 11, a.actual && a.actual->synthetic ? "synthetic" : "", cell);
			{
				const char *texts[] = { refs[i].ind->text, a.reason };
				static const int widths[] = { 60, 12 };

				fit_row(ws, row, texts, widths, 2);
			}
		}
	}
	jp_free(refs);
}

int jp_export_xlsx(const struct jp_consolidated *c, const char *path,
		   struct jp_error *err)
{
	lxw_workbook *wb = workbook_new(path);
	bool synthetic = false;
	lxw_error e;

	if (!wb)
		return jp_error_set(err, JP_ERROR, "cannot create '%s'", path);
	for (size_t i = 0; i < c->n; i++)
		synthetic = synthetic || c->rows[i].synthetic;
	for (size_t i = 0; i < c->history->nactuals; i++)
		synthetic = synthetic || c->history->actuals[i].synthetic;
	plan_sheet(wb, c, synthetic);
	indicator_sheet(wb, c);
	e = workbook_close(wb);
	if (e != LXW_NO_ERROR)
		return jp_error_set(err, JP_ERROR, "cannot write '%s': %s", path, lxw_strerror(e));
	return 0;
}
