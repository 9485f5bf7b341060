/*
 * table.c - terminal tables (see table.h).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "text.h"
#include "table.h"

void jp_table_add_col(struct jp_table *t, const char *head, size_t max, bool right)
{
	assert(t->ncols < JP_TABLE_MAX_COLS && t->nrows == 0);
	t->col[t->ncols].head = head;
	t->col[t->ncols].max = max;
	t->col[t->ncols].right = right;
	t->ncols++;
}

void jp_table_cell(struct jp_table *t, const char *text)
{
	char *copy;

	if (t->oom)
		return;
	if (t->cur == 0) {
		/* a row of ncols cells is one element */
		char **p = jp_array_grow(t->cells, t->nrows, &t->cap, t->ncols * sizeof(*p));

		if (!p) {
			t->oom = true;
			return;
		}
		t->cells = p;
		t->nrows++;
	}
	copy = jp_text_squeeze(text ? text : "");
	if (!copy) {
		t->oom = true;
		return;
	}
	t->cells[(t->nrows - 1) * t->ncols + t->cur] = copy;
	t->cur = (t->cur + 1) % t->ncols;
}

void jp_table_cellf(struct jp_table *t, const char *fmt, ...)
{
	struct jp_buf b = JP_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	jp_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (jp_buf_oom(&b))
		t->oom = true;
	jp_table_cell(t, b.ptr);
	jp_buf_release(&b);
}

/* n spaces */
static void pad(struct jp_buf *out, size_t n)
{
	static const char spaces[] = "                                                                ";

	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		jp_buf_add(out, spaces, k);
		n -= k;
	}
}

/* What measuring a cell against its column's maximum found (jp_text_measure). */
struct measure {
	size_t width;       /* up to the maximum + 1 */
	size_t cut, cut_width;
};

/* Cell s, measured as *m, in a column `width` wide. */
static void put_cell(struct jp_buf *out, const char *s, const struct measure *m, size_t width,
		     bool right, bool last)
{
	size_t w = m->width;

	if (w > width) {
		size_t n = m->cut;

		/* a cell is wider than its column only when the column is at its
		 * maximum, which is where the measure cut it */
		w = m->cut_width;
		jp_buf_add(out, s, n);
		jp_buf_add(out, "…", sizeof("…") - 1);
		w++;
		if (!last && width > w)
			pad(out, width - w);
		return;
	}
	if (right)
		pad(out, width - w);
	jp_buf_adds(out, s);
	if (!right && !last)
		pad(out, width - w);
}

int jp_table_render(const struct jp_table *t, struct jp_buf *out)
{
	size_t width[JP_TABLE_MAX_COLS];
	struct measure head[JP_TABLE_MAX_COLS], *cw;
	size_t ncells = t->nrows * t->ncols;
	struct jp_buf rule = JP_BUF_INIT;

	if (t->oom || t->cur != 0)
		return JP_ERROR;
	/* every cell is measured once, against its column's maximum */
	cw = jp_calloc(ncells ? ncells : 1, sizeof(*cw));
	if (!cw)
		return JP_ERROR;
	for (size_t c = 0; c < t->ncols; c++) {
		size_t max = t->col[c].max ? t->col[c].max : SIZE_MAX - 1;
		struct measure *h = &head[c];

		h->width = jp_text_measure(t->col[c].head, max, &h->cut, &h->cut_width);
		width[c] = h->width;
		for (size_t r = 0; r < t->nrows; r++) {
			struct measure *m = &cw[r * t->ncols + c];

			m->width = jp_text_measure(t->cells[r * t->ncols + c], max, &m->cut,
						   &m->cut_width);
			if (m->width > width[c])
				width[c] = m->width;
		}
		if (t->col[c].max && width[c] > t->col[c].max)
			width[c] = t->col[c].max;
	}
	for (size_t c = 0; c < t->ncols; c++) {
		put_cell(out, t->col[c].head, &head[c], width[c], t->col[c].right,
			 c + 1 == t->ncols);
		jp_buf_adds(out, c + 1 == t->ncols ? "\n" : "  ");
	}
	for (size_t c = 0; c < t->ncols; c++) {
		jp_buf_reset(&rule);
		for (size_t i = 0; i < width[c]; i++)
			jp_buf_add(&rule, "─", sizeof("─") - 1);
		jp_buf_add(out, rule.ptr, rule.len);
		if (jp_buf_oom(&rule))
			out->oom = true;
		jp_buf_adds(out, c + 1 == t->ncols ? "\n" : "  ");
	}
	jp_buf_release(&rule);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t i = r * t->ncols + c;

			put_cell(out, t->cells[i], &cw[i], width[c], t->col[c].right,
				 c + 1 == t->ncols);
			if (c + 1 == t->ncols)
				jp_buf_addc(out, '\n');
			else
				jp_buf_add(out, "  ", 2);
		}
	jp_free(cw);
	return jp_buf_oom(out) ? JP_ERROR : 0;
}

void jp_table_release(struct jp_table *t)
{
	size_t n = t->nrows * t->ncols;

	if (t->cur)
		n -= t->ncols - t->cur;
	for (size_t i = 0; i < n; i++)
		jp_free(t->cells[i]);
	jp_free(t->cells);
	memset(t, 0, sizeof(*t));
}
