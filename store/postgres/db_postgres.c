/*
 * db_postgres.c - the PostgreSQL driver behind the store (store/db.h),
 * through libpq.
 *
 * libpq is loaded when a PostgreSQL database is first opened (dlopen of
 * libpq.so.5, lazily bound), not linked: it brings OpenSSL, Kerberos and
 * LDAP, and binding them would cost every SQLite command at start (a
 * PostgreSQL command pays about 13 M instructions for it).  The header
 * gives the types; the functions are looked up once.
 *
 * The store's SQL (store/db.h) is translated once per statement: ?N
 * becomes $N, SQLite's planner hints (INDEXED BY name, NOT INDEXED) go
 * and CROSS JOIN becomes JOIN.  A parameter the SQL never names is
 * declared text, so PostgreSQL need not guess its type.  Values travel as
 * text, blobs as binary; rows come back as text, the whole result of a
 * statement at once.
 * NEEDSWORK: a history of a million reports is held by libpq whole before
 * the store reads it; single-row mode would stream it, at the price of
 * one statement open at a time on the connection.
 *
 * A write transaction begins by taking one advisory lock, as SQLite's
 * BEGIN IMMEDIATE takes its write lock: writers, in any process, take
 * turns, and a read-then-write sees no other writer's change between.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "db.h"

#include <dlfcn.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <strings.h>

/* the advisory lock of a write transaction ("jospar" in ASCII) */
#define WRITE_LOCK "6a6f73706172"

static struct {
	PGconn *(*connectdb)(const char *);
	ConnStatusType (*status)(const PGconn *);
	char *(*error_message)(const PGconn *);
	void (*finish)(PGconn *);
	PQnoticeProcessor (*set_notice_processor)(PGconn *, PQnoticeProcessor, void *);
	PGresult *(*exec)(PGconn *, const char *);
	PGresult *(*exec_params)(PGconn *, const char *, int, const Oid *,
				 const char *const *, const int *, const int *, int);
	PGresult *(*prepare)(PGconn *, const char *, const char *, int, const Oid *);
	PGresult *(*exec_prepared)(PGconn *, const char *, int, const char *const *,
				   const int *, const int *, int);
	ExecStatusType (*result_status)(const PGresult *);
	char *(*result_error_field)(const PGresult *, int);
	char *(*result_error_message)(const PGresult *);
	void (*clear)(PGresult *);
	int (*ntuples)(const PGresult *);
	char *(*getvalue)(const PGresult *, int, int);
	int (*getisnull)(const PGresult *, int, int);
	int (*getlength)(const PGresult *, int, int);
	char *(*cmd_tuples)(PGresult *);
	PGTransactionStatusType (*transaction_status)(const PGconn *);
	unsigned char *(*unescape_bytea)(const unsigned char *, size_t *);
	void (*freemem)(void *);
} pq;

static pthread_once_t pq_once = PTHREAD_ONCE_INIT;
static char pq_error[256];

static void pq_load(void)
{
	void *h = dlopen("libpq.so.5", RTLD_LAZY | RTLD_LOCAL);
	struct { void **fn; const char *name; } syms[] = {
		{ (void **)&pq.connectdb, "PQconnectdb" },
		{ (void **)&pq.status, "PQstatus" },
		{ (void **)&pq.error_message, "PQerrorMessage" },
		{ (void **)&pq.finish, "PQfinish" },
		{ (void **)&pq.set_notice_processor, "PQsetNoticeProcessor" },
		{ (void **)&pq.exec, "PQexec" },
		{ (void **)&pq.exec_params, "PQexecParams" },
		{ (void **)&pq.prepare, "PQprepare" },
		{ (void **)&pq.exec_prepared, "PQexecPrepared" },
		{ (void **)&pq.result_status, "PQresultStatus" },
		{ (void **)&pq.result_error_field, "PQresultErrorField" },
		{ (void **)&pq.result_error_message, "PQresultErrorMessage" },
		{ (void **)&pq.clear, "PQclear" },
		{ (void **)&pq.ntuples, "PQntuples" },
		{ (void **)&pq.getvalue, "PQgetvalue" },
		{ (void **)&pq.getisnull, "PQgetisnull" },
		{ (void **)&pq.getlength, "PQgetlength" },
		{ (void **)&pq.cmd_tuples, "PQcmdTuples" },
		{ (void **)&pq.transaction_status, "PQtransactionStatus" },
		{ (void **)&pq.unescape_bytea, "PQunescapeBytea" },
		{ (void **)&pq.freemem, "PQfreemem" },
	};

	if (!h) {
		snprintf(pq_error, sizeof(pq_error), "cannot load libpq (apt-get install libpq5): %s",
			 dlerror());
		return;
	}
	for (size_t i = 0; i < JP_ARRAY_LEN(syms); i++) {
		/* POSIX: a function pointer may be read through a void * */
		*syms[i].fn = dlsym(h, syms[i].name);
		if (!*syms[i].fn) {
			snprintf(pq_error, sizeof(pq_error), "libpq has no %s", syms[i].name);
			pq.connectdb = NULL;
			return;
		}
	}
}

