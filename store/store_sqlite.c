/*
 * store_sqlite.c - the SQLite store (see store.h).
 *
 * Schema changes are migrations: an ordered list of SQL scripts, each run
 * once in its own transaction, with PRAGMA user_version counting how many
 * have run.  Never edit a released migration; add the next one.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "plan.h"
#include "store.h"

#include <sqlite3.h>
#include <time.h>

struct jp_store {
	sqlite3 *db;
	char *path;
};

static const char *const migrations[] = {
	/* 1: plans, activities, executors, due dates, search, settings */
	"CREATE TABLE plan ("
	"  id TEXT PRIMARY KEY,"
	"  number TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  approved TEXT NOT NULL,"
	"  doc TEXT NOT NULL,"
	"  doc_hash TEXT NOT NULL,"
	"  builtin INTEGER NOT NULL DEFAULT 0,"
	"  loaded_at TEXT NOT NULL"
	");"
	"CREATE TABLE activity ("
	"  plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	"  idx INTEGER NOT NULL,"
	"  number TEXT NOT NULL,"
	"  direction TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  completion_form TEXT,"
	"  executors TEXT NOT NULL,"
	"  deadline TEXT NOT NULL,"
	"  PRIMARY KEY (plan_id, idx)"
	");"
	"CREATE INDEX activity_number ON activity(plan_id, number);"
	"CREATE TABLE executor ("
	"  plan_id TEXT NOT NULL,"
	"  idx INTEGER NOT NULL,"
	"  pos INTEGER NOT NULL,"
	"  agency TEXT NOT NULL,"
	"  agency_folded TEXT NOT NULL,"
	"  lead INTEGER NOT NULL,"
	"  by_agreement INTEGER NOT NULL,"
	"  PRIMARY KEY (plan_id, idx, pos),"
	"  FOREIGN KEY (plan_id, idx) REFERENCES activity(plan_id, idx) ON DELETE CASCADE"
	");"
	"CREATE INDEX executor_agency ON executor(plan_id, agency_folded);"
	"CREATE TABLE due ("
	"  plan_id TEXT NOT NULL,"
	"  idx INTEGER NOT NULL,"
	"  date TEXT NOT NULL,"
	"  label TEXT,"
	"  PRIMARY KEY (plan_id, idx, date),"
	"  FOREIGN KEY (plan_id, idx) REFERENCES activity(plan_id, idx) ON DELETE CASCADE"
	");"
	"CREATE INDEX due_date ON due(plan_id, date);"
	"CREATE VIRTUAL TABLE activity_fts USING fts5("
	"  plan_id UNINDEXED, idx UNINDEXED, body,"
	"  tokenize = 'unicode61 remove_diacritics 0'"
	");"
	"CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
};

int jp_store_schema_latest(void)
{
	return (int)JP_ARRAY_LEN(migrations);
}

static int db_error(jp_store *st, struct jp_error *err, const char *what)
{
	return jp_error_set(err, JP_ERROR, "%s: %s", what, sqlite3_errmsg(st->db));
}

