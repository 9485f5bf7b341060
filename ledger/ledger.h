/*
 * ledger.h - every change to jospar's record, once.
 *
 * One function per action.  Each one checks who may do it (the role rules
 * live here and nowhere else), validates its input against the plan,
 * stores it and writes one audit entry (actor, moment, action, object,
 * before, after), all in one transaction: done whole or not at all.  The
 * front ends (cli/, server/api.c, server/web.c) parse input, call one of
 * these and render the answer or the error; they hold no rules of their own.
 *
 * Errors come back in struct jp_error with one of the JP_E* codes:
 *   JP_EDENIED    the actor may not do this            (HTTP 403, exit 6)
 *   JP_EINVALID   the input is wrong; err->where names the field or row
 *                                                      (HTTP 400, exit 3)
 *   JP_ENOTFOUND  what it is about does not exist      (HTTP 404, exit 4)
 *   JP_EEXISTS    it exists already                    (HTTP 409, exit 5)
 *   JP_ECONFLICT  the record's state forbids it now (a returned report
 *                 accepted, an accepted one returned)  (HTTP 409, exit 5)
 *   JP_ERROR      the database or memory failed        (HTTP 500, exit 1)
 * (jp_error_http_status and jp_error_exit_code in core/error.h.)
 */
#ifndef JP_LEDGER_H
#define JP_LEDGER_H

#include "account.h"
#include "date.h"
#include "history.h"

struct jp_error;
struct jp_plan;
struct jp_arena;
struct jp_amendment_info;
typedef struct jp_store jp_store;

/* Who acts.  The CLI acts as a stored user when --by names one, else as
 * the local operator "cli:NAME" with the admin role (see docs/cli.md). */
struct jp_actor {
	const char *login;          /* as recorded in the audit log */
	enum jp_role role;
	const char *agency;         /* an executor's agency, else NULL */
};

/* The context of one action. */
struct jp_ledger {
	jp_store *st;
	const struct jp_plan *plan; /* the plan in force today (report actions) */
	struct jp_date today;       /* the recording day */
	struct jp_actor actor;
};

/* The limits on typed text are monitor/report.h's (JP_REPORT_TEXT_MAX, ...). */

/* How a batch of reports is submitted. */
struct jp_submit_opts {
	const char *action;         /* audit action: "report.submit" (default) or "report.import" */
	const char *late_reason;    /* coordinator: why reports claim dates older than the window */
	bool skip_stored;           /* a report identical to a stored one is skipped */
	bool dry_run;               /* check and count, store nothing */
	bool batch;                 /* a batch even of one: "row N" places, one
				     * report.import audit entry */
};

struct jp_submit_result {
	size_t added, skipped;      /* stored, and skipped as already stored */
	size_t after_repeal;        /* made after the repeal: change no state */
};

/*
 * Submits n reports on l->plan, all or none.  Each is validated
 * (jp_report_validate), authorized (an executor only for its own agency;
 * coordinators and admins for any executor; viewers never) and checked
 * against the reporting window: a report may claim a date up to the plan's
 * window before today; older ones only by a coordinator or admin with
 * opts->late_reason.  For a batch, err->where is "row N" (N counts from 1,
 * or the row numbers in `rows` when given).  reports[i].id gets the stored
 * id (0 when skipped); one audit entry covers the batch.
 */
int jp_ledger_submit(struct jp_ledger *l, struct jp_report *reports, size_t n,
		     const size_t *rows, const struct jp_submit_opts *opts,
		     struct jp_submit_result *res, struct jp_error *err);

/*
 * The same, a report at a time, for a batch too large to hold: one
 * transaction from begin to end, the same checks in the same order.
 *
 *	jp_ledger_batch_begin(l, opts, &b, err);
 *	jp_ledger_batch_add(b, &r, row, false, err);    (each report)
 *	jp_ledger_batch_end(b, ok, &res, err);          (commits when ok)
 *
 * batch_add checks `r` (its strings need last only for the call), skips
 * it when already stored (opts->skip_stored), and stores it in order
 * with the others; with keep_id, r->id gets its id once it is stored (r
 * must then stay put until batch_end).  An error names `row` in
 * err->where for a batch and is sticky: later adds return it, and
 * batch_end then stores nothing.  batch_end writes the one audit entry:
 * for a batch (opts->batch) the count added and skipped, the first and
 * last ids, and ids_digest, the FNV-1a 64-bit hash in hex of every id
 * added in decimal followed by a newline; for one report, the report.
 * It commits unless !ok, an error, or opts->dry_run, and frees `b`.
 */
struct jp_ledger_batch;

int jp_ledger_batch_begin(struct jp_ledger *l, const struct jp_submit_opts *opts,
			  struct jp_ledger_batch **out, struct jp_error *err);
int jp_ledger_batch_add(struct jp_ledger_batch *b, struct jp_report *r, size_t row,
			bool keep_id, struct jp_error *err);
int jp_ledger_batch_end(struct jp_ledger_batch *b, bool ok, struct jp_submit_result *res,
			struct jp_error *err);

/*
 * Reads up to `cap` bytes into `buf`: *n the count, 0 at the end of the
 * input; a negative return (err set) stops the import.
 */