struct pg_db {
	struct jp_db base;
	PGconn *conn;
	char *err;                  /* the last error, for jp_db_errmsg */
	int64_t changes;
	unsigned next_name;         /* prepared statements are s1, s2, ... */
};

struct pg_stmt {
	struct jp_stmt base;
	char *sql;                  /* translated */
	char name[16];              /* prepared on the server; "" when not */
	bool command;               /* not a query: run as it is (SAVEPOINT ...) */
	int nparams;
	Oid *types;
	const char **values;
	int *lengths, *formats;
	char **owned;               /* copies of bound text, freed on reset */
	char (*ints)[24];
	PGresult *res;
	int row, nrows;
	unsigned runs;              /* executions so far */
	unsigned char *blob;        /* the last blob column read, unescaped */
};

#define DB(d) ((struct pg_db *)(d))
#define ST(s) ((struct pg_stmt *)(s))

static void set_err(struct pg_db *d, const char *msg)
{
	char *m = jp_strdup(msg ? msg : "unknown error");
	size_t n;

	if (!m)
		return;
	n = strlen(m);
	while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
		m[--n] = '\0';
	jp_free(d->err);
	d->err = m;
}

/* JP_DB_CONSTRAINT for integrity violations (SQLSTATE class 23), else
 * JP_DB_FAILED; the message is kept either way. */
static int result_error(struct pg_db *d, PGresult *r)
{
	const char *state = r ? pq.result_error_field(r, PG_DIAG_SQLSTATE) : NULL;

	set_err(d, r ? pq.result_error_message(r) : pq.error_message(d->conn));
	return state && !strncmp(state, "23", 2) ? JP_DB_CONSTRAINT : JP_DB_FAILED;
}

static void ignore_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static void pg_close(struct jp_db *db)
{
	struct pg_db *d = DB(db);

	if (d->conn)
		pq.finish(d->conn);
	jp_free(d->err);
	jp_free(d->base.target);
	jp_free(d);
}

static int pg_exec(struct jp_db *db, const char *sql)
{
	struct pg_db *d = DB(db);
	PGresult *r = pq.exec(d->conn, sql);
	ExecStatusType s = r ? pq.result_status(r) : PGRES_FATAL_ERROR;
	int rc = 0;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		rc = result_error(d, r);
	pq.clear(r);
	return rc;
}

static bool is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Whether `p` starts with the keyword `kw` (case-insensitive, whole word). */
static bool keyword(const char *sql, const char *p, const char *kw)
{
	size_t n = strlen(kw);

	return (p == sql || !is_ident(p[-1])) && !strncasecmp(p, kw, n) && !is_ident(p[n]);
}

/*
 * The store's SQL as PostgreSQL's (see the head of the file); *used gets
 * which parameters it names (bit i for ?i+1), *nparams the highest.
 */
static char *translate(const char *sql, int *nparams, uint64_t *used)
{
	struct jp_buf b = JP_BUF_INIT;
	const char *p = sql;

	*nparams = 0;
	*used = 0;
	while (*p) {
		if (*p == '\'') {               /* a literal, as it is */
			const char *q = p + 1;

			while (*q && !(*q == '\'' && q[1] != '\''))
				q += *q == '\'' ? 2 : 1;
			if (*q)
				q++;
			jp_buf_add(&b, p, (size_t)(q - p));
			p = q;
		} else if (*p == '?') {
			char *end;
			long n = strtol(p + 1, &end, 10);

			if (end == p + 1 || n < 1 || n > 64) {
				jp_buf_release(&b);
				return NULL;            /* the store numbers every one */
			}
			jp_buf_addf(&b, "$%ld", n);
			*used |= 1ull << (n - 1);
			if (n > *nparams)
				*nparams = (int)n;
			p = end;
		} else if (keyword(sql, p, "INDEXED BY")) {
			p += strlen("INDEXED BY");
			while (*p == ' ')
				p++;
			while (is_ident(*p))
				p++;
		} else if (keyword(sql, p, "NOT INDEXED")) {
			p += strlen("NOT INDEXED");
		} else if (keyword(sql, p, "CROSS JOIN")) {
			jp_buf_adds(&b, "JOIN");
			p += strlen("CROSS JOIN");
		} else {
			jp_buf_addc(&b, *p++);
		}
	}
	if (jp_buf_oom(&b)) {
		jp_buf_release(&b);
		return NULL;
	}
	return b.ptr ? b.ptr : jp_strdup("");
}

