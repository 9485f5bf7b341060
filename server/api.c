/*
 * api.c - the JSON API under /api/v1 (docs/api.md).  Each handler reads its
 * input, checks it (bad input: 400 naming the field; a foreign object: 403),
 * does one thing, and answers once.
 */
#include "http_int.h"
#include "alloc.h"
#include "budget.h"
#include "check.h"
#include "consolidated.h"
#include "ics.h"
#include "indicator.h"
#include "plan_json.h"
#include "report.h"
#include "status.h"
#include "text.h"
#include "views.h"

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

	if (!p || !date_arg(r, "due_from", &from, &has_from) || !date_arg(r, "due_to", &to, &has_to))
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

int api_calendar_ics(struct jp_req *r);
int api_calendar_ics(struct jp_req *r)
{
	struct jp_date d;
	const struct jp_plan *p = plan_as_of(r, &d);
	const char *agency = req_arg(r, "agency");
	struct jp_due_ref *refs;
	size_t n = 0, total = 0;

	if (!p)
		return r->status;
	for (size_t i = 0; i < p->nactivities; i++)
		total += p->activities[i].deadline.ndue;
	refs = jp_arena_array(&r->arena, total + 1, sizeof(*refs));
	if (!refs)
		return reply_error(r, 500, "out of memory");
	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];

		if (agency && *agency && !jp_activity_has_agency(a, agency, false))
			continue;
		for (size_t k = 0; k < a->deadline.ndue; k++)
			refs[n++] = (struct jp_due_ref){ a, k };
	}
	jp_buf_reset(&r->out);
	if (jp_ics_write(p, refs, n, &r->out) < 0)
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

	if (!p || !(h = req_history(r)))
		return r->status;
	if (agency && !*agency)
		agency = NULL;
	if (jp_status_compute(p, h, d, agency, &st) < 0)
		return reply_error(r, 500, "out of memory");
	reply_json(r, 200, jp_view_status(p, &st, agency));
	jp_status_release(&st);
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

int api_reports(struct jp_req *r);
int api_reports(struct jp_req *r)
{
	const struct jp_history *h = req_history(r);
	const char *act = req_arg(r, "activity"), *agency = req_arg(r, "agency");
	json_t *arr;

	if (!h)
		return r->status;
	arr = json_array();
	for (size_t i = 0; i < h->nreports; i++) {
		const struct jp_report *rep = &h->reports[i];

		if ((act && *act && strcmp(act, rep->activity)) ||
		    (agency && *agency && !jp_text_eq_fold(agency, rep->agency)))
			continue;
		json_array_append_new(arr, jp_view_report(h, rep, false));
	}
	return reply_json(r, 200, arr);
}

int api_report(struct jp_req *r);
int api_report(struct jp_req *r)
{
	const struct jp_history *h = req_history(r);
	const struct jp_report *rep;

	if (!h)
		return r->status;
	rep = find_report(h, r->param[0]);
	if (!rep)
		return reply_error(r, 404, "no report '%s'", r->param[0]);
	return reply_json(r, 200, jp_view_report(h, rep, true));
}

