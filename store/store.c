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
#include "history.h"
#include "store.h"
#include "store_int.h"

#include <sqlite3.h>
#include <time.h>

/* Statements the hot paths prepare once per connection (jp_store__cached). */
#define STMT_CACHE_SIZE 32

struct stmt_cache_entry {
	const char *sql;            /* a string constant: the key */
	sqlite3_stmt *stmt;
};

struct jp_store {
	sqlite3 *db;
	char *path;
	struct stmt_cache_entry cache[STMT_CACHE_SIZE];
	size_t cache_next;          /* the entry a full cache replaces next */
	sqlite3_stmt *data_version;   /* prepared once: read on every request */
};

/* Triggers moving the data version on every row written to table T. */
#define DATA_VERSION_TRIGGER(t, op) \
	"CREATE TRIGGER data_version_" t "_" op " AFTER " op " ON \"" t "\"" \
	" BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;"
#define DATA_VERSION_TRIGGERS(t) \
	DATA_VERSION_TRIGGER(t, "INSERT") DATA_VERSION_TRIGGER(t, "UPDATE") \
	DATA_VERSION_TRIGGER(t, "DELETE")

static const char *const migrations[] = {
	/*
	 * 1: plans, activities, executors, due dates, search, settings.
	 * NEEDSWORK: the executor and due tables are written with every plan
	 * but nothing reads them yet: list --agency, the calendars and the
	 * agency pages filter the parsed plan in memory.  Query them (by
	 * their indexes) once plans grow past what a parse costs.
	 */
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

	/* 2: the history: reports, reviews, indicator actuals and revisions,
	 * amendments.  Append-only: rows are inserted, never updated. */
	"CREATE TABLE report ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id TEXT NOT NULL,"
	"  activity TEXT NOT NULL,"
	"  due TEXT NOT NULL,"
	"  agency TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('done','partly','not-done','in-progress')),"
	"  text TEXT,"
	"  evidence TEXT,"
	"  spent INTEGER,"
	"  made TEXT NOT NULL,"
	"  by TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  synthetic INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX report_occurrence ON report(plan_id, activity, due);"
	"CREATE TABLE review ("
	"  id INTEGER PRIMARY KEY,"
	"  report INTEGER NOT NULL REFERENCES report(id),"
	"  action TEXT NOT NULL CHECK (action IN ('accept','return')),"
	"  reason TEXT,"
	"  date TEXT NOT NULL,"
	"  by TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  synthetic INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX review_report ON review(report);"
	"CREATE TABLE indicator_actual ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id TEXT NOT NULL,"
	"  indicator TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  target INTEGER NOT NULL,"
	"  value TEXT NOT NULL,"
	"  source TEXT,"
	"  date TEXT NOT NULL,"
	"  by TEXT NOT NULL,"
	"  synthetic INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE indicator_revision ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id TEXT NOT NULL,"
	"  indicator TEXT NOT NULL,"
	"  target INTEGER NOT NULL,"
	"  value TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  by TEXT NOT NULL"
	");"
	"CREATE TABLE amendment ("
	"  plan_id TEXT NOT NULL,"
	"  number TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  doc TEXT NOT NULL,"
	"  loaded_at TEXT NOT NULL,"
	"  PRIMARY KEY (plan_id, number)"
	");",

	/* 3: users, sessions, API tokens, login throttling, the audit log */
	"CREATE TABLE user ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('admin','coordinator','executor','viewer')),"
	"  agency TEXT,"
	"  pwhash TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL"
	");"
	"CREATE TABLE session ("
	"  token_hash TEXT PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  csrf TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL"
	");"
	"CREATE INDEX session_user ON session(user_id);"
	"CREATE TABLE api_token ("
	"  token_hash TEXT PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  label TEXT,"
	"  created_at TEXT NOT NULL"
	");"
	"CREATE TABLE login_failure ("
	"  login TEXT NOT NULL,"
	"  address TEXT NOT NULL,"
	"  at INTEGER NOT NULL"
	");"
	"CREATE INDEX login_failure_key ON login_failure(login, address, at);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  object TEXT NOT NULL,"
	"  before TEXT,"
	"  after TEXT"
	");",

	/* 4: the ledger: reviews may reopen an accepted report, a report may
	 * carry the reason it claims a date older than the reporting window,
	 * API tokens expire, and the audit log is read by actor and action. */
	"CREATE TABLE review4 ("
	"  id INTEGER PRIMARY KEY,"
	"  report INTEGER NOT NULL REFERENCES report(id),"
	"  action TEXT NOT NULL CHECK (action IN ('accept','return','reopen')),"
	"  reason TEXT,"
	"  date TEXT NOT NULL,"
	"  by TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  synthetic INTEGER NOT NULL DEFAULT 0"
	");"
	"INSERT INTO review4 SELECT id, report, action, reason, date, by, recorded_at, synthetic"
	"  FROM review;"
	"DROP TABLE review;"
	"ALTER TABLE review4 RENAME TO review;"
	"CREATE INDEX review_report ON review(report);"
	"ALTER TABLE report ADD COLUMN late_reason TEXT;"
	"ALTER TABLE api_token ADD COLUMN expires_at INTEGER;"
	"CREATE INDEX audit_who ON audit(who, id);"
	"CREATE INDEX audit_action ON audit(action, id);",

	/* 5: the history read by index in the order it was recorded (an index
	 * on plan_id alone lists a plan's rows by rowid, so no sort), reports
	 * by agency and by the date they were made, and the plan's hash
	 * from a covering index, without reading the row that holds the
	 * whole document. */
	"CREATE INDEX report_plan ON report(plan_id);"
	"CREATE INDEX report_agency ON report(plan_id, agency, made);"
	"CREATE INDEX report_made ON report(plan_id, made);"
	"CREATE INDEX indicator_actual_plan ON indicator_actual(plan_id);"
	"CREATE INDEX indicator_revision_plan ON indicator_revision(plan_id);"
	"CREATE INDEX plan_hash ON plan(id, doc_hash);",

	/* 6: plans in binary form (plan/plan_image.h), one per set of
	 * amendments in force: a cache, made again from the documents when
	 * missing, gone with its plan. */
	"CREATE TABLE plan_image ("
	" plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	" key TEXT NOT NULL,"
	" image BLOB NOT NULL,"
	" made_at INTEGER NOT NULL,"
	" PRIMARY KEY (plan_id, key));",

	/* 7: the data version, one counter that every committed change to
	 * what jospar answers from moves on, whichever process made it (the
	 * server's answer cache is keyed by it).  The activity, executor,
	 * due and search tables are written only with their plan row, so
	 * the plan's triggers cover them; sessions and login failures
	 * change no answer that is cached. */
	"CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);"
	"INSERT INTO data_version VALUES (1, 0);"
	DATA_VERSION_TRIGGERS("plan")
	DATA_VERSION_TRIGGERS("setting")
	DATA_VERSION_TRIGGERS("report")
	DATA_VERSION_TRIGGERS("review")
	DATA_VERSION_TRIGGERS("indicator_actual")
	DATA_VERSION_TRIGGERS("indicator_revision")
	DATA_VERSION_TRIGGERS("amendment")
	DATA_VERSION_TRIGGERS("user")
	DATA_VERSION_TRIGGERS("api_token")
	DATA_VERSION_TRIGGERS("audit"),

	/* 8: a batch of reports moves the data version once, from
	 * jp_store_add_reports, not once per row from a trigger: an import
	 * of 100k rows ran the trigger's UPDATE 100k times. */
	"DROP TRIGGER data_version_report_INSERT;",

	/* 9: no statement reads reports by agency or by the date made alone
	 * (the history is read through report_plan or report_occurrence, the
	 * date tested on each row), and each index cost every write: an
	 * import of 100k reports spent 1.6 of its 3.5 s keeping these two. */
	"DROP INDEX report_agency;"
	"DROP INDEX report_made;",

	/* 10: a plan image in parts (plan/plan_image.h): plan_image names it,
	 * plan_image_row holds its head (chunk -1) and its rows a chunk at a
	 * time, plan_image_find
	 * the look-ups from an activity number or an agency to the rows, so
	 * a command that needs one row reads one chunk.  Images of the
	 * earlier format are of no use any more. */
	"DELETE FROM plan_image;"
	"CREATE TABLE plan_image_row ("
	" plan_id TEXT NOT NULL,"
	" key TEXT NOT NULL,"
	" chunk INTEGER NOT NULL,"
	" image BLOB NOT NULL,"
	" PRIMARY KEY (plan_id, key, chunk),"
	" FOREIGN KEY (plan_id, key) REFERENCES plan_image(plan_id, key) ON DELETE CASCADE);"
	"CREATE TABLE plan_image_find ("
	" plan_id TEXT NOT NULL,"
	" key TEXT NOT NULL,"
	" kind INTEGER NOT NULL,"
	" name TEXT NOT NULL,"
	" idx INTEGER NOT NULL,"
	" PRIMARY KEY (plan_id, key, kind, name, idx),"
	" FOREIGN KEY (plan_id, key) REFERENCES plan_image(plan_id, key) ON DELETE CASCADE"
	") WITHOUT ROWID;",

	/* 11: whether anything `jospar simulate` made is stored (the pages'
	 * banner, jp_store_has_synthetic) from small partial indexes, not a
	 * scan of every report. */
	"CREATE INDEX report_synthetic ON report(plan_id) WHERE synthetic = 1;"
	"CREATE INDEX review_synthetic ON review(report) WHERE synthetic = 1;"
	"CREATE INDEX indicator_actual_synthetic ON indicator_actual(plan_id) WHERE synthetic = 1;",
};

