/*
 * api.c - the JSON API under /api/v1 (docs/api.md).  Each handler reads its
 * input, checks it (bad input: 400 naming the field; a foreign object: 403),
 * does one thing, and answers once.
 */
#include "http_int.h"
#include "alloc.h"
#include "budget.h"
#include "calendar.h"
#include "check.h"
#include "consolidated.h"
#include "ics.h"
#include "indicator.h"
#include "jsonw.h"
#include "plan_json.h"
#include "report.h"
#include "status.h"
#include "text.h"
#include "views.h"
#include "ledger.h"

#include <strings.h>
#include <unistd.h>
#include "amend.h"
#include "load.h"

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int api_session_post(struct jp_req *r);
int api_session_post(struct jp_req *r)
{
	const char *ct = req_header(r, "Content-Type");
	json_t *in;
	int rc;

	/* a cross-site form can send text/plain but not JSON: no login CSRF */
	if (!ct || strncasecmp(ct, "application/json", 16) || (ct[16] && ct[16] != ';' && ct[16] != ' '))
		return reply_error(r, 415, "log in with a JSON body (Content-Type: application/json)");
	if (!(in = req_json(r)))
		return r->status;
	rc = auth_login(r, jstr(in, "login"), jstr(in, "password"));
	json_decref(in);
	if (rc == 401)
		return reply_error(r, 401, "wrong login or password");
	if (rc)
		return rc;
	return reply_json(r, 200, json_pack("{s:s, s:s, s:s?, s:s}", "login", r->user.login,
					    "role", jp_role_name(r->user.role), "agency", r->user.agency,
					    "csrf", r->csrf));
}

int api_session_delete(struct jp_req *r);
int api_session_delete(struct jp_req *r)
{
	auth_logout(r);
	return reply_json(r, 200, json_pack("{s:b}", "logged_out", 1));
}

int api_session_get(struct jp_req *r);
int api_session_get(struct jp_req *r)
{
	return reply_json(r, 200, json_pack("{s:s, s:s, s:s?, s:s?}", "login", r->user.login,
					    "role", jp_role_name(r->user.role), "agency", r->user.agency,
					    "csrf", r->by_token ? NULL : r->csrf));
}

static const struct jp_plan *plan_as_of(struct jp_req *r, struct jp_date *as_of)
{
	if (!req_as_of(r, as_of))
		return NULL;
	return req_plan(r, as_of);
}

int api_plan(struct jp_req *r);
int api_plan(struct jp_req *r)
{
	struct jp_date d;
	const struct jp_plan *p = plan_as_of(r, &d);

	if (!p)
		return r->status;
	jp_buf_reset(&r->out);
	if (jp_plan_to_json(p, &r->out, JP_JSON_PARSED) < 0)
		return reply_error(r, 500, "out of memory");
	r->status = 200;
	r->ctype = "application/json";
	return 200;
}

static bool date_arg(struct jp_req *r, const char *name, struct jp_date *out, bool *given)
{
	const char *s = req_arg(r, name);
	struct jp_error err = JP_ERROR_INIT;

	*given = s && *s;
	if (*given && jp_date_parse(out, s, &err) < 0) {
		reply_error(r, 400, "%s: %s", name, err.msg);
		return false;
	}
	return true;
}

/*
 * Whether ?agency= (absent or empty: every agency) is an executor in plan p,
 * as the CLI asks (cli_check_agency); else a 404 that says so.
 */
static bool agency_known(struct jp_req *r, const struct jp_plan *p)
{
	struct jp_error err = JP_ERROR_INIT;

	if (jp_plan_check_agency(p, req_arg(r, "agency"), &err) == 0)
		return true;
	reply_error(r, 404, "%s", err.msg);
	return false;
}