static int exec(jp_store *st, const char *sql, struct jp_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = jp_error_set(err, JP_ERROR, "database '%s': %s", st->path,
				      msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

int jp_store_schema_version(jp_store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int migrate(jp_store *st, struct jp_error *err)
{
	int v = jp_store_schema_version(st), rc;

	if (v < 0)
		return jp_error_set(err, JP_ERROR, "'%s' is not a jospar database: %s",
				    st->path, sqlite3_errmsg(st->db));
	if (v > jp_store_schema_latest())
		return jp_error_set(err, JP_ERROR,
				    "database '%s' has schema version %d; this jospar knows up to %d",
				    st->path, v, jp_store_schema_latest());
	for (; v < jp_store_schema_latest(); v++) {
		char pragma[64];

		if ((rc = exec(st, "BEGIN IMMEDIATE", err)) < 0)
			return rc;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		if ((rc = exec(st, migrations[v], err)) < 0 ||
		    (rc = exec(st, pragma, err)) < 0) {
			exec(st, "ROLLBACK", NULL);
			return rc;
		}
		if ((rc = exec(st, "COMMIT", err)) < 0)
			return rc;
	}
	return 0;
}

int jp_store_open(jp_store **out, const char *path, struct jp_error *err)
{
	jp_store *st = jp_calloc(1, sizeof(*st));
	int rc;

	if (!st || !(st->path = jp_strdup(path))) {
		jp_free(st);
		return jp_error_set(err, JP_ERROR, "out of memory");
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		rc = jp_error_set(err, JP_ERROR, "cannot open database '%s': %s", path,
				  st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 5000);
	if ((rc = exec(st, "PRAGMA journal_mode = WAL", err)) < 0 ||
	    (rc = exec(st, "PRAGMA synchronous = FULL", err)) < 0 ||
	    (rc = exec(st, "PRAGMA foreign_keys = ON", err)) < 0 ||
	    (rc = migrate(st, err)) < 0)
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
	sqlite3_close(st->db);
	jp_free(st->path);
	jp_free(st);
}

uint64_t jp_store_hash(const char *doc, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)doc[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static int prepare(jp_store *st, sqlite3_stmt **s, const char *sql,
		   struct jp_error *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK)
		return db_error(st, err, "cannot prepare statement");
	return 0;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* Runs a prepared statement to completion and resets it. */
static int step_done(jp_store *st, sqlite3_stmt *s, struct jp_error *err)
{
	int r = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (r != SQLITE_DONE)
		return db_error(st, err, "cannot write");
	return 0;
}

static int fts_body(const struct jp_activity *a, struct jp_buf *b)
{
	char *folded;

	jp_buf_reset(b);
	jp_buf_addf(b, "%s %s %s %s %s", a->number, a->title,
		    a->completion_form ? a->completion_form : "", a->executors_text,
		    a->deadline_text);
	/* the executor names without letter spacing, as they are searched */
	for (size_t i = 0; i < a->executors.n; i++)
		jp_buf_addf(b, " %s", a->executors.items[i].agency);
	if (jp_buf_oom(b))
		return JP_ERROR;
	folded = jp_text_fold(b->ptr);
	if (!folded)
		return JP_ERROR;
	jp_buf_reset(b);
	jp_buf_adds(b, folded);
	jp_free(folded);
	return jp_buf_oom(b) ? JP_ERROR : 0;
}

static int put_plan(jp_store *st, const struct jp_plan *p, const char *doc,
		    bool builtin, struct jp_error *err)
{
	sqlite3_stmt *ins_plan = NULL, *ins_act = NULL, *ins_ex = NULL,
		     *ins_due = NULL, *ins_fts = NULL, *del = NULL;
	struct jp_buf body = JP_BUF_INIT;
	char hash[17], date[JP_DATE_BUFSZ], now[32];
	time_t t = time(NULL);
	struct tm tm;
	int rc;

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(hash, sizeof(hash), "%016llx",
		 (unsigned long long)jp_store_hash(doc, strlen(doc)));
	if ((rc = prepare(st, &del, "DELETE FROM activity_fts WHERE plan_id = ?1", err)) < 0)
		goto done;
	bind_text(del, 1, p->id);
	if ((rc = step_done(st, del, err)) < 0)
		goto done;
	sqlite3_finalize(del);
	del = NULL;
	/* executors, due dates and activities go with the plan (cascade) */
	if ((rc = prepare(st, &del, "DELETE FROM plan WHERE id = ?1", err)) < 0)
		goto done;
	bind_text(del, 1, p->id);
	if ((rc = step_done(st, del, err)) < 0)
		goto done;
	if ((rc = prepare(st, &ins_plan,
			  "INSERT INTO plan(id, number, title, approved, doc, doc_hash, builtin, loaded_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err)) < 0 ||
	    (rc = prepare(st, &ins_act,
			  "INSERT INTO activity(plan_id, idx, number, direction, title,"
			  " completion_form, executors, deadline)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err)) < 0 ||
	    (rc = prepare(st, &ins_ex,
			  "INSERT INTO executor(plan_id, idx, pos, agency, agency_folded, lead, by_agreement)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err)) < 0 ||
	    (rc = prepare(st, &ins_due,
			  "INSERT OR IGNORE INTO due(plan_id, idx, date, label) VALUES (?1, ?2, ?3, ?4)",
			  err)) < 0 ||
	    (rc = prepare(st, &ins_fts,
			  "INSERT INTO activity_fts(plan_id, idx, body) VALUES (?1, ?2, ?3)",
			  err)) < 0)
		goto done;
	bind_text(ins_plan, 1, p->id);
	bind_text(ins_plan, 2, p->number);
	bind_text(ins_plan, 3, p->title);
	bind_text(ins_plan, 4, jp_date_format(p->approved, date));
	bind_text(ins_plan, 5, doc);
	bind_text(ins_plan, 6, hash);
	sqlite3_bind_int(ins_plan, 7, builtin);
	bind_text(ins_plan, 8, now);
	if ((rc = step_done(st, ins_plan, err)) < 0)
		goto done;
	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];

		bind_text(ins_act, 1, p->id);
		sqlite3_bind_int64(ins_act, 2, (sqlite3_int64)i);
		bind_text(ins_act, 3, a->number);
		bind_text(ins_act, 4, a->direction);
		bind_text(ins_act, 5, a->title);
		bind_text(ins_act, 6, a->completion_form);
		bind_text(ins_act, 7, a->executors_text);
		bind_text(ins_act, 8, a->deadline_text);
		if ((rc = step_done(st, ins_act, err)) < 0)
			goto done;
		for (size_t j = 0; j < a->executors.n; j++) {
			const struct jp_executor *e = &a->executors.items[j];
			char *folded = jp_text_fold(e->agency);

			if (!folded) {
				rc = jp_error_set(err, JP_ERROR, "out of memory");
				goto done;
			}
			bind_text(ins_ex, 1, p->id);
			sqlite3_bind_int64(ins_ex, 2, (sqlite3_int64)i);
			sqlite3_bind_int64(ins_ex, 3, (sqlite3_int64)j);
			bind_text(ins_ex, 4, e->agency);
			bind_text(ins_ex, 5, folded);
			sqlite3_bind_int(ins_ex, 6, e->lead);
			sqlite3_bind_int(ins_ex, 7, e->by_agreement);
			jp_free(folded);
			if ((rc = step_done(st, ins_ex, err)) < 0)
				goto done;
		}
		for (size_t j = 0; j < a->deadline.ndue; j++) {
			bind_text(ins_due, 1, p->id);
			sqlite3_bind_int64(ins_due, 2, (sqlite3_int64)i);
			bind_text(ins_due, 3, jp_date_format(a->deadline.due[j].date, date));
			bind_text(ins_due, 4, a->deadline.due[j].label);
			if ((rc = step_done(st, ins_due, err)) < 0)
				goto done;
		}
		if (fts_body(a, &body) < 0) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
			goto done;
		}
		bind_text(ins_fts, 1, p->id);
		sqlite3_bind_int64(ins_fts, 2, (sqlite3_int64)i);
		bind_text(ins_fts, 3, body.ptr);
		if ((rc = step_done(st, ins_fts, err)) < 0)
			goto done;
	}
done:
	sqlite3_finalize(del);
	sqlite3_finalize(ins_plan);
	sqlite3_finalize(ins_act);
	sqlite3_finalize(ins_ex);
	sqlite3_finalize(ins_due);
	sqlite3_finalize(ins_fts);
	jp_buf_release(&body);
	return rc;
}

int jp_store_put_plan(jp_store *st, const struct jp_plan *plan,
		      const char *doc, bool builtin, struct jp_error *err)
{
	int rc;

	if ((rc = exec(st, "BEGIN IMMEDIATE", err)) < 0)
		return rc;
	rc = put_plan(st, plan, doc, builtin, err);
	if (rc < 0) {
		exec(st, "ROLLBACK", NULL);
		return rc;
	}
	return exec(st, "COMMIT", err);
}

int jp_store_get_plan_doc(jp_store *st, const char *id, char **doc_out,
			  uint64_t *hash_out, struct jp_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, &s, "SELECT doc, doc_hash FROM plan WHERE id = ?1", err)) < 0)
		return rc;
	bind_text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		char *doc = jp_strdup((const char *)sqlite3_column_text(s, 0));

		if (!doc) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
		} else {
			if (hash_out)
				*hash_out = strtoull((const char *)sqlite3_column_text(s, 1),
						     NULL, 16);
			*doc_out = doc;
			rc = 0;
		}
	} else if (rc == SQLITE_DONE) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no plan '%s' in the database", id);
	} else {
		rc = db_error(st, err, "cannot read plan");
	}
	sqlite3_finalize(s);
	return rc;
}

bool jp_store_has_plan(jp_store *st, const char *id)
{
	sqlite3_stmt *s;
	bool has;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM plan WHERE id = ?1", -1, &s,
			       NULL) != SQLITE_OK)
		return false;
	bind_text(s, 1, id);
	has = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return has;
}