sqlite3 *jp_store__db(jp_store *st)
{
	return st->db;
}

int jp_store_schema_latest(void)
{
	return (int)JP_ARRAY_LEN(migrations);
}

int jp_store__db_error(jp_store *st, struct jp_error *err, const char *what)
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

/* The same, with the statement kept prepared (savepoints on hot paths). */
static int exec_cached(jp_store *st, const char *sql, struct jp_error *err);

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
	/* a store is used by one thread at a time (the server lends its
	 * connections out of a pool), so SQLite need not lock each call */
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
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
	for (size_t i = 0; i < STMT_CACHE_SIZE; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_finalize(st->data_version);
	sqlite3_close(st->db);
	jp_free(st->path);
	jp_free(st);
}

uint64_t jp_store_hash(const char *doc, size_t len)
{
	return jp_hash(JP_HASH_INIT, doc, len);
}

int jp_store__prepare(jp_store *st, sqlite3_stmt **s, const char *sql,
		      struct jp_error *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK)
		return jp_store__db_error(st, err, "cannot prepare statement");
	return 0;
}

int jp_store__cached(jp_store *st, sqlite3_stmt **s, const char *sql,
		     struct jp_error *err)
{
	struct stmt_cache_entry *e = NULL;

	for (size_t i = 0; i < STMT_CACHE_SIZE && !e; i++)
		if (st->cache[i].stmt && (st->cache[i].sql == sql || !strcmp(st->cache[i].sql, sql)))
			e = &st->cache[i];
	if (e) {
		/* a caller that stopped early has not reset it */
		jp_store__reset(e->stmt);
		*s = e->stmt;
		return 0;
	}
	e = &st->cache[st->cache_next];
	st->cache_next = (st->cache_next + 1) % STMT_CACHE_SIZE;
	sqlite3_finalize(e->stmt);
	e->stmt = NULL;
	e->sql = NULL;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &e->stmt,
			       NULL) != SQLITE_OK) {
		sqlite3_finalize(e->stmt);
		e->stmt = NULL;
		return jp_store__db_error(st, err, "cannot prepare statement");
	}
	e->sql = sql;
	*s = e->stmt;
	return 0;
}