int api_activities(struct jp_req *r);
int api_activities(struct jp_req *r)
{
	struct jp_date d, from, to;
	const struct jp_plan *p = plan_as_of(r, &d);
	const char *dir = req_arg(r, "direction"), *agency = req_arg(r, "agency"),
		   *search = req_arg(r, "search"), *lead = req_arg(r, "lead");
	const struct jp_activity **sel;
	struct jp_error err = JP_ERROR_INIT;
	size_t *hits = NULL, nhits = 0, n = 0, h = 0;
	bool has_from, has_to;

	if (!p || !date_arg(r, "due_from", &from, &has_from) || !date_arg(r, "due_to", &to, &has_to) ||
	    !agency_known(r, p))
		return r->status;
	if (search && *search && jp_store_search(r->st, p->id, search, &hits, &nhits, &err) < 0)
		return reply_error(r, 400, "search: %s", err.msg);
	sel = jp_arena_array(&r->arena, p->nactivities + 1, sizeof(*sel));
	if (!sel) {
		jp_free(hits);
		return reply_error(r, 500, "out of memory");
	}
	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];
		bool in_range = !has_from && !has_to;

		if (search && *search) {
			while (h < nhits && hits[h] < i)
				h++;
			if (h == nhits || hits[h] != i)
				continue;
		}
		if (dir && *dir && strcmp(a->direction, dir))
			continue;
		if (agency && *agency && !jp_activity_has_agency(a, agency, lead && !strcmp(lead, "1")))
			continue;
		for (size_t k = 0; k < a->deadline.ndue && !in_range; k++)
			in_range = (!has_from || jp_date_cmp(a->deadline.due[k].date, from) >= 0) &&
				   (!has_to || jp_date_cmp(a->deadline.due[k].date, to) <= 0);
		if (in_range)
			sel[n++] = a;
	}
	jp_free(hits);
	jp_buf_reset(&r->out);
	if (jp_activities_to_json(p, sel, n, &r->out, 0) < 0)
		return reply_error(r, 500, "out of memory");
	r->status = 200;
	r->ctype = "application/json";
	return 200;
}

int api_activity(struct jp_req *r);
int api_activity(struct jp_req *r)
{
	struct jp_date d;
	const struct jp_plan *p = plan_as_of(r, &d);
	const struct jp_activity *a;

	if (!p)
		return r->status;
	a = jp_plan_find_activity(p, r->param[0]);
	if (!a)
		return reply_error(r, 404, "no activity '%s'", r->param[0]);
	jp_buf_reset(&r->out);
	if (jp_activities_to_json(p, &a, 1, &r->out, JP_JSON_ONE) < 0)
		return reply_error(r, 500, "out of memory");
	r->status = 200;
	r->ctype = "application/json";
	return 200;
}

/* The due dates of ?agency= (all when empty) not void as of `as_of`, in
 * date order. */
static int due_refs(struct jp_req *r, const struct jp_plan *p, struct jp_date as_of,
		    struct jp_due_ref **out, size_t *n)
{
	struct jp_calendar_opts o = JP_CALENDAR_OPTS_INIT;
	const char *agency = req_arg(r, "agency");

	o.agency = agency && *agency ? agency : NULL;
	o.as_of = as_of;
	return jp_calendar_collect(out, n, p, &o);
}

int api_calendar_ics(struct jp_req *r);
int api_calendar_ics(struct jp_req *r)
{
	struct jp_date d;
	const struct jp_plan *p = plan_as_of(r, &d);
	struct jp_due_ref *refs;
	size_t n;
	int rc;

	if (!p || !agency_known(r, p))
		return r->status;
	if (due_refs(r, p, d, &refs, &n) < 0)
		return reply_error(r, 500, "out of memory");
	jp_buf_reset(&r->out);
	rc = jp_ics_write(p, refs, n, &r->out);
	jp_free(refs);
	if (rc < 0)
		return reply_error(r, 500, "cannot build the calendar");
	r->status = 200;
	r->ctype = "text/calendar; charset=utf-8";
	snprintf(r->disposition, sizeof(r->disposition), "attachment; filename=\"%s.ics\"", p->id);
	return 200;
}

int api_status(struct jp_req *r);
int api_status(struct jp_req *r)
{
	struct jp_date d;
	const struct jp_plan *p = plan_as_of(r, &d);
	const struct jp_history *h;
	const char *agency = req_arg(r, "agency");
	struct jp_status st;
	/* of the history what states need: reports made by the date, no texts */
	struct jp_history_filter f = { NULL, true, { 0, 0, 0 }, false, true };
	int rc;

	if (p)
		f.made_to = d;
	if (!p || !agency_known(r, p) || !(h = req_history_where(r, &f)))
		return r->status;
	if (agency && !*agency)
		agency = NULL;
	if (jp_status_compute(p, h, d, agency, &st) < 0)
		return reply_error(r, 500, "out of memory");
	jp_buf_reset(&r->out);
	rc = jp_view_status_write(&r->out, p, &st, agency, JP_JSONW_COMPACT);
	jp_status_release(&st);
	if (rc < 0)
		return reply_error(r, 500, "out of memory");
	r->status = 200;
	r->ctype = "application/json";
	return 200;
}

static const struct jp_report *find_report(const struct jp_history *h, const char *idtext)
{
	char *end;
	long long id = strtoll(idtext, &end, 10);

	if (*end || end == idtext)
		return NULL;
	for (size_t i = 0; i < h->nreports; i++)
		if (h->reports[i].id == id)
			return &h->reports[i];
	return NULL;
}

