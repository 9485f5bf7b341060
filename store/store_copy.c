/*
 * store_copy.c - a whole database copied into an empty one, between
 * engines (jp_store_copy, see store.h).
 *
 * Every table that holds what jospar knows is copied row by row, in an
 * order its foreign keys allow, as typed values (the same logical schema
 * on both engines); the search is made again on the target from the
 * copied activities (SQLite's FTS5 and PostgreSQL's words column are not
 * the same table), the plan images are a cache and are made again when
 * first needed.  The source is read in a transaction that sees one moment
 * throughout (writers go on: the copy is of the moment it began); the
 * target is written in one, and
 * before it commits each table's rows are counted and hashed on both
 * sides, value by value in key order: any difference, and nothing of the
 * copy stays.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "store.h"
#include "store_int.h"

/* A table: its name, the columns as "name:type" (i integer, t text), and
 * the key that orders it. */
struct copy_table {
	const char *name;
	const char *const cols[16];
	const char *order;
	bool identity;              /* ids the target's engine counts itself */
};

static const struct copy_table tables[] = {
	{ "plan", { "id:t", "number:t", "title:t", "approved:t", "doc:t", "doc_hash:t",
		    "builtin:i", "loaded_at:t" }, "id", false },
	{ "activity", { "plan_id:t", "idx:i", "number:t", "direction:t", "title:t",
			"completion_form:t", "executors:t", "deadline:t" }, "plan_id, idx", false },
	{ "executor", { "plan_id:t", "idx:i", "pos:i", "agency:t", "agency_folded:t", "lead:i",
			"by_agreement:i" }, "plan_id, idx, pos", false },
	{ "due", { "plan_id:t", "idx:i", "date:t", "label:t" }, "plan_id, idx, date", false },
	{ "setting", { "key:t", "value:t" }, "key", false },
	{ "report", { "id:i", "plan_id:t", "activity:t", "due:t", "agency:t", "status:t",
		      "text:t", "evidence:t", "spent:i", "made:t", "by:t", "recorded_at:t",
		      "synthetic:i", "late_reason:t" }, "id", true },
	{ "review", { "id:i", "report:i", "action:t", "reason:t", "date:t", "by:t",
		      "recorded_at:t", "synthetic:i" }, "id", true },
	{ "indicator_actual", { "id:i", "plan_id:t", "indicator:t", "year:i", "target:i",
				"value:t", "source:t", "date:t", "by:t", "synthetic:i" }, "id", true },
	{ "indicator_revision", { "id:i", "plan_id:t", "indicator:t", "target:i", "value:t",
				  "reason:t", "date:t", "by:t" }, "id", true },
	{ "amendment", { "plan_id:t", "number:t", "date:t", "doc:t", "loaded_at:t" },
	  "plan_id, number", false },
	{ "account", { "id:i", "login:t", "role:t", "agency:t", "pwhash:t", "disabled:i",
		       "created_at:t" }, "id", true },
	{ "session", { "token_hash:t", "user_id:i", "csrf:t", "created:i", "last_seen:i" },
	  "token_hash", false },
	{ "api_token", { "id:i", "token_hash:t", "user_id:i", "label:t", "created_at:t",
			 "expires_at:i" }, "id", true },
	{ "login_failure", { "id:i", "login:t", "address:t", "at:i" }, "id", true },
	{ "audit", { "id:i", "at:t", "who:t", "action:t", "object:t", "before:t", "after:t" },
	  "id", true },
};

static size_t ncols(const struct copy_table *t)
{
	size_t n = 0;

	while (n < JP_ARRAY_LEN(t->cols) && t->cols[n])
		n++;
	return n;
}

/* "SELECT a, b FROM t ORDER BY k" and "INSERT INTO t(a, b) VALUES (?1, ?2)" */
static int table_sql(const struct copy_table *t, struct jp_buf *sel, struct jp_buf *ins)
{
	size_t n = ncols(t);

	jp_buf_reset(sel);
	jp_buf_reset(ins);
	jp_buf_adds(sel, "SELECT ");
	jp_buf_addf(ins, "INSERT INTO %s(", t->name);
	for (size_t i = 0; i < n; i++) {
		const char *c = t->cols[i], *colon = strchr(c, ':');

		jp_buf_addf(sel, "%s%.*s", i ? ", " : "", (int)(colon - c), c);
		jp_buf_addf(ins, "%s%.*s", i ? ", " : "", (int)(colon - c), c);
	}
	jp_buf_addf(sel, " FROM %s ORDER BY %s", t->name, t->order);
	jp_buf_adds(ins, ") VALUES (");
	for (size_t i = 0; i < n; i++)
		jp_buf_addf(ins, "%s?%zu", i ? ", " : "", i + 1);
	jp_buf_adds(ins, ")");
	return jp_buf_oom(sel) || jp_buf_oom(ins) ? JP_ERROR : 0;
}

static char col_type(const struct copy_table *t, size_t i)
{
	return strchr(t->cols[i], ':')[1];
}