static void pg_finalize(struct jp_stmt *s);

static int pg_prepare(struct jp_db *db, const char *sql, bool persistent, struct jp_stmt **out)
{
	struct pg_db *d = DB(db);
	struct pg_stmt *st = jp_calloc(1, sizeof(*st));
	const char *p = sql;
	uint64_t used;
	int n;

	if (!st) {
		set_err(d, "out of memory");
		return JP_DB_FAILED;
	}
	st->base.db = db;
	if (!(st->sql = translate(sql, &n, &used))) {
		set_err(d, "cannot translate the statement");
		goto fail;
	}
	while (*p == ' ' || *p == '\n' || *p == '(')
		p++;
	st->command = !(keyword(p, p, "SELECT") || keyword(p, p, "INSERT") ||
			keyword(p, p, "UPDATE") || keyword(p, p, "DELETE") ||
			keyword(p, p, "WITH") || keyword(p, p, "VALUES"));
	st->nparams = n;
	if (n) {
		st->types = jp_calloc((size_t)n, sizeof(*st->types));
		st->values = jp_calloc((size_t)n, sizeof(*st->values));
		st->lengths = jp_calloc((size_t)n, sizeof(*st->lengths));
		st->formats = jp_calloc((size_t)n, sizeof(*st->formats));
		st->owned = jp_calloc((size_t)n, sizeof(*st->owned));
		st->ints = jp_calloc((size_t)n, sizeof(*st->ints));
		if (!st->types || !st->values || !st->lengths || !st->formats || !st->owned ||
		    !st->ints) {
			set_err(d, "out of memory");
			goto fail;
		}
		for (int i = 0; i < n; i++)
			st->types[i] = used & (1ull << i) ? 0 : 25;     /* text */
	}
	st->row = -1;
	if (persistent && !st->command) {
		PGresult *r;

		snprintf(st->name, sizeof(st->name), "s%u", ++d->next_name);
		r = pq.prepare(d->conn, st->name, st->sql, n, st->types);
		if (!r || pq.result_status(r) != PGRES_COMMAND_OK) {
			result_error(d, r);
			pq.clear(r);
			st->name[0] = '\0';
			goto fail;
		}
		pq.clear(r);
	}
	*out = &st->base;
	return 0;
fail:
	pg_finalize(&st->base);
	return JP_DB_FAILED;
}

static void clear_result(struct pg_stmt *st)
{
	if (st->res) {
		pq.clear(st->res);
		st->res = NULL;
	}
	if (st->blob) {
		pq.freemem(st->blob);
		st->blob = NULL;
	}
	st->row = -1;
	st->nrows = 0;
}

static void unbind(struct pg_stmt *st)
{
	for (int i = 0; i < st->nparams; i++) {
		jp_free(st->owned[i]);
		st->owned[i] = NULL;
		st->values[i] = NULL;
		st->lengths[i] = 0;
		st->formats[i] = 0;
	}
}

static void pg_reset(struct jp_stmt *s, bool clear)
{
	clear_result(ST(s));
	if (clear)
		unbind(ST(s));
}

static void pg_finalize(struct jp_stmt *s)
{
	struct pg_stmt *st = ST(s);
	struct pg_db *d = DB(s->db);

	clear_result(st);
	if (st->owned)
		unbind(st);
	if (st->name[0] && d->conn) {
		char sql[48];

		snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
		pq.clear(pq.exec(d->conn, sql));
	}
	jp_free(st->sql);
	jp_free(st->types);
	jp_free(st->values);
	jp_free(st->lengths);
	jp_free(st->formats);
	jp_free(st->owned);
	jp_free(st->ints);
	jp_free(st);
}

/* Parameter i (from 1) made ready for a new value; NULL when out of range. */
static struct pg_stmt *param(struct jp_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);

	if (i < 1 || i > st->nparams)
		return NULL;
	jp_free(st->owned[i - 1]);
	st->owned[i - 1] = NULL;
	st->formats[i - 1] = 0;
	st->lengths[i - 1] = 0;
	return st;
}

