/*
 * ledger.c - reports and their reviews, once for every front end (see
 * ledger.h): authorize, validate, store, audit, in one transaction.
 */
#include "jp.h"
#include "alloc.h"
#include "arena.h"
#include "error.h"
#include "plan.h"
#include "report.h"
#include "store.h"
#include "text.h"
#include "views.h"
#include "ledger_int.h"

int jp_ledger__audit(struct jp_ledger *l, const char *action, const char *object,
		     json_t *before, json_t *after, struct jp_error *err)
{
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc = (before && !b) || (after && !a)
		 ? jp_error_set(err, JP_ERROR, "out of memory")
		 : jp_store_audit(l->st, l->actor.login, action, object, b, a, err);

	free(b);
	free(a);
	json_decref(before);
	json_decref(after);
	return rc;
}

int jp_ledger__deny(const struct jp_ledger *l, const char *what, struct jp_error *err)
{
	return jp_error_set(err, JP_EDENIED, "%s '%s' may not %s", jp_role_name(l->actor.role),
			    l->actor.login, what);
}

bool jp_ledger__role_at_least(const struct jp_ledger *l, enum jp_role role)
{
	return l->actor.role >= role;
}

/* jp_ledger_may_report once `agency` is known to be an executor. */
static bool may_report_executor(const struct jp_actor *who, const char *agency)
{
	switch (who->role) {
	case JP_ROLE_ADMIN:
	case JP_ROLE_COORDINATOR:
		return true;
	case JP_ROLE_EXECUTOR:
		return who->agency && jp_text_eq_fold(who->agency, agency);
	case JP_ROLE_VIEWER:
		break;
	}
	return false;
}

bool jp_ledger_may_report(const struct jp_actor *who, const struct jp_activity *a,
			  const char *agency)
{
	return jp_activity_has_agency(a, agency, false) && may_report_executor(who, agency);
}

bool jp_ledger_may_review(const struct jp_actor *who)
{
	return who->role == JP_ROLE_ADMIN || who->role == JP_ROLE_COORDINATOR;
}

static int window_days(const struct jp_plan *p)
{
	return p->reporting_window_days ? p->reporting_window_days : JP_REPORTING_WINDOW_DEFAULT;
}

/*
 * A fact may claim a day up to the plan's reporting window before today;
 * an older one only by a coordinator or an admin who gives a reason.
 */
static int check_window(const struct jp_ledger *l, struct jp_date made, const char *what,
			const char *late_reason, struct jp_error *err)
{
	char d[JP_DATE_BUFSZ], t[JP_DATE_BUFSZ];
	int days = window_days(l->plan);

	if (jp_date_days(l->today) - jp_date_days(made) <= days)
		return 0;
	if (!late_reason || !*late_reason)
		return jp_error_at(err, JP_EINVALID, "date",
				   "%s made on %s is older than plan '%s' allows: its reporting window"
				   " is %d days before today (%s); a coordinator may record it with a reason",
				   what, jp_date_format(made, d), l->plan->id, days,
				   jp_date_format(l->today, t));
	if (!jp_ledger__role_at_least(l, JP_ROLE_COORDINATOR))
		return jp_ledger__deny(l, "record a fact older than the reporting window", err);
	return 0;
}

/* Who may file it, and whether the plan takes it (jp_report_validate). */
static int check_report(struct jp_ledger *l, struct jp_report *r, struct jp_error *err)
{
	const struct jp_activity *a;

	if (l->actor.role == JP_ROLE_VIEWER)
		return jp_ledger__deny(l, "submit reports", err);
	a = jp_plan_find_activity(l->plan, r->activity);
	if (!a)
		return jp_error_at(err, JP_ENOTFOUND, "activity", "no activity '%s' in plan '%s'",
				   r->activity, l->plan->id);
	if (jp_activity_has_agency(a, r->agency, false) &&
	    !may_report_executor(&l->actor, r->agency))
		return jp_error_set(err, JP_EDENIED, "%s '%s' may not report for '%s' on activity %s",
				    jp_role_name(l->actor.role), l->actor.login, r->agency, a->number);
	r->by = l->actor.login;
	return jp_report_validate_on(l->plan, a, r, l->today, err);   /* err->where: the field */
}