/* A row's values into the running hash: a tag per value, its bytes. */
static uint64_t hash_row(uint64_t h, const struct copy_table *t, struct jp_stmt *s)
{
	size_t n = ncols(t);

	for (size_t i = 0; i < n; i++) {
		char tag;

		if (jp_col_null(s, (int)i)) {
			tag = 'N';
			h = jp_hash(h, &tag, 1);
		} else if (col_type(t, i) == 'i') {
			int64_t v = jp_col_int64(s, (int)i);

			tag = 'I';
			h = jp_hash(h, &tag, 1);
			h = jp_hash(h, &v, sizeof(v));
		} else {
			const char *v = jp_col_text(s, (int)i);
			uint64_t len = jp_col_bytes(s, (int)i);

			tag = 'T';
			h = jp_hash(h, &tag, 1);
			h = jp_hash(h, &len, sizeof(len));
			h = jp_hash(h, v, (size_t)len);
		}
	}
	return h;
}

/* The count and hash of a table's rows, read in key order. */
static int table_digest(jp_store *st, const struct copy_table *t, struct jp_buf *sel,
			int64_t *count, uint64_t *hash, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	int rc;

	*count = 0;
	*hash = JP_HASH_INIT;
	if ((rc = jp_store__prepare(st, &s, sel->ptr, err)) < 0)
		return rc;
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW) {
		*hash = hash_row(*hash, t, s);
		(*count)++;
	}
	rc = rc == JP_DB_DONE ? 0 : jp_store__db_error(st, err, "cannot read for the check");
	jp_stmt_finalize(s);
	return rc;
}

static int count_rows(jp_store *st, const char *table, int64_t *n, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	char sql[96];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	if ((rc = jp_store__prepare(st, &s, sql, err)) < 0)
		return rc;
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW) {
		*n = jp_col_int64(s, 0);
		rc = 0;
	} else {
		rc = jp_store__db_error(st, err, "cannot count rows");
	}
	jp_stmt_finalize(s);
	return rc;
}

static int copy_table(jp_store *from, jp_store *to, const struct copy_table *t,
		      struct jp_buf *sel, struct jp_buf *ins,
		      void (*progress)(const char *table, int64_t rows, bool done, void *payload),
		      void *payload, int64_t *copied, struct jp_error *err)
{
	struct jp_stmt *s = NULL, *w = NULL;
	size_t n = ncols(t);
	int64_t rows = 0;
	int rc;

	if ((rc = jp_store__prepare(from, &s, sel->ptr, err)) < 0 ||
	    (rc = jp_store__prepare(to, &w, ins->ptr, err)) < 0)
		goto done;
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW) {
		jp_stmt_reset(w);
		for (size_t i = 0; i < n; i++) {
			if (jp_col_null(s, (int)i))
				jp_stmt_null(w, (int)i + 1);
			else if (col_type(t, i) == 'i')
				jp_stmt_int64(w, (int)i + 1, jp_col_int64(s, (int)i));
			else
				jp_stmt_text(w, (int)i + 1, jp_col_text(s, (int)i));
		}
		if (jp_stmt_step(w) != JP_DB_DONE) {
			rc = jp_error_set(err, JP_ERROR, "cannot copy a row of %s: %s", t->name,
					  jp_db_errmsg(jp_store__db(to)));
			goto done;
		}
		if (++rows % 100000 == 0 && progress)
			progress(t->name, rows, false, payload);
	}
	if (rc != JP_DB_DONE) {
		rc = jp_store__db_error(from, err, "cannot read the source");
		goto done;
	}
	rc = 0;
	*copied = rows;
	if (progress)
		progress(t->name, rows, true, payload);
done:
	jp_stmt_finalize(s);
	jp_stmt_finalize(w);
	return rc;
}

/* The search rows of every activity on the target, from its columns. */
static int make_search(jp_store *to, int64_t *made, struct jp_error *err)
{
	const struct jp_db_ops *ops = jp_store__db(to)->ops;
	struct jp_stmt *acts = NULL, *ex = NULL, *put = NULL;
	struct jp_buf body = JP_BUF_INIT, words = JP_BUF_INIT;
	int rc;

	*made = 0;
	if ((rc = jp_store__prepare(to, &acts, "SELECT plan_id, idx, number, title,"
				    " completion_form, executors, deadline FROM activity"
				    " ORDER BY plan_id, idx", err)) < 0 ||
	    (rc = jp_store__prepare(to, &ex, "SELECT agency FROM executor WHERE plan_id = ?1"
				    " AND idx = ?2 ORDER BY pos", err)) < 0 ||
	    (rc = jp_store__prepare(to, &put, ops->search_put_sql, err)) < 0)
		goto done;
	while ((rc = jp_stmt_step(acts)) == JP_DB_ROW) {
		const char *form = jp_col_text(acts, 4);
		int r;

		jp_buf_reset(&body);
		jp_buf_addf(&body, "%s %s %s %s %s", jp_col_text(acts, 2), jp_col_text(acts, 3),
			    form ? form : "", jp_col_text(acts, 5), jp_col_text(acts, 6));
		jp_stmt_reset(ex);
		jp_stmt_text(ex, 1, jp_col_text(acts, 0));
		jp_stmt_int64(ex, 2, jp_col_int64(acts, 1));
		while ((r = jp_stmt_step(ex)) == JP_DB_ROW)
			jp_buf_addf(&body, " %s", jp_col_text(ex, 0));
		if (r != JP_DB_DONE) {
			rc = jp_store__db_error(to, err, "cannot read the executors");
			goto done;
		}
		if (jp_store__search_fold(&body) < 0 ||
		    jp_store__search_words(body.ptr, &words) < 0) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
			goto done;
		}
		jp_stmt_reset(put);
		jp_stmt_text(put, 1, jp_col_text(acts, 0));
		jp_stmt_int64(put, 2, jp_col_int64(acts, 1));
		jp_stmt_text(put, 3, body.ptr);
		jp_stmt_text(put, 4, words.ptr);
		if ((rc = jp_store__step_done(to, put, err)) < 0)
			goto done;
		(*made)++;
	}
	rc = rc == JP_DB_DONE ? 0 : jp_store__db_error(to, err, "cannot read the activities");