static void pg_bind_null(struct jp_stmt *s, int i)
{
	struct pg_stmt *st = param(s, i);

	if (st)
		st->values[i - 1] = NULL;
}

static void pg_bind_int64(struct jp_stmt *s, int i, int64_t v)
{
	struct pg_stmt *st = param(s, i);

	if (!st)
		return;
	snprintf(st->ints[i - 1], sizeof(st->ints[i - 1]), "%lld", (long long)v);
	st->values[i - 1] = st->ints[i - 1];
}

static void pg_bind_text(struct jp_stmt *s, int i, const char *v, bool copy)
{
	struct pg_stmt *st = param(s, i);

	if (!st)
		return;
	if (copy) {
		/* out of memory binds NULL: the statement then fails on it */
		st->owned[i - 1] = jp_strdup(v);
		v = st->owned[i - 1];
	}
	st->values[i - 1] = v;
}

static void pg_bind_blob(struct jp_stmt *s, int i, const void *v, size_t n)
{
	struct pg_stmt *st = param(s, i);

	if (!st)
		return;
	st->values[i - 1] = v ? v : "";
	st->lengths[i - 1] = (int)n;
	st->formats[i - 1] = 1;
}

static int pg_step(struct jp_stmt *s)
{
	struct pg_stmt *st = ST(s);
	struct pg_db *d = DB(s->db);
	ExecStatusType rs;
	int rc;

	if (st->res) {
		if (st->row + 1 < st->nrows) {
			st->row++;
			if (st->blob) {
				pq.freemem(st->blob);
				st->blob = NULL;
			}
			return JP_DB_ROW;
		}
		return JP_DB_DONE;
	}
	/* a statement run again (a loop over rows or chunks) is prepared on
	 * the server the second time, so it is parsed and planned once */
	if (!st->command && !st->name[0] && st->runs == 1) {
		PGresult *r;

		snprintf(st->name, sizeof(st->name), "s%u", ++d->next_name);
		r = pq.prepare(d->conn, st->name, st->sql, st->nparams, st->types);
		if (!r || pq.result_status(r) != PGRES_COMMAND_OK)
			st->name[0] = '\0';   /* it runs unprepared, as before */
		pq.clear(r);
	}
	st->runs++;
	if (st->command)
		st->res = pq.exec(d->conn, st->sql);
	else if (st->name[0])
		st->res = pq.exec_prepared(d->conn, st->name, st->nparams,
					   (const char *const *)st->values, st->lengths,
					   st->formats, 0);
	else
		st->res = pq.exec_params(d->conn, st->sql, st->nparams, st->types,
					 (const char *const *)st->values, st->lengths,
					 st->formats, 0);
	rs = st->res ? pq.result_status(st->res) : PGRES_FATAL_ERROR;
	if (rs == PGRES_TUPLES_OK) {
		st->nrows = pq.ntuples(st->res);
		st->row = 0;
		d->changes = 0;
		if (st->nrows > 0) {
			/* INSERT ... RETURNING: the rows it made */
			const char *t = pq.cmd_tuples(st->res);

			d->changes = t && *t ? strtoll(t, NULL, 10) : 0;
			return JP_DB_ROW;
		}
		return JP_DB_DONE;
	}
	if (rs == PGRES_COMMAND_OK) {
		const char *t = pq.cmd_tuples(st->res);

		d->changes = t && *t ? strtoll(t, NULL, 10) : 0;
		return JP_DB_DONE;
	}
	rc = result_error(d, st->res);
	clear_result(st);
	return rc;
}

static bool pg_column_null(struct jp_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);

	return !st->res || st->row < 0 || pq.getisnull(st->res, st->row, i);
}

static const char *pg_column_text(struct jp_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);

	if (pg_column_null(s, i))
		return NULL;
	return pq.getvalue(st->res, st->row, i);
}

static int64_t pg_column_int64(struct jp_stmt *s, int i)
{
	const char *v = pg_column_text(s, i);

	return v ? strtoll(v, NULL, 10) : 0;
}

static size_t pg_column_bytes(struct jp_stmt *s, int i)
{
	struct pg_stmt *st = ST(s);

	if (pg_column_null(s, i))
		return 0;
	return (size_t)pq.getlength(st->res, st->row, i);
}

static const void *pg_column_blob(struct jp_stmt *s, int i, size_t *len)
{
	struct pg_stmt *st = ST(s);
	const char *v = pg_column_text(s, i);

	*len = 0;
	if (!v)
		return "";
	if (st->blob)
		pq.freemem(st->blob);
	/* bytea comes as text: \x and hex digits */
	st->blob = pq.unescape_bytea((const unsigned char *)v, len);
	return st->blob ? (const void *)st->blob : "";
}