/* A new report's claimed date against the window; keeps the late reason. */
static int check_late(struct jp_ledger *l, struct jp_report *r, const char *late_reason,
		      struct jp_error *err)
{
	int rc;

	if ((rc = check_window(l, r->made, "a report", late_reason, err)) < 0)
		return rc;
	if (jp_date_days(l->today) - jp_date_days(r->made) > window_days(l->plan))
		r->late_reason = late_reason;
	return 0;
}

/* "row N, FIELD" in front of the message's place. */
static void where_row(struct jp_error *err, size_t row)
{
	char w[sizeof(err->where)];

	if (!err)
		return;
	if (err->where[0])
		snprintf(w, sizeof(w), "row %zu, column %.80s", row, err->where);
	else
		snprintf(w, sizeof(w), "row %zu", row);
	memcpy(err->where, w, sizeof(w));
}

/*
 * A batch of reports, checked and stored as they come in one transaction
 * (see ledger.h).  Checked reports wait in `pending` (their texts copied
 * into `arena`) and are stored a run at a time, so a large import is
 * neither a savepoint per report nor every report held at once.
 */
#define BATCH_RUN 256

struct jp_ledger_batch {
	struct jp_ledger *l;
	struct jp_submit_opts opts;
	bool batch;                 /* "row N" places, one report.import entry */
	bool owned;                 /* the transaction is ours */
	bool stored_any;            /* the plan had reports before the batch */
	int rc;                     /* sticky: the first error */
	struct jp_submit_result out;
	struct jp_report pending[BATCH_RUN];
	struct jp_report *back[BATCH_RUN];   /* where each one's id goes, or NULL */
	size_t npending;
	struct jp_arena arena;
	/* the hashes of the reports added (a set, open addressing, 0 free):
	 * a report whose hash is not here and which the plan did not have
	 * before is new without asking the database */
	uint64_t *seen;
	size_t nseen, seen_cap;
	/* what the audit entry records of the ids added */
	int64_t first_id, last_id;
	uint64_t ids_digest;
};

static uint64_t mix_str(uint64_t h, const char *s)
{
	/* NULL and "" differ, as in SQL's IS */
	return s ? jp_hash(h, s, strlen(s) + 1) : jp_hash(h, "\xff", 1);
}

/* By what makes two reports the same (jp_store_report_find_same's fields). */
static uint64_t report_hash(const struct jp_report *r)
{
	uint64_t h = JP_HASH_INIT;
	int32_t days[2] = { jp_date_days(r->due), jp_date_days(r->made) };
	int status = (int)r->status;

	h = mix_str(h, r->activity);
	h = mix_str(h, r->agency);
	h = mix_str(h, r->text);
	h = mix_str(h, r->evidence);
	h = jp_hash(h, days, sizeof(days));
	h = jp_hash(h, &status, sizeof(status));
	if (r->has_spent)
		h = jp_hash(h, &r->spent, sizeof(r->spent));
	return h ? h : 1;
}

static bool seen_has(const struct jp_ledger_batch *b, uint64_t h)
{
	if (!b->seen_cap)
		return false;
	for (size_t k = (size_t)h & (b->seen_cap - 1); b->seen[k]; k = (k + 1) & (b->seen_cap - 1))
		if (b->seen[k] == h)
			return true;
	return false;
}