done:
	jp_stmt_finalize(acts);
	jp_stmt_finalize(ex);
	jp_stmt_finalize(put);
	jp_buf_release(&body);
	jp_buf_release(&words);
	return rc;
}

int jp_store_copy(jp_store *from, jp_store *to,
		  void (*progress)(const char *table, int64_t rows, bool done, void *payload),
		  void *payload, struct jp_store_copy_totals *totals, struct jp_error *err)
{
	const struct jp_db_ops *tops = jp_store__db(to)->ops;
	struct jp_buf sel = JP_BUF_INIT, ins = JP_BUF_INIT;
	struct jp_store_copy_totals sum = { 0, 0, 0 };
	bool from_tx = false, to_tx = false;
	int rc;

	if ((rc = jp_store__begin_read(from, err)) < 0)
		goto done;
	from_tx = true;
	if ((rc = jp_store_begin(to, err)) < 0)
		goto done;
	to_tx = true;
	/* into an empty database only: a copy is not a merge */
	for (size_t i = 0; i < JP_ARRAY_LEN(tables); i++) {
		int64_t n = 0;

		if ((rc = count_rows(to, tables[i].name, &n, err)) < 0)
			goto done;
		if (n) {
			rc = jp_error_set(err, JP_EEXISTS, "'%s' is not empty (%lld rows in %s):"
					  " copy into a new database", jp_store__db(to)->target,
					  (long long)n, tables[i].name);
			goto done;
		}
	}
	for (size_t i = 0; i < JP_ARRAY_LEN(tables); i++) {
		int64_t rows = 0;

		if ((rc = table_sql(&tables[i], &sel, &ins)) < 0) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
			goto done;
		}
		if ((rc = copy_table(from, to, &tables[i], &sel, &ins, progress, payload, &rows,
				     err)) < 0)
			goto done;
		if (tables[i].identity && tops->sync_ids &&
		    tops->sync_ids(jp_store__db(to), tables[i].name) < 0) {
			rc = jp_store__db_error(to, err, "cannot set the next id");
			goto done;
		}
		sum.tables++;
		sum.rows += rows;
	}
	if ((rc = make_search(to, &sum.search_rows, err)) < 0)
		goto done;
	/* the check: the same rows, value for value, on both sides */
	for (size_t i = 0; i < JP_ARRAY_LEN(tables); i++) {
		int64_t n1, n2;
		uint64_t h1, h2;

		if ((rc = table_sql(&tables[i], &sel, &ins)) < 0) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
			goto done;
		}
		if ((rc = table_digest(from, &tables[i], &sel, &n1, &h1, err)) < 0 ||
		    (rc = table_digest(to, &tables[i], &sel, &n2, &h2, err)) < 0)
			goto done;
		if (n1 != n2 || h1 != h2) {
			rc = jp_error_set(err, JP_ERROR, "the copy of %s differs: %lld rows (hash"
					  " %016llx) in the source, %lld (%016llx) in the copy;"
					  " nothing was kept", tables[i].name, (long long)n1,
					  (unsigned long long)h1, (long long)n2,
					  (unsigned long long)h2);
			goto done;
		}
	}
	/* the target's answers are new: its data version moves */
	if ((rc = jp_db_exec(jp_store__db(to), "UPDATE data_version SET n = n + 1 WHERE id = 1")) < 0) {
		rc = jp_store__db_error(to, err, "cannot write");
		goto done;
	}
	if ((rc = jp_store_commit(to, err)) == 0) {
		to_tx = false;
		if (totals)
			*totals = sum;
	}
done:
	if (to_tx)
		jp_store_rollback(to);
	if (from_tx)
		jp_store_rollback(from);   /* it only read */
	jp_buf_release(&sel);
	jp_buf_release(&ins);
	return rc;
}
