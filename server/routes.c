/*
 * routes.c - every endpoint in one table: method, path, handler, who may
 * use it, flags.  The dispatcher (http.c) enforces the roles and the CSRF
 * check from this table; docs/api.md lists it.
 */
#include "http_int.h"

int api_session_post(struct jp_req *r);
int api_session_delete(struct jp_req *r);
int api_session_get(struct jp_req *r);
int api_plan(struct jp_req *r);
int api_activities(struct jp_req *r);
int api_activity(struct jp_req *r);
int api_calendar_ics(struct jp_req *r);
int api_status(struct jp_req *r);
int api_reports(struct jp_req *r);
int api_report(struct jp_req *r);
int api_reports_post(struct jp_req *r);
int api_report_accept(struct jp_req *r);
int api_report_return(struct jp_req *r);
int api_findings(struct jp_req *r);
int api_budget(struct jp_req *r);
int api_indicators(struct jp_req *r);
int api_audit(struct jp_req *r);
int api_users(struct jp_req *r);
int api_users_post(struct jp_req *r);
int api_user_disable(struct jp_req *r);
int api_tokens_post(struct jp_req *r);
int api_tokens(struct jp_req *r);
int api_token_delete(struct jp_req *r);
int api_report_reopen(struct jp_req *r);
int api_indicator_target(struct jp_req *r);
int api_user_password(struct jp_req *r);
int web_report_reopen(struct jp_req *r);

int web_login(struct jp_req *r);
int web_login_post(struct jp_req *r);
int web_logout(struct jp_req *r);
int web_overview(struct jp_req *r);
int web_activities(struct jp_req *r);
int web_activity(struct jp_req *r);
int web_agency(struct jp_req *r);
int web_budget(struct jp_req *r);
int web_indicators(struct jp_req *r);
int web_findings(struct jp_req *r);
int web_users(struct jp_req *r);
int web_audit(struct jp_req *r);
int web_plans(struct jp_req *r);
int web_users_post(struct jp_req *r);
int web_plans_post(struct jp_req *r);
int web_amendments_post(struct jp_req *r);
int api_plans_post(struct jp_req *r);
int api_plans(struct jp_req *r);
int api_indicator_actual(struct jp_req *r);
int api_export(struct jp_req *r);
int api_calendar(struct jp_req *r);
int api_amendments_post(struct jp_req *r);
int web_user_disable(struct jp_req *r);
int web_report_post(struct jp_req *r);
int web_report_accept(struct jp_req *r);
int web_report_return(struct jp_req *r);

#define J F_JSON
#define JW (F_JSON | F_WRITE)

