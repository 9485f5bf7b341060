/*
 * store.c - plans, the history and the settings in the database (see
 * store.h), in the SQL both engines run, through the driver seam
 * (store/db.h).  Users, sessions, tokens and the audit log are in
 * store_account.c.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "plan.h"
#include "history.h"
#include "store.h"
#include "store_int.h"

#include <time.h>

/* Statements the hot paths prepare once per connection (jp_store__cached). */
#define STMT_CACHE_SIZE 32

struct stmt_cache_entry {
	const char *sql;            /* a string constant: the key */
	struct jp_stmt *stmt;
};

struct jp_store {
	struct jp_db *db;
	struct stmt_cache_entry cache[STMT_CACHE_SIZE];
	size_t cache_next;          /* the entry a full cache replaces next */
	struct jp_stmt *data_version;   /* prepared once: read on every request */
	uint64_t unit_owned;        /* jp_store__savepoint: which units began a tx */
	unsigned units;
};

struct jp_db *jp_store__db(jp_store *st)
{
	return st->db;
}

const char *jp_store_backend(jp_store *st)
{
	return st->db->ops->name;
}

const char *jp_store_display(jp_store *st)
{
	return st->db->target;
}

int jp_store_schema_latest(jp_store *st)
{
	return (int)st->db->ops->nmigrations;
}

int jp_store__db_error(jp_store *st, struct jp_error *err, const char *what)
{
	return jp_error_set(err, JP_ERROR, "%s: %s", what, jp_db_errmsg(st->db));
}

static int exec(jp_store *st, const char *sql, struct jp_error *err)
{
	if (jp_db_exec(st->db, sql) < 0)
		return jp_error_set(err, JP_ERROR, "database '%s': %s", st->db->target,
				    jp_db_errmsg(st->db));
	return 0;
}

int jp_store__begin_read(jp_store *st, struct jp_error *err)
{
	return exec(st, st->db->ops->begin_read_sql, err);
}

/* The same, with the statement kept prepared (savepoints on hot paths). */
static int exec_cached(jp_store *st, const char *sql, struct jp_error *err);

int jp_store_schema_version(jp_store *st)
{
	return st->db->ops->schema_version(st->db);
}

static int migrate(jp_store *st, struct jp_error *err)
{
	const struct jp_db_ops *ops = st->db->ops;
	int v = jp_store_schema_version(st), rc;

	if (v < 0)
		return jp_error_set(err, JP_ERROR, "'%s' is not a jospar database: %s",
				    st->db->target, jp_db_errmsg(st->db));
	if (v > jp_store_schema_latest(st))
		return jp_error_set(err, JP_ERROR,
				    "database '%s' has schema version %d; this jospar knows up to %d",
				    st->db->target, v, jp_store_schema_latest(st));
	for (; v < jp_store_schema_latest(st); v++) {
		if ((rc = exec(st, ops->begin_sql, err)) < 0)
			return rc;
		/* another process may have migrated it meanwhile */
		if (jp_store_schema_version(st) > v) {
			exec(st, "ROLLBACK", NULL);
			continue;
		}
		if ((rc = exec(st, ops->migrations[v], err)) < 0 ||
		    (ops->set_schema_version(st->db, v + 1) < 0 &&
		     (rc = jp_store__db_error(st, err, "cannot migrate")) < 0)) {
			exec(st, "ROLLBACK", NULL);
			return rc;
		}
		if ((rc = exec(st, "COMMIT", err)) < 0)
			return rc;
	}
	return 0;
}

bool jp_db_is_postgres(const char *target)
{
	return !strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11);
}

int jp_db_open(struct jp_db **out, const char *target, struct jp_error *err)
{
	if (jp_db_is_postgres(target))
		return jp_db_postgres_open(out, target, err);
	if (!strncmp(target, "sqlite:", 7))
		target += 7;
	if (!*target)
		return jp_error_set(err, JP_EINVALID, "no database path");
	return jp_db_sqlite_open(out, target, err);
}

int jp_store_open(jp_store **out, const char *target, struct jp_error *err)
{
	jp_store *st = jp_calloc(1, sizeof(*st));
	int rc;

	if (!st)
		return jp_error_set(err, JP_ERROR, "out of memory");
	if ((rc = jp_db_open(&st->db, target, err)) < 0 || (rc = migrate(st, err)) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	jp_store_close(st);
	return rc;
}

void jp_store_close(jp_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < STMT_CACHE_SIZE; i++)
		jp_stmt_finalize(st->cache[i].stmt);
	jp_stmt_finalize(st->data_version);
	if (st->db)
		st->db->ops->close(st->db);
	jp_free(st);
}

uint64_t jp_store_hash(const char *doc, size_t len)
{
	return jp_hash(JP_HASH_INIT, doc, len);
}

int jp_store__prepare(jp_store *st, struct jp_stmt **s, const char *sql,
		      struct jp_error *err)
{
	if (st->db->ops->prepare(st->db, sql, false, s) < 0)
		return jp_store__db_error(st, err, "cannot prepare statement");
	return 0;
}

int jp_store__cached(jp_store *st, struct jp_stmt **s, const char *sql,
		     struct jp_error *err)
{
	struct stmt_cache_entry *e = NULL;

	for (size_t i = 0; i < STMT_CACHE_SIZE && !e; i++)
		if (st->cache[i].stmt && (st->cache[i].sql == sql || !strcmp(st->cache[i].sql, sql)))
			e = &st->cache[i];
	if (e) {
		/* a caller that stopped early has not reset it */
		jp_stmt_reset(e->stmt);
		*s = e->stmt;
		return 0;
	}
	e = &st->cache[st->cache_next];
	st->cache_next = (st->cache_next + 1) % STMT_CACHE_SIZE;
	jp_stmt_finalize(e->stmt);
	e->stmt = NULL;
	e->sql = NULL;
	if (st->db->ops->prepare(st->db, sql, true, &e->stmt) < 0) {
		e->stmt = NULL;
		return jp_store__db_error(st, err, "cannot prepare statement");
	}
	e->sql = sql;
	*s = e->stmt;
	return 0;
}

/* Runs a prepared statement to completion and resets it. */
int jp_store__step_done(jp_store *st, struct jp_stmt *s, struct jp_error *err)
{
	int r = jp_stmt_step(s);

	if (r != JP_DB_DONE) {
		r = jp_store__db_error(st, err, "cannot write");
		jp_stmt_reset(s);
		return r;
	}
	jp_stmt_reset(s);
	return 0;
}

/* Steps an INSERT ... RETURNING id: the new row's id, or -1 (err set; a
 * constraint refusal is JP_EEXISTS).  The statement is reset. */
int64_t jp_store__insert_id(jp_store *st, struct jp_stmt *s, struct jp_error *err)
{
	int r = jp_stmt_step(s);
	int64_t id = -1;

	if (r == JP_DB_ROW) {
		id = jp_col_int64(s, 0);
		if ((r = jp_stmt_step(s)) != JP_DB_DONE)
			id = -1;
	}
	if (id < 0) {
		if (r == JP_DB_CONSTRAINT)
			jp_error_set(err, JP_EEXISTS, "%s", jp_db_errmsg(st->db));
		else
			jp_store__db_error(st, err, "cannot write");
	}
	jp_stmt_reset(s);
	return id;
}

/*
 * The next run of letters and digits at or after *p (text already
 * case-folded): its start, or NULL at the end; *len gets its bytes and *p
 * moves past it.  The search's idea of a word, for the text and the query.
 */
static const char *next_word(const char **p, size_t *len)
{
	const char *q = *p, *start = NULL;
	int32_t c;
	int n;

	for (; *q; q += n) {
		n = jp_utf8_decode(q, &c);
		if (n <= 0)
			n = 1;
		if (jp_is_letter(c) || (c >= '0' && c <= '9')) {
			if (!start)
				start = q;
		} else if (start) {
			break;
		}
	}
	*len = start ? (size_t)(q - start) : 0;
	*p = q;
	return start;
}

/* The words of folded text as " w1 w2 ... " (each with a space before
 * and after): an engine without a tokenizer matches " prefix". */
int jp_store__search_words(const char *folded, struct jp_buf *out)
{
	const char *w;
	size_t len;

	jp_buf_reset(out);
	jp_buf_addc(out, ' ');
	while ((w = next_word(&folded, &len))) {
		jp_buf_add(out, w, len);
		jp_buf_addc(out, ' ');
	}
	return jp_buf_oom(out) ? JP_ERROR : 0;
}

