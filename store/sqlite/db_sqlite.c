/*
 * db_sqlite.c - the SQLite driver behind the store (store/db.h).
 *
 * Schema changes are migrations: an ordered list of SQL scripts, each run
 * once in its own transaction, with PRAGMA user_version counting how many
 * have run.  Never edit a released migration; add the next one.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "db.h"

#include <errno.h>
#include <sqlite3.h>
#include <sys/stat.h>

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

	/* 12: the common ground with PostgreSQL (store/db.h): the users'
	 * table is "account" ("user" is reserved there), and every table
	 * addressed by row has an id column instead of SQLite's rowid (API
	 * tokens keep theirs, so a token's number does not change).  The
	 * plan images are a cache: they are made again.  Login failures
	 * are counted by address as well as by login: an index for that. */
	"ALTER TABLE user RENAME TO account;"
	"DROP TRIGGER data_version_user_INSERT;"
	"DROP TRIGGER data_version_user_UPDATE;"
	"DROP TRIGGER data_version_user_DELETE;"
	DATA_VERSION_TRIGGERS("account")
	"CREATE TABLE api_token12 ("
	"  id INTEGER PRIMARY KEY,"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  user_id INTEGER NOT NULL REFERENCES account(id),"
	"  label TEXT,"
	"  created_at TEXT NOT NULL,"
	"  expires_at INTEGER"
	");"
	"INSERT INTO api_token12 SELECT rowid, token_hash, user_id, label, created_at, expires_at"
	"  FROM api_token;"
	"DROP TABLE api_token;"
	"ALTER TABLE api_token12 RENAME TO api_token;"
	DATA_VERSION_TRIGGERS("api_token")
	"CREATE TABLE login_failure12 ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL,"
	"  address TEXT NOT NULL,"
	"  at INTEGER NOT NULL"
	");"
	"INSERT INTO login_failure12 SELECT rowid, login, address, at FROM login_failure;"
	"DROP TABLE login_failure;"
	"ALTER TABLE login_failure12 RENAME TO login_failure;"
	"CREATE INDEX login_failure_key ON login_failure(login, address, at);"
	"CREATE INDEX login_failure_address ON login_failure(address, at);"
	"DELETE FROM plan_image;"
	"DROP TABLE plan_image;"
	"CREATE TABLE plan_image ("
	" id INTEGER PRIMARY KEY,"
	" plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	" key TEXT NOT NULL,"
	" image BLOB NOT NULL,"
	" made_at INTEGER NOT NULL,"
	" UNIQUE (plan_id, key));",
};

struct sq_db {
	struct jp_db base;
	sqlite3 *db;
};

/*
 * An INSERT ending in " RETURNING id" is prepared without it: SQLite keeps
 * RETURNING's rows in a temporary b-tree it makes and frees on every run
 * (about half the cost of a report's insert).  The new row's id is
 * SQLite's last rowid, given as the one row the statement returns.
 */
#define RETURNING_ID " RETURNING id"

struct sq_stmt {
	struct jp_stmt base;
	sqlite3_stmt *s;
	bool returning;             /* the statement ended in RETURNING_ID */
	int phase;                  /* 1: the id row is given, 2: done */
	int64_t id;
};

#define SQ(d) (((struct sq_db *)(d))->db)
#define ST(s) (((struct sq_stmt *)(s))->s)

static void sq_close(struct jp_db *d)
{
	sqlite3_close(SQ(d));
	jp_free(d->target);
	jp_free(d);
}