static int pg_param_count(struct jp_stmt *s)
{
	return ST(s)->nparams;
}

static int64_t pg_changes(struct jp_db *db)
{
	return DB(db)->changes;
}

static bool pg_in_tx(struct jp_db *db)
{
	PGTransactionStatusType t = pq.transaction_status(DB(db)->conn);

	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static const char *pg_errmsg(struct jp_db *db)
{
	struct pg_db *d = DB(db);

	return d->err ? d->err : "no error";
}

static int pg_schema_version(struct jp_db *db)
{
	struct pg_db *d = DB(db);
	/* two statements: a query naming a missing table fails as a whole */
	PGresult *r = pq.exec(d->conn, "SELECT to_regclass('jospar_schema') IS NOT NULL");
	int v = -1;

	if (r && pq.result_status(r) == PGRES_TUPLES_OK && pq.ntuples(r) == 1) {
		bool made = pq.getvalue(r, 0, 0)[0] == 't';

		pq.clear(r);
		if (!made)
			return 0;
		r = pq.exec(d->conn, "SELECT version FROM jospar_schema");
	}
	if (r && pq.result_status(r) == PGRES_TUPLES_OK && pq.ntuples(r) == 1)
		v = (int)strtol(pq.getvalue(r, 0, 0), NULL, 10);
	else
		result_error(d, r);
	pq.clear(r);
	return v;
}

static int pg_set_schema_version(struct jp_db *db, int v)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "UPDATE jospar_schema SET version = %d", v);
	return pg_exec(db, sql);
}

static int pg_set_cache(struct jp_db *db, size_t kib)
{
	/* the server's shared buffers are the cache: nothing per connection */
	(void)db;
	(void)kib;
	return 0;
}

static int pg_bulk(struct jp_db *db, bool on)
{
	(void)db;
	(void)on;
	return 0;
}

/* one LIKE per word on the words column: " prefix" starts a word */
static int pg_search_sql(struct jp_buf *sql, size_t nwords)
{
	jp_buf_adds(sql, "SELECT idx FROM activity_search WHERE plan_id = ?1");
	for (size_t i = 0; i < nwords; i++)
		jp_buf_addf(sql, " AND words LIKE ?%zu", i + 2);
	jp_buf_adds(sql, " ORDER BY idx");
	return jp_buf_oom(sql) ? JP_ERROR : 0;
}

static int pg_search_bind(struct jp_stmt *s, char *const *words, size_t nwords,
			  struct jp_buf *scratch)
{
	(void)scratch;
	for (size_t i = 0; i < nwords; i++) {
		/* a word is letters and digits: nothing LIKE would read as a pattern */
		size_t n = strlen(words[i]) + 4;
		char *pat = jp_malloc(n);

		if (!pat)
			return JP_ERROR;
		snprintf(pat, n, "%% %s%%", words[i]);
		pg_bind_text(s, (int)i + 2, pat, true);
		jp_free(pat);
	}
	return 0;
}

static int pg_sync_ids(struct jp_db *db, const char *table)
{
	char sql[256];

	/* a table name from the store's own list, never from input */
	snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_sequence('%s', 'id'),"
		 " coalesce(max(id), 0) + 1, false) FROM %s", table, table);
	return pg_exec(db, sql);
}

/* The URI as messages show it: a password (user:PASSWORD@ or password=)
 * masked. */
static char *display_uri(const char *uri)
{
	struct jp_buf b = JP_BUF_INIT;
	const char *p = uri, *scheme = strstr(uri, "://"), *at, *colon;

	if (scheme && (at = strchr(scheme + 3, '@')) &&
	    (colon = memchr(scheme + 3, ':', (size_t)(at - scheme - 3)))) {
		jp_buf_add(&b, uri, (size_t)(colon - uri + 1));
		jp_buf_adds(&b, "***");
		p = at;
	}
	while (*p) {
		const char *q = strstr(p, "password=");

		if (!q || (q != uri && q[-1] != '?' && q[-1] != '&' && q[-1] != ' ')) {
			jp_buf_adds(&b, p);
			break;
		}
		jp_buf_add(&b, p, (size_t)(q - p) + strlen("password="));
		jp_buf_adds(&b, "***");
		p = q + strlen("password=");
		while (*p && *p != '&' && *p != ' ')
			p++;
	}
	return jp_buf_oom(&b) ? NULL : b.ptr ? b.ptr : jp_strdup("");
}