int jp_store__search_fold(struct jp_buf *b)
{
	char *folded;

	if (jp_buf_oom(b))
		return JP_ERROR;
	folded = jp_text_fold(b->ptr ? b->ptr : "");
	if (!folded)
		return JP_ERROR;
	jp_buf_reset(b);
	jp_buf_adds(b, folded);
	jp_free(folded);
	return jp_buf_oom(b) ? JP_ERROR : 0;
}

static int fts_body(const struct jp_activity *a, struct jp_buf *b)
{
	jp_buf_reset(b);
	jp_buf_addf(b, "%s %s %s %s %s", a->number, a->title,
		    a->completion_form ? a->completion_form : "", a->executors_text,
		    a->deadline_text);
	/* the executor names without letter spacing, as they are searched */
	for (size_t i = 0; i < a->executors.n; i++)
		jp_buf_addf(b, " %s", a->executors.items[i].agency);
	return jp_store__search_fold(b);
}

static int put_plan(jp_store *st, const struct jp_plan *p, const char *doc,
		    bool builtin, struct jp_error *err)
{
	struct jp_stmt *ins_plan = NULL, *ins_act = NULL, *ins_ex = NULL,
		     *ins_due = NULL, *ins_fts = NULL, *del = NULL;
	struct jp_buf body = JP_BUF_INIT, words = JP_BUF_INIT;
	char hash[17], date[JP_DATE_BUFSZ], now[32];
	time_t t = time(NULL);
	struct tm tm;
	int rc;

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(hash, sizeof(hash), "%016llx",
		 (unsigned long long)jp_store_hash(doc, strlen(doc)));
	if ((rc = jp_store__prepare(st, &del, st->db->ops->search_delete_sql, err)) < 0)
		goto done;
	jp_stmt_text(del, 1, p->id);
	if ((rc = jp_store__step_done(st, del, err)) < 0)
		goto done;
	jp_stmt_finalize(del);
	del = NULL;
	/* executors, due dates and activities go with the plan (cascade) */
	if ((rc = jp_store__prepare(st, &del, "DELETE FROM plan WHERE id = ?1", err)) < 0)
		goto done;
	jp_stmt_text(del, 1, p->id);
	if ((rc = jp_store__step_done(st, del, err)) < 0)
		goto done;
	if ((rc = jp_store__prepare(st, &ins_plan,
			  "INSERT INTO plan(id, number, title, approved, doc, doc_hash, builtin, loaded_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err)) < 0 ||
	    (rc = jp_store__prepare(st, &ins_act,
			  "INSERT INTO activity(plan_id, idx, number, direction, title,"
			  " completion_form, executors, deadline)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err)) < 0 ||
	    (rc = jp_store__prepare(st, &ins_ex,
			  "INSERT INTO executor(plan_id, idx, pos, agency, agency_folded, lead, by_agreement)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err)) < 0 ||
	    (rc = jp_store__prepare(st, &ins_due,
			  "INSERT INTO due(plan_id, idx, date, label) VALUES (?1, ?2, ?3, ?4)"
			  " ON CONFLICT DO NOTHING",
			  err)) < 0 ||
	    (rc = jp_store__prepare(st, &ins_fts, st->db->ops->search_put_sql, err)) < 0)
		goto done;
	jp_stmt_text(ins_plan, 1, p->id);
	jp_stmt_text(ins_plan, 2, p->number);
	jp_stmt_text(ins_plan, 3, p->title);
	jp_stmt_text(ins_plan, 4, jp_date_format(p->approved, date));
	jp_stmt_text(ins_plan, 5, doc);
	jp_stmt_text(ins_plan, 6, hash);
	jp_stmt_int64(ins_plan, 7, builtin);
	jp_stmt_text(ins_plan, 8, now);
	if ((rc = jp_store__step_done(st, ins_plan, err)) < 0)
		goto done;
	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];

		jp_stmt_text(ins_act, 1, p->id);
		jp_stmt_int64(ins_act, 2, i);
		jp_stmt_text(ins_act, 3, a->number);
		jp_stmt_text(ins_act, 4, a->direction);
		jp_stmt_text(ins_act, 5, a->title);
		jp_stmt_text(ins_act, 6, a->completion_form);
		jp_stmt_text(ins_act, 7, a->executors_text);
		jp_stmt_text(ins_act, 8, a->deadline_text);
		if ((rc = jp_store__step_done(st, ins_act, err)) < 0)
			goto done;
		for (size_t j = 0; j < a->executors.n; j++) {
			const struct jp_executor *e = &a->executors.items[j];
			char *folded = jp_text_fold(e->agency);

			if (!folded) {
				rc = jp_error_set(err, JP_ERROR, "out of memory");
				goto done;
			}
			jp_stmt_text(ins_ex, 1, p->id);
			jp_stmt_int64(ins_ex, 2, i);
			jp_stmt_int64(ins_ex, 3, j);
			jp_stmt_text(ins_ex, 4, e->agency);
			jp_stmt_text(ins_ex, 5, folded);
			jp_stmt_int64(ins_ex, 6, e->lead);
			jp_stmt_int64(ins_ex, 7, e->by_agreement);
			jp_free(folded);
			if ((rc = jp_store__step_done(st, ins_ex, err)) < 0)
				goto done;
		}
		for (size_t j = 0; j < a->deadline.ndue; j++) {
			jp_stmt_text(ins_due, 1, p->id);
			jp_stmt_int64(ins_due, 2, i);
			jp_stmt_text(ins_due, 3, jp_date_format(a->deadline.due[j].date, date));
			jp_stmt_text(ins_due, 4, a->deadline.due[j].label);
			if ((rc = jp_store__step_done(st, ins_due, err)) < 0)
				goto done;
		}
		if (fts_body(a, &body) < 0 || jp_store__search_words(body.ptr, &words) < 0) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
			goto done;
		}
		jp_stmt_text(ins_fts, 1, p->id);
		jp_stmt_int64(ins_fts, 2, i);
		jp_stmt_text(ins_fts, 3, body.ptr);
		jp_stmt_text(ins_fts, 4, words.ptr);
		if ((rc = jp_store__step_done(st, ins_fts, err)) < 0)
			goto done;
	}
done:
	jp_stmt_finalize(del);
	jp_stmt_finalize(ins_plan);
	jp_stmt_finalize(ins_act);
	jp_stmt_finalize(ins_ex);
	jp_stmt_finalize(ins_due);
	jp_stmt_finalize(ins_fts);
	jp_buf_release(&body);
	jp_buf_release(&words);
	return rc;
}

int jp_store_put_plan(jp_store *st, const struct jp_plan *plan,
		      const char *doc, bool builtin, struct jp_error *err)
{
	int rc;

	/* a savepoint: atomic alone, and part of a caller's transaction */
	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	rc = put_plan(st, plan, doc, builtin, err);
	return jp_store__release(st, rc, err);
}

int jp_store_get_plan_doc(jp_store *st, const char *id, char **doc_out,
			  uint64_t *hash_out, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT doc, doc_hash FROM plan WHERE id = ?1", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, id);
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW) {
		char *doc = jp_strdup(jp_col_text(s, 0));

		if (!doc) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
		} else {
			if (hash_out)
				*hash_out = strtoull(jp_col_text(s, 1),
						     NULL, 16);
			*doc_out = doc;
			rc = 0;
		}
	} else if (rc == JP_DB_DONE) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no plan '%s' in the database", id);
	} else {
		rc = jp_store__db_error(st, err, "cannot read plan");
	}
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_get_plan_image(jp_store *st, const char *id, const char *key,
			    void **image_out, size_t *len_out, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT image FROM plan_image_row"
			  " WHERE plan_id = ?1 AND key = ?2 AND chunk = -1", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, id);
	jp_stmt_text(s, 2, key);
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW) {
		size_t n;
		const void *blob = jp_col_blob(s, 0, &n);
		void *copy = jp_malloc(n ? n : 1);

		if (!copy) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
		} else {
			if (n)
				memcpy(copy, blob, n);
			*image_out = copy;
			*len_out = n;
			rc = 0;
		}
	} else if (rc == JP_DB_DONE) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no image of plan '%s'", id);
	} else {
		rc = jp_store__db_error(st, err, "cannot read the plan image");
	}
	jp_stmt_finalize(s);
	return rc;
}