static int sq_exec(struct jp_db *d, const char *sql)
{
	return sqlite3_exec(SQ(d), sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : JP_DB_FAILED;
}

static int sq_prepare(struct jp_db *d, const char *sql, bool persistent, struct jp_stmt **out)
{
	struct sq_stmt *st = jp_calloc(1, sizeof(*st));
	size_t n;

	if (!st)
		return JP_DB_FAILED;
	st->base.db = d;
	n = strlen(sql);
	if (n > strlen(RETURNING_ID) && !strcmp(sql + n - strlen(RETURNING_ID), RETURNING_ID)) {
		st->returning = true;
		n -= strlen(RETURNING_ID);
	}
	if (sqlite3_prepare_v3(SQ(d), sql, (int)n, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
			       &st->s, NULL) != SQLITE_OK) {
		sqlite3_finalize(st->s);
		jp_free(st);
		return JP_DB_FAILED;
	}
	*out = &st->base;
	return 0;
}

static void sq_finalize(struct jp_stmt *s)
{
	sqlite3_finalize(ST(s));
	jp_free(s);
}

static void sq_reset(struct jp_stmt *s, bool clear)
{
	((struct sq_stmt *)s)->phase = 0;
	sqlite3_reset(ST(s));
	if (clear)
		sqlite3_clear_bindings(ST(s));
}

static void sq_bind_null(struct jp_stmt *s, int i)
{
	sqlite3_bind_null(ST(s), i);
}

static void sq_bind_int64(struct jp_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(ST(s), i, (sqlite3_int64)v);
}

static void sq_bind_text(struct jp_stmt *s, int i, const char *v, bool copy)
{
	sqlite3_bind_text(ST(s), i, v, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static void sq_bind_blob(struct jp_stmt *s, int i, const void *v, size_t n)
{
	/* a zero-length blob, not NULL, when there are no bytes */
	sqlite3_bind_blob64(ST(s), i, v ? v : "", n, SQLITE_STATIC);
}

static int sq_step(struct jp_stmt *s)
{
	struct sq_stmt *st = (struct sq_stmt *)s;
	int rc;

	if (st->returning && st->phase) {
		st->phase = 2;
		return JP_DB_DONE;
	}
	rc = sqlite3_step(st->s);
	if (st->returning && rc == SQLITE_DONE) {
		st->id = sqlite3_last_insert_rowid(SQ(s->db));
		st->phase = 1;
		return JP_DB_ROW;
	}
	if (rc == SQLITE_ROW)
		return JP_DB_ROW;
	if (rc == SQLITE_DONE)
		return JP_DB_DONE;
	return (rc & 0xff) == SQLITE_CONSTRAINT ? JP_DB_CONSTRAINT : JP_DB_FAILED;
}

static bool sq_column_null(struct jp_stmt *s, int i)
{
	if (((struct sq_stmt *)s)->phase == 1)
		return i != 0;
	return sqlite3_column_type(ST(s), i) == SQLITE_NULL;
}

static int64_t sq_column_int64(struct jp_stmt *s, int i)
{
	struct sq_stmt *st = (struct sq_stmt *)s;

	if (st->phase == 1)
		return i == 0 ? st->id : 0;
	return sqlite3_column_int64(st->s, i);
}

static const char *sq_column_text(struct jp_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(ST(s), i);
}

static size_t sq_column_bytes(struct jp_stmt *s, int i)
{
	return (size_t)sqlite3_column_bytes(ST(s), i);
}

static const void *sq_column_blob(struct jp_stmt *s, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(ST(s), i);

	*len = (size_t)sqlite3_column_bytes(ST(s), i);
	return p ? p : "";
}

static int sq_param_count(struct jp_stmt *s)
{
	return sqlite3_bind_parameter_count(ST(s));
}

static int64_t sq_changes(struct jp_db *d)
{
	return sqlite3_changes64(SQ(d));
}

static bool sq_in_tx(struct jp_db *d)
{
	return !sqlite3_get_autocommit(SQ(d));
}

static const char *sq_errmsg(struct jp_db *d)
{
	return sqlite3_errmsg(SQ(d));
}

static int sq_schema_version(struct jp_db *d)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(SQ(d), "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int sq_set_schema_version(struct jp_db *d, int v)
{
	char pragma[64];

	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v);
	return sq_exec(d, pragma);
}

static int sq_set_cache(struct jp_db *d, size_t kib)
{
	char sql[64];

	/* a number, not text from anyone: nothing to bind or quote */
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%zu", kib ? kib : 2000);
	return sq_exec(d, sql);
}

/*
 * The report table's CHECK on status is an IN list, which SQLite makes
 * into a temporary b-tree on every row it inserts: about half the cost of
 * a report.  A batch's statuses are always jp_report_status_name()'s, so
 * a large batch is inserted with the checks off and they are on again
 * when it is done.  Turning them off or on makes SQLite prepare its
 * statements again, so the store does it only for large batches.
 * NEEDSWORK: a table rebuild with the CHECK as an OR of equalities would
 * keep the check at no cost and drop this.
 */
static int sq_bulk(struct jp_db *d, bool on)
{
	return sq_exec(d, on ? "PRAGMA ignore_check_constraints = ON"
			     : "PRAGMA ignore_check_constraints = OFF");
}

/* Every word as a quoted FTS5 prefix phrase: "word"* "other"* in one ?2 */
static int sq_search_sql(struct jp_buf *sql, size_t nwords)
{
	(void)nwords;
	jp_buf_adds(sql, "SELECT idx FROM activity_fts WHERE plan_id = ?1"
		    " AND activity_fts MATCH ?2 ORDER BY CAST(idx AS INTEGER)");
	return jp_buf_oom(sql) ? JP_ERROR : 0;
}

static int sq_search_bind(struct jp_stmt *s, char *const *words, size_t nwords,
			  struct jp_buf *q)
{
	jp_buf_reset(q);
	for (size_t i = 0; i < nwords; i++)
		jp_buf_addf(q, "%s\"%s\"*", i ? " " : "", words[i]);
	if (jp_buf_oom(q))
		return JP_ERROR;
	sq_bind_text(s, 2, q->ptr, false);
	return 0;
}

static const struct jp_db_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.reset = sq_reset,
	.bind_null = sq_bind_null,
	.bind_int64 = sq_bind_int64,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.step = sq_step,
	.column_null = sq_column_null,
	.column_int64 = sq_column_int64,
	.column_text = sq_column_text,
	.column_bytes = sq_column_bytes,
	.column_blob = sq_column_blob,
	.param_count = sq_param_count,
	.changes = sq_changes,
	.in_tx = sq_in_tx,
	.errmsg = sq_errmsg,
	.begin_sql = "BEGIN IMMEDIATE",
	.begin_read_sql = "BEGIN",
	.migrations = migrations,
	.nmigrations = JP_ARRAY_LEN(migrations),
	.schema_version = sq_schema_version,
	.set_schema_version = sq_set_schema_version,
	.set_cache = sq_set_cache,
	.bulk = sq_bulk,
	.search_put_sql = "INSERT INTO activity_fts(plan_id, idx, body) VALUES (?1, ?2, ?3)",
	.search_delete_sql = "DELETE FROM activity_fts WHERE plan_id = ?1",
	.search_sql = sq_search_sql,
	.search_bind = sq_search_bind,
};

/* mkdir -p of the directory part of `path`. */
static int make_parent_dirs(const char *path)
{
	char *p = jp_strdup(path), *s;
	int rc = 0;

	if (!p)
		return -1;
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	jp_free(p);
	return rc;
}

int jp_db_sqlite_open(struct jp_db **out, const char *path, struct jp_error *err)
{
	struct sq_db *d = jp_calloc(1, sizeof(*d));
	int rc;

	if (!d || !(d->base.target = jp_strdup(path))) {
		jp_free(d);
		return jp_error_set(err, JP_ERROR, "out of memory");
	}
	d->base.ops = &sqlite_ops;
	if (make_parent_dirs(path) < 0) {
		rc = jp_error_set(err, JP_ERROR, "cannot create the directory of '%s': %s", path,
				  strerror(errno));
		goto fail;
	}
	/* a store is used by one thread at a time (the server lends its
	 * connections out of a pool), so SQLite need not lock each call */
	if (sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = jp_error_set(err, JP_ERROR, "cannot open database '%s': %s", path,
				  d->db ? sqlite3_errmsg(d->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(d->db, 5000);
	if (sq_exec(&d->base, "PRAGMA journal_mode = WAL") < 0 ||
	    sq_exec(&d->base, "PRAGMA synchronous = FULL") < 0 ||
	    sq_exec(&d->base, "PRAGMA foreign_keys = ON") < 0) {
		rc = jp_error_set(err, JP_ERROR, "database '%s': %s", path, sqlite3_errmsg(d->db));
		goto fail;
	}
	*out = &d->base;
	return 0;
fail:
	sq_close(&d->base);
	return rc;
}