int api_reports_post(struct jp_req *r);
int api_reports_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	const struct jp_plan *p = req_plan(r, NULL);
	json_t *in = p ? req_json(r) : NULL, *spent;
	const struct jp_activity *a;
	struct jp_history one = JP_HISTORY_INIT;
	struct jp_report rep;
	const char *f;
	int st;

	int rc;

	if (!in)
		return r->status;
	memset(&rep, 0, sizeof(rep));
	rep.activity = jstr(in, "activity");
	rep.agency = jstr(in, "agency");
	if (!rep.activity || !rep.agency || !jstr(in, "due") || !jstr(in, "status")) {
		rc = reply_error(r, 400, "give activity, due, agency and status");
		goto out;
	}
	if (jp_date_parse(&rep.due, jstr(in, "due"), &err) < 0) {
		rc = reply_error(r, 400, "due: %s", err.msg);
		goto out;
	}
	st = jp_report_status_parse(jstr(in, "status"));
	if (st < 0) {
		rc = reply_error(r, 400, "status: '%s' is not done, partly, not-done or in-progress",
				   jstr(in, "status"));
		goto out;
	}
	rep.status = (enum jp_report_status)st;
	rep.text = jstr(in, "text");
	rep.evidence = jstr(in, "evidence");
	rep.made = r->today;
	if ((f = jstr(in, "date")) && jp_date_parse(&rep.made, f, &err) < 0) {
		rc = reply_error(r, 400, "date: %s", err.msg);
		goto out;
	}
	spent = json_object_get(in, "spent");
	if (spent && !json_is_null(spent)) {
		if (!json_is_string(spent) || jp_money_parse(&rep.spent, json_string_value(spent), &err) < 0) {
			rc = reply_error(r, 400, "spent: an amount as a string like \"12.5\"");
			goto out;
		}
		rep.has_spent = true;
	}
	rep.by = r->user.login;
	a = jp_plan_find_activity(p, rep.activity);
	if (a && !authz_may_report(r, a, rep.agency)) {
		rc = reply_error(r, 403, "%s '%s' may not report for '%s' on activity %s",
				   jp_role_name(r->user.role), r->user.login, rep.agency, a->number);
		goto out;
	}
	if (jp_report_validate(p, &rep, r->today, &err) < 0) {
		rc = reply_error(r, err.code == JP_ENOTFOUND ? 404 : 400, "%s", err.msg);
		goto out;
	}
	/* the strings live in `in` until the store has copied them */
	if (jp_store_add_reports(r->st, p->id, &rep, 1, &err) < 0) {
		rc = reply_error(r, 500, "cannot save: %s", err.msg);
		goto out;
	}
	{
		char obj[64];

		rep.recorded_at = "";
		snprintf(obj, sizeof(obj), "report/%lld", (long long)rep.id);
		if (req_audit(r, "report.submit", obj, NULL, jp_view_report(&one, &rep, false)) < 0) {
			rc = reply_error(r, 500, "cannot write the audit log");
			goto out;
		}
	}
	rc = reply_json(r, 201, jp_view_report(&one, &rep, false));
out:
	json_decref(in);   /* the report's strings lived in it until now */
	return rc;
}