static int put_image_parts(jp_store *st, const char *id, const char *key,
			   const struct jp_store_image *im, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	int rc;

	/* what an earlier image under the key left */
	if ((rc = jp_store__prepare(st, &s, "DELETE FROM plan_image WHERE plan_id = ?1"
			  " AND key = ?2", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, id);
	jp_stmt_text(s, 2, key);
	rc = jp_store__step_done(st, s, err);
	jp_stmt_finalize(s);
	s = NULL;
	/* the head is the row before the first chunk: one statement reads all */
	if (rc < 0 || (rc = jp_store__prepare(st, &s, "INSERT INTO plan_image(plan_id, key,"
			  " image, made_at) VALUES (?1, ?2, ?3, ?4)", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, id);
	jp_stmt_text(s, 2, key);
	jp_stmt_blob(s, 3, "", 0);
	jp_stmt_int64(s, 4, (int64_t)time(NULL));
	rc = jp_store__step_done(st, s, err);
	jp_stmt_finalize(s);
	s = NULL;
	if (rc < 0 || (rc = jp_store__prepare(st, &s, "INSERT INTO plan_image_row(plan_id, key,"
			  " chunk, image) VALUES (?1, ?2, ?3, ?4)", err)) < 0)
		return rc;
	for (size_t c = 0; c <= im->nchunks && rc == 0; c++) {
		jp_stmt_rewind(s);
		jp_stmt_text(s, 1, id);
		jp_stmt_text(s, 2, key);
		jp_stmt_int64(s, 3, (int64_t)c - 1);
		if (c)
			jp_stmt_blob(s, 4, im->chunk[c - 1], im->chunk_len[c - 1]);
		else
			jp_stmt_blob(s, 4, im->head, im->head_len);
		rc = jp_store__step_done(st, s, err);
	}
	jp_stmt_finalize(s);
	s = NULL;
	if (rc < 0 || (rc = jp_store__prepare(st, &s, "INSERT INTO plan_image_find(plan_id, key,"
			  " kind, name, idx) VALUES (?1, ?2, ?3, ?4, ?5)", err)) < 0)
		return rc;
	for (size_t i = 0; i < im->nfind && rc == 0; i++) {
		jp_stmt_rewind(s);
		jp_stmt_text(s, 1, id);
		jp_stmt_text(s, 2, key);
		jp_stmt_int64(s, 3, im->find[i].kind);
		jp_stmt_text(s, 4, im->find[i].name);
		jp_stmt_int64(s, 5, im->find[i].idx);
		rc = jp_store__step_done(st, s, err);
	}
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_put_plan_image(jp_store *st, const char *id, const char *key,
			    const struct jp_store_image *im, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	int rc;

	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	if ((rc = put_image_parts(st, id, key, im, err)) < 0)
		goto done;
	/* the newest few stay: dates between amendments share one image (the
	 * rows and look-ups of the others go with them) */
	if ((rc = jp_store__prepare(st, &s, "DELETE FROM plan_image WHERE plan_id = ?1 AND id"
			  " NOT IN (SELECT id FROM plan_image WHERE plan_id = ?1"
			  " ORDER BY made_at DESC, id DESC LIMIT ?2)", err)) < 0)
		goto done;
	jp_stmt_text(s, 1, id);
	jp_stmt_int64(s, 2, JP_STORE_PLAN_IMAGES);
	rc = jp_store__step_done(st, s, err);
done:
	jp_stmt_finalize(s);
	return jp_store__release(st, rc, err);
}

int jp_store_get_plan_image_rows(jp_store *st, const char *id, const char *key,
				 const size_t *chunks, size_t n,
				 int (*fn)(void *payload, int64_t chunk, const void *blob, size_t len),
				 void *payload, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT chunk, image FROM plan_image_row"
			  " WHERE plan_id = ?1 AND key = ?2 AND chunk BETWEEN ?3 AND ?4"
			  " ORDER BY chunk", err)) < 0)
		return rc;
	/* the head, then every chunk or those asked for */
	for (size_t i = 0; rc == 0 && i <= (chunks ? n : 1); i++) {
		int64_t lo = i ? (chunks ? (int64_t)chunks[i - 1] : 0) : -1;

		jp_stmt_rewind(s);
		jp_stmt_text(s, 1, id);
		jp_stmt_text(s, 2, key);
		jp_stmt_int64(s, 3, lo);
		jp_stmt_int64(s, 4, i && !chunks ? INT64_MAX : lo);
		while (rc == 0) {
			int r = jp_stmt_step(s);
			const void *blob;
			size_t len;

			if (r == JP_DB_DONE)
				break;
			if (r != JP_DB_ROW) {
				rc = jp_store__db_error(st, err, "cannot read the plan image");
				break;
			}
			blob = jp_col_blob(s, 1, &len);
			rc = fn(payload, jp_col_int64(s, 0), blob, len);
		}
	}
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_find_plan_image(jp_store *st, const char *id, const char *key, int kind,
			     const char *name, size_t **idx_out, size_t *n_out,
			     struct jp_error *err)
{
	struct jp_stmt *s;
	size_t *v = NULL, n = 0, cap = 0;
	bool oom = false;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT idx FROM plan_image_find WHERE plan_id = ?1"
			  " AND key = ?2 AND kind = ?3 AND name = ?4 ORDER BY idx", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, id);
	jp_stmt_text(s, 2, key);
	jp_stmt_int64(s, 3, kind);
	jp_stmt_text(s, 4, name);
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW) {
		if (n == cap) {
			size_t *nv = jp_reallocarray(v, cap = cap ? cap * 2 : 16, sizeof(*v));

			if (!nv) {
				oom = true;
				break;
			}
			v = nv;
		}
		v[n++] = (size_t)jp_col_int64(s, 0);
	}
	if (!oom && rc == JP_DB_DONE) {
		*idx_out = v;
		*n_out = n;
		rc = 0;
	} else {
		jp_free(v);
		rc = oom ? jp_error_set(err, JP_ERROR, "out of memory")
					: jp_store__db_error(st, err, "cannot read the plan image");
	}
	jp_stmt_finalize(s);
	return rc;
}

bool jp_store_has_plan(jp_store *st, const char *id)
{
	struct jp_stmt *s;
	bool has;

	if (jp_store__prepare(st, &s, "SELECT 1 FROM plan WHERE id = ?1", NULL) < 0)
		return false;
	jp_stmt_text(s, 1, id);
	has = jp_stmt_step(s) == JP_DB_ROW;
	jp_stmt_finalize(s);
	return has;
}

int jp_store_get_current(jp_store *st, char **id_out, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT value FROM setting WHERE key = 'current_plan'",
			  err)) < 0)
		return rc;
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW) {
		*id_out = jp_strdup(jp_col_text(s, 0));
		rc = *id_out ? 0 : jp_error_set(err, JP_ERROR, "out of memory");
	} else if (rc == JP_DB_DONE) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no current plan");
	} else {
		rc = jp_store__db_error(st, err, "cannot read settings");
	}
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_set_current(jp_store *st, const char *id, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if (!jp_store_has_plan(st, id))
		return jp_error_set(err, JP_ENOTFOUND, "no plan '%s' in the database", id);
	if ((rc = jp_store__prepare(st, &s, "INSERT INTO setting(key, value) VALUES ('current_plan', ?1)"
			  " ON CONFLICT(key) DO UPDATE SET value = excluded.value", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, id);
	rc = jp_store__step_done(st, s, err);
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_list_plans(jp_store *st,
			int (*cb)(const struct jp_plan_info *info, void *payload),
			void *payload, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s,
			  "SELECT p.id, p.number, p.title, p.loaded_at, p.builtin,"
			  " (SELECT count(*) FROM activity a WHERE a.plan_id = p.id)"
			  " FROM plan p ORDER BY p.id", err)) < 0)
		return rc;
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW) {
		struct jp_plan_info info = {
			jp_col_text(s, 0),
			jp_col_text(s, 1),
			jp_col_text(s, 2),
			jp_col_text(s, 3),
			jp_col_int(s, 4) != 0,
			jp_col_int(s, 5),
		};

		if (cb(&info, payload) < 0)
			break;
	}
	rc = (rc == JP_DB_ROW || rc == JP_DB_DONE) ? 0 : jp_store__db_error(st, err, "cannot list plans");
	jp_stmt_finalize(s);
	return rc;
}