typedef int (*jp_ledger_read_fn)(void *payload, char *buf, size_t cap, size_t *n,
				 struct jp_error *err);

/*
 * Imports the reports of a CSV file (monitor/report.h's columns) as one
 * batch (opts->batch implied), reading it in pieces through `read`: all
 * or none, the first bad row named ("row N, column NAME").
 */
int jp_ledger_import_csv(struct jp_ledger *l, jp_ledger_read_fn read, void *payload,
			 const struct jp_submit_opts *opts, struct jp_submit_result *res,
			 struct jp_error *err);

/*
 * Reviews report `id`: accept or return (a reason required) a submitted
 * report, or reopen an accepted one (coordinator or admin, reason
 * required).  A returned report cannot be accepted or returned again: a
 * new report answers it (JP_ECONFLICT).  The review's claimed day (0:
 * today) is held to the reporting window like a report's (late_reason lets
 * a coordinator record an older one; the reason goes into the audit
 * entry), and never before the report or the review it follows.  *out
 * (may be NULL; needs `arena`) gets the review, its strings in `arena`,
 * recorded_at set.
 */
struct jp_review_input {
	enum jp_review_action action;
	const char *reason;
	struct jp_date date;
	const char *late_reason;
};
int jp_ledger_review(struct jp_ledger *l, int64_t id, const struct jp_review_input *in,
		     struct jp_arena *arena, struct jp_review *out, struct jp_error *err);

/*
 * Indicators (coordinator, admin).  The target is `target` (1, 2, ...)
 * when given, else the only target of `year`.  actual: records the value
 * for `year` (with its source).  revision: revises the target's value, with
 * a reason; the original stays in the plan.  `date` 0: today.  *out (may
 * be NULL) gets what was stored; its strings are the caller's.
 */
struct jp_indicator_input {
	const char *indicator;      /* "T1.2", "R2.1.3" */
	int year;                   /* 0: not given */
	int target;                 /* 1-based; 0: not given */
	const char *value;          /* a decimal number */
	const char *note;           /* actual: the source; revision: the reason */
	struct jp_date date;
};
int jp_ledger_actual(struct jp_ledger *l, const struct jp_indicator_input *in,
		     struct jp_actual *out, struct jp_error *err);
int jp_ledger_revision(struct jp_ledger *l, const struct jp_indicator_input *in,
		       struct jp_revision *out, struct jp_error *err);

/* Stores a plan document (admin); see jp_load_store_plan. */
int jp_ledger_store_plan(struct jp_ledger *l, const char *doc, size_t len, bool replace,
			 struct jp_plan **plan_out, struct jp_error *err);
/* Stores an amendment document (admin); see jp_load_add_amendment. */
int jp_ledger_add_amendment(struct jp_ledger *l, const char *doc, size_t len,
			    struct jp_amendment_info *info, struct jp_error *err);

/*
 * Replaces the plan's synthetic history (admin): every row `jospar
 * simulate` made is removed and h's reports, reviews and indicator actuals
 * are stored, marked synthetic, with one "history.simulate" audit entry
 * naming the counts, the seed and the date simulated to; all or nothing.
 * h == NULL only removes.  h's reviews refer to its reports by position
 * (1-based), as jp_simulate makes them; they get the stored ids.
 */
int jp_ledger_simulate(struct jp_ledger *l, struct jp_history *h, unsigned long long seed,
		       struct jp_date until, struct jp_error *err);

/*
 * Users (admin).  add: an executor needs an agency named in l->plan, and
 * only an executor has one.  passwd (admin, or the user itself) and
 * disable end all the user's sessions and API tokens.
 */
int jp_ledger_user_add(struct jp_ledger *l, const struct jp_user *u, const char *password,
		       struct jp_error *err);
int jp_ledger_user_passwd(struct jp_ledger *l, const char *login, const char *password,
			  struct jp_error *err);
int jp_ledger_user_disable(struct jp_ledger *l, const char *login, struct jp_error *err);

/*
 * API tokens: for oneself, or by an admin for anyone.  `days` is the
 * lifetime (0: JP_TOKEN_DAYS_DEFAULT).  token_out gets the token, shown
 * once; *id_out its id.  revoke: one's own, or any by an admin.
 */
#define JP_TOKEN_DAYS_DEFAULT 90
int jp_ledger_token_create(struct jp_ledger *l, const char *login, const char *label,
			   int days, char token_out[65], int64_t *id_out, struct jp_error *err);
int jp_ledger_token_revoke(struct jp_ledger *l, int64_t id, struct jp_error *err);

/* Whether the actor may report for `agency` on activity `a` (pages use it
 * to decide whether to draw the form; the ledger decides again). */
struct jp_activity;
bool jp_ledger_may_report(const struct jp_actor *who, const struct jp_activity *a,
			  const char *agency);
/* Whether the actor may review reports. */
bool jp_ledger_may_review(const struct jp_actor *who);

/* Passwords (argon2id) and random tokens (libsodium). */
int jp_password_hash(char out[128], const char *password, struct jp_error *err);
bool jp_password_verify(const char *hash, const char *password);
/* 64 hex digits from 32 random bytes. */
void jp_token_new(char out[65]);
/* The SHA-256 of a token, in hex: what the store keeps. */
void jp_token_hash(char out[65], const char *token);

#endif
