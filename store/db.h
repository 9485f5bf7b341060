/*
 * db.h - the seam between the store and a database engine (store/ only:
 * nothing outside store/ includes this; store.h is the interface).
 *
 * The store's code (store_plan.c, store_history.c, store_account.c) is
 * written once, in SQL both engines run, against this small driver
 * interface: a connection, prepared statements with numbered parameters
 * (?1, ?2, ...), rows stepped one at a time, columns read by index.  A
 * driver is chosen by the database argument (jp_db_open): a path, or
 * "sqlite:PATH", is SQLite (store/sqlite/); a libpq connection URI,
 * "postgresql://..." or "postgres://...", is PostgreSQL (store/postgres/).
 * Each driver keeps its own schema migrations.
 *
 * The SQL dialect is the common ground of SQLite 3.40 and PostgreSQL 15:
 * no rowid (every table the store addresses by row has an id column),
 * an INSERT that ends in " RETURNING id" for a new row's id (the SQLite
 * driver answers it from the last rowid: SQLite's own RETURNING makes a
 * temporary b-tree on every run), ON CONFLICT for upserts, CAST where a
 * parameter has no other type (CAST(?1 AS TEXT) IS NULL), IS NOT DISTINCT
 * FROM for NULL-safe equality, integers for booleans (x = 1, never NOT x).
 * SQLite's planner hints (INDEXED BY name, NOT INDEXED, CROSS JOIN to fix
 * the join order) may be written: they change no answer, and the
 * PostgreSQL driver drops them before preparing.  What the engines do
 * differently (transactions' first statement, full-text search, the page
 * cache, bulk loads) is an operation of the driver.
 */
#ifndef JP_STORE_DB_H
#define JP_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jp_error;
struct jp_buf;

/* jp_db_step's answers; errors are negative, jp_db_errmsg says why */
enum {
	JP_DB_DONE = 101,
	JP_DB_ROW = 100,
	JP_DB_FAILED = -1,
	JP_DB_CONSTRAINT = -2,     /* a UNIQUE, CHECK or FOREIGN KEY refused it */
};

struct jp_db;
struct jp_stmt;

struct jp_db_ops {
	const char *name;                  /* "sqlite", "postgresql" */
	void (*close)(struct jp_db *db);
	/* one or more statements, no parameters, no rows: 0 or JP_DB_FAILED */
	int (*exec)(struct jp_db *db, const char *sql);
	/* `persistent`: kept for the connection's life (the store's cache) */
	int (*prepare)(struct jp_db *db, const char *sql, bool persistent,
		       struct jp_stmt **out);
	void (*finalize)(struct jp_stmt *s);
	/* ready to run again; `clear`: every parameter unbound (NULL) */
	void (*reset)(struct jp_stmt *s, bool clear);
	void (*bind_null)(struct jp_stmt *s, int i);
	void (*bind_int64)(struct jp_stmt *s, int i, int64_t v);
	/* `v` must stay put until the statement is reset unless `copy` */
	void (*bind_text)(struct jp_stmt *s, int i, const char *v, bool copy);
	/* `v` must stay put until the statement is reset */
	void (*bind_blob)(struct jp_stmt *s, int i, const void *v, size_t n);
	int (*step)(struct jp_stmt *s);
	/* a column of the row the last step gave; text is NUL-terminated,
	 * valid until the next step or reset; NULL for SQL NULL */
	bool (*column_null)(struct jp_stmt *s, int i);
	int64_t (*column_int64)(struct jp_stmt *s, int i);
	const char *(*column_text)(struct jp_stmt *s, int i);
	size_t (*column_bytes)(struct jp_stmt *s, int i);
	const void *(*column_blob)(struct jp_stmt *s, int i, size_t *len);
	int (*param_count)(struct jp_stmt *s);
	/* rows the last INSERT, UPDATE or DELETE changed */
	int64_t (*changes)(struct jp_db *db);
	bool (*in_tx)(struct jp_db *db);
	const char *(*errmsg)(struct jp_db *db);
	/* the first statement of a write transaction ("BEGIN IMMEDIATE" in
	 * SQLite takes the write lock at once), and of a read of one moment */
	const char *begin_sql;
	const char *begin_read_sql;
	/* after rows were copied in with their ids: the next id the engine
	 * gives in `table` follows the largest (NULL: nothing to do) */
	int (*sync_ids)(struct jp_db *db, const char *table);
	/* the schema: migrations[v] takes version v to v + 1 */
	const char *const *migrations;
	size_t nmigrations;
	int (*schema_version)(struct jp_db *db);      /* -1: not a jospar database */
	int (*set_schema_version)(struct jp_db *db, int v);  /* in the migration's tx */
	/* the engine's page cache, in KiB (0: the engine's default) */
	int (*set_cache)(struct jp_db *db, size_t kib);
	/* a large batch of rows follows (on) or is done (off): an engine may
	 * skip per-row work the batch makes redundant */
	int (*bulk)(struct jp_db *db, bool on);
	/* full-text search: the statement that keeps an activity's text
	 * (?1 plan, ?2 row index, ?3 the folded text, ?4 its words as
	 * " w1 w2 ... "), the one that forgets a plan's (?1), and the query
	 * for `nwords` folded words, each a prefix of a word of the text
	 * (?1 plan; search_bind binds the words); it yields row indexes in
	 * order */
	const char *search_put_sql;
	const char *search_delete_sql;
	int (*search_sql)(struct jp_buf *sql, size_t nwords);
	int (*search_bind)(struct jp_stmt *s, char *const *words, size_t nwords,
			   struct jp_buf *scratch);
};