static int review(struct jp_req *r, enum jp_review_action action)
{
	const struct jp_history *h = req_history(r);
	const struct jp_report *rep;
	const struct jp_review *last;
	const char *reason = NULL;
	json_t *in = NULL;
	int rc;

	if (!h)
		return r->status;
	rep = find_report(h, r->param[0]);
	if (!rep)
		return reply_error(r, 404, "no report '%s'", r->param[0]);
	if (action == JP_REVIEW_RETURN) {
		const char *ct = req_header(r, "Content-Type");

		if (ct && !strncmp(ct, "application/json", 16)) {
			if (!(in = req_json(r)))
				return r->status;
			reason = jstr(in, "reason");
		} else {
			reason = req_form(r, "reason");
		}
		if (!reason || !*reason) {
			json_decref(in);
			return reply_error(r, 400, "give a reason for returning the report");
		}
	}
	last = jp_history_latest_review(h, rep->id);
	if (last && last->action == action)
		rc = reply_error(r, 409, "report %s is %s already", r->param[0], jp_review_state_name(last));
	else if ((rc = req_review(r, rep, action, reason, last)) == 0)
		rc = reply_json(r, 200, json_pack("{s:I, s:s}", "report", (json_int_t)rep->id, "review",
						  action == JP_REVIEW_ACCEPT ? "accepted" : "returned"));
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

int api_findings(struct jp_req *r);
int api_findings(struct jp_req *r)
{
	const struct jp_plan *p = req_plan(r, NULL);
	struct jp_findings f = JP_FINDINGS_INIT;

	if (!p)
		return r->status;
	if (jp_plan_check(p, &f) < 0)
		return reply_error(r, 500, "out of memory");
	reply_json(r, 200, jp_view_findings(p, &f));
	jp_findings_release(&f);
	return 200;
}

int api_budget(struct jp_req *r);
int api_budget(struct jp_req *r)
{
	struct jp_date d;
	const struct jp_plan *p = plan_as_of(r, &d);
	const struct jp_history *h = p ? req_history(r) : NULL;
	const char *by = req_arg(r, "by");
	int g = jp_budget_group_parse(by && *by ? by : "direction");
	struct jp_rollup plan, spent;
	json_t *rows;
	char m[JP_MONEY_BUFSZ];

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
	const struct jp_history *h = p ? req_history(r) : NULL;
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

int api_audit(struct jp_req *r);
int api_audit(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_audit_entry *e = NULL;
	size_t n = 0;
	json_t *arr;

	if (jp_store_audit_list(r->st, 500, &r->arena, &e, &n, &err) < 0)
		return reply_error(r, 500, "%s", err.msg);
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
	struct jp_user u;
	char hash[128];
	int role;

	if (!in)
		return r->status;
	memset(&u, 0, sizeof(u));
	u.login = jstr(in, "login");
	role = jstr(in, "role") ? jp_role_parse(jstr(in, "role")) : -1;
	u.agency = jstr(in, "agency");
	if (!u.login || !*u.login || role < 0 || !jstr(in, "password")) {
		json_decref(in);
		return reply_error(r, 400, "give login, password and role (admin, coordinator, executor or viewer)");
	}
	u.role = (enum jp_role)role;
	if ((u.role == JP_ROLE_EXECUTOR) != (u.agency != NULL && *u.agency)) {
		json_decref(in);
		return reply_error(r, 400, "an executor needs an agency, and only an executor has one");
	}
	if (jp_password_hash(hash, jstr(in, "password"), &err) < 0 ||
	    jp_store_user_add(r->st, &u, hash, &u.id, &err) < 0) {
		json_decref(in);
		return reply_error(r, err.code == JP_EEXISTS ? 409 : 400, "%s", err.msg);
	}
	req_audit(r, "user.add", u.login, NULL, json_pack("{s:s, s:s, s:s?}", "login", u.login,
		  "role", jp_role_name(u.role), "agency", u.agency));
	reply_json(r, 201, json_pack("{s:s, s:s}", "login", u.login, "role", jp_role_name(u.role)));
	json_decref(in);
	return 201;
}

int api_user_disable(struct jp_req *r);
int api_user_disable(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;

	if (!strcmp(r->param[0], r->user.login))
		return reply_error(r, 409, "'%s' may not disable itself", r->user.login);
	if (jp_store_user_disable(r->st, r->param[0], &err) < 0)
		return reply_error(r, err.code == JP_ENOTFOUND ? 404 :
				   err.code == JP_EDENIED ? 409 : 500, "%s", err.msg);
	req_audit(r, "user.disable", r->param[0], json_pack("{s:b}", "disabled", 0),
		  json_pack("{s:b}", "disabled", 1));
	return reply_json(r, 200, json_pack("{s:s, s:b}", "login", r->param[0], "disabled", 1));
}

int api_tokens_post(struct jp_req *r);
int api_tokens_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	char token[65], hash[65];

	jp_token_new(token);
	jp_token_hash(hash, token);
	if (jp_store_token_add(r->st, hash, r->user.id, req_arg(r, "label"), &err) < 0)
		return reply_error(r, 500, "%s", err.msg);
	req_audit(r, "token.create", r->user.login, NULL, NULL);
	return reply_json(r, 201, json_pack("{s:s, s:s}", "token", token, "note",
					    "shown once: send it as 'Authorization: Bearer TOKEN'"));
}

/* POST /api/v1/plans and /api/v1/amendments take the document as the body. */
int api_plans_post(struct jp_req *r);
int api_plans_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *plan = NULL;
	int rc = jp_load_store_plan(r->st, r->body.ptr, r->body.len, req_arg(r, "replace") != NULL,
				    &plan, &err);

	if (rc < 0)
		return reply_error(r, rc == JP_EEXISTS ? 409 : rc == JP_EINVALID ? 400 : 500, "%s%s%s",
				   err.where, err.where[0] ? ": " : "", err.msg);
	req_audit(r, "plan.load", plan->id, NULL, json_pack("{s:s, s:I}", "number", plan->number,
		  "activities", (json_int_t)plan->nactivities));
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
	int rc = jp_load_add_amendment(r->st, r->body.ptr, r->body.len, &info, &err);

	if (rc < 0)
		return reply_error(r, rc == JP_EEXISTS ? 409 : rc == JP_ENOTFOUND ? 404 :
				   rc == JP_EINVALID ? 400 : 500, "%s%s%s", err.where,
				   err.where[0] ? ": " : "", err.msg);
	req_audit(r, "amendment.add", info.number, NULL, json_pack("{s:s}", "plan", info.plan));
	return reply_json(r, 201, json_pack("{s:s, s:s, s:I, s:I, s:I}", "plan", info.plan, "number",
					    info.number, "added", (json_int_t)info.nadd, "changed",
					    (json_int_t)info.nchange, "removed", (json_int_t)info.nremove));
}