int jp_store_get_current(jp_store *st, char **id_out, struct jp_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, &s, "SELECT value FROM setting WHERE key = 'current_plan'",
			  err)) < 0)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id_out = jp_strdup((const char *)sqlite3_column_text(s, 0));
		rc = *id_out ? 0 : jp_error_set(err, JP_ERROR, "out of memory");
	} else if (rc == SQLITE_DONE) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no current plan");
	} else {
		rc = db_error(st, err, "cannot read settings");
	}
	sqlite3_finalize(s);
	return rc;
}

int jp_store_set_current(jp_store *st, const char *id, struct jp_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!jp_store_has_plan(st, id))
		return jp_error_set(err, JP_ENOTFOUND, "no plan '%s' in the database", id);
	if ((rc = prepare(st, &s, "INSERT INTO setting(key, value) VALUES ('current_plan', ?1)"
			  " ON CONFLICT(key) DO UPDATE SET value = excluded.value", err)) < 0)
		return rc;
	bind_text(s, 1, id);
	rc = step_done(st, s, err);
	sqlite3_finalize(s);
	return rc;
}

int jp_store_list_plans(jp_store *st,
			int (*cb)(const struct jp_plan_info *info, void *payload),
			void *payload, struct jp_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = prepare(st, &s,
			  "SELECT p.id, p.number, p.title, p.loaded_at, p.builtin,"
			  " (SELECT count(*) FROM activity a WHERE a.plan_id = p.id)"
			  " FROM plan p ORDER BY p.id", err)) < 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct jp_plan_info info = {
			(const char *)sqlite3_column_text(s, 0),
			(const char *)sqlite3_column_text(s, 1),
			(const char *)sqlite3_column_text(s, 2),
			(const char *)sqlite3_column_text(s, 3),
			sqlite3_column_int(s, 4) != 0,
			sqlite3_column_int(s, 5),
		};

		if (cb(&info, payload) < 0)
			break;
	}
	rc = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? 0 : db_error(st, err, "cannot list plans");
	sqlite3_finalize(s);
	return rc;
}