/* A stored report's view, with its after-repeal mark from plan `p` (today's). */
int api_reports(struct jp_req *r);
int api_reports(struct jp_req *r)
{
	const char *act = req_arg(r, "activity"), *agency = req_arg(r, "agency");
	/* with ?activity= only its reports (and their reviews) are read */
	const struct jp_history_filter f = { act, false, { 0, 0, 0 }, false, false };
	const struct jp_history *h = act && *act ? req_history_where(r, &f) : req_history(r);
	const struct jp_plan *p;
	json_t *arr;

	if (!h)
		return r->status;
	p = req_plan(r, NULL);
	if (!p)
		return r->status;
	arr = json_array();
	for (size_t i = 0; i < h->nreports; i++) {
		const struct jp_report *rep = &h->reports[i];

		if ((act && *act && strcmp(act, rep->activity)) ||
		    (agency && *agency && !jp_text_eq_fold(agency, rep->agency)))
			continue;
		json_array_append_new(arr, jp_view_report_on(p, h, rep, false));
	}
	return reply_json(r, 200, arr);
}

int api_report(struct jp_req *r);
int api_report(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_history_filter f = { NULL, false, { 0, 0, 0 }, false, false };
	const struct jp_history *h;
	const struct jp_report *rep;
	const struct jp_plan *p;
	struct jp_report one;
	char *end;
	long long id = strtoll(r->param[0], &end, 10);

	/* the report's activity, then that activity's reports and reviews,
	 * as the view of a report is made from its history; no such report:
	 * none at all (no activity is numbered "") */
	f.activity = "";
	if (!*end && end != r->param[0]) {
		int rc = jp_store_report_get(r->st, id, &r->arena, &one, NULL, NULL, NULL, &err);

		if (rc == 0)
			f.activity = one.activity;
		else if (rc != JP_ENOTFOUND)
			return reply_error(r, 500, "cannot read the report: %s", err.msg);
	}
	h = req_history_where(r, &f);
	if (!h)
		return r->status;
	rep = find_report(h, r->param[0]);
	if (!rep)
		return reply_error(r, 404, "no report '%s'", r->param[0]);
	p = req_plan(r, NULL);
	if (!p)
		return r->status;
	return reply_json(r, 200, jp_view_report_on(p, h, rep, true));
}

/*
 * A report from a JSON object; false after answering 400 (the form of the
 * input only: the rules are the ledger's).
 */
static bool report_from_json(struct jp_req *r, json_t *in, struct jp_report *rep,
			     const char *where)
{
	struct jp_error err = JP_ERROR_INIT;
	json_t *spent = json_object_get(in, "spent");
	const char *f;
	int st;

	memset(rep, 0, sizeof(*rep));
	rep->activity = jstr(in, "activity");
	rep->agency = jstr(in, "agency");
	if (!json_is_object(in) || !rep->activity || !rep->agency || !jstr(in, "due") ||
	    !jstr(in, "status")) {
		reply_error(r, 400, "%sgive activity, due, agency and status", where);
		return false;
	}
	if (jp_date_parse(&rep->due, jstr(in, "due"), &err) < 0) {
		reply_error(r, 400, "%sdue: %s", where, err.msg);
		return false;
	}
	st = jp_report_status_parse(jstr(in, "status"));
	if (st < 0) {
		reply_error(r, 400, "%sstatus: '%s' is not done, partly, not-done or in-progress",
			    where, jstr(in, "status"));
		return false;
	}
	rep->status = (enum jp_report_status)st;
	rep->text = jstr(in, "text");
	rep->evidence = jstr(in, "evidence");
	rep->made = r->today;
	if ((f = jstr(in, "date")) && jp_date_parse(&rep->made, f, &err) < 0) {
		reply_error(r, 400, "%sdate: %s", where, err.msg);
		return false;
	}
	if (spent && !json_is_null(spent)) {
		if (!json_is_string(spent) ||
		    jp_money_parse(&rep->spent, json_string_value(spent), &err) < 0) {
			reply_error(r, 400, "%sspent: an amount as a string like \"12.5\"", where);
			return false;
		}
		rep->has_spent = true;
	}
	return true;
}