/* The words of the query, case-folded, each a string of its own
 * (*words_out and its strings are the caller's: free_words). */
static void free_words(char **words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		jp_free(words[i]);
	jp_free(words);
}

static int query_words(const char *query, char ***words_out, size_t *n_out)
{
	char *folded = jp_text_fold(query), **words = NULL;
	const char *p = folded, *w;
	size_t n = 0, cap = 0, len;

	if (!folded)
		return JP_ERROR;
	while ((w = next_word(&p, &len))) {
		char **nw = jp_array_grow(words, n, &cap, sizeof(*words));

		if (!nw || !(nw[n] = jp_strndup(w, len))) {
			free_words(nw ? nw : words, n);
			jp_free(folded);
			return JP_ERROR;
		}
		words = nw;
		n++;
	}
	jp_free(folded);
	*words_out = words;
	*n_out = n;
	return 0;
}

int jp_store_search(jp_store *st, const char *id, const char *query,
		    size_t **idx_out, size_t *n_out, struct jp_error *err)
{
	const struct jp_db_ops *ops = st->db->ops;
	struct jp_buf sql = JP_BUF_INIT, scratch = JP_BUF_INIT;
	struct jp_stmt *s = NULL;
	char **words = NULL;
	size_t *idx = NULL, n = 0, cap = 0, nwords = 0;
	int rc;

	if (query_words(query, &words, &nwords) < 0) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto done;
	}
	if (nwords == 0) {
		rc = jp_error_set(err, JP_EINVALID, "search text '%s' has no words", query);
		goto done;
	}
	if (ops->search_sql(&sql, nwords) < 0) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto done;
	}
	if ((rc = jp_store__prepare(st, &s, sql.ptr, err)) < 0)
		goto done;
	jp_stmt_text(s, 1, id);
	if (ops->search_bind(s, words, nwords, &scratch) < 0) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto done;
	}
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW) {
		size_t *p = jp_array_grow(idx, n, &cap, sizeof(*idx));

		if (!p) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
			goto done;
		}
		idx = p;
		idx[n++] = (size_t)jp_col_int64(s, 0);
	}
	if (rc != JP_DB_DONE) {
		rc = jp_store__db_error(st, err, "search failed");
		goto done;
	}
	*idx_out = idx;
	*n_out = n;
	idx = NULL;
	rc = 0;
done:
	jp_stmt_finalize(s);
	jp_free(idx);
	free_words(words, nwords);
	jp_buf_release(&sql);
	jp_buf_release(&scratch);
	return rc;
}

int jp_store_begin(jp_store *st, struct jp_error *err)
{
	return exec(st, st->db->ops->begin_sql, err);
}

int jp_store_commit(jp_store *st, struct jp_error *err)
{
	return exec(st, "COMMIT", err);
}

void jp_store_rollback(jp_store *st)
{
	exec(st, "ROLLBACK", NULL);
}

int jp_store_tx_begin(jp_store *st, bool *owned, struct jp_error *err)
{
	*owned = !st->db->ops->in_tx(st->db);
	/* outermost: take the write lock now, so a read-then-write cannot
	 * fail half way on a concurrent writer; inside: a savepoint */
	return *owned ? exec(st, st->db->ops->begin_sql, err)
		      : exec_cached(st, "SAVEPOINT jp_tx", err);
}

int jp_store_tx_end(jp_store *st, bool owned, bool keep, struct jp_error *err)
{
	if (keep) {
		int rc = owned ? exec(st, "COMMIT", err) : exec_cached(st, "RELEASE jp_tx", err);

		if (rc < 0 && owned)   /* a failed commit leaves nothing open */
			exec(st, "ROLLBACK", NULL);
		return rc;
	}
	if (owned) {
		exec(st, "ROLLBACK", NULL);
	} else {
		exec_cached(st, "ROLLBACK TO jp_tx", NULL);
		exec_cached(st, "RELEASE jp_tx", NULL);
	}
	return 0;
}

void jp_store__now(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A savepoint makes each add_* atomic alone and nestable in a transaction. */
static int exec_cached(jp_store *st, const char *sql, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__cached(st, &s, sql, err)) < 0)
		return rc;
	if (jp_stmt_step(s) != JP_DB_DONE)
		rc = jp_error_set(err, JP_ERROR, "database '%s': %s", st->db->target,
				  jp_db_errmsg(st->db));
	jp_stmt_reset(s);
	return rc;
}

/*
 * Outside a transaction the unit is a transaction of its own (PostgreSQL
 * has no savepoint outside one); inside, a savepoint.  Units nest: which
 * of them began a transaction is a bit in st->unit_owned.
 */
int jp_store__savepoint(jp_store *st, struct jp_error *err)
{
	bool owned = !st->db->ops->in_tx(st->db);
	int rc;

	if (st->units >= 64)
		return jp_error_set(err, JP_ERROR, "writes nested too deep");
	rc = owned ? exec(st, st->db->ops->begin_sql, err)
		   : exec_cached(st, "SAVEPOINT jp_write", err);
	if (rc < 0)
		return rc;
	st->unit_owned = (st->unit_owned << 1) | owned;
	st->units++;
	return 0;
}

int jp_store__release(jp_store *st, int rc, struct jp_error *err)
{
	bool owned = st->unit_owned & 1;

	assert(st->units > 0);
	st->unit_owned >>= 1;
	st->units--;
	if (owned) {
		if (rc == 0 && (rc = exec(st, "COMMIT", err)) == 0)
			return 0;
		if (st->db->ops->in_tx(st->db))
			exec(st, "ROLLBACK", NULL);
		return rc;
	}
	if (rc < 0) {
		exec(st, "ROLLBACK TO jp_write", NULL);
		exec(st, "RELEASE jp_write", NULL);
		return rc;
	}
	return exec_cached(st, "RELEASE jp_write", err);
}

int jp_store_set_cache(jp_store *st, size_t kib, struct jp_error *err)
{
	if (st->db->ops->set_cache(st->db, kib) < 0)
		return jp_store__db_error(st, err, "cannot set the page cache");
	return 0;
}

int jp_store_reports_exist(jp_store *st, const char *plan_id, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	int rc;

	if ((rc = jp_store__cached(st, &s, "SELECT 1 FROM report WHERE plan_id = ?1 LIMIT 1",
				   err)) < 0)
		return rc;
	jp_stmt_text(s, 1, plan_id);
	rc = jp_stmt_step(s);
	rc = rc == JP_DB_ROW ? 1 : rc == JP_DB_DONE ? 0 :
	     jp_store__db_error(st, err, "cannot read the reports");
	jp_stmt_reset(s);
	return rc;
}

int jp_store_savepoint_begin(jp_store *st, struct jp_error *err)
{
	assert(st->db->ops->in_tx(st->db));
	return exec_cached(st, "SAVEPOINT jp_request", err);
}

int jp_store_savepoint_end(jp_store *st, bool keep, struct jp_error *err)
{
	int rc = 0;

	if (keep && (rc = exec_cached(st, "RELEASE jp_request", err)) == 0)
		return 0;
	/* undone, or a release that failed: nothing of it stays */
	if (st->db->ops->in_tx(st->db)) {
		exec_cached(st, "ROLLBACK TO jp_request", NULL);
		exec_cached(st, "RELEASE jp_request", NULL);
	}
	return rc;
}

bool jp_store_in_tx(jp_store *st)
{
	return st->db->ops->in_tx(st->db);
}