/* Every word of the query as a quoted FTS5 prefix phrase: "word"* "other"* */
static int fts_query(const char *query, struct jp_buf *q)
{
	char *folded = jp_text_fold(query), *p;
	int words = 0;

	if (!folded)
		return JP_ERROR;
	for (p = folded; *p;) {
		int32_t c;
		int n = jp_utf8_decode(p, &c);

		if (jp_is_letter(c) || (c >= '0' && c <= '9')) {
			jp_buf_adds(q, words ? " \"" : "\"");
			while (*p && (n = jp_utf8_decode(p, &c)) &&
			       (jp_is_letter(c) || (c >= '0' && c <= '9'))) {
				jp_buf_add(q, p, (size_t)n);
				p += n;
			}
			jp_buf_adds(q, "\"*");
			words++;
		} else {
			p += n;
		}
	}
	jp_free(folded);
	if (jp_buf_oom(q))
		return JP_ERROR;
	return words;
}

int jp_store_search(jp_store *st, const char *id, const char *query,
		    size_t **idx_out, size_t *n_out, struct jp_error *err)
{
	struct jp_buf q = JP_BUF_INIT;
	sqlite3_stmt *s = NULL;
	size_t *idx = NULL, n = 0, cap = 0;
	int rc;

	rc = fts_query(query, &q);
	if (rc < 0) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto done;
	}
	if (rc == 0) {
		rc = jp_error_set(err, JP_EINVALID, "search text '%s' has no words", query);
		goto done;
	}
	if ((rc = prepare(st, &s, "SELECT idx FROM activity_fts WHERE plan_id = ?1"
			  " AND activity_fts MATCH ?2 ORDER BY CAST(idx AS INTEGER)", err)) < 0)
		goto done;
	bind_text(s, 1, id);
	bind_text(s, 2, q.ptr);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			size_t *p = jp_reallocarray(idx, nc, sizeof(*idx));

			if (!p) {
				rc = jp_error_set(err, JP_ERROR, "out of memory");
				goto done;
			}
			idx = p;
			cap = nc;
		}
		idx[n++] = (size_t)sqlite3_column_int64(s, 0);
	}
	if (rc != SQLITE_DONE) {
		rc = db_error(st, err, "search failed");
		goto done;
	}
	*idx_out = idx;
	*n_out = n;
	idx = NULL;
	rc = 0;
done:
	sqlite3_finalize(s);
	jp_free(idx);
	jp_buf_release(&q);
	return rc;
}