/* POST /api/v1/reports: one report (an object) or a batch (an array). */
int api_reports_post(struct jp_req *r);
int api_reports_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_ledger l;
	struct jp_submit_opts o = { NULL, NULL, false, false, false };
	struct jp_submit_result res;
	json_error_t jerr;
	json_t *in, *item;
	struct jp_report *reps;
	size_t n, i;
	int rc;

	if (!req_ledger(r, &l))
		return r->status;
	if (!(in = json_loadb(r->body.ptr, r->body.len, JSON_REJECT_DUPLICATES, &jerr)))
		return reply_error(r, 400, "invalid JSON at line %d: %s", jerr.line, jerr.text);
	if (!(json_is_object(in) || (json_is_array(in) && json_array_size(in) > 0))) {
		json_decref(in);
		return reply_error(r, 400, "the body is a JSON object (one report) or a non-empty array");
	}
	/* a batch takes its late reason from ?late_reason= */
	o.late_reason = json_is_object(in) ? jstr(in, "late_reason") : req_arg(r, "late_reason");
	o.skip_stored = json_is_array(in);
	o.batch = json_is_array(in);
	n = json_is_array(in) ? json_array_size(in) : 1;
	reps = jp_arena_array(&r->arena, n, sizeof(*reps));
	if (!reps) {
		json_decref(in);
		return reply_error(r, 500, "out of memory");
	}
	json_array_foreach(json_is_array(in) ? in : NULL, i, item) {
		char where[48];

		snprintf(where, sizeof(where), "report %zu: ", i + 1);
		if (!report_from_json(r, item, &reps[i], where)) {
			json_decref(in);
			return r->status;
		}
	}
	if (json_is_object(in) && !report_from_json(r, in, &reps[0], "")) {
		json_decref(in);
		return r->status;
	}
	if (jp_ledger_submit(&l, reps, n, NULL, &o, &res, &err) < 0) {
		rc = reply_fail(r, &err);
	} else if (json_is_object(in)) {
		struct jp_history one = JP_HISTORY_INIT;
		struct jp_report stored;

		if (jp_store_report_get(r->st, reps[0].id, &one.arena, &stored, NULL, NULL, NULL,
					&err) < 0) {
			rc = reply_fail(r, &err);
		} else {
			rc = reply_json(r, 201, jp_view_report_on(l.plan, &one, &stored, false));
		}
		jp_history_release(&one);
	} else {
		json_t *ids = json_array();

		for (i = 0; i < n; i++)
			if (reps[i].id)
				json_array_append_new(ids, json_integer(reps[i].id));
		rc = reply_json(r, 201, json_pack("{s:I, s:I, s:o}", "added", (json_int_t)res.added,
						  "already_stored", (json_int_t)res.skipped, "ids", ids));
	}
	json_decref(in);   /* the reports' strings lived in it until now */
	return rc;
}

/* The review routes: the body may carry "reason" (and "late_reason"), as
 * JSON whatever its Content-Type says, or as a form. */
static int review(struct jp_req *r, enum jp_review_action action)
{
	static const char *const done[] = { "accepted", "returned", "reopened" };
	struct jp_error err = JP_ERROR_INIT;
	struct jp_review_input v = { action, NULL, { 0, 0, 0 }, NULL };
	struct jp_ledger l;
	json_t *in = NULL;
	char *end;
	long long id = strtoll(r->param[0], &end, 10);
	int rc;

	if (*end || end == r->param[0])
		return reply_error(r, 404, "no report '%s'", r->param[0]);
	if (!req_ledger(r, &l))
		return r->status;
	if (r->body.len && r->body.ptr[0] == '{') {
		json_error_t jerr;

		if (!(in = json_loadb(r->body.ptr, r->body.len, JSON_REJECT_DUPLICATES, &jerr)))
			return reply_error(r, 400, "invalid JSON at line %d: %s", jerr.line, jerr.text);
		v.reason = jstr(in, "reason");
		v.late_reason = jstr(in, "late_reason");
	} else if (r->body.len) {
		v.reason = req_form(r, "reason");
		v.late_reason = req_form(r, "late_reason");
	}
	if (jp_ledger_review(&l, id, &v, &r->arena, NULL, &err) < 0)
		rc = reply_fail(r, &err);
	else
		rc = reply_json(r, 200, json_pack("{s:I, s:s}", "report", (json_int_t)id, "review",
						  done[action]));
	json_decref(in);
	return rc;
}

int api_report_accept(struct jp_req *r);
int api_report_accept(struct jp_req *r)
{
	return review(r, JP_REVIEW_ACCEPT);
}

int api_report_return(struct jp_req *r);
int api_report_return(struct jp_req *r)
{
	return review(r, JP_REVIEW_RETURN);
}

int api_report_reopen(struct jp_req *r);
int api_report_reopen(struct jp_req *r)
{
	return review(r, JP_REVIEW_REOPEN);
}

int api_findings(struct jp_req *r);
int api_findings(struct jp_req *r)
{
	const struct jp_plan *p = req_plan(r, NULL);
	struct jp_findings own = JP_FINDINGS_INIT;
	const struct jp_findings *f = NULL;

	if (p && req_whole_history()) {       /* made again, for tests */
		if (jp_plan_check(p, &own) < 0)
			return reply_error(r, 500, "out of memory");
		f = &own;
	} else if (p) {
		f = req_findings(r, p);
	}
	if (!f)
		return r->status;
	reply_json(r, 200, jp_view_findings(p, f));
	jp_findings_release(&own);
	return 200;
}