#define PG_TRIGGERS(t, ops) \
	"CREATE TRIGGER data_version_" t " AFTER " ops " ON " t \
	" FOR EACH STATEMENT EXECUTE FUNCTION jospar_data_version_bump();"
#define TEXT " TEXT COLLATE \"C\""

/*
 * The schema, in PostgreSQL's words: the same tables, columns and indexes
 * as SQLite's at its migration 12, text compared byte by byte (COLLATE
 * "C", as SQLite compares), integers 64-bit, ids from identities.  Never
 * edit a released migration; add the next one.
 */
static const char *const migrations[] = {
	"CREATE TABLE jospar_schema (version INTEGER NOT NULL);"
	"INSERT INTO jospar_schema VALUES (0);"
	"CREATE TABLE plan ("
	"  id" TEXT " PRIMARY KEY,"
	"  number" TEXT " NOT NULL,"
	"  title" TEXT " NOT NULL,"
	"  approved" TEXT " NOT NULL,"
	"  doc" TEXT " NOT NULL,"
	"  doc_hash" TEXT " NOT NULL,"
	"  builtin BIGINT NOT NULL DEFAULT 0,"
	"  loaded_at" TEXT " NOT NULL"
	");"
	"CREATE INDEX plan_hash ON plan(id, doc_hash);"
	"CREATE TABLE activity ("
	"  plan_id" TEXT " NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	"  idx BIGINT NOT NULL,"
	"  number" TEXT " NOT NULL,"
	"  direction" TEXT " NOT NULL,"
	"  title" TEXT " NOT NULL,"
	"  completion_form" TEXT ","
	"  executors" TEXT " NOT NULL,"
	"  deadline" TEXT " NOT NULL,"
	"  PRIMARY KEY (plan_id, idx)"
	");"
	"CREATE INDEX activity_number ON activity(plan_id, number);"
	"CREATE TABLE executor ("
	"  plan_id" TEXT " NOT NULL,"
	"  idx BIGINT NOT NULL,"
	"  pos BIGINT NOT NULL,"
	"  agency" TEXT " NOT NULL,"
	"  agency_folded" TEXT " NOT NULL,"
	"  lead BIGINT NOT NULL,"
	"  by_agreement BIGINT NOT NULL,"
	"  PRIMARY KEY (plan_id, idx, pos),"
	"  FOREIGN KEY (plan_id, idx) REFERENCES activity(plan_id, idx) ON DELETE CASCADE"
	");"
	"CREATE INDEX executor_agency ON executor(plan_id, agency_folded);"
	"CREATE TABLE due ("
	"  plan_id" TEXT " NOT NULL,"
	"  idx BIGINT NOT NULL,"
	"  date" TEXT " NOT NULL,"
	"  label" TEXT ","
	"  PRIMARY KEY (plan_id, idx, date),"
	"  FOREIGN KEY (plan_id, idx) REFERENCES activity(plan_id, idx) ON DELETE CASCADE"
	");"
	"CREATE INDEX due_date ON due(plan_id, date);"
	/* the search: each activity's folded words as " w1 w2 ... " */
	"CREATE TABLE activity_search ("
	"  plan_id" TEXT " NOT NULL,"
	"  idx BIGINT NOT NULL,"
	"  words" TEXT " NOT NULL,"
	"  PRIMARY KEY (plan_id, idx)"
	");"
	"CREATE TABLE setting (key" TEXT " PRIMARY KEY, value" TEXT " NOT NULL);"
	"CREATE TABLE report ("
	"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	"  plan_id" TEXT " NOT NULL,"
	"  activity" TEXT " NOT NULL,"
	"  due" TEXT " NOT NULL,"
	"  agency" TEXT " NOT NULL,"
	"  status" TEXT " NOT NULL CHECK (status IN ('done','partly','not-done','in-progress')),"
	"  text" TEXT ","
	"  evidence" TEXT ","
	"  spent BIGINT,"
	"  made" TEXT " NOT NULL,"
	"  by" TEXT " NOT NULL,"
	"  recorded_at" TEXT " NOT NULL,"
	"  synthetic BIGINT NOT NULL DEFAULT 0,"
	"  late_reason" TEXT
	");"
	"CREATE INDEX report_occurrence ON report(plan_id, activity, due);"
	"CREATE INDEX report_plan ON report(plan_id);"
	"CREATE INDEX report_synthetic ON report(plan_id) WHERE synthetic = 1;"
	"CREATE TABLE review ("
	"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	"  report BIGINT NOT NULL REFERENCES report(id),"
	"  action" TEXT " NOT NULL CHECK (action IN ('accept','return','reopen')),"
	"  reason" TEXT ","
	"  date" TEXT " NOT NULL,"
	"  by" TEXT " NOT NULL,"
	"  recorded_at" TEXT " NOT NULL,"
	"  synthetic BIGINT NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX review_report ON review(report);"
	"CREATE INDEX review_synthetic ON review(report) WHERE synthetic = 1;"
	"CREATE TABLE indicator_actual ("
	"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	"  plan_id" TEXT " NOT NULL,"
	"  indicator" TEXT " NOT NULL,"
	"  year BIGINT NOT NULL,"
	"  target BIGINT NOT NULL,"
	"  value" TEXT " NOT NULL,"
	"  source" TEXT ","
	"  date" TEXT " NOT NULL,"
	"  by" TEXT " NOT NULL,"
	"  synthetic BIGINT NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX indicator_actual_plan ON indicator_actual(plan_id);"
	"CREATE INDEX indicator_actual_synthetic ON indicator_actual(plan_id) WHERE synthetic = 1;"
	"CREATE TABLE indicator_revision ("
	"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	"  plan_id" TEXT " NOT NULL,"
	"  indicator" TEXT " NOT NULL,"
	"  target BIGINT NOT NULL,"
	"  value" TEXT " NOT NULL,"
	"  reason" TEXT " NOT NULL,"
	"  date" TEXT " NOT NULL,"
	"  by" TEXT " NOT NULL"
	");"
	"CREATE INDEX indicator_revision_plan ON indicator_revision(plan_id);"
	"CREATE TABLE amendment ("
	"  plan_id" TEXT " NOT NULL,"
	"  number" TEXT " NOT NULL,"
	"  date" TEXT " NOT NULL,"
	"  doc" TEXT " NOT NULL,"
	"  loaded_at" TEXT " NOT NULL,"
	"  PRIMARY KEY (plan_id, number)"
	");"
	"CREATE TABLE account ("
	"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	"  login" TEXT " NOT NULL UNIQUE,"
	"  role" TEXT " NOT NULL CHECK (role IN ('admin','coordinator','executor','viewer')),"
	"  agency" TEXT ","
	"  pwhash" TEXT " NOT NULL,"
	"  disabled BIGINT NOT NULL DEFAULT 0,"
	"  created_at" TEXT " NOT NULL"
	");"
	"CREATE TABLE session ("
	"  token_hash" TEXT " PRIMARY KEY,"
	"  user_id BIGINT NOT NULL REFERENCES account(id),"
	"  csrf" TEXT " NOT NULL,"
	"  created BIGINT NOT NULL,"
	"  last_seen BIGINT NOT NULL"
	");"
	"CREATE INDEX session_by_user ON session(user_id);"
	"CREATE TABLE api_token ("
	"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	"  token_hash" TEXT " NOT NULL UNIQUE,"
	"  user_id BIGINT NOT NULL REFERENCES account(id),"
	"  label" TEXT ","
	"  created_at" TEXT " NOT NULL,"
	"  expires_at BIGINT"
	");"
	"CREATE TABLE login_failure ("
	"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	"  login" TEXT " NOT NULL,"
	"  address" TEXT " NOT NULL,"
	"  at BIGINT NOT NULL"
	");"
	"CREATE INDEX login_failure_key ON login_failure(login, address, at);"
	"CREATE INDEX login_failure_address ON login_failure(address, at);"
	"CREATE TABLE audit ("
	"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	"  at" TEXT " NOT NULL,"
	"  who" TEXT " NOT NULL,"
	"  action" TEXT " NOT NULL,"
	"  object" TEXT " NOT NULL,"
	"  before" TEXT ","
	"  after" TEXT
	");"
	"CREATE INDEX audit_who ON audit(who, id);"
	"CREATE INDEX audit_action ON audit(action, id);"
	"CREATE TABLE plan_image ("
	"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	"  plan_id" TEXT " NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	"  key" TEXT " NOT NULL,"
	"  image BYTEA NOT NULL,"
	"  made_at BIGINT NOT NULL,"
	"  UNIQUE (plan_id, key)"
	");"
	"CREATE TABLE plan_image_row ("
	"  plan_id" TEXT " NOT NULL,"
	"  key" TEXT " NOT NULL,"
	"  chunk BIGINT NOT NULL,"
	"  image BYTEA NOT NULL,"
	"  PRIMARY KEY (plan_id, key, chunk),"
	"  FOREIGN KEY (plan_id, key) REFERENCES plan_image(plan_id, key) ON DELETE CASCADE"
	");"
	"CREATE TABLE plan_image_find ("
	"  plan_id" TEXT " NOT NULL,"
	"  key" TEXT " NOT NULL,"
	"  kind BIGINT NOT NULL,"
	"  name" TEXT " NOT NULL,"
	"  idx BIGINT NOT NULL,"
	"  PRIMARY KEY (plan_id, key, kind, name, idx),"
	"  FOREIGN KEY (plan_id, key) REFERENCES plan_image(plan_id, key) ON DELETE CASCADE"
	");"
	/* the data version (store.h): statement triggers; a batch of
	 * reports moves it from the store, once */
	"CREATE TABLE data_version (id BIGINT PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);"
	"INSERT INTO data_version VALUES (1, 0);"
	"CREATE FUNCTION jospar_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS"
	" $$ BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; RETURN NULL; END $$;"
	PG_TRIGGERS("plan", "INSERT OR UPDATE OR DELETE")
	PG_TRIGGERS("setting", "INSERT OR UPDATE OR DELETE")
	PG_TRIGGERS("report", "UPDATE OR DELETE")
	PG_TRIGGERS("review", "INSERT OR UPDATE OR DELETE")
	PG_TRIGGERS("indicator_actual", "INSERT OR UPDATE OR DELETE")
	PG_TRIGGERS("indicator_revision", "INSERT OR UPDATE OR DELETE")
	PG_TRIGGERS("amendment", "INSERT OR UPDATE OR DELETE")
	PG_TRIGGERS("account", "INSERT OR UPDATE OR DELETE")
	PG_TRIGGERS("api_token", "INSERT OR UPDATE OR DELETE")
	PG_TRIGGERS("audit", "INSERT OR UPDATE OR DELETE"),
};

