/*
 * decree.c - rebuilding a plan document from a decree's text (see decree.h
 * and docs/import-decree.md): the driver.
 *
 * It reads the lines (decree_text.c), cuts the text into sections at the
 * headings and row numbers, reads the frame (decree_frame.c) and the rows
 * (decree_row.c), builds the plan model, judges every field it can
 * (deadlines and executor lists must parse, totals should add up) and
 * writes down a flag for each field it is unsure of.
 */
#include "jp.h"
#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "plan.h"
#include "plan_json.h"
#include "decree.h"
#include "decree_int.h"

#include <jansson.h>

#define DEBRIS_MAX_CHARS 45  /* a table cell's line; frame lines are wider */

struct builder {
	struct dctx *c;
	struct jp_plan *p;
	struct dsection *secs;
	size_t nsecs;
	struct drow *rows;
	size_t nrows;
	size_t mcap;            /* capacity of jp_decree.missing */
};

static bool is_frame(int kind)
{
	return kind == SEC_GOAL || kind == SEC_OBJECTIVE || kind == SEC_TARGETS ||
	       kind == SEC_DIRECTION || kind == SEC_TASKS || kind == SEC_RESULTS;
}

/* "1 2 3 4 5 6 7 8 9 10 11": the column numbers, repeated on pages. */
static bool column_numbers(const char *s)
{
	int want = 1, n = 0;

	while (*s) {
		int v = 0, d = 0;

		while (*s >= '0' && *s <= '9' && d < 3) {
			v = v * 10 + (*s++ - '0');
			d++;
		}
		if (!d || v != want)
			return false;
		want++;
		n++;
		if (*s == ' ')
			s++;
		else if (*s)
			return false;
	}
	return n >= DEC_COLUMN_NUMBERS_MIN;
}

static int push_section(struct builder *b, size_t *cap, const struct dsection *s)
{
	struct dsection *v = jp_arena_grow(b->c->a, b->secs, b->nsecs, cap, sizeof(*v));

	if (!v)
		return JP_ERROR;
	b->secs = v;
	b->secs[b->nsecs++] = *s;
	return 0;
}

/* Cuts the body [start, n) into sections at headings and row numbers. */
static int sections(struct builder *b, size_t start, int first_kind)
{
	struct dctx *c = b->c;
	struct dsection cur;
	size_t cap = 0, li = start;
	int last_row = -1;
	bool tail = false, glossary = false, header_seen = first_kind == SEC_HEADER;

	memset(&cur, 0, sizeof(cur));
	cur.kind = first_kind;
	cur.first = start;
	if (first_kind == SEC_HEADER)
		li = start + 1;
	while (li < c->nlines) {
		struct dheading h;
		int rc;

		if (c->lines[li].blank || glossary) {
			li++;
			continue;
		}
		rc = dec_heading(c, li, last_row, &h);
		if (rc < 0)
			return JP_ERROR;
		if (rc > 0 && h.kind == SEC_HEADER && header_seen)
			rc = 0;
		if (rc > 0 && tail && h.kind != SEC_FOOTNOTE && h.kind != SEC_GLOSSARY)
			rc = 0;
		if (rc > 0 && h.kind == SEC_ROW && b->nrows >= DEC_MAX_ROWS)
			rc = 0;
		if (rc == 0) {
			li++;
			continue;
		}
		cur.last = li;
		if (push_section(b, &cap, &cur) < 0)
			return JP_ERROR;
		memset(&cur, 0, sizeof(cur));
		cur.kind = h.kind;
		cur.first = li;
		cur.h = h;
		if (h.kind == SEC_ROW) {
			last_row = h.rownum;
			b->nrows++;
		}
		if (h.kind == SEC_HEADER)
			header_seen = true;
		if (h.kind == SEC_TOTAL || h.kind == SEC_FOOTNOTE || h.kind == SEC_GLOSSARY)
			tail = true;
		glossary = h.kind == SEC_GLOSSARY;
		li += h.nlines;
	}
	cur.last = c->nlines;
	return push_section(b, &cap, &cur);
}

static size_t chars_of(const char *s)
{
	return jp_utf8_len(s);
}

/* A line of money cells only: "2 989,75 595,55 - - РБ 001". */
static bool money_line(const char *s)
{
	char buf[DEC_MAX_LINE_BYTES + 1];
	bool any = false;

	snprintf(buf, sizeof(buf), "%s", s);
	for (char *p = buf, *q; *p; p = q) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		q = p;
		while (*q && *q != ' ')
			q++;
		if (*q)
			*q++ = '\0';
		if (!dec_is_money_amount(p) && !dec_is_dash(p) && !dec_is_source(p) &&
		    !dec_is_program(p))
			return false;
		any = true;
	}
	return any;
}