void jp_store__reset(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

void jp_store__bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* Runs a prepared statement to completion and resets it. */
int jp_store__step_done(jp_store *st, sqlite3_stmt *s, struct jp_error *err)
{
	int r = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (r != SQLITE_DONE)
		return jp_store__db_error(st, err, "cannot write");
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
	if ((rc = jp_store__prepare(st, &del, "DELETE FROM activity_fts WHERE plan_id = ?1", err)) < 0)
		goto done;
	jp_store__bind_text(del, 1, p->id);
	if ((rc = jp_store__step_done(st, del, err)) < 0)
		goto done;
	sqlite3_finalize(del);
	del = NULL;
	/* executors, due dates and activities go with the plan (cascade) */
	if ((rc = jp_store__prepare(st, &del, "DELETE FROM plan WHERE id = ?1", err)) < 0)
		goto done;
	jp_store__bind_text(del, 1, p->id);
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
			  "INSERT OR IGNORE INTO due(plan_id, idx, date, label) VALUES (?1, ?2, ?3, ?4)",
			  err)) < 0 ||
	    (rc = jp_store__prepare(st, &ins_fts,
			  "INSERT INTO activity_fts(plan_id, idx, body) VALUES (?1, ?2, ?3)",
			  err)) < 0)
		goto done;
	jp_store__bind_text(ins_plan, 1, p->id);
	jp_store__bind_text(ins_plan, 2, p->number);
	jp_store__bind_text(ins_plan, 3, p->title);
	jp_store__bind_text(ins_plan, 4, jp_date_format(p->approved, date));
	jp_store__bind_text(ins_plan, 5, doc);
	jp_store__bind_text(ins_plan, 6, hash);
	sqlite3_bind_int(ins_plan, 7, builtin);
	jp_store__bind_text(ins_plan, 8, now);
	if ((rc = jp_store__step_done(st, ins_plan, err)) < 0)
		goto done;
	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];

		jp_store__bind_text(ins_act, 1, p->id);
		sqlite3_bind_int64(ins_act, 2, (sqlite3_int64)i);
		jp_store__bind_text(ins_act, 3, a->number);
		jp_store__bind_text(ins_act, 4, a->direction);
		jp_store__bind_text(ins_act, 5, a->title);
		jp_store__bind_text(ins_act, 6, a->completion_form);
		jp_store__bind_text(ins_act, 7, a->executors_text);
		jp_store__bind_text(ins_act, 8, a->deadline_text);
		if ((rc = jp_store__step_done(st, ins_act, err)) < 0)
			goto done;
		for (size_t j = 0; j < a->executors.n; j++) {
			const struct jp_executor *e = &a->executors.items[j];
			char *folded = jp_text_fold(e->agency);

			if (!folded) {
				rc = jp_error_set(err, JP_ERROR, "out of memory");
				goto done;
			}
			jp_store__bind_text(ins_ex, 1, p->id);
			sqlite3_bind_int64(ins_ex, 2, (sqlite3_int64)i);
			sqlite3_bind_int64(ins_ex, 3, (sqlite3_int64)j);
			jp_store__bind_text(ins_ex, 4, e->agency);
			jp_store__bind_text(ins_ex, 5, folded);
			sqlite3_bind_int(ins_ex, 6, e->lead);
			sqlite3_bind_int(ins_ex, 7, e->by_agreement);
			jp_free(folded);
			if ((rc = jp_store__step_done(st, ins_ex, err)) < 0)
				goto done;
		}
		for (size_t j = 0; j < a->deadline.ndue; j++) {
			jp_store__bind_text(ins_due, 1, p->id);
			sqlite3_bind_int64(ins_due, 2, (sqlite3_int64)i);
			jp_store__bind_text(ins_due, 3, jp_date_format(a->deadline.due[j].date, date));
			jp_store__bind_text(ins_due, 4, a->deadline.due[j].label);
			if ((rc = jp_store__step_done(st, ins_due, err)) < 0)
				goto done;
		}
		if (fts_body(a, &body) < 0) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
			goto done;
		}
		jp_store__bind_text(ins_fts, 1, p->id);
		sqlite3_bind_int64(ins_fts, 2, (sqlite3_int64)i);
		jp_store__bind_text(ins_fts, 3, body.ptr);
		if ((rc = jp_store__step_done(st, ins_fts, err)) < 0)
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

	/* a savepoint: atomic alone, and part of a caller's transaction */
	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	rc = put_plan(st, plan, doc, builtin, err);
	return jp_store__release(st, rc, err);
}

int jp_store_get_plan_doc(jp_store *st, const char *id, char **doc_out,
			  uint64_t *hash_out, struct jp_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT doc, doc_hash FROM plan WHERE id = ?1", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, id);
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
		rc = jp_store__db_error(st, err, "cannot read plan");
	}
	sqlite3_finalize(s);
	return rc;
}

int jp_store_get_plan_image(jp_store *st, const char *id, const char *key,
			    void **image_out, size_t *len_out, struct jp_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT image FROM plan_image_row"
			  " WHERE plan_id = ?1 AND key = ?2 AND chunk = -1", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, id);
	jp_store__bind_text(s, 2, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(s, 0);
		const void *blob = sqlite3_column_blob(s, 0);
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
	} else if (rc == SQLITE_DONE) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no image of plan '%s'", id);
	} else {
		rc = jp_store__db_error(st, err, "cannot read the plan image");
	}
	sqlite3_finalize(s);
	return rc;
}