int jp_store_add_reports(jp_store *st, const char *plan_id,
			 struct jp_report *reports, size_t n, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	char now[32], due[JP_DATE_BUFSZ], made[JP_DATE_BUFSZ];
	bool checks_off = false;
	int rc;

	if (!n)
		return 0;
	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	jp_store__now(now, sizeof(now));
	/* a large batch lets the engine skip per-row work (the driver's
	 * bulk: SQLite's CHECK on the status, which is always
	 * jp_report_status_name()'s here); a small one is not worth the
	 * statements it prepares again */
	if (n >= 64) {
		if (st->db->ops->bulk(st->db, true) < 0) {
			rc = jp_store__db_error(st, err, "cannot write");
			goto done;
		}
		checks_off = true;
	}
	if ((rc = jp_store__cached(st, &s,
			  "INSERT INTO report(plan_id, activity, due, agency, status, text,"
			  " evidence, spent, made, by, recorded_at, synthetic, late_reason)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
			  " RETURNING id", err)) < 0)
		goto done;
	/* the strings outlive each step; the statement is reset (its
	 * bindings cleared) before this returns */
	jp_stmt_text_static(s, 1, plan_id);
	jp_stmt_text_static(s, 11, now);
	for (size_t i = 0; i < n; i++) {
		struct jp_report *r = &reports[i];

		jp_stmt_text_static(s, 2, r->activity);
		jp_stmt_text_static(s, 3, jp_date_format(r->due, due));
		jp_stmt_text_static(s, 4, r->agency);
		jp_stmt_text_static(s, 5, jp_report_status_name(r->status));
		jp_stmt_text_static(s, 6, r->text);
		jp_stmt_text_static(s, 7, r->evidence);
		if (r->has_spent)
			jp_stmt_int64(s, 8, r->spent);
		else
			jp_stmt_null(s, 8);
		jp_stmt_text_static(s, 9, jp_date_format(r->made, made));
		jp_stmt_text_static(s, 10, r->by);
		jp_stmt_int64(s, 12, r->synthetic);
		jp_stmt_text_static(s, 13, r->late_reason);
		if (jp_stmt_step(s) != JP_DB_ROW) {
			rc = jp_store__db_error(st, err, "cannot write");
			goto done;
		}
		r->id = jp_col_int64(s, 0);
		if (jp_stmt_step(s) != JP_DB_DONE) {
			rc = jp_store__db_error(st, err, "cannot write");
			goto done;
		}
		jp_stmt_rewind(s);
	}
	/* the data version moves once for the batch (migration 8) */
	rc = exec_cached(st, "UPDATE data_version SET n = n + 1 WHERE id = 1", err);
done:
	if (s)
		jp_stmt_reset(s);
	if (checks_off && st->db->ops->bulk(st->db, false) < 0 && rc == 0)
		rc = jp_store__db_error(st, err, "cannot write");
	return jp_store__release(st, rc, err);
}

int jp_store_add_review(jp_store *st, struct jp_review *rv, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	char now[32], date[JP_DATE_BUFSZ];
	int rc;

	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	jp_store__now(now, sizeof(now));
	if ((rc = jp_store__prepare(st, &s, "SELECT 1 FROM report WHERE id = ?1", err)) < 0)
		goto done;
	jp_stmt_int64(s, 1, rv->report);
	if (jp_stmt_step(s) != JP_DB_ROW) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no report %lld", (long long)rv->report);
		goto done;
	}
	jp_stmt_finalize(s);
	s = NULL;
	if ((rc = jp_store__prepare(st, &s, "INSERT INTO review(report, action, reason, date, by,"
			  " recorded_at, synthetic) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
			  err)) < 0)
		goto done;
	jp_stmt_int64(s, 1, rv->report);
	jp_stmt_text(s, 2, jp_review_action_name(rv->action));
	jp_stmt_text(s, 3, rv->reason);
	jp_stmt_text(s, 4, jp_date_format(rv->date, date));
	jp_stmt_text(s, 5, rv->by);
	jp_stmt_text(s, 6, now);
	jp_stmt_int64(s, 7, rv->synthetic);
	if ((rv->id = jp_store__insert_id(st, s, err)) < 0)
		rc = JP_ERROR;
done:
	jp_stmt_finalize(s);
	return jp_store__release(st, rc, err);
}