/*
 * A frame section (indicators, a direction's title) followed by a page
 * break and a row number: the short lines it ends with, set apart by a
 * blank line, are the start of that row printed before its number.
 */
static void frame_debris(struct builder *b, struct dsection *s,
			 struct drow *next)
{
	struct dctx *c = b->c;
	size_t e = next->first, starts[8];
	int nblk = 0;

	while (e > s->first && c->lines[e - 1].blank)
		e--;
	if (next->first - e < 2)
		return;         /* no page break before the number */
	/* the narrow blocks the section ends with, last first */
	for (size_t end = e; nblk < (int)JP_ARRAY_LEN(starts);) {
		size_t start = end;
		bool narrow = true;

		while (start > s->first && !c->lines[start - 1].blank)
			start--;
		if (start <= s->first + s->h.nlines || !c->lines[start - 1].blank)
			break;
		for (size_t li = start; li < end; li++)
			narrow = narrow && (chars_of(c->lines[li].text) <= DEBRIS_MAX_CHARS ||
					    money_line(c->lines[li].text));
		if (!narrow)
			break;
		starts[nblk++] = start;
		end = start;
		while (end > s->first && c->lines[end - 1].blank)
			end--;
	}
	/* the earliest of them that the section's own text ends before */
	for (int k = nblk - 1; k >= 0; k--) {
		struct dsection part = *s;
		struct dtoks before;
		const char *last;
		size_t n;

		part.last = starts[k];
		if (dec_section_toks(c, &part, starts[k], &before) < 0 || !before.n)
			continue;
		last = before.v[before.n - 1].s;
		n = strlen(last);
		if (s->kind != SEC_DIRECTION && !strchr(".;:", last[n - 1]))
			continue;
		next->pre_first = starts[k];
		next->pre_last = e;
		s->last = starts[k];
		return;
	}
}

static char *sec_text(struct builder *b, const struct dsection *s, int lines[2])
{
	struct dtoks t;

	if (dec_section_toks(b->c, s, s->last, &t) < 0)
		return NULL;
	lines[0] = lines[1] = 0;
	if (!t.n)
		return NULL;
	lines[0] = b->c->lines[t.v[0].line].no;
	lines[1] = b->c->lines[t.v[t.n - 1].line].no;
	return dec_join(b->c, t.v, t.n);
}

static int indicators(struct builder *b, const struct dsection *s, bool numbered,
		      struct jp_indicator **out, size_t *n, const char *base)
{
	struct dtoks t;
	struct ditem *items;
	size_t ni;
	struct jp_indicator *v;

	*out = NULL;
	*n = 0;
	if (dec_section_toks(b->c, s, s->last, &t) < 0 ||
	    dec_items(b->c, &t, numbered, &items, &ni) < 0)
		return JP_ERROR;
	v = jp_arena_array(&b->p->arena, ni + 1, sizeof(*v));
	if (!v)
		return JP_ERROR;
	for (size_t i = 0; i < ni; i++) {
		char ptr[128];

		v[i].number = items[i].number > 0 ? items[i].number : (int)i + 1;
		v[i].text = jp_arena_strdup(&b->p->arena, items[i].text);
		if (!v[i].text ||
		    dec_targets(b->c, items[i].text, b->p, &v[i].targets, &v[i].ntargets) < 0)
			return JP_ERROR;
		if (!v[i].ntargets) {
			snprintf(ptr, sizeof(ptr), "%s/%zu/targets", base, i);
			dec_flag(b->c, ptr, JP_DECREE_MEDIUM, items[i].lines[0], items[i].lines[1],
				 "no yearly value found in the indicator's text");
		}
	}
	*out = v;
	*n = ni;
	return 0;
}

static int add_objective(struct builder *b, size_t *cap, const char *text)
{
	struct jp_plan *p = b->p;

	struct jp_objective *v = jp_arena_grow(&p->arena, p->objectives, p->nobjectives,
					       cap, sizeof(*v));

	if (!v)
		return JP_ERROR;
	p->objectives = v;
	memset(&p->objectives[p->nobjectives], 0, sizeof(*p->objectives));
	p->objectives[p->nobjectives].number = (int)p->nobjectives + 1;
	p->objectives[p->nobjectives].text = jp_arena_strdup(&p->arena, text ? text : "");
	if (!p->objectives[p->nobjectives].text)
		return JP_ERROR;
	p->nobjectives++;
	return 0;
}