static int put_image_parts(jp_store *st, const char *id, const char *key,
			   const struct jp_store_image *im, struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	/* what an earlier image under the key left */
	if ((rc = jp_store__prepare(st, &s, "DELETE FROM plan_image WHERE plan_id = ?1"
			  " AND key = ?2", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, id);
	jp_store__bind_text(s, 2, key);
	rc = jp_store__step_done(st, s, err);
	sqlite3_finalize(s);
	s = NULL;
	/* the head is the row before the first chunk: one statement reads all */
	if (rc < 0 || (rc = jp_store__prepare(st, &s, "INSERT INTO plan_image(plan_id, key,"
			  " image, made_at) VALUES (?1, ?2, x'', strftime('%s', 'now'))", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, id);
	jp_store__bind_text(s, 2, key);
	rc = jp_store__step_done(st, s, err);
	sqlite3_finalize(s);
	s = NULL;
	if (rc < 0 || (rc = jp_store__prepare(st, &s, "INSERT INTO plan_image_row(plan_id, key,"
			  " chunk, image) VALUES (?1, ?2, ?3, ?4)", err)) < 0)
		return rc;
	for (size_t c = 0; c <= im->nchunks && rc == 0; c++) {
		sqlite3_reset(s);
		jp_store__bind_text(s, 1, id);
		jp_store__bind_text(s, 2, key);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)c - 1);
		if (c)
			sqlite3_bind_blob(s, 4, im->chunk[c - 1], (int)im->chunk_len[c - 1], SQLITE_STATIC);
		else
			sqlite3_bind_blob(s, 4, im->head, (int)im->head_len, SQLITE_STATIC);
		rc = jp_store__step_done(st, s, err);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (rc < 0 || (rc = jp_store__prepare(st, &s, "INSERT INTO plan_image_find(plan_id, key,"
			  " kind, name, idx) VALUES (?1, ?2, ?3, ?4, ?5)", err)) < 0)
		return rc;
	for (size_t i = 0; i < im->nfind && rc == 0; i++) {
		sqlite3_reset(s);
		jp_store__bind_text(s, 1, id);
		jp_store__bind_text(s, 2, key);
		sqlite3_bind_int(s, 3, im->find[i].kind);
		jp_store__bind_text(s, 4, im->find[i].name);
		sqlite3_bind_int64(s, 5, (sqlite3_int64)im->find[i].idx);
		rc = jp_store__step_done(st, s, err);
	}
	sqlite3_finalize(s);
	return rc;
}

int jp_store_put_plan_image(jp_store *st, const char *id, const char *key,
			    const struct jp_store_image *im, struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	if ((rc = put_image_parts(st, id, key, im, err)) < 0)
		goto done;
	/* the newest few stay: dates between amendments share one image (the
	 * rows and look-ups of the others go with them) */
	if ((rc = jp_store__prepare(st, &s, "DELETE FROM plan_image WHERE plan_id = ?1 AND rowid"
			  " NOT IN (SELECT rowid FROM plan_image WHERE plan_id = ?1"
			  " ORDER BY made_at DESC, rowid DESC LIMIT ?2)", err)) < 0)
		goto done;
	jp_store__bind_text(s, 1, id);
	sqlite3_bind_int(s, 2, JP_STORE_PLAN_IMAGES);
	rc = jp_store__step_done(st, s, err);
done:
	sqlite3_finalize(s);
	return jp_store__release(st, rc, err);
}

int jp_store_get_plan_image_rows(jp_store *st, const char *id, const char *key,
				 const size_t *chunks, size_t n,
				 int (*fn)(void *payload, int64_t chunk, const void *blob, size_t len),
				 void *payload, struct jp_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT chunk, image FROM plan_image_row"
			  " WHERE plan_id = ?1 AND key = ?2 AND chunk BETWEEN ?3 AND ?4"
			  " ORDER BY chunk", err)) < 0)
		return rc;
	/* the head, then every chunk or those asked for */
	for (size_t i = 0; rc == 0 && i <= (chunks ? n : 1); i++) {
		sqlite3_int64 lo = i ? (chunks ? (sqlite3_int64)chunks[i - 1] : 0) : -1;

		sqlite3_reset(s);
		jp_store__bind_text(s, 1, id);
		jp_store__bind_text(s, 2, key);
		sqlite3_bind_int64(s, 3, lo);
		sqlite3_bind_int64(s, 4, i && !chunks ? INT64_MAX : lo);
		while (rc == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
			const void *blob = sqlite3_column_blob(s, 1);
			size_t len = (size_t)sqlite3_column_bytes(s, 1);

			rc = fn(payload, sqlite3_column_int64(s, 0), blob ? blob : "", len);
		}
		if (rc == SQLITE_DONE)
			rc = 0;
		else if (rc > 0)
			rc = jp_store__db_error(st, err, "cannot read the plan image");
	}
	sqlite3_finalize(s);
	return rc;
}

int jp_store_find_plan_image(jp_store *st, const char *id, const char *key, int kind,
			     const char *name, size_t **idx_out, size_t *n_out,
			     struct jp_error *err)
{
	sqlite3_stmt *s;
	size_t *v = NULL, n = 0, cap = 0;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT idx FROM plan_image_find WHERE plan_id = ?1"
			  " AND key = ?2 AND kind = ?3 AND name = ?4 ORDER BY idx", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, id);
	jp_store__bind_text(s, 2, key);
	sqlite3_bind_int(s, 3, kind);
	jp_store__bind_text(s, 4, name);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			size_t *nv = jp_reallocarray(v, cap = cap ? cap * 2 : 16, sizeof(*v));

			if (!nv) {
				rc = SQLITE_NOMEM;
				break;
			}
			v = nv;
		}
		v[n++] = (size_t)sqlite3_column_int64(s, 0);
	}
	if (rc == SQLITE_DONE) {
		*idx_out = v;
		*n_out = n;
		rc = 0;
	} else {
		jp_free(v);
		rc = rc == SQLITE_NOMEM ? jp_error_set(err, JP_ERROR, "out of memory")
					: jp_store__db_error(st, err, "cannot read the plan image");
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
	jp_store__bind_text(s, 1, id);
	has = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return has;
}

