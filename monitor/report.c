/*
 * report.c - report validation and CSV import (see report.h).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "report.h"

#include <csv.h>

int jp_text_limit_check(const char *field, const char *value, size_t max,
			struct jp_error *err)
{
	size_t n = value ? strlen(value) : 0;

	if (n > max)   /* the place is the field's name: "the text" is "text" */
		return jp_error_at(err, JP_EINVALID, strncmp(field, "the ", 4) ? field : field + 4,
				   "%s is too long: %zu bytes (at most %zu)", field, n, max);
	return 0;
}

int jp_reason_check(const char *reason, struct jp_error *err)
{
	return jp_text_limit_check("the reason", reason, JP_REASON_MAX, err);
}

int jp_report_validate(const struct jp_plan *plan, struct jp_report *r,
		       struct jp_date today, struct jp_error *err)
{
	return jp_report_validate_on(plan, jp_plan_find_activity(plan, r->activity), r, today,
				     err);
}

int jp_report_validate_on(const struct jp_plan *plan, const struct jp_activity *a,
			  struct jp_report *r, struct jp_date today, struct jp_error *err)
{
	char d[JP_DATE_BUFSZ], d2[JP_DATE_BUFSZ], d3[JP_DATE_BUFSZ];
	const char *spelling = NULL;
	bool is_due = false;
	int rc;

	if ((rc = jp_text_limit_check("the activity", r->activity, JP_NAME_MAX, err)) < 0 ||
	    (rc = jp_text_limit_check("the agency", r->agency, JP_NAME_MAX, err)) < 0 ||
	    (rc = jp_text_limit_check("the author", r->by, JP_NAME_MAX, err)) < 0 ||
	    (rc = jp_text_limit_check("the text", r->text, JP_REPORT_TEXT_MAX, err)) < 0 ||
	    (rc = jp_text_limit_check("the evidence", r->evidence, JP_REPORT_EVIDENCE_MAX, err)) < 0)
		return rc;
	if (!a)
		return jp_error_at(err, JP_ENOTFOUND, "activity", "no activity '%s' in plan '%s'",
				    r->activity, plan->id);
	r->activity = a->number;
	for (size_t i = 0; i < a->deadline.ndue; i++)
		is_due = is_due || !jp_date_cmp(a->deadline.due[i].date, r->due);
	if (!is_due) {
		struct jp_buf b = JP_BUF_INIT;

		for (size_t i = 0; i < a->deadline.ndue && i < 8; i++)
			jp_buf_addf(&b, "%s%s", i ? ", " : "",
				    jp_date_format(a->deadline.due[i].date, d));
		if (a->deadline.ndue > 8)
			jp_buf_adds(&b, ", ...");
		rc = jp_error_at(err, JP_EINVALID, "due",
				  "%s is not a due date of activity %s (its due dates: %s)",
				  jp_date_format(r->due, d2), a->number, b.ptr);
		jp_buf_release(&b);
		return rc;
	}
	/* a void due date takes the reports made while it was still due */
	if (plan->repealed && jp_date_cmp(r->due, plan->repeal.date) > 0 &&
	    jp_date_cmp(r->made, plan->repeal.date) > 0)
		return jp_error_at(err, JP_EINVALID, "due",
				    "due date %s is void: the plan was repealed on %s by No. %s,"
				    " before this report (made %s)",
				    jp_date_format(r->due, d), jp_date_format(plan->repeal.date, d2),
				    plan->repeal.number, jp_date_format(r->made, d3));
	if (a->removed_by.number && jp_date_cmp(r->due, a->removed_by.date) >= 0 &&
	    jp_date_cmp(r->made, a->removed_by.date) >= 0)
		return jp_error_at(err, JP_EINVALID, "due",
				    "due date %s is void: activity %s was removed by No. %s from %s,"
				    " before this report (made %s)",
				    jp_date_format(r->due, d), a->number, a->removed_by.number,
				    jp_date_format(a->removed_by.date, d2), jp_date_format(r->made, d3));
	/* one pass: whether it is an executor, and the plan's spelling */
	for (size_t i = 0; i < a->executors.n; i++)
		if (jp_text_eq_fold(a->executors.items[i].agency, r->agency))
			spelling = a->executors.items[i].agency;
	if (!spelling)
		return jp_error_at(err, JP_EINVALID, "agency",
				    "'%s' is not an executor of activity %s (%s)",
				    r->agency, a->number, a->executors_text);
	r->agency = spelling;
	if (jp_date_cmp(r->made, plan->approved) < 0)
		return jp_error_at(err, JP_EINVALID, "date",
				    "a report made on %s is before the plan's approval on %s",
				    jp_date_format(r->made, d), jp_date_format(plan->approved, d2));
	if (jp_date_cmp(r->made, today) > 0)
		return jp_error_at(err, JP_EINVALID, "date", "a report cannot be made in the future (%s)",
				    jp_date_format(r->made, d));
	if (r->has_spent && r->spent < 0)
		return jp_error_at(err, JP_EINVALID, "spent", "money spent cannot be negative");
	jp_report_mark(plan, r);
	return 0;
}