static int add_direction(struct builder *b, size_t *cap, const char *code,
			 const char *title)
{
	struct jp_plan *p = b->p;
	struct jp_direction *d;

	struct jp_direction *v = jp_arena_grow(&p->arena, p->directions, p->ndirections,
					       cap, sizeof(*v));

	if (!v)
		return JP_ERROR;
	p->directions = v;
	d = &p->directions[p->ndirections];
	memset(d, 0, sizeof(*d));
	d->code = jp_arena_strdup(&p->arena, code);
	d->title = jp_arena_strdup(&p->arena, title ? title : "");
	/* the objective printed last before it; 0 (none written) if none was */
	d->objective = (int)p->nobjectives;
	if (!d->code || !d->title)
		return JP_ERROR;
	p->ndirections++;
	return 0;
}

static int frame(struct builder *b)
{
	struct dctx *c = b->c;
	struct jp_plan *p = b->p;
	size_t ocap = 0, dcap = 0, ri = 0;
	const char *direction = NULL;
	int lines[2];

	b->rows = jp_arena_array(c->a, b->nrows + 1, sizeof(*b->rows));
	if (!b->rows)
		return JP_ERROR;
	/* rows first: a frame section may end with a row's debris */
	for (size_t i = 0; i < b->nsecs; i++) {
		struct dsection *s = &b->secs[i];

		if (s->kind != SEC_ROW)
			continue;
		memset(&b->rows[ri], 0, sizeof(b->rows[ri]));
		b->rows[ri].number = s->h.label;
		b->rows[ri].first = s->first;
		b->rows[ri].last = s->last;
		b->rows[ri].label_lines = (int)s->h.nlines;
		if (i > 0 && is_frame(b->secs[i - 1].kind))
			frame_debris(b, &b->secs[i - 1], &b->rows[ri]);
		ri++;
	}
	b->nrows = ri;
	ri = 0;
	for (size_t i = 0; i < b->nsecs; i++) {
		struct dsection *s = &b->secs[i];
		char ptr[128];
		char *text;

		switch (s->kind) {
		case SEC_GOAL:
			text = sec_text(b, s, lines);
			if (text && !(p->goal = jp_arena_strdup(&p->arena, text)))
				return JP_ERROR;
			break;
		case SEC_OBJECTIVE:
			text = sec_text(b, s, lines);
			if (add_objective(b, &ocap, text) < 0)
				return JP_ERROR;
			if (!text) {
				snprintf(ptr, sizeof(ptr), "/objectives/%zu/text", p->nobjectives - 1);
				dec_flag(c, ptr, JP_DECREE_LOW, c->lines[s->first].no, 0,
					 "the objective's heading has no text after it");
			}
			break;
		case SEC_TARGETS: {
			struct jp_objective *o;

			if (!p->nobjectives) {
				if (add_objective(b, &ocap, "") < 0)
					return JP_ERROR;
				dec_flag(c, "/objectives/0/text", JP_DECREE_LOW,
					 c->lines[s->first].no, 0,
					 "target indicators without an objective before them");
			}
			o = &p->objectives[p->nobjectives - 1];
			snprintf(ptr, sizeof(ptr), "/objectives/%zu/indicators", p->nobjectives - 1);
			if (indicators(b, s, true, &o->indicators, &o->nindicators, ptr) < 0)
				return JP_ERROR;
			break;
		}
		case SEC_DIRECTION:
			text = sec_text(b, s, lines);
			for (size_t j = 0; j < p->ndirections; j++)
				if (!strcmp(p->directions[j].code, s->h.label)) {
					snprintf(ptr, sizeof(ptr), "/directions/%zu/code", j);
					dec_flag(c, ptr, JP_DECREE_LOW, c->lines[s->first].no, 0,
						 "direction '%s' is printed twice", s->h.label);
				}
			if (add_direction(b, &dcap, s->h.label, text) < 0)
				return JP_ERROR;
			direction = p->directions[p->ndirections - 1].code;
			break;
		case SEC_TASKS:
		case SEC_RESULTS: {
			struct dtoks t;
			struct ditem *items;
			size_t ni;
			struct jp_direction *d;

			if (!p->ndirections) {
				dec_flag(c, "/directions", JP_DECREE_LOW, c->lines[s->first].no, 0,
					 "tasks or indicators before any direction");
				break;
			}
			d = &p->directions[p->ndirections - 1];
			if (s->kind == SEC_RESULTS) {
				snprintf(ptr, sizeof(ptr), "/directions/%zu/indicators",
					 p->ndirections - 1);
				if (indicators(b, s, false, &d->indicators, &d->nindicators, ptr) < 0)
					return JP_ERROR;
				break;
			}
			if (dec_section_toks(c, s, s->last, &t) < 0 ||
			    dec_items(c, &t, false, &items, &ni) < 0)
				return JP_ERROR;
			d->tasks = jp_arena_array(&p->arena, ni + 1, sizeof(*d->tasks));
			if (!d->tasks)
				return JP_ERROR;
			for (size_t j = 0; j < ni; j++)
				if (!(d->tasks[j] = jp_arena_strdup(&p->arena, items[j].text)))
					return JP_ERROR;
			d->ntasks = ni;
			break;
		}
		case SEC_ROW:
			b->rows[ri++].direction = direction;
			break;
		case SEC_TOTAL: {
			struct dtoks t, m = { NULL, 0, 0 };
			struct dmoney dm;
			int nyears = p->period_to - p->period_from + 1;

			if (dec_section_toks(c, s, s->last, &t) < 0)
				return JP_ERROR;
			for (size_t j = 0; j < t.n; j++)
				if ((dec_is_money_amount(t.v[j].s) || dec_is_dash(t.v[j].s)) &&
				    dec_toks_push(c, &m, &t.v[j]) < 0)
					return JP_ERROR;
			dec_money(c, m.v, m.n, nyears, &dm);
			if (dm.present) {
				p->grand_total.present = true;
				p->grand_total.has_total = dm.has_total;
				p->grand_total.total = dm.total;
				p->grand_total.year_mask = dm.year_mask;
				memcpy(p->grand_total.year, dm.year, sizeof(p->grand_total.year));
			}
			lines[0] = c->lines[s->first].no;
			lines[1] = m.n ? c->lines[m.v[m.n - 1].line].no : lines[0];
			if (!dm.present || dm.unreadable || dm.too_many)
				dec_flag(c, "/grand_total", JP_DECREE_LOW, lines[0], lines[1],
					 "the total row's cells could not all be read");
			else if (dm.joined && dm.sum_differs)
				dec_flag(c, "/grand_total", JP_DECREE_MEDIUM, lines[0], lines[1],
					 "digit groups were joined and the total is not the sum of the years");
			break;
		}
		case SEC_FOOTNOTE:
			text = sec_text(b, s, lines);
			if (text && !(p->footnote = jp_arena_strdup(&p->arena, text)))
				return JP_ERROR;
			break;
		default:
			break;
		}
	}
	return c->oom ? JP_ERROR : 0;
}

