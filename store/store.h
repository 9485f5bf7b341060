/*
 * store.h - the database behind jospar: the only interface to SQL.
 *
 * A jp_store is an open database with the schema migrated to the current
 * version: SQLite (the embedded default: a file) or PostgreSQL (a central
 * deployment: a libpq connection URI), behind one interface (the engines
 * are drivers behind store/db.h; nothing above this header knows which).
 * Plans are kept as their documents plus normalised tables (activities,
 * executors, due dates) and a full-text index whose text is case-folded
 * for Kazakh (ә ғ қ ң ө ұ ү һ і) before it is indexed, so "ііМ" finds "ІІМ".
 *
 * Every write runs in one transaction: it is all done or not at all.
 * A SQLite database is opened in WAL mode with synchronous=FULL.
 */
#ifndef JP_STORE_H
#define JP_STORE_H

#include "date.h"

struct jp_error;
struct jp_plan;
struct jp_arena;

typedef struct jp_store jp_store;

/*
 * Opens the database `target` names and migrates its schema:
 *   PATH, sqlite:PATH      a SQLite file, created (with its directory)
 *                          when missing;
 *   postgresql://..., postgres://..., postgresql:///DB?host=/SOCKET
 *                          a PostgreSQL database (a libpq connection URI;
 *                          the database must exist, its tables are made).
 * On success *out is the caller's, closed with jp_store_close.
 * Errors: JP_ERROR (cannot open, not a database, newer schema) with a
 * message naming the target.  A store is not locked: one thread at a time
 * may use it (threads take turns, as the server's pool lends them).
 */
int jp_store_open(jp_store **out, const char *target, struct jp_error *err);
void jp_store_close(jp_store *st);

/* The schema version the database is at (each engine counts its own). */
int jp_store_schema_version(jp_store *st);
/* The newest schema version this build knows for the store's engine. */
int jp_store_schema_latest(jp_store *st);
/* The engine: "sqlite" or "postgresql". */
const char *jp_store_backend(jp_store *st);
/* The database as messages name it (a password in a URI masked). */
const char *jp_store_display(jp_store *st);

/*
 * Copies every table of `from` into `to`, a database with no rows yet (a
 * copy is not a merge: JP_EEXISTS otherwise), between engines or within
 * one, all in one transaction of `to`; `from` is read in a transaction
 * that sees one moment throughout.  Before committing, every table's rows are counted
 * and hashed value by value on both sides; a difference is JP_ERROR and
 * nothing stays.  The full-text search is made again from the copied
 * activities; plan images (a cache) are made again when first needed.
 * progress, if not NULL, is called every 100 000 rows and at each table's
 * end.
 */
struct jp_store_copy_totals {
	int tables;
	int64_t rows;
	int64_t search_rows;
};
int jp_store_copy(jp_store *from, jp_store *to,
		  void (*progress)(const char *table, int64_t rows, bool done, void *payload),
		  void *payload, struct jp_store_copy_totals *totals, struct jp_error *err);

/*
 * Stores a plan, replacing any plan with the same id, in one transaction.
 * `doc` is the document text to keep (it must be what `plan` was parsed
 * from); `builtin` marks the plan embedded in the binary.
 */
int jp_store_put_plan(jp_store *st, const struct jp_plan *plan,
		      const char *doc, bool builtin, struct jp_error *err);

/*
 * The stored document of plan `id` and its hash.  *doc_out is the caller's
 * (jp_free); hash_out may be NULL.  JP_ENOTFOUND when no such plan.
 */
int jp_store_get_plan_doc(jp_store *st, const char *id, char **doc_out,
			  uint64_t *hash_out, struct jp_error *err);

/* The stored document's hash alone (cheap: the document is not read). */
int jp_store_get_plan_hash(jp_store *st, const char *id, uint64_t *hash_out,
			   struct jp_error *err);

/*
 * The head of the plan's binary image stored under `key` (plan/plan_image.h;
 * the key says which document and amendments it was made from): *image_out
 * is the caller's (jp_free).  JP_ENOTFOUND when there is none.
 */
int jp_store_get_plan_image(jp_store *st, const char *id, const char *key,
			    void **image_out, size_t *len_out, struct jp_error *err);