int jp_store_add_actual(jp_store *st, const char *plan_id, struct jp_actual *a,
			struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	char date[JP_DATE_BUFSZ];
	int rc;

	if ((rc = jp_store__prepare(st, &s, "INSERT INTO indicator_actual(plan_id, indicator, year,"
			  " target, value, source, date, by, synthetic)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, plan_id);
	jp_stmt_text(s, 2, a->indicator);
	jp_stmt_int64(s, 3, a->year);
	jp_stmt_int64(s, 4, a->target);
	jp_stmt_text(s, 5, a->value);
	jp_stmt_text(s, 6, a->source);
	jp_stmt_text(s, 7, jp_date_format(a->date, date));
	jp_stmt_text(s, 8, a->by);
	jp_stmt_int64(s, 9, a->synthetic);
	rc = (a->id = jp_store__insert_id(st, s, err)) < 0 ? JP_ERROR : 0;
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_add_revision(jp_store *st, const char *plan_id,
			  struct jp_revision *r, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	char date[JP_DATE_BUFSZ];
	int rc;

	if ((rc = jp_store__prepare(st, &s, "INSERT INTO indicator_revision(plan_id, indicator, target,"
			  " value, reason, date, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
			  err)) < 0)
		return rc;
	jp_stmt_text(s, 1, plan_id);
	jp_stmt_text(s, 2, r->indicator);
	jp_stmt_int64(s, 3, r->target);
	jp_stmt_text(s, 4, r->value);
	jp_stmt_text(s, 5, r->reason);
	jp_stmt_text(s, 6, jp_date_format(r->date, date));
	jp_stmt_text(s, 7, r->by);
	rc = (r->id = jp_store__insert_id(st, s, err)) < 0 ? JP_ERROR : 0;
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_delete_synthetic(jp_store *st, const char *plan_id,
			      struct jp_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM review WHERE report IN (SELECT id FROM report"
		" WHERE plan_id = ?1 AND synthetic = 1)",
		"DELETE FROM review WHERE synthetic = 1 AND report IN"
		" (SELECT id FROM report WHERE plan_id = ?1)",
		"DELETE FROM report WHERE plan_id = ?1 AND synthetic = 1",
		"DELETE FROM indicator_actual WHERE plan_id = ?1 AND synthetic = 1",
	};
	int rc;

	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	for (size_t i = 0; i < JP_ARRAY_LEN(sql) && rc == 0; i++) {
		struct jp_stmt *s;

		if ((rc = jp_store__prepare(st, &s, sql[i], err)) < 0)
			break;
		jp_stmt_text(s, 1, plan_id);
		rc = jp_store__step_done(st, s, err);
		jp_stmt_finalize(s);
	}
	return jp_store__release(st, rc, err);
}

static const char *col_dup(struct jp_arena *a, struct jp_stmt *s, int i, bool *oom)
{
	const char *v = jp_col_text(s, i);
	char *d;

	if (!v)
		return NULL;
	d = jp_arena_strndup(a, v, (size_t)jp_col_bytes(s, i));
	if (!d)
		*oom = true;
	return d;
}

static struct jp_date col_date(struct jp_stmt *s, int i)
{
	struct jp_date d = { 0, 0, 0 };
	const char *v = jp_col_text(s, i);

	if (v)
		jp_date_parse(&d, v, NULL);
	return d;
}

#define REPORT_COLS "id, activity, due, agency, status, text, evidence, spent, made, by," \
		    " recorded_at, synthetic, late_reason"
/* the same columns for the narrow reads: the texts are not read at all */
#define REPORT_MONEY_COLS "id, activity, due, agency, status, spent, made, recorded_at, synthetic"
#define REVIEW_COLS "v.id, v.report, v.action, v.reason, v.date, v.by, v.recorded_at," \
		    " v.synthetic"

/*
 * The strings of one history read, each distinct value copied once into
 * the history's arena: 100k reports name a few thousand activities, a few
 * dozen agencies, one author and one recording time per import.  Open
 * addressing on the text's hash; the table itself is the reader's.
 */
#define INTERN_COLS 16

struct intern {
	struct jp_arena *arena;
	const char **str;
	uint64_t *hash;
	size_t cap, n;
	bool copy;        /* no table: every string copied (one row read alone) */
	/* the value last read from each column: a recording time or an
	 * author repeats row after row, and a byte compare is cheaper than a
	 * hash */
	const char *last[INTERN_COLS];
	size_t last_len[INTERN_COLS];
};

static void intern_release(struct intern *t)
{
	jp_free(t->str);
	jp_free(t->hash);
	memset(t, 0, sizeof(*t));
}

/* Doubles the table (from nothing: 1024 slots); 0 or JP_ERROR. */
static int intern_grow(struct intern *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024;
	const char **str = jp_calloc(cap, sizeof(*str));
	uint64_t *hash = jp_calloc(cap, sizeof(*hash));

	if (!str || !hash) {
		jp_free(str);
		jp_free(hash);
		return JP_ERROR;
	}
	for (size_t i = 0; i < t->cap; i++) {
		size_t j;

		if (!t->str[i])
			continue;
		for (j = (size_t)t->hash[i] & (cap - 1); str[j]; j = (j + 1) & (cap - 1))
			;
		str[j] = t->str[i];
		hash[j] = t->hash[i];
	}
	jp_free(t->str);
	jp_free(t->hash);
	t->str = str;
	t->hash = hash;
	t->cap = cap;
	return 0;
}

/* The one copy of v[0..len) (no NUL inside); NULL when out of memory. */
static const char *intern_get(struct intern *t, const char *v, size_t len)
{
	uint64_t h;
	size_t i;

	if (t->copy)
		return jp_arena_strndup(t->arena, v, len);
	h = jp_hash(JP_HASH_INIT, v, len);
	if (2 * (t->n + 1) > t->cap && intern_grow(t) < 0)
		return NULL;
	for (i = (size_t)h & (t->cap - 1); t->str[i]; i = (i + 1) & (t->cap - 1))
		if (t->hash[i] == h && !memcmp(t->str[i], v, len) && !t->str[i][len])
			return t->str[i];
	if (!(t->str[i] = jp_arena_strndup(t->arena, v, len)))
		return NULL;
	t->hash[i] = h;
	t->n++;
	return t->str[i];
}

/* Column i as an interned string (NULL stays NULL). */
static const char *col_intern(struct intern *t, struct jp_stmt *s, int i, bool *oom)
{
	const char *v = jp_col_text(s, i), *d;
	size_t len;

	if (!v)
		return NULL;
	len = (size_t)jp_col_bytes(s, i);
	if (!t->copy && i < INTERN_COLS && t->last[i] && t->last_len[i] == len &&
	    !memcmp(t->last[i], v, len))
		return t->last[i];
	d = intern_get(t, v, len);
	if (!d) {
		*oom = true;
	} else if (!t->copy && i < INTERN_COLS) {
		t->last[i] = d;
		t->last_len[i] = len;
	}
	return d;
}

/* Column i copied as it is (a text of its own: not worth a table slot). */
/* One row of REPORT_COLS into *r, its strings in
 * `t` (texts copied into t->arena). */
static void read_report_in(struct jp_stmt *s, struct intern *t, struct jp_report *r, bool *oom)
{
	memset(r, 0, sizeof(*r));
	r->id = jp_col_int64(s, 0);
	r->activity = col_intern(t, s, 1, oom);
	r->due = col_date(s, 2);
	r->agency = col_intern(t, s, 3, oom);
	r->status = (enum jp_report_status)jp_report_status_parse(
		jp_col_text(s, 4));
	r->text = col_dup(t->arena, s, 5, oom);
	r->evidence = col_intern(t, s, 6, oom);
	r->has_spent = !jp_col_null(s, 7);
	r->spent = r->has_spent ? jp_col_int64(s, 7) : 0;
	r->made = col_date(s, 8);
	r->by = col_intern(t, s, 9, oom);
	r->recorded_at = col_intern(t, s, 10, oom);
	r->synthetic = jp_col_int(s, 11) != 0;
	r->late_reason = col_intern(t, s, 12, oom);
}

/* One row of REPORT_MONEY_COLS into *r, its strings in `t`: only the
 * columns the narrow reads name are asked of SQLite (each costs a call). */
static void read_report_narrow(struct jp_stmt *s, struct intern *t, struct jp_report *r,
			       bool *oom)
{
	memset(r, 0, sizeof(*r));
	r->id = jp_col_int64(s, 0);
	r->activity = col_intern(t, s, 1, oom);
	r->due = col_date(s, 2);
	r->agency = col_intern(t, s, 3, oom);
	r->status = (enum jp_report_status)jp_report_status_parse(
		jp_col_text(s, 4));
	r->has_spent = !jp_col_null(s, 5);
	r->spent = r->has_spent ? jp_col_int64(s, 5) : 0;
	r->made = col_date(s, 6);
	r->recorded_at = col_intern(t, s, 7, oom);
	r->synthetic = jp_col_int(s, 8) != 0;
}

/* One row of REPORT_COLS into *r, its strings copied into `arena`. */
static void read_report(struct jp_stmt *s, struct jp_arena *arena, struct jp_report *r, bool *oom)
{
	struct intern copy = { arena, NULL, NULL, 0, 0, true };

	read_report_in(s, &copy, r, oom);
}

/* One row of REVIEW_COLS into *v, its strings in `t`: a reason is a text of
 * its own. */
static void read_review_in(struct jp_stmt *s, struct intern *t, struct jp_review *v, bool *oom)
{
	int action = jp_review_action_parse(jp_col_text(s, 2));

	memset(v, 0, sizeof(*v));
	v->id = jp_col_int64(s, 0);
	v->report = jp_col_int64(s, 1);
	v->action = action < 0 ? JP_REVIEW_RETURN : (enum jp_review_action)action;
	v->reason = col_dup(t->arena, s, 3, oom);
	v->date = col_date(s, 4);
	v->by = col_intern(t, s, 5, oom);
	v->recorded_at = col_dup(t->arena, s, 6, oom);
	v->synthetic = jp_col_int(s, 7) != 0;
}

/* The same, its strings copied into `arena` (one review read alone). */
static void read_review(struct jp_stmt *s, struct jp_arena *arena, struct jp_review *v, bool *oom)
{
	struct intern copy = { arena, NULL, NULL, 0, 0, true };

	read_review_in(s, &copy, v, oom);
}

int jp_store_report_get(jp_store *st, int64_t id, struct jp_arena *arena,
			struct jp_report *out, char plan_id[128], struct jp_review **reviews,
			size_t *nreviews, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	struct jp_review *v = NULL;
	size_t n = 0, cap = 0;
	bool oom = false;
	int rc;

	/* kept prepared: every report filed through the server reads itself back */
	if ((rc = jp_store__cached(st, &s, "SELECT " REPORT_COLS ", plan_id FROM report"
				   " WHERE id = ?1", err)) < 0)
		return rc;
	jp_stmt_int64(s, 1, id);
	rc = jp_stmt_step(s);
	if (rc != JP_DB_ROW) {
		rc = rc == JP_DB_DONE ? jp_error_set(err, JP_ENOTFOUND, "no report %lld", (long long)id)
				       : jp_store__db_error(st, err, "cannot read the report");
		goto done;
	}
	read_report(s, arena, out, &oom);
	if (plan_id)
		snprintf(plan_id, 128, "%s", jp_col_text(s, 13));
	jp_stmt_reset(s);
	s = NULL;
	if ((rc = jp_store__cached(st, &s, "SELECT " REVIEW_COLS " FROM review v"
				   " WHERE v.report = ?1 ORDER BY v.id", err)) < 0)
		goto done;
	jp_stmt_int64(s, 1, id);
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW && !oom) {
		v = jp_arena_grow(arena, v, n, &cap, sizeof(*v));
		if (!v) {
			oom = true;
			break;
		}
		read_review(s, arena, &v[n++], &oom);
	}
	rc = oom ? jp_error_set(err, JP_ERROR, "out of memory") :
	     rc != JP_DB_DONE ? jp_store__db_error(st, err, "cannot read the reviews") : 0;
	if (rc == 0 && reviews) {
		*reviews = v;
		*nreviews = n;
	}
done:
	if (s)
		jp_stmt_reset(s);
	return rc;
}

int jp_store_report_find_same(jp_store *st, const char *plan_id, const struct jp_report *r,
			      int64_t *id_out, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	char due[JP_DATE_BUFSZ], made[JP_DATE_BUFSZ];
	int rc;

	/* NULLs compare as equal: an absent text matches an absent text */
	if ((rc = jp_store__cached(st, &s, "SELECT id FROM report WHERE plan_id = ?1"
				    " AND activity = ?2 AND due = ?3 AND agency = ?4 AND status = ?5"
				    " AND text IS NOT DISTINCT FROM ?6 AND evidence IS NOT DISTINCT FROM ?7"
				    " AND spent IS NOT DISTINCT FROM CAST(?8 AS BIGINT) AND made = ?9"
				    " AND synthetic = 0 ORDER BY id LIMIT 1", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, plan_id);
	jp_stmt_text(s, 2, r->activity);
	jp_stmt_text(s, 3, jp_date_format(r->due, due));
	jp_stmt_text(s, 4, r->agency);
	jp_stmt_text(s, 5, jp_report_status_name(r->status));
	jp_stmt_text(s, 6, r->text);
	jp_stmt_text(s, 7, r->evidence);
	if (r->has_spent)
		jp_stmt_int64(s, 8, r->spent);
	else
		jp_stmt_null(s, 8);
	jp_stmt_text(s, 9, jp_date_format(r->made, made));
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW) {
		if (id_out)
			*id_out = jp_col_int64(s, 0);
		rc = 1;
	} else {
		rc = rc == JP_DB_DONE ? 0 : jp_store__db_error(st, err, "cannot read the reports");
	}
	jp_stmt_reset(s);
	return rc;
}

/*
 * The reports and the reviews a filter asks for: [kind][activity][made_by],
 * kind 0 the whole read, 1 money, 2 states.
 * Without an activity the plan's reports are read in id order from the
 * index on plan_id (no sort), the date tested on each row.
 */
#define REPORTS_SQL(cols, money) { \
	{ "SELECT " cols " FROM report WHERE plan_id = ?1" money " ORDER BY id", \
	  "SELECT " cols " FROM report INDEXED BY report_plan" \
	  " WHERE plan_id = ?1 AND made <= ?3" money " ORDER BY id" }, \
	{ "SELECT " cols " FROM report INDEXED BY report_occurrence" \
	  " WHERE plan_id = ?1 AND activity = ?2" money " ORDER BY id", \
	  "SELECT " cols " FROM report INDEXED BY report_occurrence" \
	  " WHERE plan_id = ?1 AND activity = ?2 AND made <= ?3" money " ORDER BY id" }, \
	{ "SELECT " cols " FROM report NOT INDEXED WHERE plan_id = ?1" money " ORDER BY id", \
	  "SELECT " cols " FROM report NOT INDEXED" \
	  " WHERE plan_id = ?1 AND made <= ?3" money " ORDER BY id" } }
/*
 * The money read skips the reports that give no amount.
 * NEEDSWORK: it still visits every report made by the date (about half
 * of budget --spent at 100k reports); answering as of any date in less
 * would take money kept on write (per occurrence, by date made), at the
 * import's cost.  The same holds for the states read.
 *
 * [where]: 0 the plan's index, 1 one activity's, 2 the table in id order.
 * When the plan's reports are all the table holds (one plan, the usual
 * case), the table is read straight through: the plan's index costs a
 * seek per row on top (status --json at 100x: 624 M -> 578 M
 * instructions, the same answer).
 */
enum { WHERE_PLAN, WHERE_ACTIVITY, WHERE_TABLE };
static const char *const reports_sql[3][3][2] = {
	REPORTS_SQL(REPORT_COLS, ""),
	REPORTS_SQL(REPORT_MONEY_COLS, " AND spent IS NOT NULL"),
	REPORTS_SQL(REPORT_MONEY_COLS, "")
};

/* Whether any report belongs to a plan other than `plan_id` (two seeks). */
static int other_plans_report(jp_store *st, const char *plan_id, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	int rc;

	if ((rc = jp_store__cached(st, &s, "SELECT 1 FROM report"
				    " WHERE plan_id < ?1 OR plan_id > ?1 LIMIT 1", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, plan_id);
	rc = jp_stmt_step(s);
	rc = rc == JP_DB_ROW ? 1
	     : rc == JP_DB_DONE ? 0 : jp_store__db_error(st, err, "cannot read the reports");
	jp_stmt_reset(s);
	return rc;
}

/* CROSS JOIN keeps the reviews outer: read in id order, no sort */
static const char *const reviews_sql[2][2] = {
	{ "SELECT " REVIEW_COLS " FROM review v CROSS JOIN report r ON r.id = v.report"
	  " WHERE r.plan_id = ?1 ORDER BY v.id",
	  "SELECT " REVIEW_COLS " FROM review v CROSS JOIN report r ON r.id = v.report"
	  " WHERE r.plan_id = ?1 AND r.made <= ?3 ORDER BY v.id" },
	{ "SELECT " REVIEW_COLS " FROM report r INDEXED BY report_occurrence"
	  " CROSS JOIN review v ON v.report = r.id"
	  " WHERE r.plan_id = ?1 AND r.activity = ?2 ORDER BY v.id",
	  "SELECT " REVIEW_COLS " FROM report r INDEXED BY report_occurrence"
	  " CROSS JOIN review v ON v.report = r.id"
	  " WHERE r.plan_id = ?1 AND r.activity = ?2 AND r.made <= ?3 ORDER BY v.id" },
};

static void bind_filter(struct jp_stmt *s, const char *plan_id,
			const struct jp_history_filter *f, char made[JP_DATE_BUFSZ])
{
	jp_stmt_text(s, 1, plan_id);
	if (f->activity)
		jp_stmt_text(s, 2, f->activity);
	if (f->made_by)
		jp_stmt_text(s, 3, made);
}

int jp_store_load_history(jp_store *st, const char *plan_id,
			  struct jp_history *out, struct jp_error *err)
{
	return jp_store_load_history_where(st, plan_id, NULL, out, err);
}

int jp_store_load_history_where(jp_store *st, const char *plan_id,
				const struct jp_history_filter *filter,
				struct jp_history *out, struct jp_error *err)
{
	static const struct jp_history_filter all = { NULL, false, { 0, 0, 0 }, false };
	const struct jp_history_filter *f = filter ? filter : &all;
	struct jp_history h = JP_HISTORY_INIT;
	struct intern strings = { NULL, NULL, NULL, 0, 0, false };
	char made[JP_DATE_BUFSZ];
	struct jp_stmt *s = NULL;
	size_t cap = 0;
	bool oom = false;
	int where, rc;

	jp_date_format(f->made_to, made);
	strings.arena = &h.arena;
	if (f->indicators)
		goto indicators;
	if (f->activity)
		where = WHERE_ACTIVITY;
	else if ((rc = other_plans_report(st, plan_id, err)) < 0)
		goto done;
	else
		where = rc ? WHERE_PLAN : WHERE_TABLE;
	if ((rc = jp_store__prepare(st, &s, reports_sql[f->money ? 1 : f->states ? 2 : 0]
							[where][f->made_by], err)) < 0)
		goto done;
	bind_filter(s, plan_id, f, made);
	/* the reports' array grows on the heap (realloc moves big blocks
	 * without copying), not in the arena, where each doubling would
	 * leave the old copy behind */
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW && !oom) {
		if (h.nreports == cap) {
			size_t nc = jp_grow_capacity(cap, 256);
			struct jp_report *p = jp_reallocarray(h.heap, nc, sizeof(*p));

			if (!p) {
				oom = true;
				break;
			}
			h.heap = h.reports = p;
			cap = nc;
		}
		if (f->money || f->states)
			read_report_narrow(s, &strings, &h.reports[h.nreports++], &oom);
		else
			read_report_in(s, &strings, &h.reports[h.nreports++], &oom);
	}
	jp_stmt_finalize(s);
	s = NULL;
	if (!oom && h.nreports && h.nreports < cap) {
		struct jp_report *p = jp_reallocarray(h.heap, h.nreports, sizeof(*p));

		if (p)
			h.heap = h.reports = p;
	}
	cap = 0;
	if (oom)
		goto nomem;
	if (f->money) {
		rc = JP_DB_DONE;
		goto read;
	}
	if ((rc = jp_store__prepare(st, &s, reviews_sql[f->activity != NULL][f->made_by],
				    err)) < 0)
		goto done;
	bind_filter(s, plan_id, f, made);
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW && !oom) {
		h.reviews = jp_arena_grow(&h.arena, h.reviews, h.nreviews, &cap, sizeof(*h.reviews));
		if (!h.reviews) {
			oom = true;
			break;
		}
		read_review_in(s, &strings, &h.reviews[h.nreviews++], &oom);
	}
	jp_stmt_finalize(s);
	s = NULL;
	cap = 0;
	if (oom)
		goto nomem;
	if (f->states)
		goto read;
indicators:
	if ((rc = jp_store__prepare(st, &s, "SELECT id, indicator, year, target, value, source, date,"
			  " by, synthetic FROM indicator_actual WHERE plan_id = ?1 ORDER BY id",
			  err)) < 0)
		goto done;
	jp_stmt_text(s, 1, plan_id);
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW && !oom) {
		struct jp_actual *a;

		h.actuals = jp_arena_grow(&h.arena, h.actuals, h.nactuals, &cap, sizeof(*a));
		if (!h.actuals) {
			oom = true;
			break;
		}
		a = &h.actuals[h.nactuals++];
		a->id = jp_col_int64(s, 0);
		a->indicator = col_dup(&h.arena, s, 1, &oom);
		a->year = jp_col_int(s, 2);
		a->target = jp_col_int(s, 3);
		a->value = col_dup(&h.arena, s, 4, &oom);
		a->source = col_dup(&h.arena, s, 5, &oom);
		a->date = col_date(s, 6);
		a->by = col_dup(&h.arena, s, 7, &oom);
		a->synthetic = jp_col_int(s, 8) != 0;
	}
	jp_stmt_finalize(s);
	s = NULL;
	cap = 0;
	if (oom)
		goto nomem;
	if ((rc = jp_store__prepare(st, &s, "SELECT id, indicator, target, value, reason, date, by"
			  " FROM indicator_revision WHERE plan_id = ?1 ORDER BY id", err)) < 0)
		goto done;
	jp_stmt_text(s, 1, plan_id);
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW && !oom) {
		struct jp_revision *r;

		h.revisions = jp_arena_grow(&h.arena, h.revisions, h.nrevisions, &cap, sizeof(*r));
		if (!h.revisions) {
			oom = true;
			break;
		}
		r = &h.revisions[h.nrevisions++];
		r->id = jp_col_int64(s, 0);
		r->indicator = col_dup(&h.arena, s, 1, &oom);
		r->target = jp_col_int(s, 2);
		r->value = col_dup(&h.arena, s, 3, &oom);
		r->reason = col_dup(&h.arena, s, 4, &oom);
		r->date = col_date(s, 5);
		r->by = col_dup(&h.arena, s, 6, &oom);
	}
	if (oom)
		goto nomem;
read:
	if (rc != JP_DB_DONE) {
		rc = jp_store__db_error(st, err, "cannot read the history");
		goto done;
	}
	if (jp_history_index_reviews(&h) < 0)
		goto nomem;
	*out = h;
	memset(&h, 0, sizeof(h));
	rc = 0;
	goto done;
nomem:
	rc = jp_error_set(err, JP_ERROR, "out of memory");
done:
	jp_stmt_finalize(s);
	intern_release(&strings);
	jp_history_release(&h);
	return rc;
}

int jp_store_add_amendment(jp_store *st, const char *plan_id,
			   const char *number, struct jp_date date,
			   const char *doc, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	char now[32], d[JP_DATE_BUFSZ];
	int rc, r;

	jp_store__now(now, sizeof(now));
	if ((rc = jp_store__prepare(st, &s, "INSERT INTO amendment(plan_id, number, date, doc, loaded_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5)", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, plan_id);
	jp_stmt_text(s, 2, number);
	jp_stmt_text(s, 3, jp_date_format(date, d));
	jp_stmt_text(s, 4, doc);
	jp_stmt_text(s, 5, now);
	r = jp_stmt_step(s);
	if (r == JP_DB_CONSTRAINT)
		rc = jp_error_set(err, JP_EEXISTS, "amendment No. %s of plan '%s' is stored already",
				  number, plan_id);
	else if (r != JP_DB_DONE)
		rc = jp_store__db_error(st, err, "cannot store the amendment");
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_list_amendments(jp_store *st, const char *plan_id,
			     int (*cb)(const char *number, struct jp_date date,
				       const char *doc, void *payload),
			     void *payload, struct jp_error *err)
{
	struct jp_stmt *s = NULL;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT number, date, doc FROM amendment WHERE plan_id = ?1"
			  " ORDER BY date, number", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, plan_id);
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW) {
		int r = cb(jp_col_text(s, 0), col_date(s, 1),
			   jp_col_text(s, 2), payload);

		if (r < 0) {
			jp_stmt_finalize(s);
			return r;
		}
	}
	rc = rc == JP_DB_DONE ? 0 : jp_store__db_error(st, err, "cannot list amendments");
	jp_stmt_finalize(s);
	return rc;
}

size_t jp_store_amendment_count(jp_store *st, const char *plan_id)
{
	struct jp_stmt *s;
	size_t n = 0;

	if (jp_store__cached(st, &s, "SELECT count(*) FROM amendment WHERE plan_id = ?1", NULL) < 0)
		return 0;
	jp_stmt_text(s, 1, plan_id);
	if (jp_stmt_step(s) == JP_DB_ROW)
		n = (size_t)jp_col_int64(s, 0);
	jp_stmt_reset(s);
	return n;
}

int jp_store_get_plan_hash(jp_store *st, const char *id, uint64_t *hash_out,
			   struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__cached(st, &s, "SELECT doc_hash FROM plan INDEXED BY plan_hash"
				   " WHERE id = ?1", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, id);
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW) {
		*hash_out = strtoull(jp_col_text(s, 0), NULL, 16);
		rc = 0;
	} else {
		rc = rc == JP_DB_DONE ? jp_error_set(err, JP_ENOTFOUND, "no plan '%s' in the database", id)
				       : jp_store__db_error(st, err, "cannot read plan");
	}
	jp_stmt_reset(s);
	return rc;
}

int jp_store_data_version(jp_store *st, int64_t *out, struct jp_error *err)
{
	int rc;

	if (!st->data_version &&
	    st->db->ops->prepare(st->db, "SELECT n FROM data_version WHERE id = 1", true,
				 &st->data_version) < 0)
		return jp_store__db_error(st, err, "cannot read the data version");
	rc = jp_stmt_step(st->data_version);
	if (rc == JP_DB_ROW)
		*out = jp_col_int64(st->data_version, 0);
	rc = rc == JP_DB_ROW ? 0 : jp_store__db_error(st, err, "cannot read the data version");
	jp_stmt_rewind(st->data_version);
	return rc;
}

/* A recording time `at` counts at `moment` (as jp_history_as_recorded). */
#define RECORDED_BY(at) " AND (CAST(?2 AS TEXT) IS NULL OR " at " IS NULL OR " at " = ''" \
	" OR (length(CAST(?2 AS TEXT)) = 10 AND substr(" at ", 1, 10) <= CAST(?2 AS TEXT))" \
	" OR (length(CAST(?2 AS TEXT)) <> 10 AND " at " <= CAST(?2 AS TEXT)))"

int jp_store_has_synthetic(jp_store *st, const char *plan_id, const char *moment,
			   struct jp_error *err)
{
	/* each from its partial index; CROSS JOIN keeps the synthetic reviews
	 * outer (the other order probes every report of the plan) */
	static const char *const sql[] = {
		"SELECT 1 FROM report INDEXED BY report_synthetic WHERE plan_id = ?1 AND synthetic = 1"
		RECORDED_BY("recorded_at") " LIMIT 1",
		"SELECT 1 FROM review v INDEXED BY review_synthetic CROSS JOIN report r ON r.id = v.report"
		" WHERE v.synthetic = 1 AND r.plan_id = ?1" RECORDED_BY("v.recorded_at") " LIMIT 1",
		"SELECT 1 FROM indicator_actual INDEXED BY indicator_actual_synthetic"
		" WHERE plan_id = ?1 AND synthetic = 1 LIMIT 1",
	};
	int rc = 0;

	for (size_t i = 0; i < JP_ARRAY_LEN(sql) && rc == 0; i++) {
		struct jp_stmt *s = NULL;

		if ((rc = jp_store__cached(st, &s, sql[i], err)) < 0)
			return rc;
		jp_stmt_text(s, 1, plan_id);
		if (st->db->ops->param_count(s) > 1)
			jp_stmt_text(s, 2, moment);
		rc = jp_stmt_step(s);
		rc = rc == JP_DB_ROW ? 1 : rc == JP_DB_DONE ? 0 :
		     jp_store__db_error(st, err, "cannot read the history");
		jp_stmt_reset(s);
	}
	return rc;
}