/* ---- activities ---- */

static bool try_deadline(struct dctx *c, const char *text, struct jp_error *e)
{
	struct jp_deadline d = JP_DEADLINE_INIT;
	int rc = jp_deadline_parse(&d, text, &c->window, e);

	jp_deadline_release(&d);
	if (rc == JP_ERROR)
		c->oom = true;
	return rc == 0;
}

/* "ек інші" -> "екінші" everywhere: a deadline's last chance to read. */
static char *join_before_i(struct dctx *c, const char *s)
{
	struct jp_buf b = JP_BUF_INIT;
	char *r;

	for (const char *p = s; *p; p++) {
		if (p[0] == ' ' && (unsigned char)p[1] == 0xD1 && (unsigned char)p[2] == 0x96 &&
		    p > s && (unsigned char)p[-1] >= 0x80)
			continue;
		jp_buf_addc(&b, *p);
	}
	if (jp_buf_oom(&b)) {
		jp_buf_release(&b);
		c->oom = true;
		return NULL;
	}
	r = dec_strdup(c, b.ptr);
	jp_buf_release(&b);
	return r;
}

static const char *field_text(struct jp_plan *p, const char *s)
{
	return jp_arena_strdup(&p->arena, s ? s : "");
}

static int activities(struct builder *b)
{
	struct dctx *c = b->c;
	struct jp_plan *p = b->p;
	int nyears = p->period_to - p->period_from + 1;

	p->activities = jp_arena_array(&p->arena, b->nrows + 1, sizeof(*p->activities));
	if (!p->activities)
		return JP_ERROR;
	for (size_t i = 0; i < b->nrows; i++) {
		struct drow *r = &b->rows[i];
		struct jp_activity *a = &p->activities[i];
		struct jp_error e = JP_ERROR_INIT;
		struct jp_executor_list el = JP_EXECUTOR_LIST_INIT;
		struct dmoney dm;
		char ptr[128];
		const char *deadline = r->col[COL_D];
		int rc;

		memset(a, 0, sizeof(*a));
		a->index = i;
		a->number = field_text(p, r->number);
		a->direction = field_text(p, r->direction ? r->direction :
					  p->ndirections ? p->directions[0].code : "");
		a->title = field_text(p, r->col[COL_T]);
		a->completion_form = r->col[COL_C] ? field_text(p, r->col[COL_C]) : NULL;
		a->executors_text = field_text(p, r->col[COL_E]);
		a->source_lines[0] = r->lines[0];
		a->source_lines[1] = r->lines[1];
		if (!r->direction) {
			snprintf(ptr, sizeof(ptr), "/activities/%zu/direction", i);
			dec_flag(c, ptr, JP_DECREE_LOW, r->lines[0], r->lines[0],
				 "the row comes before any direction heading");
		}
		if (!r->col[COL_T]) {
			snprintf(ptr, sizeof(ptr), "/activities/%zu/title", i);
			dec_flag(c, ptr, JP_DECREE_LOW, r->lines[0], r->lines[1],
				 "no title found in the row");
		}
		snprintf(ptr, sizeof(ptr), "/activities/%zu/completion_form", i);
		if (!r->col[COL_C])
			dec_flag(c, ptr, JP_DECREE_LOW, r->lines[0], r->lines[1],
				 "no form of completion found apart from the title");
		else if (r->notes & ROW_TC_VOCAB)
			dec_flag(c, ptr, JP_DECREE_MEDIUM, r->col_lines[COL_C][0],
				 r->col_lines[COL_C][1],
				 "printed on one line with the title; split where a form seen in other rows begins");
		if (r->notes & ROW_DEBRIS_BEFORE) {
			snprintf(ptr, sizeof(ptr), "/activities/%zu", i);
			dec_flag(c, ptr, JP_DECREE_MEDIUM, r->lines[0], r->lines[1],
				 "text printed before the row number (page break) was put back into the row");
		}
		if (r->notes & ROW_SPLIT) {
			snprintf(ptr, sizeof(ptr), "/activities/%zu/title", i);
			dec_flag(c, ptr, JP_DECREE_MEDIUM, r->col_lines[COL_T][0],
				 r->col_lines[COL_T][1],
				 "the row spans a page break; its parts were joined column by column");
		}
		/* executors: the list must read */
		snprintf(ptr, sizeof(ptr), "/activities/%zu/executors", i);
		rc = r->col[COL_E] ? jp_executors_parse(&el, r->col[COL_E], &e) : JP_EINVALID;
		jp_executor_list_release(&el);
		if (rc == JP_ERROR)
			return JP_ERROR;
		if (!r->col[COL_E])
			dec_flag(c, ptr, JP_DECREE_LOW, r->lines[0], r->lines[1],
				 "no executors found in the row");
		else if (rc < 0)
			dec_flag(c, ptr, JP_DECREE_LOW, r->col_lines[COL_E][0],
				 r->col_lines[COL_E][1], "%s", e.msg);
		else if (r->notes & ROW_NO_EXEC_GRAMMAR)
			dec_flag(c, ptr, JP_DECREE_MEDIUM, r->col_lines[COL_E][0],
				 r->col_lines[COL_E][1],
				 "the executor column does not read as a list of agencies");
		/* the deadline must read */
		snprintf(ptr, sizeof(ptr), "/activities/%zu/deadline", i);
		if (!deadline) {
			dec_flag(c, ptr, JP_DECREE_LOW, r->lines[0], r->lines[1],
				 "no deadline found in the row");
		} else if (!try_deadline(c, deadline, &e)) {
			char *mended = join_before_i(c, deadline);

			if (mended && strcmp(mended, deadline) && try_deadline(c, mended, NULL)) {
				deadline = mended;
				dec_flag(c, ptr, JP_DECREE_MEDIUM, r->col_lines[COL_D][0],
					 r->col_lines[COL_D][1],
					 "a word broken before its 'і' was joined to read the deadline");
			} else {
				dec_flag(c, ptr, JP_DECREE_LOW, r->col_lines[COL_D][0],
					 r->col_lines[COL_D][1], "%s", e.msg);
			}
		}
		a->deadline_text = field_text(p, deadline);
		/* money */
		dec_money(c, r->money.v, r->money.n, nyears, &dm);
		snprintf(ptr, sizeof(ptr), "/activities/%zu/budget", i);
		if (dm.present || r->source) {
			bool any = dm.has_total || dm.year_mask || r->source || r->program;

			if (any) {
				a->budget.present = true;
				a->budget.has_total = dm.has_total;
				a->budget.total = dm.total;
				a->budget.year_mask = dm.year_mask;
				memcpy(a->budget.year, dm.year, sizeof(a->budget.year));
				a->budget.source = r->source ? field_text(p, r->source) : NULL;
				a->budget.program = r->program ? field_text(p, r->program) : NULL;
			}
			if (dm.unreadable || dm.too_many)
				dec_flag(c, ptr, JP_DECREE_LOW, r->col_lines[COL_M][0],
					 r->col_lines[COL_M][1],
					 dm.too_many ? "more money cells than the period has years"
						     : "a money cell does not read as an amount");
			else if (dm.joined && dm.sum_differs)
				dec_flag(c, ptr, JP_DECREE_MEDIUM, r->col_lines[COL_M][0],
					 r->col_lines[COL_M][1],
					 "digit groups were joined and the total is not the sum of the years");
			else if (dm.sum_differs)
				dec_flag(c, ptr, JP_DECREE_MEDIUM, r->col_lines[COL_M][0],
					 r->col_lines[COL_M][1],
					 "the total is not the sum of the years (as printed?)");
			if (any && (r->notes & (ROW_DEBRIS_BEFORE | ROW_SPLIT)) &&
			    r->col_lines[COL_M][0] &&
			    (r->col_lines[COL_M][0] < c->lines[r->first].no ||
			     r->col_lines[COL_M][1] > r->col_lines[COL_T][1]))
				dec_flag(c, ptr, JP_DECREE_MEDIUM, r->col_lines[COL_M][0],
					 r->col_lines[COL_M][1],
					 "money printed away from the row's number, across a page break");
		}
		if (!a->number || !a->direction || !a->title || !a->executors_text ||
		    !a->deadline_text)
			return JP_ERROR;
		p->nactivities = i + 1;
	}
	return c->oom ? JP_ERROR : 0;
}