/*
 * Keeps an image of plan `id` under `key`; only the newest
 * JP_STORE_PLAN_IMAGES of a plan stay.  Replacing the plan drops them.
 */
#define JP_STORE_PLAN_IMAGES 8
struct jp_store_image {
	const void *head;
	size_t head_len;
	const void *const *chunk;      /* the rows, a chunk at a time */
	const size_t *chunk_len;
	size_t nchunks;
	const struct jp_store_image_find {
		int kind;
		char *name;
		size_t idx;
	} *find;                        /* look-ups: kind and name to a row */
	size_t nfind;
};
int jp_store_put_plan_image(jp_store *st, const char *id, const char *key,
			    const struct jp_store_image *im, struct jp_error *err);
/*
 * Calls fn with the head of the image under `key` (chunk -1), then with
 * each of its chunks of rows: chunks[0..n) in that order (one missing is
 * skipped), or every chunk in order when chunks is NULL; one statement.
 * `blob` lives until fn returns.  fn's non-zero return stops and is
 * returned; else 0 or an error.  A missing head is not called for.
 */
int jp_store_get_plan_image_rows(jp_store *st, const char *id, const char *key,
				 const size_t *chunks, size_t n,
				 int (*fn)(void *payload, int64_t chunk, const void *blob, size_t len),
				 void *payload, struct jp_error *err);
/*
 * The rows that look-up (kind, name) of the image under `key` gives,
 * ascending: *idx_out (the caller's, jp_free; NULL when none) and *n_out.
 */
int jp_store_find_plan_image(jp_store *st, const char *id, const char *key, int kind,
			     const char *name, size_t **idx_out, size_t *n_out,
			     struct jp_error *err);
/*
 * The data version: a number that changes with every committed write to
 * plans, settings, the history, amendments, users, tokens or the audit log,
 * made by this or any other process (triggers in the database keep it).
 * Within a transaction it is the version of that transaction's snapshot.
 * One indexed read of a one-row table; the statement is kept prepared.
 */
int jp_store_data_version(jp_store *st, int64_t *out, struct jp_error *err);

/* Whether plan `id` is stored. */
bool jp_store_has_plan(jp_store *st, const char *id);

/* The plan commands use when none is named; JP_ENOTFOUND if unset. */
int jp_store_get_current(jp_store *st, char **id_out, struct jp_error *err);
int jp_store_set_current(jp_store *st, const char *id, struct jp_error *err);

struct jp_plan_info {
	const char *id, *number, *title, *loaded_at;
	bool builtin;
	int nactivities;
};

/* Calls cb for every stored plan, ordered by id; stops if cb returns < 0. */
int jp_store_list_plans(jp_store *st,
			int (*cb)(const struct jp_plan_info *info, void *payload),
			void *payload, struct jp_error *err);

/*
 * Full-text search in plan `id`: activities whose number, title, completion
 * form, executors or deadline contain every word of `query` (as a word
 * prefix, case-folded).  *idx_out (jp_free) gets the activities' indexes in
 * plan order.  JP_EINVALID when the query has no words.
 */
int jp_store_search(jp_store *st, const char *id, const char *query,
		    size_t **idx_out, size_t *n_out, struct jp_error *err);

struct jp_history;
struct jp_report;
struct jp_review;
struct jp_actual;
struct jp_revision;

/*
 * Transactions spanning several calls (all or nothing).  The add_* calls
 * below are each atomic on their own; inside jp_store_begin ..
 * jp_store_commit they become part of the one transaction.
 */
int jp_store_begin(jp_store *st, struct jp_error *err);
int jp_store_commit(jp_store *st, struct jp_error *err);
void jp_store_rollback(jp_store *st);

/*
 * One atomic unit that nests: outside a transaction it begins one (with the
 * write lock taken at once) and *owned is true; inside one it is a
 * savepoint.  tx_end keeps the work (`keep`) or undoes it; it returns the
 * commit's error, if any.
 */
int jp_store_tx_begin(jp_store *st, bool *owned, struct jp_error *err);
int jp_store_tx_end(jp_store *st, bool owned, bool keep, struct jp_error *err);

