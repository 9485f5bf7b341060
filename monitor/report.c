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
	if (!jp_activity_has_agency(a, r->agency, false))
		return jp_error_at(err, JP_EINVALID, "agency",
				    "'%s' is not an executor of activity %s (%s)",
				    r->agency, a->number, a->executors_text);
	for (size_t i = 0; i < a->executors.n; i++)
		if (jp_text_eq_fold(a->executors.items[i].agency, r->agency))
			r->agency = a->executors.items[i].agency;
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

struct csv_state {
	const struct jp_plan *plan;
	const char *by;
	struct jp_date today;
	struct jp_arena *arena;
	struct jp_error *err;
	int map[MAX_FIELDS];        /* field index -> column, -1: ignored */
	size_t nheader;
	char *field[MAX_FIELDS];
	size_t nfield;
	size_t row;                 /* 1 = header */
	struct jp_report *out;
	size_t n, cap;
	size_t *rows, rcap;         /* the CSV row of each report */
	int rc;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csv_state *st = data;

	if (st->rc)
		return;
	if (st->nfield == MAX_FIELDS) {
		char where[64];

		snprintf(where, sizeof(where), "row %zu", st->row);
		st->rc = jp_error_at(st->err, JP_EINVALID, where, "more than %d columns",
				     MAX_FIELDS);
		return;
	}
	st->field[st->nfield] = jp_arena_strndup(st->arena, s ? s : "", len);
	if (!st->field[st->nfield])
		st->rc = jp_error_set(st->err, JP_ERROR, "out of memory");
	st->nfield++;
}

static int row_error(struct csv_state *st, int col, const char *fmt, ...)
	JP_PRINTF(3, 4);

static int row_error(struct csv_state *st, int col, const char *fmt, ...)
{
	char where[96], msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (col >= 0)
		snprintf(where, sizeof(where), "row %zu, column %s", st->row, col_names[col]);
	else
		snprintf(where, sizeof(where), "row %zu", st->row);
	return jp_error_at(st->err, JP_EINVALID, where, "%s", msg);
}

static int header(struct csv_state *st)
{
	bool seen[C_COUNT] = { false };

	st->nheader = st->nfield;
	for (size_t i = 0; i < st->nfield; i++) {
		char *name = jp_text_squeeze(st->field[i]);
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

static int record(struct csv_state *st)
{
	struct jp_report r;
	struct jp_error e = JP_ERROR_INIT;
	const char *v[C_COUNT] = { NULL };
	int status;

	if (st->nfield != st->nheader)
		return row_error(st, -1, "%zu fields where the header has %zu", st->nfield,
				 st->nheader);
	for (size_t i = 0; i < st->nfield; i++)
		v[st->map[i]] = st->field[i][0] ? st->field[i] : NULL;
	memset(&r, 0, sizeof(r));
	for (int k = 0; k <= C_STATUS; k++)
		if (!v[k])
			return row_error(st, k, "empty");
	r.activity = v[C_ACTIVITY];
	r.agency = v[C_AGENCY];
	if (jp_date_parse(&r.due, v[C_DUE], &e) < 0)
		return row_error(st, C_DUE, "%s", e.msg);
	status = jp_report_status_parse(v[C_STATUS]);
	if (status < 0)
		return row_error(st, C_STATUS, "unknown status '%s' (done, partly, not-done, in-progress)",
				 v[C_STATUS]);
	r.status = (enum jp_report_status)status;
	r.text = v[C_TEXT];
	r.evidence = v[C_EVIDENCE];
	if (v[C_SPENT]) {
		if (jp_money_parse(&r.spent, v[C_SPENT], &e) < 0)
			return row_error(st, C_SPENT, "%s", e.msg);
		r.has_spent = true;
	}
	r.made = st->today;
	if (v[C_DATE] && jp_date_parse(&r.made, v[C_DATE], &e) < 0)
		return row_error(st, C_DATE, "%s", e.msg);
	r.by = st->by;
	if (jp_report_validate_on(st->plan, jp_plan_find_activity(st->plan, r.activity), &r,
				  st->today, &e) < 0) {
		int col = -1;

		for (int k = 0; k < C_COUNT; k++)   /* the field the error names */
			if (!strcmp(e.where, col_names[k]))
				col = k;
		return row_error(st, col, "%s", e.msg);
	}
	st->out = jp_arena_grow(st->arena, st->out, st->n, &st->cap, sizeof(*st->out));
	st->rows = jp_arena_grow(st->arena, st->rows, st->n, &st->rcap, sizeof(*st->rows));
	if (!st->out || !st->rows)
		return jp_error_set(st->err, JP_ERROR, "out of memory");
	st->rows[st->n] = st->row;
	st->out[st->n++] = r;
	return 0;
}

static void on_record(int c, void *data)
{
	struct csv_state *st = data;

	(void)c;
	if (st->rc)
		return;
	st->row++;
	if (!(st->nfield == 1 && !st->field[0][0]))   /* skip blank lines */
		st->rc = st->row == 1 ? header(st) : record(st);
	st->nfield = 0;
}

int jp_reports_from_csv(const struct jp_plan *plan, const char *data, size_t len,
			const char *by, struct jp_date today, struct jp_arena *arena,
			struct jp_report **out, size_t **rows, size_t *n, struct jp_error *err)
{
	struct csv_parser p;
	struct csv_state st;

	memset(&st, 0, sizeof(st));
	st.plan = plan;
	st.by = by;
	st.today = today;
	st.arena = arena;
	st.err = err;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {   /* a BOM */
		data += 3;
		len -= 3;
	}
	if (!jp_utf8_valid(data, len))
		return jp_error_set(err, JP_EINVALID, "the CSV is not valid UTF-8");
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		return jp_error_set(err, JP_ERROR, "out of memory");
	if (csv_parse(&p, data, len, on_field, on_record, &st) != len && !st.rc) {
		char where[64];

		snprintf(where, sizeof(where), "row %zu", st.row + 1);
		st.rc = jp_error_at(err, JP_EINVALID, where, "malformed CSV: %s",
				    csv_strerror(csv_error(&p)));
	}
	if (!st.rc)
		csv_fini(&p, on_field, on_record, &st);
	csv_free(&p);
	if (st.rc)
		return st.rc;
	if (st.row < 1)
		return jp_error_set(err, JP_EINVALID, "the CSV is empty");
	*out = st.out;
	if (rows)
		*rows = st.rows;
	*n = st.n;
	return 0;
}