/* ---- the result ---- */

static char *derive_id(struct jp_plan *p, const char *number)
{
	struct jp_buf b = JP_BUF_INIT;
	char *r;

	jp_buf_addf(&b, "kz-%d-", p->approved.y);
	for (const char *s = number; *s; s++) {
		char ch = *s;

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			jp_buf_addc(&b, ch);
		else if (b.len && b.ptr[b.len - 1] != '-')
			jp_buf_addc(&b, '-');
	}
	while (b.len && b.ptr[b.len - 1] == '-')
		jp_buf_truncate(&b, b.len - 1);
	if (jp_buf_oom(&b)) {
		jp_buf_release(&b);
		return NULL;
	}
	r = jp_arena_strdup(&p->arena, b.ptr);
	jp_buf_release(&b);
	return r;
}

static int missing(struct builder *b, struct jp_decree *d, const char *what)
{
	const char **v = jp_arena_grow(&d->arena, d->missing, d->nmissing, &b->mcap,
				       sizeof(*v));

	if (!v)
		return JP_ERROR;
	d->missing = v;
	d->missing[d->nmissing++] = what;
	return 0;
}

/* Fills what the text did not give, so that the document can be written. */
static int complete(struct builder *b, struct jp_decree *d,
		    const struct jp_decree_opts *opts)
{
	struct jp_plan *p = b->p;
	int rc = 0;

	if (!p->number)
		p->number = jp_arena_strdup(&p->arena, "unknown");
	if (!jp_date_valid(p->approved)) {
		p->approved = (struct jp_date){ p->period_from, 1, 1 };
		rc |= missing(b, d, "the decree's number and date");
	}
	p->id = opts && opts->id ? jp_arena_strdup(&p->arena, opts->id)
				 : derive_id(p, p->number);
	if (!p->title) {
		p->title = jp_arena_strdup(&p->arena, "");
		rc |= missing(b, d, "the plan's title");
	}
	if (!p->id || !p->number || !p->title)
		return JP_ERROR;
	if (!p->issuer)
		rc |= missing(b, d, "the issuer");
	if (!p->goal)
		rc |= missing(b, d, "the goal (Бағдарламаның мақсаты)");
	if (!p->nobjectives)
		rc |= missing(b, d, "objectives (Бағдарламалық мақсат)");
	if (!p->grand_total.present)
		rc |= missing(b, d, "the grand total (Шығындар жиыны)");
	if (!p->footnote)
		rc |= missing(b, d, "the footnote");
	if (!p->nglossary)
		rc |= missing(b, d, "the glossary of abbreviations");
	return rc < 0 ? JP_ERROR : 0;
}