int api_budget(struct jp_req *r);
int api_budget(struct jp_req *r)
{
	struct jp_date d;
	const struct jp_plan *p = plan_as_of(r, &d);
	/* of the history only the money of the reports made by the date */
	struct jp_history_filter f = { NULL, true, { 0, 0, 0 }, true, false };
	const struct jp_history *h = NULL;
	const char *by = req_arg(r, "by");
	int g = jp_budget_group_parse(by && *by ? by : "direction");
	struct jp_rollup plan, spent;
	json_t *rows;
	char m[JP_MONEY_BUFSZ];

	if (p) {
		f.made_to = d;
		h = req_history_where(r, &f);
	}
	if (!h)
		return r->status;
	if (g < 0)
		return reply_error(r, 400, "by: '%s' is not year, direction, lead, source or activity", by);
	if (jp_budget_rollup(p, (enum jp_budget_group)g, &plan) < 0)
		return reply_error(r, 500, "out of memory");
	if (jp_budget_spent(p, h, d, (enum jp_budget_group)g, &spent) < 0) {
		jp_rollup_release(&plan);
		return reply_error(r, 500, "out of memory");
	}
	rows = json_array();
	for (size_t i = 0; i < spent.n; i++) {
		jp_money pl = 0;
		char sp[JP_MONEY_BUFSZ];

		for (size_t k = 0; k < plan.n; k++)
			if (!strcmp(plan.rows[k].key, spent.rows[i].key))
				pl = plan.rows[k].total;
		json_array_append_new(rows, json_pack("{s:s, s:s, s:s}", "key", spent.rows[i].key,
			"planned", jp_money_format(pl, m), "spent",
			jp_money_format(spent.rows[i].total, sp)));
	}
	{
		char sp[JP_MONEY_BUFSZ];

		reply_json(r, 200, json_pack("{s:s, s:s, s:o, s:s, s:s}", "plan", p->id, "unit",
					     p->unit ? p->unit : "million tenge", "rows", rows,
					     "planned_total", jp_money_format(plan.all.total, m),
					     "spent_total", jp_money_format(spent.all.total, sp)));
	}
	jp_rollup_release(&plan);
	jp_rollup_release(&spent);
	return 200;
}

int api_indicators(struct jp_req *r);
int api_indicators(struct jp_req *r)
{
	struct jp_date d;
	const struct jp_plan *p = plan_as_of(r, &d);
	/* only the actuals and revisions */
	const struct jp_history_filter f = { NULL, false, { 0, 0, 0 }, false, false, true };
	const struct jp_history *h = p ? req_history_where(r, &f) : NULL;
	const char *ys = req_arg(r, "year");
	char *end = NULL;
	long y = ys ? strtol(ys, &end, 10) : 0;
	int year = ys && (*end || y < 1900 || y > 2999) ? -1 : (int)y;
	struct jp_ind_ref *refs = NULL;
	size_t n;
	json_t *arr;

	if (!h)
		return r->status;
	if (year < 0)
		return reply_error(r, 400, "year: '%s' is not a year", ys);
	if (jp_indicators_list(p, &refs, &n) < 0)
		return reply_error(r, 500, "out of memory");
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < refs[i].ind->ntargets; k++) {
			struct jp_achievement a;

			if (year && refs[i].ind->targets[k].year != year)
				continue;
			jp_indicator_achievement(&refs[i], k, h, d, &a);
			json_array_append_new(arr, json_pack("{s:s, s:i, s:i, s:s, s:s?, s:s, s:s?, s:o, s:b}",
				"id", refs[i].id, "target", (int)k + 1, "year", refs[i].ind->targets[k].year,
				"value", a.target, "unit", refs[i].ind->targets[k].unit,
				"direction", jp_ind_dir_name(jp_target_direction(refs[i].ind, k)),
				"actual", a.actual ? a.actual->value : NULL,
				"achievement_permille", a.actual ? json_integer(a.permille) : json_null(),
				"met", a.met));
		}
	jp_free(refs);
	return reply_json(r, 200, arr);
}

/* GET /api/v1/audit: newest first, ?since ?who ?action ?before=ID ?limit=N
 * (default 100, at most 1000): the next page is ?before= the last id. */