int api_indicator_actual(struct jp_req *r);
int api_indicator_actual(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	const struct jp_plan *p = req_plan(r, NULL);
	json_t *in = p ? req_json(r) : NULL;
	struct jp_ind_ref *refs = NULL;
	const struct jp_ind_ref *ref;
	struct jp_actual a;
	size_t n, k = SIZE_MAX, found = 0;
	json_int_t year, target;
	int rc;

	if (!in)
		return r->status;
	if (jp_indicators_list(p, &refs, &n) < 0) {
		rc = reply_error(r, 500, "out of memory");
		goto out;
	}
	ref = jp_indicator_find(refs, n, r->param[0]);
	year = json_integer_value(json_object_get(in, "year"));
	target = json_integer_value(json_object_get(in, "target"));
	if (!ref) {
		rc = reply_error(r, 404, "no indicator '%s'", r->param[0]);
		goto out;
	}
	if (!jstr(in, "value") || jp_money_parse(&(jp_money){ 0 }, jstr(in, "value"), &err) < 0) {
		rc = reply_error(r, 400, "value: a decimal number as a string, like \"3.6\"");
		goto out;
	}
	for (size_t i = 0; i < ref->ind->ntargets; i++)
		if (ref->ind->targets[i].year == year && (!target || (json_int_t)i + 1 == target)) {
			k = i;
			found++;
		}
	if (found != 1) {
		rc = reply_error(r, 400, found ? "%s has several targets for %lld: give \"target\"" :
				 "%s has no target for %lld", ref->id, (long long)year);
		goto out;
	}
	memset(&a, 0, sizeof(a));
	a.indicator = ref->id;
	a.year = (int)year;
	a.target = (int)k;
	a.value = jstr(in, "value");
	a.source = jstr(in, "source");
	a.date = r->today;
	a.by = r->user.login;
	if (jp_store_add_actual(r->st, p->id, &a, &err) < 0) {
		rc = reply_error(r, 500, "cannot save: %s", err.msg);
		goto out;
	}
	req_audit(r, "indicator.actual", ref->id, NULL, json_pack("{s:i, s:s}", "year", a.year,
		  "value", a.value));
	rc = reply_json(r, 201, json_pack("{s:s, s:i, s:i, s:s}", "id", ref->id, "year", a.year,
					  "target", (int)k + 1, "value", a.value));
out:
	jp_free(refs);
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
	const char *agency = req_arg(r, "agency");
	json_t *arr;
	char ds[JP_DATE_BUFSZ];

	if (!p)
		return r->status;
	arr = json_array();
	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];
		const struct jp_executor *lead = jp_activity_lead(a);

		if (agency && *agency && !jp_activity_has_agency(a, agency, false))
			continue;
		for (size_t k = 0; k < a->deadline.ndue; k++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s?, s:s?}",
				"due", jp_date_format(a->deadline.due[k].date, ds), "number", a->number,
				"title", a->title, "lead", lead ? lead->agency : NULL,
				"label", a->deadline.due[k].label));
	}
	return reply_json(r, 200, arr);
}