/* The flags, with their pointers, into the result; and the counts. */
static int collect(struct builder *b, struct jp_decree *d)
{
	struct dctx *c = b->c;
	struct jp_plan *p = b->p;

	d->flags = jp_arena_array(&d->arena, c->nflags + 1, sizeof(*d->flags));
	if (!d->flags)
		return JP_ERROR;
	for (size_t i = 0; i < c->nflags; i++) {
		struct jp_decree_flag *f = &d->flags[d->nflags++];

		f->pointer = jp_arena_strdup(&d->arena, c->flags[i].pointer);
		f->why = jp_arena_strdup(&d->arena, c->flags[i].why);
		f->confidence = c->flags[i].confidence;
		f->lines[0] = c->flags[i].lines[0];
		f->lines[1] = c->flags[i].lines[1];
		if (!f->pointer || !f->why)
			return JP_ERROR;
		if (f->confidence == JP_DECREE_LOW)
			d->counts.flags_low++;
		else
			d->counts.flags_medium++;
	}
	d->counts.lines = c->nlines;
	d->counts.activities = p->nactivities;
	for (size_t i = 0; i < p->nactivities; i++)
		d->counts.budgets += p->activities[i].budget.present;
	d->counts.objectives = p->nobjectives;
	for (size_t i = 0; i < p->nobjectives; i++) {
		d->counts.target_indicators += p->objectives[i].nindicators;
		for (size_t j = 0; j < p->objectives[i].nindicators; j++)
			d->counts.targets += p->objectives[i].indicators[j].ntargets;
	}
	d->counts.directions = p->ndirections;
	for (size_t i = 0; i < p->ndirections; i++) {
		d->counts.tasks += p->directions[i].ntasks;
		d->counts.result_indicators += p->directions[i].nindicators;
		for (size_t j = 0; j < p->directions[i].nindicators; j++)
			d->counts.targets += p->directions[i].indicators[j].ntargets;
	}
	d->counts.glossary = p->nglossary;
	return 0;
}