int api_audit(struct jp_req *r);
int api_audit(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_audit_query q = { req_arg(r, "since"), req_arg(r, "who"), req_arg(r, "action"),
				    0, 100, 0 };
	const char *lim = req_arg(r, "limit"), *before = req_arg(r, "before");
	struct jp_audit_entry *e = NULL;
	size_t n = 0;
	char *end;
	json_t *arr;

	if (lim && ((q.limit = strtoul(lim, &end, 10)) < 1 || q.limit > 1000 || *end))
		return reply_error(r, 400, "limit: 1 to 1000");
	if (before && ((q.before_id = strtoll(before, &end, 10)) < 1 || *end))
		return reply_error(r, 400, "before: an entry id");
	if (jp_store_audit_query(r->st, &q, &r->arena, &e, &n, &err) < 0)
		return reply_fail(r, &err);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?}",
			"id", (json_int_t)e[i].id, "at", e[i].at, "who", e[i].who, "action", e[i].action,
			"object", e[i].object, "before", e[i].before, "after", e[i].after));
	return reply_json(r, 200, arr);
}

int api_users(struct jp_req *r);
int api_users(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_user *u = NULL;
	size_t n = 0;
	json_t *arr;

	if (jp_store_user_list(r->st, &r->arena, &u, &n, &err) < 0)
		return reply_error(r, 500, "%s", err.msg);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s?, s:b, s:s}", "login", u[i].login,
			"role", jp_role_name(u[i].role), "agency", u[i].agency, "disabled", u[i].disabled,
			"created_at", u[i].created_at));
	return reply_json(r, 200, arr);
}

int api_users_post(struct jp_req *r);
int api_users_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	json_t *in = req_json(r);
	struct jp_ledger l;
	struct jp_user u;
	int role, rc;

	if (!in)
		return r->status;
	if (!req_ledger(r, &l)) {
		json_decref(in);
		return r->status;
	}
	memset(&u, 0, sizeof(u));
	u.login = jstr(in, "login");
	role = jstr(in, "role") ? jp_role_parse(jstr(in, "role")) : -1;
	u.agency = jstr(in, "agency");
	if (role < 0) {
		json_decref(in);
		return reply_error(r, 400, "role: admin, coordinator, executor or viewer");
	}
	u.role = (enum jp_role)role;
	if (jp_ledger_user_add(&l, &u, jstr(in, "password"), &err) < 0)
		rc = reply_fail(r, &err);
	else
		rc = reply_json(r, 201, json_pack("{s:s, s:s}", "login", u.login, "role",
						  jp_role_name(u.role)));
	json_decref(in);
	return rc;
}

int api_user_disable(struct jp_req *r);
int api_user_disable(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_ledger l;

	if (!req_ledger(r, &l))
		return r->status;
	if (jp_ledger_user_disable(&l, r->param[0], &err) < 0)
		return reply_fail(r, &err);
	return reply_json(r, 200, json_pack("{s:s, s:b}", "login", r->param[0], "disabled", 1));
}

int api_tokens_post(struct jp_req *r);
int api_tokens_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_ledger l;
	const char *days = req_arg(r, "days");
	char token[65], *end = NULL;
	long d = days ? strtol(days, &end, 10) : 0;
	int64_t id;

	if (days && (*end || end == days))
		return reply_error(r, 400, "days: a whole number of days");
	if (!req_ledger(r, &l))
		return r->status;
	if (jp_ledger_token_create(&l, NULL, req_arg(r, "label"), (int)d, token, &id, &err) < 0)
		return reply_fail(r, &err);
	return reply_json(r, 201, json_pack("{s:s, s:I, s:s}", "token", token, "id", (json_int_t)id,
					    "note", "shown once: send it as 'Authorization: Bearer TOKEN'"));
}

int api_tokens(struct jp_req *r);
int api_tokens(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_token_info *t = NULL;
	size_t n = 0;
	json_t *arr;

	if (jp_store_token_list(r->st, r->user.role == JP_ROLE_ADMIN && req_arg(r, "all") ? NULL :
				r->user.login, &r->arena, &t, &n, &err) < 0)
		return reply_fail(r, &err);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s?, s:s, s:I}", "id",
			(json_int_t)t[i].id, "login", t[i].login, "label", t[i].label,
			"created_at", t[i].created_at, "expires_at", (json_int_t)t[i].expires_at));
	return reply_json(r, 200, arr);
}

int api_token_delete(struct jp_req *r);
int api_token_delete(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_ledger l;
	char *end;
	long long id = strtoll(r->param[0], &end, 10);

	if (*end || end == r->param[0])
		return reply_error(r, 404, "no token '%s'", r->param[0]);
	if (!req_ledger(r, &l))
		return r->status;
	if (jp_ledger_token_revoke(&l, id, &err) < 0)
		return reply_fail(r, &err);
	return reply_json(r, 200, json_pack("{s:I, s:b}", "token", (json_int_t)id, "revoked", 1));
}

