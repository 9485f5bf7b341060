/*
 * store_int.h - helpers shared by the store's own files (store_*.c only;
 * nothing outside store/ includes this).
 */
#ifndef JP_STORE_INT_H
#define JP_STORE_INT_H

#include <sqlite3.h>

struct jp_error;
typedef struct jp_store jp_store;

sqlite3 *jp_store__db(jp_store *st);
int jp_store__prepare(jp_store *st, sqlite3_stmt **s, const char *sql,
		      struct jp_error *err);
/*
 * Like jp_store__prepare, but the statement is prepared once per
 * connection and kept until jp_store_close: `sql` must be a string
 * constant.  The caller never finalises it; it resets it when done
 * (jp_store__step_done does, else jp_store__reset), so no read stays open.
 */
int jp_store__cached(jp_store *st, sqlite3_stmt **s, const char *sql,
		     struct jp_error *err);
void jp_store__reset(sqlite3_stmt *s);
void jp_store__bind_text(sqlite3_stmt *s, int i, const char *v);
/* Runs a prepared statement to completion and resets it. */
int jp_store__step_done(jp_store *st, sqlite3_stmt *s, struct jp_error *err);
int jp_store__db_error(jp_store *st, struct jp_error *err, const char *what);
int jp_store__savepoint(jp_store *st, struct jp_error *err);
int jp_store__release(jp_store *st, int rc, struct jp_error *err);
void jp_store__now(char *buf, size_t n);

#endif