/* Whether the document loads; if not, the place is flagged. */
static int check_loads(struct dctx *c, struct jp_plan *p)
{
	struct jp_buf json = JP_BUF_INIT;
	struct jp_error e = JP_ERROR_INIT;
	struct jp_plan *back = NULL;
	int rc;

	if (jp_plan_to_json(p, &json, 0) < 0) {
		jp_buf_release(&json);
		return JP_ERROR;
	}
	rc = jp_plan_from_json(&back, json.ptr, json.len, &e);
	jp_plan_free(back);
	jp_buf_release(&json);
	if (rc == JP_ERROR)
		return JP_ERROR;
	if (rc < 0 && dec_has_flag(c, e.where))
		dec_flag(c, e.where, JP_DECREE_LOW, 0, 0,
			 "the document does not load until this is fixed");
	else if (rc < 0)
		dec_flag(c, e.where[0] ? e.where : "/", JP_DECREE_LOW, 0, 0,
			 "the document does not load until this is fixed: %s", e.msg);
	return 0;
}

static int first_bad_line(const char *text, size_t len)
{
	int line = 1;
	size_t start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		if (!jp_utf8_valid(text + start, i - start) ||
		    memchr(text + start, '\0', i - start))
			return line;
		line++;
		start = i + 1;
	}
	return 0;
}