static int seen_add(struct jp_ledger_batch *b, uint64_t h, struct jp_error *err)
{
	size_t k;

	if ((b->nseen + 1) * 2 > b->seen_cap) {   /* at most half full */
		size_t cap = b->seen_cap ? b->seen_cap * 2 : 1024;
		uint64_t *t = cap > b->seen_cap ? jp_calloc(cap, sizeof(*t)) : NULL;

		if (!t)
			return jp_error_set(err, JP_ERROR, "out of memory");
		for (size_t i = 0; i < b->seen_cap; i++) {
			if (!b->seen[i])
				continue;
			for (k = (size_t)b->seen[i] & (cap - 1); t[k]; k = (k + 1) & (cap - 1))
				;
			t[k] = b->seen[i];
		}
		jp_free(b->seen);
		b->seen = t;
		b->seen_cap = cap;
	}
	for (k = (size_t)h & (b->seen_cap - 1); b->seen[k]; k = (k + 1) & (b->seen_cap - 1))
		if (b->seen[k] == h)
			return 0;
	b->seen[k] = h;
	b->nseen++;
	return 0;
}

/* Stores the reports waiting, in one write. */
static int batch_flush(struct jp_ledger_batch *b, struct jp_error *err)
{
	int rc = 0;

	if (!b->npending)
		return 0;
	rc = jp_store_add_reports(b->l->st, b->l->plan->id, b->pending, b->npending, err);
	for (size_t i = 0; i < b->npending && rc == 0; i++) {
		char id[24];
		int len = snprintf(id, sizeof(id), "%lld\n", (long long)b->pending[i].id);

		if (!b->first_id)
			b->first_id = b->pending[i].id;
		b->last_id = b->pending[i].id;
		b->ids_digest = jp_hash(b->ids_digest, id, (size_t)len);
		if (b->back[i])
			b->back[i]->id = b->pending[i].id;
	}
	b->npending = 0;
	jp_arena_release(&b->arena);
	return rc;
}

int jp_ledger_batch_begin(struct jp_ledger *l, const struct jp_submit_opts *opts,
			  struct jp_ledger_batch **out, struct jp_error *err)
{
	static const struct jp_submit_opts none = { NULL, NULL, false, false, false };
	struct jp_ledger_batch *b;
	int rc;

	if (!opts)
		opts = &none;
	if ((rc = jp_text_limit_check("the late reason", opts->late_reason, JP_REASON_MAX, err)) < 0)
		return rc;
	if (!(b = jp_calloc(1, sizeof(*b))))
		return jp_error_set(err, JP_ERROR, "out of memory");
	b->l = l;
	b->opts = *opts;
	b->batch = opts->batch;
	b->ids_digest = JP_HASH_INIT;
	if ((rc = jp_store_tx_begin(l->st, &b->owned, err)) < 0) {
		jp_free(b);
		return rc;
	}
	if (opts->skip_stored && (rc = jp_store_reports_exist(l->st, l->plan->id, err)) < 0) {
		jp_store_tx_end(l->st, b->owned, false, NULL);
		jp_free(b);
		return rc;
	}
	b->stored_any = rc > 0;
	*out = b;
	return 0;
}

int jp_ledger_batch_add(struct jp_ledger_batch *b, struct jp_report *r, size_t row,
			bool keep_id, struct jp_error *err)
{
	struct jp_ledger *l = b->l;
	struct jp_report *p;
	uint64_t h = 0;
	int rc;

	if (b->rc)
		return b->rc;
	r->id = 0;
	if ((rc = check_report(l, r, err)) < 0)
		goto fail;
	/* a row stored already is skipped before the window is asked:
	 * importing a file again adds nothing, however old its rows.  The
	 * database is asked only when the report may be there: the plan had
	 * reports, or one of this batch has the same hash */
	if (b->opts.skip_stored) {
		h = report_hash(r);
		if (b->stored_any || seen_has(b, h)) {
			if ((rc = batch_flush(b, err)) < 0 ||
			    (rc = jp_store_report_find_same(l->st, l->plan->id, r, NULL, err)) < 0)
				goto fail;
			if (rc > 0) {
				b->out.skipped++;
				return 0;
			}
		}
	}
	if ((rc = check_late(l, r, b->opts.late_reason, err)) < 0)
		goto fail;
	/* synthetic reports are never the same as another (the store's
	 * look-up passes over them) */
	if (b->opts.skip_stored && !r->synthetic && (rc = seen_add(b, h, err)) < 0)
		goto fail;
	p = &b->pending[b->npending];
	*p = *r;
	if ((r->text && !(p->text = jp_arena_strdup(&b->arena, r->text))) ||
	    (r->evidence && !(p->evidence = jp_arena_strdup(&b->arena, r->evidence)))) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto fail;
	}
	b->back[b->npending++] = keep_id ? r : NULL;
	b->out.added++;
	b->out.after_repeal += r->after_repeal;
	if (b->npending == BATCH_RUN && (rc = batch_flush(b, err)) < 0)
		goto fail;
	return 0;