void jp_report_mark(const struct jp_plan *plan, struct jp_report *r)
{
	r->after_repeal = plan->repealed && jp_date_cmp(r->made, plan->repeal.date) > 0;
}

enum col { C_ACTIVITY, C_DUE, C_AGENCY, C_STATUS, C_TEXT, C_EVIDENCE, C_SPENT,
	   C_DATE, C_COUNT };

static const char *const col_names[C_COUNT] = {
	"activity", "due", "agency", "status", "text", "evidence", "spent", "date"
};

#define MAX_FIELDS 32

struct jp_report_csv {
	struct jp_date today;
	jp_report_csv_fn fn;
	void *payload;
	struct jp_error *err;       /* the caller's, during a feed or the finish */
	struct csv_parser p;
	bool started;               /* a BOM is looked for before the first byte */
	int map[MAX_FIELDS];        /* field index -> column */
	size_t nheader;
	struct jp_buf fields;       /* this row's fields, each NUL-terminated */
	size_t off[MAX_FIELDS];     /* where each starts in `fields` */
	size_t nfield;
	size_t row;                 /* 1 = header */
	int rc;                     /* sticky: the first error stops it */
};

static int row_error(struct jp_report_csv *st, size_t row, int col, const char *fmt, ...)
	JP_PRINTF(4, 5);

static int row_error(struct jp_report_csv *st, size_t row, int col, const char *fmt, ...)
{
	char where[96], msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (col >= 0)
		snprintf(where, sizeof(where), "row %zu, column %s", row, col_names[col]);
	else
		snprintf(where, sizeof(where), "row %zu", row);
	return jp_error_at(st->err, JP_EINVALID, where, "%s", msg);
}

static void on_field(void *s, size_t len, void *data)
{
	struct jp_report_csv *st = data;
	size_t row = st->row + 1;

	if (st->rc)
		return;
	if (st->nfield == MAX_FIELDS) {
		st->rc = row_error(st, row, -1, "more than %d columns", MAX_FIELDS);
		return;
	}
	/* a field is whole here, so its bytes are checked here: no sequence
	 * is split between two reads of the file */
	if (len && !jp_utf8_valid(s, len)) {
		st->rc = row_error(st, row, row > 1 && st->nfield < st->nheader ?
				   st->map[st->nfield] : -1, "the CSV is not valid UTF-8");
		return;
	}
	st->off[st->nfield++] = st->fields.len;
	if (len)
		jp_buf_add(&st->fields, s, len);
	jp_buf_addc(&st->fields, '\0');
	if (jp_buf_oom(&st->fields))
		st->rc = jp_error_set(st->err, JP_ERROR, "out of memory");
}

static const char *field(const struct jp_report_csv *st, size_t i)
{
	return st->fields.ptr + st->off[i];
}