int jp_decree_import(struct jp_decree **out, const char *text, size_t len,
		     const struct jp_decree_opts *opts, struct jp_error *err)
{
	struct jp_arena scratch = JP_ARENA_INIT;
	struct dctx c;
	struct builder b;
	struct jp_decree *d = NULL;
	size_t header = SIZE_MAX, body = SIZE_MAX, table = SIZE_MAX;
	int first_kind = SEC_NONE, rc = JP_ERROR, bad;

	memset(&c, 0, sizeof(c));
	memset(&b, 0, sizeof(b));
	c.a = &scratch;
	b.c = &c;
	if (len > JP_DECREE_MAX_BYTES)
		return jp_error_set(err, JP_EINVALID, "the text is larger than %u bytes",
				    JP_DECREE_MAX_BYTES);
	if ((bad = first_bad_line(text, len)) > 0)
		return jp_error_at(err, JP_EINVALID, "", "line %d is not UTF-8 text", bad);
	d = jp_calloc(1, sizeof(*d));
	b.p = jp_plan_new();
	if (!d || !b.p)
		goto oom;
	d->plan = b.p;
	if (dec_lines(&c, text, len) < 0 || dec_vocab(&c) < 0)
		goto oom;
	dec_mend_lines(&c);
	if (c.oom)
		goto oom;
	for (size_t i = 0; i < c.nlines; i++)
		if (!c.lines[i].blank && column_numbers(c.lines[i].text)) {
			c.lines[i].blank = true;
			c.lines[i].text = (char *)"";
		}
	/* where the table starts: its header, else the first heading */
	for (size_t i = 0; i < c.nlines && body == SIZE_MAX; i++) {
		struct dheading h;
		int k = dec_heading(&c, i, -1, &h);

		if (k < 0)
			goto oom;
		if (k == 0)
			continue;
		if (h.kind == SEC_HEADER) {
			header = body = i;
			first_kind = SEC_HEADER;
		} else if (h.kind == SEC_GOAL || h.kind == SEC_OBJECTIVE ||
			   h.kind == SEC_TARGETS || h.kind == SEC_DIRECTION ||
			   h.kind == SEC_ROW) {
			body = i;
			first_kind = SEC_NONE;
		}
	}
	if (body == SIZE_MAX) {
		rc = jp_error_set(err, JP_EINVALID,
				  "no activity table found (no header, heading or row number)");
		goto fail;
	}
	if (sections(&b, body, first_kind) < 0 || c.oom)
		goto oom;
	for (size_t i = 0; i < b.nsecs && table == SIZE_MAX; i++)
		if (b.secs[i].kind != SEC_HEADER && b.secs[i].kind != SEC_NONE)
			table = b.secs[i].first;
	if (table == SIZE_MAX)
		table = c.nlines;
	if (dec_metadata(&c, b.p, header != SIZE_MAX ? header : body, table) < 0 || c.oom)
		goto oom;
	if (!b.p->period_from) {
		int y = b.p->approved.y ? b.p->approved.y : 2000;

		b.p->period_from = b.p->period_to = y;
		dec_flag(&c, "/period", JP_DECREE_LOW, 0, 0,
			 "no period (\"YYYY - YYYY\") found in the title or header");
		if (missing(&b, d, "the period") < 0)
			goto oom;
	}
	c.period_from = b.p->period_from;
	c.period_to = b.p->period_to;
	c.window.first_year = b.p->period_from;
	c.window.last_year = b.p->period_to;
	c.window.from = jp_date_valid(b.p->approved) ? b.p->approved
		       : (struct jp_date){ b.p->period_from, 1, 1 };
	c.window.to = (struct jp_date){ b.p->period_to, 12, 31 };
	for (size_t i = 0; i < b.nsecs; i++)
		if (b.secs[i].kind == SEC_GLOSSARY &&
		    dec_glossary(&c, b.p, b.secs[i].first + 1, b.secs[i].last) < 0)
			goto oom;
	if (frame(&b) < 0 || dec_rows(&c, b.rows, b.nrows) < 0 || activities(&b) < 0 ||
	    c.oom)
		goto oom;
	if (!b.p->ndirections && b.p->nactivities) {
		size_t cap = 0;

		if (add_direction(&b, &cap, "1", "") < 0)
			goto oom;
		for (size_t i = 0; i < b.p->nactivities; i++)
			b.p->activities[i].direction = b.p->directions[0].code;
		dec_flag(&c, "/directions/0", JP_DECREE_LOW, 0, 0,
			 "no direction heading found; the rows are put under one direction");
		if (missing(&b, d, "directions") < 0)
			goto oom;
	}
	if (!b.p->nactivities) {
		rc = jp_error_set(err, JP_EINVALID, "no activity rows found in the text");
		goto fail;
	}
	if (complete(&b, d, opts) < 0 || check_loads(&c, b.p) < 0 || c.oom ||
	    collect(&b, d) < 0)
		goto oom;
	jp_arena_release(&scratch);
	*out = d;
	return 0;
oom:
	rc = jp_error_set(err, JP_ERROR, "out of memory");
fail:
	if (d)
		jp_decree_free(d);
	else
		jp_plan_free(b.p);
	jp_arena_release(&scratch);
	return rc;
}

int jp_decree_plan_json(const struct jp_decree *d, struct jp_buf *out)
{
	return jp_plan_to_json(d->plan, out, JP_JSON_PRETTY);
}

int jp_decree_review_json(const struct jp_decree *d, struct jp_buf *out)
{
	json_t *o = json_object();
	char *s;

	if (!o)
		return JP_ERROR;
	for (size_t i = 0; i < d->nflags; i++) {
		const struct jp_decree_flag *f = &d->flags[i];
		json_t *v = json_pack("{s:s, s:[i, i], s:s}",
				      "confidence", f->confidence == JP_DECREE_LOW ? "low" : "medium",
				      "lines", f->lines[0], f->lines[1], "why", f->why);

		if (!v || json_object_set_new(o, f->pointer, v) < 0) {
			json_decref(o);
			return JP_ERROR;
		}
	}
	s = json_dumps(o, JSON_INDENT(1));
	json_decref(o);
	if (!s)
		return JP_ERROR;
	jp_buf_adds(out, s);
	jp_buf_addc(out, '\n');
	free(s); /* jansson's allocator */
	return jp_buf_oom(out) ? JP_ERROR : 0;
}

void jp_decree_free(struct jp_decree *d)
{
	if (!d)
		return;
	jp_plan_free(d->plan);
	jp_arena_release(&d->arena);
	jp_free(d);
}