fail:
	if (b->batch)
		where_row(err, row);
	b->rc = rc;
	return rc;
}

int jp_ledger_batch_end(struct jp_ledger_batch *b, bool keep, struct jp_submit_result *res,
			struct jp_error *err)
{
	struct jp_ledger *l;
	char obj[160], digest[24];
	int rc;

	if (!b)
		return 0;
	l = b->l;
	rc = keep ? b->rc : -1;
	if (rc == 0)
		rc = batch_flush(b, err);
	if (rc == 0 && b->out.added) {
		if (!b->batch) {
			struct jp_history one = JP_HISTORY_INIT;
			struct jp_arena arena = JP_ARENA_INIT;
			struct jp_report stored;

			snprintf(obj, sizeof(obj), "report/%lld", (long long)b->last_id);
			rc = jp_store_report_get(l->st, b->last_id, &arena, &stored, NULL, NULL,
						 NULL, err);
			if (rc == 0)
				rc = jp_ledger__audit(l, b->opts.action ? b->opts.action : "report.submit",
						      obj, NULL, jp_view_report(&one, &stored, false), err);
			jp_arena_release(&arena);
		} else {
			/* the batch in a few fields, however many it adds: the
			 * ids run from first_id to last_id (all of them when
			 * nothing else wrote between), and ids_digest is the
			 * FNV-1a hash of each id in decimal and a newline */
			snprintf(obj, sizeof(obj), "plan/%s", l->plan->id);
			snprintf(digest, sizeof(digest), "%016llx", (unsigned long long)b->ids_digest);
			rc = jp_ledger__audit(l, b->opts.action ? b->opts.action : "report.import", obj,
					      NULL,
					      json_pack("{s:I, s:I, s:I, s:I, s:s}",
							"added", (json_int_t)b->out.added,
							"skipped", (json_int_t)b->out.skipped,
							"first_id", (json_int_t)b->first_id,
							"last_id", (json_int_t)b->last_id,
							"ids_digest", digest), err);
		}
	}
	if (b->opts.dry_run || rc < 0)
		jp_store_tx_end(l->st, b->owned, false, NULL);
	else
		rc = jp_store_tx_end(l->st, b->owned, true, err);
	if (rc == 0 && res)
		*res = b->out;
	jp_arena_release(&b->arena);
	jp_free(b->seen);
	jp_free(b);
	return rc;
}

int jp_ledger_submit(struct jp_ledger *l, struct jp_report *reports, size_t n,
		     const size_t *rows, const struct jp_submit_opts *opts,
		     struct jp_submit_result *res, struct jp_error *err)
{
	static const struct jp_submit_opts none = { NULL, NULL, false, false, false };
	struct jp_submit_opts o = opts ? *opts : none;
	struct jp_ledger_batch *b;
	int rc;

