/*
 * consolidated.h - the consolidated report: the official table of the plan
 * with each activity's state as of a date, the report that counts, its
 * evidence and the money spent.  One builder, three renderers: XLSX
 * (libxlsxwriter), CSV and HTML, plus the SVG charts the HTML embeds.
 *
 * Amounts stay exact: they are written as decimal text, never through
 * floating point (in XLSX too, as right-aligned text cells).
 */
#ifndef JP_CONSOLIDATED_H
#define JP_CONSOLIDATED_H

#include "status.h"

struct jp_buf;
struct jp_error;

struct jp_consolidated_row {
	const struct jp_activity *act;
	char state[160];                 /* "done 3 of 7, overdue 2" */
	size_t due_passed, done, overdue, upcoming, void_count;
	const struct jp_report *report;  /* the latest report that counts */
	bool has_spent;
	jp_money spent;                  /* sum of the counted reports' money */
	bool synthetic;
};

struct jp_consolidated {
	const struct jp_plan *plan;
	const struct jp_history *history;
	const struct jp_status *status;
	struct jp_consolidated_row *rows;   /* plan order */
	size_t n;
};

int jp_consolidate(const struct jp_plan *plan, const struct jp_history *h,
		   const struct jp_status *st, struct jp_consolidated *out);
void jp_consolidated_release(struct jp_consolidated *c);

/* Writes the workbook to `path`: sheets "Plan" and "Indicators". */
int jp_export_xlsx(const struct jp_consolidated *c, const char *path,
		   struct jp_error *err);
int jp_export_csv(const struct jp_consolidated *c, struct jp_buf *out);
/*
 * A self-contained HTML page (no script, no external files) with the
 * charts inline.  When chart_base is not NULL the two charts are also
 * written as chart_base-status.svg and chart_base-money.svg.
 */
int jp_export_html(const struct jp_consolidated *c, struct jp_buf *out,
		   const char *chart_base, struct jp_error *err);

/* The charts on their own: status by direction; planned and spent by year. */
int jp_svg_status_by_direction(const struct jp_status *st, struct jp_buf *out);
int jp_svg_money_by_year(const struct jp_plan *plan, const struct jp_history *h,
			 struct jp_date as_of, struct jp_buf *out);

#endif