static int header(struct jp_report_csv *st)
{
	bool seen[C_COUNT] = { false };

	st->nheader = st->nfield;
	for (size_t i = 0; i < st->nfield; i++) {
		char *name = jp_text_squeeze(field(st, i));
		int c = -1;

		if (!name)
			return jp_error_set(st->err, JP_ERROR, "out of memory");
		for (int k = 0; k < C_COUNT; k++)
			if (!strcmp(name, col_names[k]))
				c = k;
		if (c < 0) {
			int rc = jp_error_at(st->err, JP_EINVALID, "row 1",
					     "unknown column '%s' (known: activity, due, agency,"
					     " status, text, evidence, spent, date)", name);
			jp_free(name);
			return rc;
		}
		jp_free(name);
		if (seen[c])
			return jp_error_at(st->err, JP_EINVALID, "row 1", "column '%s' appears twice",
					   col_names[c]);
		seen[c] = true;
		st->map[i] = c;
	}
	for (int k = 0; k <= C_STATUS; k++)
		if (!seen[k])
			return jp_error_at(st->err, JP_EINVALID, "row 1", "missing column '%s'",
					   col_names[k]);
	return 0;
}

static int record(struct jp_report_csv *st)
{
	struct jp_report r;
	struct jp_error e = JP_ERROR_INIT;
	const char *v[C_COUNT] = { NULL };
	int status;

	if (st->nfield != st->nheader)
		return row_error(st, st->row, -1, "%zu fields where the header has %zu", st->nfield,
				 st->nheader);
	for (size_t i = 0; i < st->nfield; i++)
		v[st->map[i]] = field(st, i)[0] ? field(st, i) : NULL;
	memset(&r, 0, sizeof(r));
	for (int k = 0; k <= C_STATUS; k++)
		if (!v[k])
			return row_error(st, st->row, k, "empty");
	r.activity = v[C_ACTIVITY];
	r.agency = v[C_AGENCY];
	if (jp_date_parse(&r.due, v[C_DUE], &e) < 0)
		return row_error(st, st->row, C_DUE, "%s", e.msg);
	status = jp_report_status_parse(v[C_STATUS]);
	if (status < 0)
		return row_error(st, st->row, C_STATUS,
				 "unknown status '%s' (done, partly, not-done, in-progress)",
				 v[C_STATUS]);
	r.status = (enum jp_report_status)status;
	r.text = v[C_TEXT];
	r.evidence = v[C_EVIDENCE];
	if (v[C_SPENT]) {
		if (jp_money_parse(&r.spent, v[C_SPENT], &e) < 0)
			return row_error(st, st->row, C_SPENT, "%s", e.msg);
		r.has_spent = true;
	}
	r.made = st->today;
	if (v[C_DATE] && jp_date_parse(&r.made, v[C_DATE], &e) < 0)
		return row_error(st, st->row, C_DATE, "%s", e.msg);
	return st->fn(&r, st->row, st->payload, st->err);
}

static void on_record(int c, void *data)
{
	struct jp_report_csv *st = data;

	(void)c;
	if (st->rc)
		return;
	st->row++;
	if (!(st->nfield == 1 && !field(st, 0)[0]))   /* skip blank lines */
		st->rc = st->row == 1 ? header(st) : record(st);
	st->nfield = 0;
	jp_buf_reset(&st->fields);
}