int jp_store_get_current(jp_store *st, char **id_out, struct jp_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT value FROM setting WHERE key = 'current_plan'",
			  err)) < 0)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id_out = jp_strdup((const char *)sqlite3_column_text(s, 0));
		rc = *id_out ? 0 : jp_error_set(err, JP_ERROR, "out of memory");
	} else if (rc == SQLITE_DONE) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no current plan");
	} else {
		rc = jp_store__db_error(st, err, "cannot read settings");
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
	if ((rc = jp_store__prepare(st, &s, "INSERT INTO setting(key, value) VALUES ('current_plan', ?1)"
			  " ON CONFLICT(key) DO UPDATE SET value = excluded.value", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, id);
	rc = jp_store__step_done(st, s, err);
	sqlite3_finalize(s);
	return rc;
}

int jp_store_list_plans(jp_store *st,
			int (*cb)(const struct jp_plan_info *info, void *payload),
			void *payload, struct jp_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s,
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
	rc = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? 0 : jp_store__db_error(st, err, "cannot list plans");
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
	if ((rc = jp_store__prepare(st, &s, "SELECT idx FROM activity_fts WHERE plan_id = ?1"
			  " AND activity_fts MATCH ?2 ORDER BY CAST(idx AS INTEGER)", err)) < 0)
		goto done;
	jp_store__bind_text(s, 1, id);
	jp_store__bind_text(s, 2, q.ptr);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t *p = jp_array_grow(idx, n, &cap, sizeof(*idx));

		if (!p) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
			goto done;
		}
		idx = p;
		idx[n++] = (size_t)sqlite3_column_int64(s, 0);
	}
	if (rc != SQLITE_DONE) {
		rc = jp_store__db_error(st, err, "search failed");
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

int jp_store_begin(jp_store *st, struct jp_error *err)
{
	return exec(st, "BEGIN IMMEDIATE", err);
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
	*owned = sqlite3_get_autocommit(st->db) != 0;
	/* outermost: take the write lock now, so a read-then-write cannot
	 * fail half way on a concurrent writer; inside: a savepoint */
	return *owned ? exec(st, "BEGIN IMMEDIATE", err) : exec_cached(st, "SAVEPOINT jp_tx", err);
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
	sqlite3_stmt *s;
	int rc;

	if ((rc = jp_store__cached(st, &s, sql, err)) < 0)
		return rc;
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = jp_error_set(err, JP_ERROR, "database '%s': %s", st->path,
				  sqlite3_errmsg(st->db));
	jp_store__reset(s);
	return rc;
}

int jp_store__savepoint(jp_store *st, struct jp_error *err)
{
	return exec_cached(st, "SAVEPOINT jp_write", err);
}

int jp_store__release(jp_store *st, int rc, struct jp_error *err)
{
	if (rc < 0) {
		exec(st, "ROLLBACK TO jp_write", NULL);
		exec(st, "RELEASE jp_write", NULL);
		return rc;
	}
	return exec_cached(st, "RELEASE jp_write", err);
}

int jp_store_set_cache(jp_store *st, size_t kib, struct jp_error *err)
{
	char sql[64];

	/* a number, not text from anyone: nothing to bind or quote */
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%zu", kib);
	return exec(st, sql, err);
}

int jp_store_reports_exist(jp_store *st, const char *plan_id, struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = jp_store__cached(st, &s, "SELECT 1 FROM report WHERE plan_id = ?1 LIMIT 1",
				   err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, plan_id);
	rc = sqlite3_step(s);
	rc = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 :
	     jp_store__db_error(st, err, "cannot read the reports");
	jp_store__reset(s);
	return rc;
}

/* Binds text that stays put until the statement is stepped (no copy). */
static void bind_text_static(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

int jp_store_savepoint_begin(jp_store *st, struct jp_error *err)
{
	assert(!sqlite3_get_autocommit(st->db));
	return exec_cached(st, "SAVEPOINT jp_request", err);
}

int jp_store_savepoint_end(jp_store *st, bool keep, struct jp_error *err)
{
	int rc = 0;

	if (keep && (rc = exec_cached(st, "RELEASE jp_request", err)) == 0)
		return 0;
	/* undone, or a release that failed: nothing of it stays */
	if (!sqlite3_get_autocommit(st->db)) {
		exec_cached(st, "ROLLBACK TO jp_request", NULL);
		exec_cached(st, "RELEASE jp_request", NULL);
	}
	return rc;
}

bool jp_store_in_tx(jp_store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

int jp_store_add_reports(jp_store *st, const char *plan_id,
			 struct jp_report *reports, size_t n, struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	char now[32], due[JP_DATE_BUFSZ], made[JP_DATE_BUFSZ];
	bool checks_off = false;
	int rc;

	if (!n)
		return 0;
	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	jp_store__now(now, sizeof(now));
	/*
	 * The table's CHECK on status is an IN list, which SQLite makes into
	 * a temporary b-tree on every row it inserts: about half the cost of
	 * a report.  The status here is always jp_report_status_name()'s, so
	 * a large batch is inserted with the checks off and they are on
	 * again before this returns.  Turning them off or on makes SQLite
	 * prepare its statements again, so a small batch keeps them.
	 * NEEDSWORK: a table rebuild with the CHECK as an OR of equalities
	 * would keep the check at no cost and drop this.
	 */
	if (n >= 64) {
		if ((rc = exec_cached(st, "PRAGMA ignore_check_constraints = ON", err)) < 0)
			goto done;
		checks_off = true;
	}
	if ((rc = jp_store__cached(st, &s,
			  "INSERT INTO report(plan_id, activity, due, agency, status, text,"
			  " evidence, spent, made, by, recorded_at, synthetic, late_reason)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", err)) < 0)
		goto done;
	/* the strings outlive each step; the statement is reset (its
	 * bindings cleared) before this returns */
	bind_text_static(s, 1, plan_id);
	bind_text_static(s, 11, now);
	for (size_t i = 0; i < n; i++) {
		struct jp_report *r = &reports[i];

		bind_text_static(s, 2, r->activity);
		bind_text_static(s, 3, jp_date_format(r->due, due));
		bind_text_static(s, 4, r->agency);
		bind_text_static(s, 5, jp_report_status_name(r->status));
		bind_text_static(s, 6, r->text);
		bind_text_static(s, 7, r->evidence);
		if (r->has_spent)
			sqlite3_bind_int64(s, 8, r->spent);
		else
			sqlite3_bind_null(s, 8);
		bind_text_static(s, 9, jp_date_format(r->made, made));
		bind_text_static(s, 10, r->by);
		sqlite3_bind_int(s, 12, r->synthetic);
		bind_text_static(s, 13, r->late_reason);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = jp_store__db_error(st, err, "cannot write");
			goto done;
		}
		sqlite3_reset(s);
		r->id = sqlite3_last_insert_rowid(st->db);
	}
	/* the data version moves once for the batch (migration 8) */
	rc = exec_cached(st, "UPDATE data_version SET n = n + 1 WHERE id = 1", err);
done:
	if (s)
		jp_store__reset(s);
	if (checks_off && exec_cached(st, "PRAGMA ignore_check_constraints = OFF", err) < 0 &&
	    rc == 0)
		rc = -1;
	return jp_store__release(st, rc, err);
}

int jp_store_add_review(jp_store *st, struct jp_review *rv, struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	char now[32], date[JP_DATE_BUFSZ];
	int rc;

	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	jp_store__now(now, sizeof(now));
	if ((rc = jp_store__prepare(st, &s, "SELECT 1 FROM report WHERE id = ?1", err)) < 0)
		goto done;
	sqlite3_bind_int64(s, 1, rv->report);
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no report %lld", (long long)rv->report);
		goto done;
	}
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = jp_store__prepare(st, &s, "INSERT INTO review(report, action, reason, date, by,"
			  " recorded_at, synthetic) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err)) < 0)
		goto done;
	sqlite3_bind_int64(s, 1, rv->report);
	jp_store__bind_text(s, 2, jp_review_action_name(rv->action));
	jp_store__bind_text(s, 3, rv->reason);
	jp_store__bind_text(s, 4, jp_date_format(rv->date, date));
	jp_store__bind_text(s, 5, rv->by);
	jp_store__bind_text(s, 6, now);
	sqlite3_bind_int(s, 7, rv->synthetic);
	if ((rc = jp_store__step_done(st, s, err)) < 0)
		goto done;
	rv->id = sqlite3_last_insert_rowid(st->db);
done:
	sqlite3_finalize(s);
	return jp_store__release(st, rc, err);
}

int jp_store_add_actual(jp_store *st, const char *plan_id, struct jp_actual *a,
			struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	char date[JP_DATE_BUFSZ];
	int rc;

	if ((rc = jp_store__prepare(st, &s, "INSERT INTO indicator_actual(plan_id, indicator, year,"
			  " target, value, source, date, by, synthetic)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, plan_id);
	jp_store__bind_text(s, 2, a->indicator);
	sqlite3_bind_int(s, 3, a->year);
	sqlite3_bind_int(s, 4, a->target);
	jp_store__bind_text(s, 5, a->value);
	jp_store__bind_text(s, 6, a->source);
	jp_store__bind_text(s, 7, jp_date_format(a->date, date));
	jp_store__bind_text(s, 8, a->by);
	sqlite3_bind_int(s, 9, a->synthetic);
	rc = jp_store__step_done(st, s, err);
	if (rc == 0)
		a->id = sqlite3_last_insert_rowid(st->db);
	sqlite3_finalize(s);
	return rc;
}

int jp_store_add_revision(jp_store *st, const char *plan_id,
			  struct jp_revision *r, struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	char date[JP_DATE_BUFSZ];
	int rc;

	if ((rc = jp_store__prepare(st, &s, "INSERT INTO indicator_revision(plan_id, indicator, target,"
			  " value, reason, date, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, plan_id);
	jp_store__bind_text(s, 2, r->indicator);
	sqlite3_bind_int(s, 3, r->target);
	jp_store__bind_text(s, 4, r->value);
	jp_store__bind_text(s, 5, r->reason);
	jp_store__bind_text(s, 6, jp_date_format(r->date, date));
	jp_store__bind_text(s, 7, r->by);
	rc = jp_store__step_done(st, s, err);
	if (rc == 0)
		r->id = sqlite3_last_insert_rowid(st->db);
	sqlite3_finalize(s);
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
		sqlite3_stmt *s;

		if ((rc = jp_store__prepare(st, &s, sql[i], err)) < 0)
			break;
		jp_store__bind_text(s, 1, plan_id);
		rc = jp_store__step_done(st, s, err);
		sqlite3_finalize(s);
	}
	return jp_store__release(st, rc, err);
}

static const char *col_dup(struct jp_arena *a, sqlite3_stmt *s, int i, bool *oom)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	char *d;

	if (!v)
		return NULL;
	d = jp_arena_strndup(a, v, (size_t)sqlite3_column_bytes(s, i));
	if (!d)
		*oom = true;
	return d;
}

static struct jp_date col_date(sqlite3_stmt *s, int i)
{
	struct jp_date d = { 0, 0, 0 };
	const char *v = (const char *)sqlite3_column_text(s, i);

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
static const char *col_intern(struct intern *t, sqlite3_stmt *s, int i, bool *oom)
{
	const char *v = (const char *)sqlite3_column_text(s, i), *d;
	size_t len;

	if (!v)
		return NULL;
	len = (size_t)sqlite3_column_bytes(s, i);
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
static void read_report_in(sqlite3_stmt *s, struct intern *t, struct jp_report *r, bool *oom)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->activity = col_intern(t, s, 1, oom);
	r->due = col_date(s, 2);
	r->agency = col_intern(t, s, 3, oom);
	r->status = (enum jp_report_status)jp_report_status_parse(
		(const char *)sqlite3_column_text(s, 4));
	r->text = col_dup(t->arena, s, 5, oom);
	r->evidence = col_intern(t, s, 6, oom);
	r->has_spent = sqlite3_column_type(s, 7) != SQLITE_NULL;
	r->spent = r->has_spent ? sqlite3_column_int64(s, 7) : 0;
	r->made = col_date(s, 8);
	r->by = col_intern(t, s, 9, oom);
	r->recorded_at = col_intern(t, s, 10, oom);
	r->synthetic = sqlite3_column_int(s, 11) != 0;
	r->late_reason = col_intern(t, s, 12, oom);
}

/* One row of REPORT_MONEY_COLS into *r, its strings in `t`: only the
 * columns the narrow reads name are asked of SQLite (each costs a call). */
static void read_report_narrow(sqlite3_stmt *s, struct intern *t, struct jp_report *r,
			       bool *oom)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->activity = col_intern(t, s, 1, oom);
	r->due = col_date(s, 2);
	r->agency = col_intern(t, s, 3, oom);
	r->status = (enum jp_report_status)jp_report_status_parse(
		(const char *)sqlite3_column_text(s, 4));
	r->has_spent = sqlite3_column_type(s, 5) != SQLITE_NULL;
	r->spent = r->has_spent ? sqlite3_column_int64(s, 5) : 0;
	r->made = col_date(s, 6);
	r->recorded_at = col_intern(t, s, 7, oom);
	r->synthetic = sqlite3_column_int(s, 8) != 0;
}

/* One row of REPORT_COLS into *r, its strings copied into `arena`. */
static void read_report(sqlite3_stmt *s, struct jp_arena *arena, struct jp_report *r, bool *oom)
{
	struct intern copy = { arena, NULL, NULL, 0, 0, true };

	read_report_in(s, &copy, r, oom);
}

/* One row of REVIEW_COLS into *v, its strings in `t`: a reason is a text of
 * its own. */
static void read_review_in(sqlite3_stmt *s, struct intern *t, struct jp_review *v, bool *oom)
{
	int action = jp_review_action_parse((const char *)sqlite3_column_text(s, 2));

	memset(v, 0, sizeof(*v));
	v->id = sqlite3_column_int64(s, 0);
	v->report = sqlite3_column_int64(s, 1);
	v->action = action < 0 ? JP_REVIEW_RETURN : (enum jp_review_action)action;
	v->reason = col_dup(t->arena, s, 3, oom);
	v->date = col_date(s, 4);
	v->by = col_intern(t, s, 5, oom);
	v->recorded_at = col_dup(t->arena, s, 6, oom);
	v->synthetic = sqlite3_column_int(s, 7) != 0;
}

/* The same, its strings copied into `arena` (one review read alone). */
static void read_review(sqlite3_stmt *s, struct jp_arena *arena, struct jp_review *v, bool *oom)
{
	struct intern copy = { arena, NULL, NULL, 0, 0, true };

	read_review_in(s, &copy, v, oom);
}

int jp_store_report_get(jp_store *st, int64_t id, struct jp_arena *arena,
			struct jp_report *out, char plan_id[128], struct jp_review **reviews,
			size_t *nreviews, struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	struct jp_review *v = NULL;
	size_t n = 0, cap = 0;
	bool oom = false;
	int rc;

	/* kept prepared: every report filed through the server reads itself back */
	if ((rc = jp_store__cached(st, &s, "SELECT " REPORT_COLS ", plan_id FROM report"
				   " WHERE id = ?1", err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? jp_error_set(err, JP_ENOTFOUND, "no report %lld", (long long)id)
				       : jp_store__db_error(st, err, "cannot read the report");
		goto done;
	}
	read_report(s, arena, out, &oom);
	if (plan_id)
		snprintf(plan_id, 128, "%s", (const char *)sqlite3_column_text(s, 13));
	jp_store__reset(s);
	s = NULL;
	if ((rc = jp_store__cached(st, &s, "SELECT " REVIEW_COLS " FROM review v"
				   " WHERE v.report = ?1 ORDER BY v.id", err)) < 0)
		goto done;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !oom) {
		v = jp_arena_grow(arena, v, n, &cap, sizeof(*v));
		if (!v) {
			oom = true;
			break;
		}
		read_review(s, arena, &v[n++], &oom);
	}
	rc = oom ? jp_error_set(err, JP_ERROR, "out of memory") :
	     rc != SQLITE_DONE ? jp_store__db_error(st, err, "cannot read the reviews") : 0;
	if (rc == 0 && reviews) {
		*reviews = v;
		*nreviews = n;
	}
done:
	if (s)
		jp_store__reset(s);
	return rc;
}

int jp_store_report_find_same(jp_store *st, const char *plan_id, const struct jp_report *r,
			      int64_t *id_out, struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	char due[JP_DATE_BUFSZ], made[JP_DATE_BUFSZ];
	int rc;

	/* "IS" compares NULLs as equal: an absent text matches an absent text */
	if ((rc = jp_store__cached(st, &s, "SELECT id FROM report WHERE plan_id = ?1"
				    " AND activity = ?2 AND due = ?3 AND agency = ?4 AND status = ?5"
				    " AND text IS ?6 AND evidence IS ?7 AND spent IS ?8 AND made = ?9"
				    " AND synthetic = 0 ORDER BY id LIMIT 1", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, plan_id);
	jp_store__bind_text(s, 2, r->activity);
	jp_store__bind_text(s, 3, jp_date_format(r->due, due));
	jp_store__bind_text(s, 4, r->agency);
	jp_store__bind_text(s, 5, jp_report_status_name(r->status));
	jp_store__bind_text(s, 6, r->text);
	jp_store__bind_text(s, 7, r->evidence);
	if (r->has_spent)
		sqlite3_bind_int64(s, 8, r->spent);
	else
		sqlite3_bind_null(s, 8);
	jp_store__bind_text(s, 9, jp_date_format(r->made, made));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (id_out)
			*id_out = sqlite3_column_int64(s, 0);
		rc = 1;
	} else {
		rc = rc == SQLITE_DONE ? 0 : jp_store__db_error(st, err, "cannot read the reports");
	}
	jp_store__reset(s);
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
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = jp_store__cached(st, &s, "SELECT 1 FROM report"
				    " WHERE plan_id < ?1 OR plan_id > ?1 LIMIT 1", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, plan_id);
	rc = sqlite3_step(s);
	rc = rc == SQLITE_ROW ? 1
	     : rc == SQLITE_DONE ? 0 : jp_store__db_error(st, err, "cannot read the reports");
	jp_store__reset(s);
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

static void bind_filter(sqlite3_stmt *s, const char *plan_id,
			const struct jp_history_filter *f, char made[JP_DATE_BUFSZ])
{
	jp_store__bind_text(s, 1, plan_id);
	if (f->activity)
		jp_store__bind_text(s, 2, f->activity);
	if (f->made_by)
		jp_store__bind_text(s, 3, made);
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
	sqlite3_stmt *s = NULL;
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
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !oom) {
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
	sqlite3_finalize(s);
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
		rc = SQLITE_DONE;
		goto read;
	}
	if ((rc = jp_store__prepare(st, &s, reviews_sql[f->activity != NULL][f->made_by],
				    err)) < 0)
		goto done;
	bind_filter(s, plan_id, f, made);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !oom) {
		h.reviews = jp_arena_grow(&h.arena, h.reviews, h.nreviews, &cap, sizeof(*h.reviews));
		if (!h.reviews) {
			oom = true;
			break;
		}
		read_review_in(s, &strings, &h.reviews[h.nreviews++], &oom);
	}
	sqlite3_finalize(s);
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
	jp_store__bind_text(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !oom) {
		struct jp_actual *a;

		h.actuals = jp_arena_grow(&h.arena, h.actuals, h.nactuals, &cap, sizeof(*a));
		if (!h.actuals) {
			oom = true;
			break;
		}
		a = &h.actuals[h.nactuals++];
		a->id = sqlite3_column_int64(s, 0);
		a->indicator = col_dup(&h.arena, s, 1, &oom);
		a->year = sqlite3_column_int(s, 2);
		a->target = sqlite3_column_int(s, 3);
		a->value = col_dup(&h.arena, s, 4, &oom);
		a->source = col_dup(&h.arena, s, 5, &oom);
		a->date = col_date(s, 6);
		a->by = col_dup(&h.arena, s, 7, &oom);
		a->synthetic = sqlite3_column_int(s, 8) != 0;
	}
	sqlite3_finalize(s);
	s = NULL;
	cap = 0;
	if (oom)
		goto nomem;
	if ((rc = jp_store__prepare(st, &s, "SELECT id, indicator, target, value, reason, date, by"
			  " FROM indicator_revision WHERE plan_id = ?1 ORDER BY id", err)) < 0)
		goto done;
	jp_store__bind_text(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !oom) {
		struct jp_revision *r;

		h.revisions = jp_arena_grow(&h.arena, h.revisions, h.nrevisions, &cap, sizeof(*r));
		if (!h.revisions) {
			oom = true;
			break;
		}
		r = &h.revisions[h.nrevisions++];
		r->id = sqlite3_column_int64(s, 0);
		r->indicator = col_dup(&h.arena, s, 1, &oom);
		r->target = sqlite3_column_int(s, 2);
		r->value = col_dup(&h.arena, s, 3, &oom);
		r->reason = col_dup(&h.arena, s, 4, &oom);
		r->date = col_date(s, 5);
		r->by = col_dup(&h.arena, s, 6, &oom);
	}
	if (oom)
		goto nomem;
read:
	if (rc != SQLITE_DONE) {
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
	sqlite3_finalize(s);
	intern_release(&strings);
	jp_history_release(&h);
	return rc;
}

int jp_store_add_amendment(jp_store *st, const char *plan_id,
			   const char *number, struct jp_date date,
			   const char *doc, struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	char now[32], d[JP_DATE_BUFSZ];
	int rc, r;

	jp_store__now(now, sizeof(now));
	if ((rc = jp_store__prepare(st, &s, "INSERT INTO amendment(plan_id, number, date, doc, loaded_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5)", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, plan_id);
	jp_store__bind_text(s, 2, number);
	jp_store__bind_text(s, 3, jp_date_format(date, d));
	jp_store__bind_text(s, 4, doc);
	jp_store__bind_text(s, 5, now);
	r = sqlite3_step(s);
	if (r == SQLITE_CONSTRAINT)
		rc = jp_error_set(err, JP_EEXISTS, "amendment No. %s of plan '%s' is stored already",
				  number, plan_id);
	else if (r != SQLITE_DONE)
		rc = jp_store__db_error(st, err, "cannot store the amendment");
	sqlite3_finalize(s);
	return rc;
}

int jp_store_list_amendments(jp_store *st, const char *plan_id,
			     int (*cb)(const char *number, struct jp_date date,
				       const char *doc, void *payload),
			     void *payload, struct jp_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT number, date, doc FROM amendment WHERE plan_id = ?1"
			  " ORDER BY date, number", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int r = cb((const char *)sqlite3_column_text(s, 0), col_date(s, 1),
			   (const char *)sqlite3_column_text(s, 2), payload);

		if (r < 0) {
			sqlite3_finalize(s);
			return r;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : jp_store__db_error(st, err, "cannot list amendments");
	sqlite3_finalize(s);
	return rc;
}

size_t jp_store_amendment_count(jp_store *st, const char *plan_id)
{
	sqlite3_stmt *s;
	size_t n = 0;

	if (jp_store__cached(st, &s, "SELECT count(*) FROM amendment WHERE plan_id = ?1", NULL) < 0)
		return 0;
	jp_store__bind_text(s, 1, plan_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(s, 0);
	jp_store__reset(s);
	return n;
}

int jp_store_get_plan_hash(jp_store *st, const char *id, uint64_t *hash_out,
			   struct jp_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = jp_store__cached(st, &s, "SELECT doc_hash FROM plan INDEXED BY plan_hash"
				   " WHERE id = ?1", err)) < 0)
		return rc;
	jp_store__bind_text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*hash_out = strtoull((const char *)sqlite3_column_text(s, 0), NULL, 16);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? jp_error_set(err, JP_ENOTFOUND, "no plan '%s' in the database", id)
				       : jp_store__db_error(st, err, "cannot read plan");
	}
	jp_store__reset(s);
	return rc;
}

int jp_store_data_version(jp_store *st, int64_t *out, struct jp_error *err)
{
	int rc;

	if (!st->data_version &&
	    sqlite3_prepare_v3(st->db, "SELECT n FROM data_version WHERE id = 1", -1,
			       SQLITE_PREPARE_PERSISTENT, &st->data_version, NULL) != SQLITE_OK)
		return jp_store__db_error(st, err, "cannot read the data version");
	rc = sqlite3_step(st->data_version);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st->data_version, 0);
	rc = rc == SQLITE_ROW ? 0 : jp_store__db_error(st, err, "cannot read the data version");
	sqlite3_reset(st->data_version);
	return rc;
}

/* A recording time `at` counts at `moment` (as jp_history_as_recorded). */
#define RECORDED_BY(at) " AND (?2 IS NULL OR " at " IS NULL OR " at " = ''" \
	" OR (length(?2) = 10 AND substr(" at ", 1, 10) <= ?2)" \
	" OR (length(?2) <> 10 AND " at " <= ?2))"

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
		sqlite3_stmt *s = NULL;

		if ((rc = jp_store__cached(st, &s, sql[i], err)) < 0)
			return rc;
		jp_store__bind_text(s, 1, plan_id);
		if (sqlite3_bind_parameter_count(s) > 1)
			jp_store__bind_text(s, 2, moment);
		rc = sqlite3_step(s);
		rc = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 :
		     jp_store__db_error(st, err, "cannot read the history");
		jp_store__reset(s);
	}
	return rc;
}