/*
 * One request's part of a transaction that holds several (the server's
 * group commit): savepoint_begin marks where it starts, savepoint_end
 * keeps its work in the transaction (`keep`) or undoes only that part.
 * Both need an open transaction (jp_store_begin).  jp_store_in_tx says
 * whether one is open: after some errors (a full disk, an I/O error)
 * SQLite ends the whole transaction itself, and what it held is gone.
 */
int jp_store_savepoint_begin(jp_store *st, struct jp_error *err);
int jp_store_savepoint_end(jp_store *st, bool keep, struct jp_error *err);
bool jp_store_in_tx(jp_store *st);

/*
 * One stored report with its reviews in recording order, all in `arena`.
 * plan_id (may be NULL) gets the report's plan.  JP_ENOTFOUND if none.
 */
int jp_store_report_get(jp_store *st, int64_t id, struct jp_arena *arena,
			struct jp_report *out, char plan_id[128], struct jp_review **reviews,
			size_t *nreviews, struct jp_error *err);
/*
 * Whether a report identical to `r` (activity, due, agency, status, text,
 * evidence, spent, made) is stored: 1 (its id in *id_out), 0, or an error.
 */
int jp_store_report_find_same(jp_store *st, const char *plan_id, const struct jp_report *r,
			      int64_t *id_out, struct jp_error *err);
/*
 * Lets this connection keep up to `kib` KiB of database pages in memory
 * (SQLite's default is 2 MiB).  A large import touches the report
 * indexes all over: with too small a cache each row writes pages out to
 * the WAL and reads them back.  The memory is taken only as pages are
 * used.
 */
int jp_store_set_cache(jp_store *st, size_t kib, struct jp_error *err);
/* Whether plan `plan_id` has any report stored: 1, 0, or an error. */
int jp_store_reports_exist(jp_store *st, const char *plan_id, struct jp_error *err);

/*
 * Appends n reports on plan `plan_id`, all or none; writes each new id to
 * reports[i].id.  recorded_at is set by the store.
 */
int jp_store_add_reports(jp_store *st, const char *plan_id,
			 struct jp_report *reports, size_t n, struct jp_error *err);
/* Appends a review of a stored report; JP_ENOTFOUND if there is none. */
int jp_store_add_review(jp_store *st, struct jp_review *rv, struct jp_error *err);
int jp_store_add_actual(jp_store *st, const char *plan_id, struct jp_actual *a,
			struct jp_error *err);
int jp_store_add_revision(jp_store *st, const char *plan_id,
			  struct jp_revision *r, struct jp_error *err);
/* Removes everything `jospar simulate` made for the plan. */
int jp_store_delete_synthetic(jp_store *st, const char *plan_id,
			      struct jp_error *err);
/* The whole history of a plan (release with jp_history_release). */
int jp_store_load_history(jp_store *st, const char *plan_id,
			  struct jp_history *out, struct jp_error *err);

/*
 * Part of a plan's history, read through the indexes: with `activity`,
 * only that activity's reports (the number as stored: a plan's own
 * activity->number); with `made_by`, only reports made on or before
 * `made_to`; a report's reviews come with it.  Indicator actuals and
 * revisions come whole.  A NULL filter is the whole history.
 *
 * With `money`, a narrow read for the money spent (jp_budget_spent):
 * only the reports that give an amount (has_spent), and of each only id,
 * activity, due, agency, status, spent, made, recorded_at and synthetic;
 * text, evidence, by and late_reason are NULL, and there are no reviews,
 * actuals or revisions.
 *
 * With `states`, a narrow read for the state of due dates
 * (jp_status_compute): every report the other filters let through, of
 * each the same fields as `money`, and their reviews whole; no actuals or
 * revisions.
 *
 * With `indicators`, only the indicators' actuals and revisions: no
 * reports or reviews (the other fields are not looked at).
 *
 * Equal strings of a loaded history (activity numbers, agencies, authors,
 * recording times, evidence) are one copy in its arena: compare them with
 * strcmp as always, but never write to them.
 */
