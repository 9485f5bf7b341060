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

bool jp_ledger_may_report(const struct jp_actor *who, const struct jp_activity *a,
			  const char *agency)
{
	if (!jp_activity_has_agency(a, agency, false))
		return false;
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
	    !jp_ledger_may_report(&l->actor, a, r->agency))
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
 * The reports a batch adds, by what makes two the same (the fields
 * jp_store_report_find_same compares): a row equal to one before it in
 * the batch is skipped like one stored already.
 */
struct batch_seen {
	size_t *slot;               /* report index + 1; 0: free */
	size_t cap;                 /* a power of two, at least twice the reports */
};

static uint64_t mix_str(uint64_t h, const char *s)
{
	/* NULL and "" differ, as in SQL's IS */
	return s ? jp_hash(h, s, strlen(s) + 1) : jp_hash(h, "\xff", 1);
}

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
	return h;
}

static bool str_same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool report_same(const struct jp_report *a, const struct jp_report *b)
{
	return str_same(a->activity, b->activity) && !jp_date_cmp(a->due, b->due) &&
	       str_same(a->agency, b->agency) && a->status == b->status &&
	       str_same(a->text, b->text) && str_same(a->evidence, b->evidence) &&
	       a->has_spent == b->has_spent && (!a->has_spent || a->spent == b->spent) &&
	       !jp_date_cmp(a->made, b->made);
}

/*
 * Whether reports[i] equals a report before it in the batch; if not, it
 * is remembered.  Synthetic reports are not: the store's look-up passes
 * over synthetic ones.
 */
static bool batch_seen_check(struct batch_seen *b, const struct jp_report *reports, size_t i)
{
	size_t k = (size_t)report_hash(&reports[i]) & (b->cap - 1);

	for (; b->slot[k]; k = (k + 1) & (b->cap - 1))
		if (report_same(&reports[b->slot[k] - 1], &reports[i]))
			return true;
	if (!reports[i].synthetic)
		b->slot[k] = i + 1;
	return false;
}

int jp_ledger_submit(struct jp_ledger *l, struct jp_report *reports, size_t n,
		     const size_t *rows, const struct jp_submit_opts *opts,
		     struct jp_submit_result *res, struct jp_error *err)
{
	static const struct jp_submit_opts none = { NULL, NULL, false, false, false };
	struct jp_submit_result out = { 0, 0, 0 };
	struct jp_history one = JP_HISTORY_INIT;
	struct batch_seen seen = { NULL, 0 };
	json_t *ids = json_array();
	bool owned = false, batch;
	char obj[160];
	size_t at;
	int rc;

	if (!opts)
		opts = &none;
	batch = n != 1 || rows || opts->batch;
	if (!ids)
		return jp_error_set(err, JP_ERROR, "out of memory");
	if ((rc = jp_text_limit_check("the late reason", opts->late_reason, JP_REASON_MAX, err)) < 0) {
		json_decref(ids);
		return rc;
	}
	if (opts->skip_stored && n > 1) {
		seen.cap = jp_grow_capacity(0, 16);
		while (seen.cap && seen.cap / 2 < n)
			seen.cap = jp_grow_capacity(seen.cap, 16);
		if (!seen.cap || !(seen.slot = jp_calloc(seen.cap, sizeof(*seen.slot)))) {
			json_decref(ids);
			return jp_error_set(err, JP_ERROR, "out of memory");
		}
	}
	if ((rc = jp_store_tx_begin(l->st, &owned, err)) < 0) {
		jp_free(seen.slot);
		json_decref(ids);
		return rc;
	}
	/*
	 * First every report is checked, in order, and those to add marked
	 * (id -1); then they are stored, a run of neighbours in one write, so
	 * a large import is not a savepoint (and its journal) per report.
	 */
	for (at = 0; at < n && rc == 0; at++) {
		struct jp_report *r = &reports[at];
		int64_t same = 0;

		r->id = 0;
		if ((rc = check_report(l, r, err)) < 0)
			break;
		/* a row stored already is skipped before the window is asked:
		 * importing a file again adds nothing, however old its rows */
		if (opts->skip_stored && seen.slot && batch_seen_check(&seen, reports, at))
			rc = 1;
		else if (opts->skip_stored &&
			 (rc = jp_store_report_find_same(l->st, l->plan->id, r, &same, err)) < 0)
			break;
		if (rc > 0) {
			out.skipped++;
			rc = 0;
			continue;
		}
		if ((rc = check_late(l, r, opts->late_reason, err)) < 0)
			break;
		r->id = -1;
		out.added++;
		out.after_repeal += r->after_repeal;
	}
	jp_free(seen.slot);
	if (rc < 0 && batch && at < n)   /* the loop stopped at the failing report */
		where_row(err, rows ? rows[at] : at + 1);
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t run = 0;

		while (i + run < n && reports[i + run].id == -1)
			run++;
		if (run && (rc = jp_store_add_reports(l->st, l->plan->id, &reports[i], run, err)) < 0)
			break;
		for (size_t k = i; k < i + run; k++)
			json_array_append_new(ids, json_integer(reports[k].id));
		i += run;
	}
	if (rc < 0)
		for (size_t i = 0; i < n; i++)
			reports[i].id = 0;
	if (rc == 0 && out.added) {
		if (!batch) {
			struct jp_arena arena = JP_ARENA_INIT;
			struct jp_report stored;

			snprintf(obj, sizeof(obj), "report/%lld", (long long)reports[0].id);
			rc = jp_store_report_get(l->st, reports[0].id, &arena, &stored, NULL, NULL,
						 NULL, err);
			if (rc == 0)
				rc = jp_ledger__audit(l, opts->action ? opts->action : "report.submit", obj,
						      NULL, jp_view_report(&one, &stored, false), err);
			jp_arena_release(&arena);
		} else {
			snprintf(obj, sizeof(obj), "plan/%s", l->plan->id);
			rc = jp_ledger__audit(l, opts->action ? opts->action : "report.import", obj, NULL,
					      json_pack("{s:I, s:I, s:O}", "added", (json_int_t)out.added,
							"skipped", (json_int_t)out.skipped, "ids", ids),
					      err);
		}
	}
	json_decref(ids);
	if (opts->dry_run) {
		jp_store_tx_end(l->st, owned, false, NULL);
		for (size_t i = 0; i < n; i++)
			reports[i].id = 0;
	} else if (rc < 0) {
		jp_store_tx_end(l->st, owned, false, NULL);
	} else {
		rc = jp_store_tx_end(l->st, owned, true, err);
	}
	if (rc == 0 && res)
		*res = out;
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
