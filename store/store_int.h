/*
 * store_int.h - helpers shared by the store's own files (store*.c only;
 * nothing outside store/ includes this).
 */
#ifndef JP_STORE_INT_H
#define JP_STORE_INT_H

#include "db.h"

struct jp_error;
typedef struct jp_store jp_store;

struct jp_db *jp_store__db(jp_store *st);
int jp_store__prepare(jp_store *st, struct jp_stmt **s, const char *sql,
		      struct jp_error *err);
/*
 * Like jp_store__prepare, but the statement is prepared once per
 * connection and kept until jp_store_close: `sql` must be a string
 * constant.  The caller never finalises it; it resets it when done
 * (jp_store__step_done does, else jp_stmt_reset), so no read stays open.
 */
int jp_store__cached(jp_store *st, struct jp_stmt **s, const char *sql,
		     struct jp_error *err);
/* Runs a prepared statement to completion and resets it. */
int jp_store__step_done(jp_store *st, struct jp_stmt *s, struct jp_error *err);
/* Steps an INSERT ... RETURNING id and resets it: the id, or -1 with err
 * set (JP_EEXISTS when a constraint refused the row). */
int64_t jp_store__insert_id(jp_store *st, struct jp_stmt *s, struct jp_error *err);
int jp_store__db_error(jp_store *st, struct jp_error *err, const char *what);
/* A read-only transaction that sees one moment throughout (jp_store_rollback ends it). */
int jp_store__begin_read(jp_store *st, struct jp_error *err);
int jp_store__savepoint(jp_store *st, struct jp_error *err);
int jp_store__release(jp_store *st, int rc, struct jp_error *err);
void jp_store__now(char *buf, size_t n);
/*
 * The search's text of an activity: b holds "number title form executors
 * deadline" and each executor's agency, each after a space; search_fold
 * case-folds it in place (the body SQLite indexes), search_words gives
 * its words as " w1 w2 ... " (what PostgreSQL matches).
 */
struct jp_buf;
int jp_store__search_fold(struct jp_buf *b);
int jp_store__search_words(const char *folded, struct jp_buf *out);

#endif