	o.batch = n != 1 || rows || o.batch;
	if ((rc = jp_ledger_batch_begin(l, &o, &b, err)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = jp_ledger_batch_add(b, &reports[i], rows ? rows[i] : i + 1, true, err);
	rc = jp_ledger_batch_end(b, rc == 0, res, err);
	if (rc < 0 || o.dry_run)
		for (size_t i = 0; i < n; i++)
			reports[i].id = 0;
	return rc;
}

/* Reads the file for jp_ledger_import_csv: each row into the batch. */
static int import_row(struct jp_report *r, size_t row, void *payload, struct jp_error *err)
{
	return jp_ledger_batch_add(payload, r, row, false, err);
}

int jp_ledger_import_csv(struct jp_ledger *l, jp_ledger_read_fn read, void *payload,
			 const struct jp_submit_opts *opts, struct jp_submit_result *res,
			 struct jp_error *err)
{
	struct jp_submit_opts o = *opts;
	struct jp_ledger_batch *b = NULL;
	struct jp_report_csv *rd = NULL;
	char *chunk = jp_malloc(64 * 1024);
	size_t n;
	int rc;

	o.batch = true;
	if (!chunk)
		return jp_error_set(err, JP_ERROR, "out of memory");
	if ((rc = jp_ledger_batch_begin(l, &o, &b, err)) < 0)
		goto done;
	if ((rc = jp_report_csv_new(&rd, l->today, import_row, b, err)) < 0)
		goto done;
	do {
		if ((rc = read(payload, chunk, 64 * 1024, &n, err)) < 0)
			goto done;
		if (n && (rc = jp_report_csv_feed(rd, chunk, n, err)) < 0)
			goto done;
	} while (n);
	rc = jp_report_csv_finish(rd, err);
done:
	jp_report_csv_free(rd);
	if (b) {
		int end = jp_ledger_batch_end(b, rc == 0, res, err);

		if (rc == 0)
			rc = end;
	}
	jp_free(chunk);
	return rc;
}

static const char *state_name(const struct jp_review *last)
{
	if (!last || last->action == JP_REVIEW_REOPEN)
		return "submitted";
	return last->action == JP_REVIEW_ACCEPT ? "accepted" : "returned";
}

/* The review state machine: 0 when `action` may follow `last`. */
static int check_transition(const struct jp_ledger *l, int64_t id, const struct jp_review *last,
			    enum jp_review_action action, const char *reason, struct jp_error *err)
{
	enum { SUBMITTED, ACCEPTED, RETURNED } state =
		!last || last->action == JP_REVIEW_REOPEN ? SUBMITTED :
		last->action == JP_REVIEW_ACCEPT ? ACCEPTED : RETURNED;
	long long n = (long long)id;

	if (!jp_ledger_may_review(&l->actor))
		return jp_ledger__deny(l, "review reports", err);
	if (action != JP_REVIEW_ACCEPT && (!reason || !*reason))
		return jp_error_at(err, JP_EINVALID, "reason", "give a reason for %s the report",
				   action == JP_REVIEW_RETURN ? "returning" : "reopening");
	switch (action) {
	case JP_REVIEW_ACCEPT:
		if (state == ACCEPTED)
			return jp_error_set(err, JP_ECONFLICT, "report %lld is accepted already", n);
		if (state == RETURNED)
			return jp_error_set(err, JP_ECONFLICT, "report %lld was returned: it is answered"
					    " by a new report, which may then be accepted", n);
		return 0;
	case JP_REVIEW_RETURN:
		if (state == RETURNED)
			return jp_error_set(err, JP_ECONFLICT, "report %lld is returned already", n);
		if (state == ACCEPTED)
			return jp_error_set(err, JP_ECONFLICT, "report %lld is accepted: a coordinator"
					    " reopens it first, with a reason", n);
		return 0;
	case JP_REVIEW_REOPEN:
		if (state != ACCEPTED)
			return jp_error_set(err, JP_ECONFLICT, "report %lld is %s: only an accepted"
					    " report is reopened", n, state == RETURNED ? "returned" :
					    "not accepted");
		return 0;
	}
	return jp_error_set(err, JP_EINVALID, "unknown review action");
}

int jp_ledger_review(struct jp_ledger *l, int64_t id, const struct jp_review_input *in,
		     struct jp_arena *arena, struct jp_review *out, struct jp_error *err)
{
	enum jp_review_action action = in->action;
	const char *reason = in->reason;
	struct jp_date date = in->date;
	struct jp_arena tmp = JP_ARENA_INIT;
	struct jp_arena *a = arena ? arena : &tmp;
	struct jp_report rep;
	struct jp_review *v = NULL, rv;
	size_t nv = 0;
	char plan_id[128], d[JP_DATE_BUFSZ], m[JP_DATE_BUFSZ], obj[64];
	const struct jp_review *last;
	bool owned = false, late;
	int rc;

	if (!out || !arena)   /* the review's strings live in the caller's arena */
		out = NULL;
	if (!jp_ledger_may_review(&l->actor))
		return jp_ledger__deny(l, "review reports", err);
	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0)
		return rc;
	if ((rc = jp_store_report_get(l->st, id, a, &rep, plan_id, &v, &nv, err)) < 0)
		goto done;
	if (strcmp(plan_id, l->plan->id)) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no report %lld in plan '%s'", (long long)id,
				  l->plan->id);
		goto done;
	}
	last = nv ? &v[nv - 1] : NULL;
	if ((rc = check_transition(l, id, last, action, reason, err)) < 0 ||
	    (rc = jp_reason_check(reason, err)) < 0 ||
	    (rc = jp_text_limit_check("the late reason", in->late_reason, JP_REASON_MAX, err)) < 0)
		goto done;
	if (!date.y)
		date = l->today;
	if (jp_date_cmp(date, rep.made) < 0) {
		rc = jp_error_at(err, JP_EINVALID, "date", "the review (%s) cannot come before the"
				 " report (made %s)", jp_date_format(date, d), jp_date_format(rep.made, m));
		goto done;
	}
	if (jp_date_cmp(date, l->today) > 0) {
		rc = jp_error_at(err, JP_EINVALID, "date", "a review cannot be made in the future (%s)",
				 jp_date_format(date, d));
		goto done;
	}
	if (last && jp_date_cmp(date, last->date) < 0) {
		rc = jp_error_at(err, JP_EINVALID, "date", "the review (%s) cannot come before the"
				 " review it follows (%s, %s)", jp_date_format(date, d),
				 jp_review_action_name(last->action), jp_date_format(last->date, m));
		goto done;
	}
	if ((rc = check_window(l, date, "a review", in->late_reason, err)) < 0)
		goto done;
	late = jp_date_days(l->today) - jp_date_days(date) > window_days(l->plan);
	memset(&rv, 0, sizeof(rv));
	rv.report = id;
	rv.action = action;
	rv.reason = action == JP_REVIEW_ACCEPT ? NULL : reason;
	rv.date = date;
	rv.by = l->actor.login;
	if ((rc = jp_store_add_review(l->st, &rv, err)) < 0)
		goto done;
	snprintf(obj, sizeof(obj), "report/%lld", (long long)id);
	if ((rc = jp_ledger__audit(l, action == JP_REVIEW_ACCEPT ? "report.accept" :
				   action == JP_REVIEW_RETURN ? "report.return" : "report.reopen", obj,
				   json_pack("{s:s}", "review", state_name(last)),
				   json_pack("{s:s, s:s?, s:s, s:s?}", "review", state_name(&rv), "reason",
					     rv.reason, "date", jp_date_format(date, d), "late_reason",
					     late ? in->late_reason : NULL), err)) < 0)
		goto done;
	if (out && (rc = jp_store_report_get(l->st, id, a, &rep, NULL, &v, &nv, err)) == 0)
		*out = v[nv - 1];
done:
	if (rc < 0)
		jp_store_tx_end(l->st, owned, false, NULL);
	else
		rc = jp_store_tx_end(l->st, owned, true, err);
	jp_arena_release(&tmp);
	return rc;
}