static const struct route routes[] = {
	{ "POST", "/api/v1/session", api_session_post, R_PUBLIC | R_ANY, J, "log in: {login, password}; sets the session cookie" },
	{ "GET", "/api/v1/session", api_session_get, R_ANY, J | F_NOCACHE, "who is logged in, and the CSRF token" },
	{ "DELETE", "/api/v1/session", api_session_delete, R_ANY, JW, "log out" },
	{ "GET", "/api/v1/plan", api_plan, R_ANY, J, "the whole plan (?as_of=DATE)" },
	{ "GET", "/api/v1/activities", api_activities, R_ANY, J, "activities (?direction ?agency ?lead=1 ?search ?due_from ?due_to ?as_of)" },
	{ "GET", "/api/v1/activities/{}", api_activity, R_ANY, J, "one activity" },
	{ "GET", "/api/v1/calendar", api_calendar, R_ANY, J, "every due date in date order as JSON (?agency ?as_of)" },
	{ "GET", "/api/v1/calendar.ics", api_calendar_ics, R_ANY, J, "every due date as iCalendar (?agency)" },
	{ "GET", "/api/v1/status", api_status, R_ANY, J, "the state as of a date (?as_of ?agency): the overview" },
	{ "GET", "/api/v1/reports", api_reports, R_ANY, J, "reports (?activity ?agency)" },
	{ "POST", "/api/v1/reports", api_reports_post, R_EXECUTOR | R_COORD | R_ADMIN, JW, "file a report: {activity, due, agency, status, text, evidence, spent, date}" },
	{ "GET", "/api/v1/reports/{}", api_report, R_ANY, J, "one report with its reviews" },
	{ "POST", "/api/v1/reports/{}/accept", api_report_accept, R_COORD | R_ADMIN, JW, "accept a report" },
	{ "POST", "/api/v1/reports/{}/return", api_report_return, R_COORD | R_ADMIN, JW, "return a report: {reason}" },
	{ "POST", "/api/v1/reports/{}/reopen", api_report_reopen, R_COORD | R_ADMIN, JW, "reopen an accepted report: {reason}" },
	{ "GET", "/api/v1/indicators", api_indicators, R_ANY, J, "indicators against actuals (?year ?as_of)" },
	{ "POST", "/api/v1/indicators/{}/actual", api_indicator_actual, R_COORD | R_ADMIN, JW, "record an actual value: {year, value, source, target}" },
	{ "POST", "/api/v1/indicators/{}/target", api_indicator_target, R_COORD | R_ADMIN, JW, "revise a target: {year or target, value, reason}; the original stays" },
	{ "GET", "/api/v1/export", api_export, R_ANY, J, "the consolidated report (?format=csv|html|xlsx ?as_of)" },
	{ "GET", "/api/v1/budget", api_budget, R_ANY, J, "planned and spent (?by=year|direction|lead|source|activity ?as_of)" },
	{ "GET", "/api/v1/findings", api_findings, R_ANY, J, "findings about the official text" },
	{ "GET", "/api/v1/audit", api_audit, R_COORD | R_ADMIN, J, "the audit log, newest first (?since ?who ?action ?before=ID ?limit=N, 100 a page)" },
	{ "GET", "/api/v1/users", api_users, R_ADMIN, J, "the users" },
	{ "POST", "/api/v1/users", api_users_post, R_ADMIN, JW, "add a user: {login, password, role, agency}" },
	{ "POST", "/api/v1/users/{}/disable", api_user_disable, R_ADMIN, JW, "disable a user and end its sessions" },
	{ "POST", "/api/v1/users/{}/password", api_user_password, R_ANY, JW, "change a password (one's own, or any as admin): {password}; ends its sessions and tokens" },
	{ "POST", "/api/v1/tokens", api_tokens_post, R_ANY, JW, "an API token for scripts, shown once (?label ?days, default 90)" },
	{ "GET", "/api/v1/tokens", api_tokens, R_ANY, J | F_NOCACHE, "one's API tokens (never the tokens themselves; ?all=1 for an admin)" },
	{ "DELETE", "/api/v1/tokens/{}", api_token_delete, R_ANY, JW, "revoke an API token (one's own, or any as admin)" },
	{ "GET", "/api/v1/plans", api_plans, R_ANY, J, "the stored plans; /api/v1/plans/ID/… is any GET or POST of the API about plan ID (the other paths: the plan the server serves)" },
	{ "POST", "/api/v1/plans", api_plans_post, R_ADMIN, JW, "store a plan document (the body; ?replace=1 to replace)" },
	{ "POST", "/api/v1/amendments", api_amendments_post, R_ADMIN, JW, "store an amendment document (the body)" },
	/* the pages */
	{ "GET", "/login", web_login, R_PUBLIC | R_ANY, 0, "the login form" },
	{ "POST", "/login", web_login_post, R_PUBLIC | R_ANY, 0, "log in (form: login, password)" },
	{ "POST", "/logout", web_logout, R_ANY, F_WRITE, "log out" },
	{ "GET", "/", web_overview, R_ANY, 0, "the overview" },
	{ "GET", "/activities", web_activities, R_ANY, 0, "the activities, filtered" },
	{ "GET", "/activities/{}", web_activity, R_ANY, 0, "one activity, its reports and forms" },
	{ "GET", "/agencies/{}", web_agency, R_ANY, 0, "one agency's obligations" },
	{ "GET", "/budget", web_budget, R_ANY, 0, "planned and spent" },
	{ "GET", "/indicators", web_indicators, R_ANY, 0, "indicators against actuals" },
	{ "GET", "/findings", web_findings, R_ANY, 0, "findings about the official text" },
	{ "GET", "/admin/users", web_users, R_ADMIN, 0, "the users" },
	{ "GET", "/admin/audit", web_audit, R_COORD | R_ADMIN, 0, "the audit log" },
	{ "GET", "/admin/plans", web_plans, R_ADMIN, 0, "the stored plans" },
	{ "POST", "/admin/users", web_users_post, R_ADMIN, F_WRITE, "add a user (form)" },
	{ "POST", "/admin/users/{}/disable", web_user_disable, R_ADMIN, F_WRITE, "disable a user (form)" },
	{ "POST", "/admin/plans", web_plans_post, R_ADMIN, F_WRITE, "store a plan document (form: document)" },
	{ "POST", "/admin/amendments", web_amendments_post, R_ADMIN, F_WRITE, "store an amendment (form: document)" },
	{ "POST", "/reports", web_report_post, R_EXECUTOR | R_COORD | R_ADMIN, F_WRITE, "file a report (form)" },
	{ "POST", "/reports/{}/accept", web_report_accept, R_COORD | R_ADMIN, F_WRITE, "accept a report (form)" },
	{ "POST", "/reports/{}/return", web_report_return, R_COORD | R_ADMIN, F_WRITE, "return a report (form: reason)" },
	{ "POST", "/reports/{}/reopen", web_report_reopen, R_COORD | R_ADMIN, F_WRITE, "reopen an accepted report (form: reason)" },
};

const struct route *jp_routes(size_t *n)
{
	*n = JP_ARRAY_LEN(routes);
	return routes;
}