/* The common head of every driver's connection and statement. */
struct jp_db {
	const struct jp_db_ops *ops;
	char *target;               /* what it was opened from, for messages
				     * (a password in a URI masked) */
};

struct jp_stmt {
	struct jp_db *db;
};

/*
 * Opens the database `target` names (see above), creating a SQLite file
 * and its directory when missing.  Errors name the target.
 */
int jp_db_open(struct jp_db **out, const char *target, struct jp_error *err);
void jp_db_close(struct jp_db *db);
/* Whether `target` names a PostgreSQL database (a libpq URI). */
bool jp_db_is_postgres(const char *target);

int jp_db_sqlite_open(struct jp_db **out, const char *path, struct jp_error *err);
int jp_db_postgres_open(struct jp_db **out, const char *uri, struct jp_error *err);

static inline int jp_db_exec(struct jp_db *db, const char *sql)
{
	return db->ops->exec(db, sql);
}

static inline const char *jp_db_errmsg(struct jp_db *db)
{
	return db->ops->errmsg(db);
}

static inline void jp_stmt_finalize(struct jp_stmt *s)
{
	if (s)
		s->db->ops->finalize(s);
}

/* Ready to run again, every parameter unbound. */
static inline void jp_stmt_reset(struct jp_stmt *s)
{
	s->db->ops->reset(s, true);
}

/* Ready to run again with the same parameters (bind those that change). */
static inline void jp_stmt_rewind(struct jp_stmt *s)
{
	s->db->ops->reset(s, false);
}

static inline void jp_stmt_null(struct jp_stmt *s, int i)
{
	s->db->ops->bind_null(s, i);
}

static inline void jp_stmt_int64(struct jp_stmt *s, int i, int64_t v)
{
	s->db->ops->bind_int64(s, i, v);
}

/* Text copied by the engine (NULL binds SQL NULL). */
static inline void jp_stmt_text(struct jp_stmt *s, int i, const char *v)
{
	if (v)
		s->db->ops->bind_text(s, i, v, true);
	else
		s->db->ops->bind_null(s, i);
}

/* Text that stays put until the statement is reset (no copy). */
static inline void jp_stmt_text_static(struct jp_stmt *s, int i, const char *v)
{
	if (v)
		s->db->ops->bind_text(s, i, v, false);
	else
		s->db->ops->bind_null(s, i);
}

static inline void jp_stmt_blob(struct jp_stmt *s, int i, const void *v, size_t n)
{
	s->db->ops->bind_blob(s, i, v, n);
}

static inline int jp_stmt_step(struct jp_stmt *s)
{
	return s->db->ops->step(s);
}

static inline bool jp_col_null(struct jp_stmt *s, int i)
{
	return s->db->ops->column_null(s, i);
}

static inline int64_t jp_col_int64(struct jp_stmt *s, int i)
{
	return s->db->ops->column_int64(s, i);
}

static inline int jp_col_int(struct jp_stmt *s, int i)
{
	return (int)s->db->ops->column_int64(s, i);
}

static inline const char *jp_col_text(struct jp_stmt *s, int i)
{
	return s->db->ops->column_text(s, i);
}

static inline size_t jp_col_bytes(struct jp_stmt *s, int i)
{
	return s->db->ops->column_bytes(s, i);
}

static inline const void *jp_col_blob(struct jp_stmt *s, int i, size_t *len)
{
	return s->db->ops->column_blob(s, i, len);
}

#endif