struct jp_history_filter {
	const char *activity;
	bool made_by;
	struct jp_date made_to;
	bool money;
	bool states;
	bool indicators;
};
int jp_store_load_history_where(jp_store *st, const char *plan_id,
				const struct jp_history_filter *f,
				struct jp_history *out, struct jp_error *err);

/* Stores an amendment document; JP_EEXISTS when its number is stored. */
int jp_store_add_amendment(jp_store *st, const char *plan_id,
			   const char *number, struct jp_date date,
			   const char *doc, struct jp_error *err);
/* How many amendments of the plan are stored. */
size_t jp_store_amendment_count(jp_store *st, const char *plan_id);
/* Calls cb for each amendment of the plan in date order. */
int jp_store_list_amendments(jp_store *st, const char *plan_id,
			     int (*cb)(const char *number, struct jp_date date,
				       const char *doc, void *payload),
			     void *payload, struct jp_error *err);

struct jp_user;
struct jp_audit_entry;
struct jp_arena;

/*
 * Users.  Passwords are stored only as `pwhash` (argon2id, made by the
 * caller).  add: JP_EEXISTS when the login is taken.  get: JP_ENOTFOUND;
 * the strings of *out live in `arena`.
 */
int jp_store_user_add(jp_store *st, const struct jp_user *u, const char *pwhash,
		      int64_t *id_out, struct jp_error *err);
int jp_store_user_get(jp_store *st, const char *login, struct jp_arena *arena,
		      struct jp_user *out, char **pwhash_out, struct jp_error *err);
int jp_store_user_get_id(jp_store *st, int64_t id, struct jp_arena *arena,
			 struct jp_user *out, struct jp_error *err);
int jp_store_user_list(jp_store *st, struct jp_arena *arena, struct jp_user **out,
		       size_t *n, struct jp_error *err);
int jp_store_user_set_password(jp_store *st, const char *login, const char *pwhash,
			       struct jp_error *err);
/* Disables the user and ends all its sessions and API tokens. */
int jp_store_user_disable(jp_store *st, const char *login, struct jp_error *err);
size_t jp_store_user_count(jp_store *st);

/*
 * Sessions, keyed by the hash of their token (the token itself is never
 * stored).  Times are Unix seconds.  get: JP_ENOTFOUND when no such session.
 */
int jp_store_session_add(jp_store *st, const char *token_hash, int64_t user,
			 const char *csrf, int64_t now, struct jp_error *err);
int jp_store_session_get(jp_store *st, const char *token_hash, int64_t *user,
			 char csrf[65], int64_t *created, int64_t *last_seen,
			 struct jp_error *err);
int jp_store_session_touch(jp_store *st, const char *token_hash, int64_t now,
			   struct jp_error *err);
int jp_store_session_delete(jp_store *st, const char *token_hash, struct jp_error *err);
/* Deletes every session created before `created_before` or last seen
 * before `seen_before` (expired either way). */
int jp_store_session_purge(jp_store *st, int64_t created_before, int64_t seen_before,
			   struct jp_error *err);
int jp_store_token_add(jp_store *st, const char *token_hash, int64_t user,
		       const char *label, struct jp_error *err);
int jp_store_token_get(jp_store *st, const char *token_hash, int64_t *user,
		       struct jp_error *err);
/* The enabled user of a live token, in one read: *out (strings in
 * `arena`) and the token's expiry in *expires_at (0: never).  JP_ENOTFOUND
 * when no such live token, or its user is disabled. */
int jp_store_token_user(jp_store *st, const char *token_hash, int64_t now,
			struct jp_arena *arena, struct jp_user *out, int64_t *expires_at,
			struct jp_error *err);

/* An API token as listed (never the token itself). */
struct jp_token_info {
	int64_t id;
	const char *login;
	const char *label;
	const char *created_at;
	int64_t expires_at;        /* Unix seconds; 0: never */
};

/*
 * Tokens: add with an expiry (Unix seconds, 0: never; get refuses expired
 * ones); list a user's tokens (all when login is NULL); revoke one by id
 * (JP_ENOTFOUND if none).  *out lives in `arena`.
 */
int jp_store_token_add_expiring(jp_store *st, const char *token_hash, int64_t user,
				const char *label, int64_t expires_at, int64_t *id_out,
				struct jp_error *err);
