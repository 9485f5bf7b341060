/*
 * table.h - plain-text tables for the terminal.
 *
 * Columns have a heading, a maximum width (0: as wide as the widest cell)
 * and an alignment.  Widths are measured in terminal columns, so Kazakh and
 * other non-ASCII text lines up; a cell wider than its column is cut and
 * ends with "…".  Build, render once, release.
 */
#ifndef JP_TABLE_H
#define JP_TABLE_H

struct jp_buf;

#define JP_TABLE_MAX_COLS 24

struct jp_table {
	size_t ncols;
	struct {
		const char *head;
		size_t max;
		bool right;
	} col[JP_TABLE_MAX_COLS];
	char **cells;             /* row-major, nrows * ncols, owned */
	size_t nrows, cap;
	size_t cur;               /* cells filled in the row being built */
	bool oom;
};

#define JP_TABLE_INIT { 0 }

void jp_table_add_col(struct jp_table *t, const char *head, size_t max, bool right);
/* Appends a cell to the current row; a row is complete after ncols cells. */
void jp_table_cell(struct jp_table *t, const char *text);
void jp_table_cellf(struct jp_table *t, const char *fmt, ...) JP_PRINTF(2, 3);
/* Renders heading, rule and rows; returns 0 or JP_ERROR (memory). */
int jp_table_render(const struct jp_table *t, struct jp_buf *out);
void jp_table_release(struct jp_table *t);

#endif