/* POST /api/v1/plans and /api/v1/amendments take the document as the body. */
int api_plans_post(struct jp_req *r);
int api_plans_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *plan = NULL;
	struct jp_ledger l;
	int rc;

	if (!req_ledger(r, &l))
		return r->status;
	if (jp_ledger_store_plan(&l, r->body.ptr, r->body.len, req_arg(r, "replace") != NULL, &plan,
				 &err) < 0)
		return reply_fail(r, &err);
	rc = reply_json(r, 201, json_pack("{s:s, s:I}", "id", plan->id, "activities",
					  (json_int_t)plan->nactivities));
	jp_plan_free(plan);
	return rc;
}

int api_amendments_post(struct jp_req *r);
int api_amendments_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_amendment_info info;
	struct jp_ledger l;

	if (!req_ledger(r, &l))
		return r->status;
	if (jp_ledger_add_amendment(&l, r->body.ptr, r->body.len, &info, &err) < 0)
		return reply_fail(r, &err);
	return reply_json(r, 201, json_pack("{s:s, s:s, s:I, s:I, s:I}", "plan", info.plan, "number",
					    info.number, "added", (json_int_t)info.nadd, "changed",
					    (json_int_t)info.nchange, "removed", (json_int_t)info.nremove));
}

/* The indicator writes: an actual value {year, target, value, source}, or a
 * revised target {year or target, value, reason}. */
static int indicator_write(struct jp_req *r, bool revision)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_indicator_input v;
	struct jp_revision rv;
	struct jp_actual a;
	struct jp_ledger l;
	json_t *in;
	int rc;

	if (!req_ledger(r, &l) || !(in = req_json(r)))
		return r->status;
	memset(&v, 0, sizeof(v));
	v.indicator = r->param[0];
	v.year = (int)json_integer_value(json_object_get(in, "year"));
	v.target = (int)json_integer_value(json_object_get(in, "target"));
	v.value = jstr(in, "value");
	v.note = jstr(in, revision ? "reason" : "source");
	if ((revision ? jp_ledger_revision(&l, &v, &rv, &err) : jp_ledger_actual(&l, &v, &a, &err)) < 0)
		rc = reply_fail(r, &err);
	else if (revision)
		rc = reply_json(r, 201, json_pack("{s:s, s:i, s:s, s:s}", "id", rv.indicator, "target",
						  rv.target + 1, "value", rv.value, "reason", rv.reason));
	else
		rc = reply_json(r, 201, json_pack("{s:s, s:i, s:i, s:s}", "id", a.indicator, "year",
						  a.year, "target", a.target + 1, "value", a.value));
	json_decref(in);
	return rc;
}

int api_indicator_actual(struct jp_req *r);
int api_indicator_actual(struct jp_req *r)
{
	return indicator_write(r, false);
}

int api_indicator_target(struct jp_req *r);
int api_indicator_target(struct jp_req *r)
{
	return indicator_write(r, true);
}

int api_user_password(struct jp_req *r);
int api_user_password(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_ledger l;
	json_t *in;
	int rc;

	if (!req_ledger(r, &l) || !(in = req_json(r)))
		return r->status;
	if (jp_ledger_user_passwd(&l, r->param[0], jstr(in, "password"), &err) < 0)
		rc = reply_fail(r, &err);
	else
		rc = reply_json(r, 200, json_pack("{s:s, s:b}", "login", r->param[0], "sessions_ended", 1));
	json_decref(in);
	return rc;
}

int api_export(struct jp_req *r);
int api_export(struct jp_req *r)
{
	struct jp_date d;
	const struct jp_plan *p = plan_as_of(r, &d);
	const struct jp_history *h = p ? req_history(r) : NULL;
	const char *fmt = req_arg(r, "format");
	struct jp_error err = JP_ERROR_INIT;
	struct jp_consolidated con;
	struct jp_status st;
	int rc;

	if (!h)
		return r->status;
	if (!fmt || (strcmp(fmt, "csv") && strcmp(fmt, "html") && strcmp(fmt, "xlsx")))
		return reply_error(r, 400, "format: csv, html or xlsx");
	if (jp_status_compute(p, h, d, NULL, &st) < 0)
		return reply_error(r, 500, "out of memory");
	if (jp_consolidate(p, h, &st, &con) < 0) {
		jp_status_release(&st);
		return reply_error(r, 500, "out of memory");
	}
	jp_buf_reset(&r->out);
	if (!strcmp(fmt, "xlsx")) {
		/* libxlsxwriter writes files: a private temporary one, read back */
		char path[] = "/tmp/jospar-export-XXXXXX";
		int fd = mkstemp(path);

		rc = fd < 0 ? -1 : jp_export_xlsx(&con, path, &err);
		if (fd >= 0) {
			FILE *f = rc == 0 ? fopen(path, "rb") : NULL;
			char chunk[65536];
			size_t n;

			while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
				jp_buf_add(&r->out, chunk, n);
			if (f)
				fclose(f);
			close(fd);
			unlink(path);
		}
	} else {
		rc = !strcmp(fmt, "csv") ? jp_export_csv(&con, &r->out)
					 : jp_export_html(&con, &r->out, NULL, &err);
	}
	jp_consolidated_release(&con);
	jp_status_release(&st);
	if (rc < 0)
		return reply_error(r, 500, "cannot build the report");
	r->status = 200;
	r->ctype = !strcmp(fmt, "csv") ? "text/csv; charset=utf-8" :
		   !strcmp(fmt, "html") ? "text/html; charset=utf-8" :
		   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	snprintf(r->disposition, sizeof(r->disposition), "attachment; filename=\"%s.%s\"", p->id, fmt);
	return 200;
}