static const struct jp_db_ops postgres_ops = {
	.name = "postgresql",
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.bind_null = pg_bind_null,
	.bind_int64 = pg_bind_int64,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.step = pg_step,
	.column_null = pg_column_null,
	.column_int64 = pg_column_int64,
	.column_text = pg_column_text,
	.column_bytes = pg_column_bytes,
	.column_blob = pg_column_blob,
	.param_count = pg_param_count,
	.changes = pg_changes,
	.in_tx = pg_in_tx,
	.errmsg = pg_errmsg,
	.begin_sql = "BEGIN; SELECT pg_advisory_xact_lock(x'" WRITE_LOCK "'::bigint)",
	.begin_read_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ",
	.sync_ids = pg_sync_ids,
	.migrations = migrations,
	.nmigrations = JP_ARRAY_LEN(migrations),
	.schema_version = pg_schema_version,
	.set_schema_version = pg_set_schema_version,
	.set_cache = pg_set_cache,
	.bulk = pg_bulk,
	.search_put_sql = "INSERT INTO activity_search(plan_id, idx, words) VALUES (?1, ?2, ?4)",
	.search_delete_sql = "DELETE FROM activity_search WHERE plan_id = ?1",
	.search_sql = pg_search_sql,
	.search_bind = pg_search_bind,
};

