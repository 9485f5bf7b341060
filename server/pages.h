/*
 * pages.h - the server-rendered HTML pages (no JavaScript needed), in
 * Kazakh (default), Russian or English.
 *
 * Each page function appends one complete HTML document to `out`, built
 * from the library's model (plan, history, status...).  It never touches
 * the network or the database: the server (server/http.c) gathers what a
 * page needs into a struct jp_page_ctx and sends the result.
 *
 * Every form a page renders that posts carries the CSRF token (`csrf`
 * field, hidden input named "csrf") and posts to the URL given in the
 * function's comment.  The two GET forms (the filters of /activities, the
 * year of /indicators) do not, so the token never lands in URLs and logs;
 * they carry the page's language as a hidden "lang" field instead.
 * docs/pages.md has the conventions (translations, markup, accessibility).
 */
#ifndef JP_PAGES_H
#define JP_PAGES_H

#include "account.h"
#include "history.h"
#include "plan.h"
#include "status.h"

struct jp_buf;
struct jp_findings;

struct jp_page_user {
	const char *login;           /* NULL when nobody is logged in */
	enum jp_role role;
	const char *agency;          /* executors only */
};

struct jp_page_ctx {
	const char *lang;            /* "kk", "ru" or "en" */
	const char *path;            /* the page's own path, for the language switch */
	const char *csrf;            /* token for forms; NULL when logged out */
	struct jp_page_user user;
	const struct jp_plan *plan;  /* the text in force on as_of */
	const struct jp_history *history;
	struct jp_date as_of;
	const char *notice;          /* a message to show once ("report saved"), or NULL */
	const char *error;           /* an error to show, or NULL */
	unsigned page;               /* long lists: which page, 1 the newest (0 is 1) */
	bool more;                   /* the audit page: older entries follow this page */
	const struct jp_findings *findings; /* the plan's, made once; NULL: the
					     * findings page makes them */
	bool synthetic;              /* the stored history holds records of `jospar
				      * simulate`: the header says so */
};

/* Whether anything in `h` was made by `jospar simulate` (a scan: the
 * server asks the store instead, jp_store_has_synthetic). */
bool jp_page_history_synthetic(const struct jp_history *h);

/* Rows on one page of a long list (the audit log, an activity's reports,
 * the activities). */
#define JP_PAGE_AUDIT_ROWS 50
#define JP_PAGE_REPORT_ROWS 20
#define JP_PAGE_ACTIVITY_ROWS 200   /* the activities page */
/* notice and error (kept on the server, see docs/pages.md) pass through
 * jp_tr(): give a catalogue msgid (marked
 * N_("...") where it is written, so tools/check-po.py sees it) to have it
 * translated; other text is shown as it is, escaped. */

/* Marks a msgid written away from its jp_tr() call (a table of labels, a
 * notice), so tools/check-po.py finds it; it is the string itself. */
#ifndef N_
#define N_(msgid) (msgid)
#endif

/* Translates a message id ("Overdue") into ctx->lang; the id if unknown.
 * lang NULL means Kazakh, the default; a language without a catalogue gives
 * the id (English).  The result lives in the binary: never freed, and safe
 * to print as it is (catalogues hold no < > & "; tools/po_catalog.py). */
const char *jp_tr(const char *lang, const char *msgid);
/* Whether pages can be shown in `lang` (a catalogue po/LANG.po exists);
 * for choosing the language from ?lang= or a cookie.  NULL gives false. */
bool jp_lang_supported(const char *lang);

/* GET /login — the login form, posting login, password, csrf to /login. */
int jp_page_login(const struct jp_page_ctx *c, struct jp_buf *out);
/* GET / — the overview: state, counts, overdue, who has not reported, charts. */
int jp_page_overview(const struct jp_page_ctx *c, const struct jp_status *st,
		     struct jp_buf *out);
/* GET /activities?direction=&agency=&q= — the filtered list (filters done by the caller). */
int jp_page_activities(const struct jp_page_ctx *c, const struct jp_activity *const *acts,
		       size_t n, const char *direction, const char *agency, const char *q,
		       struct jp_buf *out);
/* GET /activities/N — fields, due dates with state, report history, and for a
 * user who may report on it a form posting activity, due, agency, status,
 * text, evidence, spent, csrf to /reports; for a coordinator accept/return
 * forms posting csrf (and reason) to /reports/ID/accept and /reports/ID/return. */
int jp_page_activity(const struct jp_page_ctx *c, const struct jp_activity *a,
		     const struct jp_status *st, struct jp_buf *out);
/* GET /agencies/ABBR — its obligations, calendar, link to /api/v1/calendar.ics?agency=ABBR. */
int jp_page_agency(const struct jp_page_ctx *c, const char *agency,
		   const struct jp_status *st, struct jp_buf *out);
/* GET /budget — planned and spent with the chart. */
int jp_page_budget(const struct jp_page_ctx *c, struct jp_buf *out);
/* GET /indicators — targets against actuals with a chart. */
int jp_page_indicators(const struct jp_page_ctx *c, struct jp_buf *out);
/* GET /indicators?year=Y — the same with the chart for `year` (0, or a
 * year without targets: the latest year with an actual value known on
 * as_of, else the latest with targets up to as_of).  jp_page_indicators
 * takes the year from ?year= in c->path. */
int jp_page_indicators_year(const struct jp_page_ctx *c, int year, struct jp_buf *out);
/* GET /findings — the consistency findings. */
int jp_page_findings(const struct jp_page_ctx *c, struct jp_buf *out);
/* GET /admin/users — the users, and a form posting login, password, role,
 * agency, csrf to /admin/users; a disable button posting csrf to
 * /admin/users/LOGIN/disable. */
int jp_page_users(const struct jp_page_ctx *c, const struct jp_user *users, size_t n,
		  struct jp_buf *out);
/* GET /admin/audit — the audit log, newest first. */
int jp_page_audit(const struct jp_page_ctx *c, const struct jp_audit_entry *e, size_t n,
		  struct jp_buf *out);
/*
 * GET /admin/plans — the stored plans (`plans`: store/store.h
 * jp_store_list_plans, may be NULL when n is 0); a form posting a plan
 * document (field "document", multipart not needed: a textarea) and csrf to
 * /admin/plans, and an amendment the same way to /admin/amendments.
 */
struct jp_plan_info;
int jp_page_plans_list(const struct jp_page_ctx *c, const struct jp_plan_info *plans,
		       size_t n, struct jp_buf *out);
/* A page with just a message: 403, 404, 400 ... */
int jp_page_message(const struct jp_page_ctx *c, int status, const char *message,
		    struct jp_buf *out);

#endif