int jp_store_token_list(jp_store *st, const char *login, struct jp_arena *arena,
			struct jp_token_info **out, size_t *n, struct jp_error *err);
int jp_store_token_info(jp_store *st, int64_t id, struct jp_arena *arena,
			struct jp_token_info *out, struct jp_error *err);
int jp_store_token_revoke(jp_store *st, int64_t id, struct jp_error *err);
/* Ends every session and API token of a user (a password change does). */
int jp_store_user_end_sessions(jp_store *st, const char *login, struct jp_error *err);

/*
 * Login throttling: failures of (login, address) since `since`.  The login
 * is stored only as a bounded key: its ASCII-lower-cased first
 * JP_LOGIN_KEY_PREFIX bytes (cut at a character) and a 64-bit hash of all
 * of it, so a typed login of any size costs under 100 bytes.  Adding a
 * failure also deletes failures older than JP_LOGIN_FAILURE_KEEP seconds
 * before `now` (a hundred at a time, oldest first).
 */
#define JP_LOGIN_KEY_PREFIX 48
#define JP_LOGIN_FAILURE_KEEP (24 * 3600)
int jp_store_login_failures(jp_store *st, const char *login, const char *address,
			    int64_t since, struct jp_error *err);
int jp_store_login_failure_add(jp_store *st, const char *login, const char *address,
			       int64_t now, struct jp_error *err);
int jp_store_login_failures_clear(jp_store *st, const char *login, const char *address,
				  struct jp_error *err);
/*
 * One login attempt of `login` from `address`, taken before the password is
 * checked: in one transaction, JP_EBUSY when the account has `max_login` or
 * more failures since `since` (from any address), or the address has
 * `max_address` (for any account); otherwise the attempt is recorded as a
 * failure at `now`, so parallel attempts cannot pass the limits together.
 * A right password then ends the count with jp_store_login_succeeded().
 */
int jp_store_login_attempt(jp_store *st, const char *login, const char *address,
			   int64_t since, int64_t now, int max_login, int max_address,
			   struct jp_error *err);
/* Forgets the failures of `login` (from every address). */
int jp_store_login_succeeded(jp_store *st, const char *login, struct jp_error *err);

/* Appends to the audit log (who did what to what, before and after). */
int jp_store_audit(jp_store *st, const char *who, const char *action,
		   const char *object, const char *before, const char *after,
		   struct jp_error *err);
/* The newest `limit` entries, newest first, in `arena`. */
int jp_store_audit_list(jp_store *st, size_t limit, struct jp_arena *arena,
			struct jp_audit_entry **out, size_t *n, struct jp_error *err);
/* The same from the `offset`-th newest entry on (for pages). */
int jp_store_audit_page(jp_store *st, size_t offset, size_t limit, struct jp_arena *arena,
			struct jp_audit_entry **out, size_t *n, struct jp_error *err);

/* Which audit entries to read; NULL/0 fields do not filter. */
struct jp_audit_query {
	const char *since;         /* "YYYY-MM-DD" or a timestamp: entries at or after */
	const char *who;           /* the actor, exactly */
	const char *action;        /* "report.submit", or a prefix ending in '.' ("report.") */
	int64_t before_id;         /* only entries older than this id (paging) */
	size_t limit;              /* at most this many (0: 100) */
	size_t offset;             /* skip this many first (pages) */
};

/* The entries the query selects, newest first, in `arena`. */
int jp_store_audit_query(jp_store *st, const struct jp_audit_query *q, struct jp_arena *arena,
			 struct jp_audit_entry **out, size_t *n, struct jp_error *err);

/* FNV-1a 64-bit hash of a document, used to notice changed documents. */
uint64_t jp_store_hash(const char *doc, size_t len);

/*
 * 1 if the plan's history holds anything `jospar simulate` made (a
 * report, a review or an indicator actual), 0 if not, or JP_ERROR: read
 * from partial indexes, without a scan.  With `moment` (as for
 * jp_history_as_recorded; NULL for none) only the reports and reviews
 * recorded by then count, the actuals all.
 */
int jp_store_has_synthetic(jp_store *st, const char *plan_id, const char *moment,
			   struct jp_error *err);

#endif