int jp_report_csv_new(struct jp_report_csv **out, struct jp_date today, jp_report_csv_fn fn,
		      void *payload, struct jp_error *err)
{
	struct jp_report_csv *st = jp_calloc(1, sizeof(*st));

	if (!st)
		return jp_error_set(err, JP_ERROR, "out of memory");
	if (csv_init(&st->p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
		jp_free(st);
		return jp_error_set(err, JP_ERROR, "out of memory");
	}
	st->today = today;
	st->fn = fn;
	st->payload = payload;
	jp_buf_init(&st->fields);
	*out = st;
	return 0;
}

int jp_report_csv_feed(struct jp_report_csv *st, const char *data, size_t len,
		       struct jp_error *err)
{
	if (st->rc)
		return st->rc;
	st->err = err;
	if (!st->started) {
		st->started = true;
		if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {   /* a BOM */
			data += 3;
			len -= 3;
		}
	}
	if (csv_parse(&st->p, data, len, on_field, on_record, st) != len && !st->rc)
		st->rc = row_error(st, st->row + 1, -1, "malformed CSV: %s",
				   csv_strerror(csv_error(&st->p)));
	st->err = NULL;
	return st->rc;
}

int jp_report_csv_finish(struct jp_report_csv *st, struct jp_error *err)
{
	if (st->rc)
		return st->rc;
	st->err = err;
	csv_fini(&st->p, on_field, on_record, st);
	if (!st->rc && st->row < 1)
		st->rc = jp_error_set(err, JP_EINVALID, "the CSV is empty");
	st->err = NULL;
	return st->rc;
}

void jp_report_csv_free(struct jp_report_csv *st)
{
	if (!st)
		return;
	csv_free(&st->p);
	jp_buf_release(&st->fields);
	jp_free(st);
}

/* jp_reports_from_csv: each row checked against the plan, then kept. */
struct collect {
	const struct jp_plan *plan;
	const char *by;
	struct jp_date today;
	struct jp_arena *arena;
	struct jp_report *out;
	size_t n, cap;
	size_t *rows, rcap;
};

static int collect_one(struct jp_report *r, size_t row, void *payload, struct jp_error *err)
{
	struct collect *c = payload;
	struct jp_error e = JP_ERROR_INIT;
	char where[160];

	r->by = c->by;
	if (jp_report_validate_on(c->plan, jp_plan_find_activity(c->plan, r->activity), r,
				  c->today, &e) < 0) {
		bool column = false;

		for (int k = 0; k < C_COUNT; k++)   /* the field the error names */
			column = column || !strcmp(e.where, col_names[k]);
		if (column)
			snprintf(where, sizeof(where), "row %zu, column %.64s", row, e.where);
		else
			snprintf(where, sizeof(where), "row %zu", row);
		return jp_error_at(err, JP_EINVALID, where, "%s", e.msg);
	}
	/* the row's texts are borrowed: activity and agency now point into
	 * the plan, the others are kept in the arena */
	if ((r->text && !(r->text = jp_arena_strdup(c->arena, r->text))) ||
	    (r->evidence && !(r->evidence = jp_arena_strdup(c->arena, r->evidence))))
		return jp_error_set(err, JP_ERROR, "out of memory");
	c->out = jp_arena_grow(c->arena, c->out, c->n, &c->cap, sizeof(*c->out));
	c->rows = jp_arena_grow(c->arena, c->rows, c->n, &c->rcap, sizeof(*c->rows));
	if (!c->out || !c->rows)
		return jp_error_set(err, JP_ERROR, "out of memory");
	c->rows[c->n] = row;
	c->out[c->n++] = *r;
	return 0;
}

int jp_reports_from_csv(const struct jp_plan *plan, const char *data, size_t len,
			const char *by, struct jp_date today, struct jp_arena *arena,
			struct jp_report **out, size_t **rows, size_t *n, struct jp_error *err)
{
	struct collect c = { plan, by, today, arena, NULL, 0, 0, NULL, 0 };
	struct jp_report_csv *rd;
	int rc;

	if ((rc = jp_report_csv_new(&rd, today, collect_one, &c, err)) < 0)
		return rc;
	if ((rc = jp_report_csv_feed(rd, data, len, err)) == 0)
		rc = jp_report_csv_finish(rd, err);
	jp_report_csv_free(rd);
	if (rc < 0)
		return rc;
	*out = c.out;
	if (rows)
		*rows = c.rows;
	*n = c.n;
	return 0;
}