int jp_db_postgres_open(struct jp_db **out, const char *uri, struct jp_error *err)
{
	struct pg_db *d;
	int rc;

	pthread_once(&pq_once, pq_load);
	if (!pq.connectdb)
		return jp_error_set(err, JP_ERROR, "cannot open a PostgreSQL database: %s", pq_error);
	if (!(d = jp_calloc(1, sizeof(*d))) || !(d->base.target = display_uri(uri))) {
		jp_free(d);
		return jp_error_set(err, JP_ERROR, "out of memory");
	}
	d->base.ops = &postgres_ops;
	/* "postgresql:///db?host=..." is a URI libpq reads as it is */
	d->conn = pq.connectdb(uri);
	if (!d->conn || pq.status(d->conn) != CONNECTION_OK) {
		set_err(d, d->conn ? pq.error_message(d->conn) : "out of memory");
		rc = jp_error_set(err, JP_ERROR, "cannot open database '%s': %s", d->base.target,
				  d->err);
		pg_close(&d->base);
		return rc;
	}
	pq.set_notice_processor(d->conn, ignore_notice, NULL);
	if (pg_exec(&d->base, "SET client_encoding = 'UTF8'; SET client_min_messages = warning") < 0) {
		rc = jp_error_set(err, JP_ERROR, "database '%s': %s", d->base.target, d->err);
		pg_close(&d->base);
		return rc;
	}
	*out = &d->base;
	return 0;
}