int api_calendar(struct jp_req *r);
int api_calendar(struct jp_req *r)
{
	struct jp_date d;
	const struct jp_plan *p = plan_as_of(r, &d);
	struct jp_due_ref *refs;
	struct jp_jsonw w;
	char ds[JP_DATE_BUFSZ];
	size_t n;

	if (!p || !agency_known(r, p))
		return r->status;
	if (due_refs(r, p, d, &refs, &n) < 0)
		return reply_error(r, 500, "out of memory");
	/* written as it goes: at national scale a tree of it is 100s of MB */
	jp_buf_reset(&r->out);
	jp_jsonw_init(&w, &r->out, JP_JSONW_COMPACT);
	jp_jsonw_array_begin(&w);
	for (size_t i = 0; i < n; i++) {
		const struct jp_activity *a = refs[i].act;
		const struct jp_due *due = &a->deadline.due[refs[i].due];
		const struct jp_executor *lead = jp_activity_lead(a);

		jp_jsonw_object_begin(&w);
		jp_jsonw_kstring(&w, "due", jp_date_format(due->date, ds));
		jp_jsonw_kstring(&w, "number", a->number);
		jp_jsonw_kstring(&w, "title", a->title);
		jp_jsonw_kstring(&w, "lead", lead ? lead->agency : NULL);
		jp_jsonw_kstring(&w, "label", due->label);
		jp_jsonw_object_end(&w);
	}
	jp_jsonw_array_end(&w);
	jp_free(refs);
	if (jp_buf_oom(&r->out))
		return reply_error(r, 500, "out of memory");
	r->status = 200;
	r->ctype = "application/json";
	return 200;
}

struct plans_ctx {
	struct jp_req *r;
	struct jp_jsonw *w;
};

static int plan_item(const struct jp_plan_info *info, void *payload)
{
	struct plans_ctx *c = payload;
	struct jp_jsonw *w = c->w;
	struct jp_buf url = JP_BUF_INIT;

	jp_jsonw_object_begin(w);
	jp_jsonw_kstring(w, "id", info->id);
	jp_jsonw_kstring(w, "number", info->number);
	jp_jsonw_kstring(w, "title", info->title);
	jp_jsonw_kint(w, "activities", info->nactivities);
	jp_jsonw_kstring(w, "loaded_at", info->loaded_at);
	jp_jsonw_key(w, "embedded");
	jp_jsonw_bool(w, info->builtin);
	jp_jsonw_key(w, "served");
	jp_jsonw_bool(w, !strcmp(info->id, req_served_plan(c->r)));
	/* where the API about it starts: /api/v1/plans/ID/status, ... */
	jp_buf_adds(&url, "/api/v1/plans/");
	for (const unsigned char *p = (const unsigned char *)info->id; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.')
			jp_buf_addc(&url, (char)*p);
		else
			jp_buf_addf(&url, "%%%02X", *p);
	}
	jp_buf_adds(&url, "/");
	jp_jsonw_kstring(w, "api", url.ptr);
	jp_buf_release(&url);
	jp_jsonw_object_end(w);
	return 0;
}

int api_plans(struct jp_req *r);
int api_plans(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_jsonw w;
	struct plans_ctx c = { r, &w };

	jp_buf_reset(&r->out);
	jp_jsonw_init(&w, &r->out, JP_JSONW_COMPACT);
	jp_jsonw_array_begin(&w);
	if (jp_store_list_plans(r->st, plan_item, &c, &err) < 0)
		return reply_fail(r, &err);
	jp_jsonw_array_end(&w);
	if (jp_buf_oom(&r->out))
		return reply_error(r, 500, "out of memory");
	r->status = 200;
	r->ctype = "application/json";
	return 200;
}
