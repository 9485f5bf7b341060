/*
 * web.c - the HTML side of the server: gathers what a page needs into a
 * struct jp_page_ctx, calls the page (server/pages.h), and handles the
 * forms (login, logout, reports, reviews, users).  A form that changes
 * something answers with a redirect (303) to the page that shows the result.
 */
#include "http_int.h"
#include "alloc.h"
#include "report.h"
#include "status.h"
#include "text.h"
#include "views.h"
#include "pages.h"
#include "amend.h"
#include "load.h"

#include <microhttpd.h>
#include <pthread.h>
#include <sodium.h>
#include <time.h>

static const char *flash_take(struct jp_req *r, const char *id);

static const char *lang_of(struct jp_req *r)
{
	const char *q = req_arg(r, "lang"), *c = req_cookie(r, "jospar_lang");

	if (q && (!strcmp(q, "kk") || !strcmp(q, "ru") || !strcmp(q, "en"))) {
		/* remembered, unless a session cookie is being set in the same answer */
		if (!r->set_cookie[0])
			snprintf(r->set_cookie, sizeof(r->set_cookie),
				 "jospar_lang=%s; Path=/; SameSite=Strict; Max-Age=31536000%s", q,
				 auth_cookie_secure(r));
		return q;
	}
	if (c && (!strcmp(c, "kk") || !strcmp(c, "ru") || !strcmp(c, "en")))
		return c;
	return "kk";
}

/* Fills the page context; false after answering an error. */
static bool ctx(struct jp_req *r, struct jp_page_ctx *c, bool need_plan)
{
	memset(c, 0, sizeof(*c));
	c->lang = lang_of(r);
	c->path = r->url;
	c->csrf = r->authed && !r->by_token ? r->csrf : NULL;
	c->user.login = r->authed ? r->user.login : NULL;
	c->user.role = r->user.role;
	c->user.agency = r->user.agency;
	c->notice = flash_take(r, req_arg(r, "notice"));
	c->error = flash_take(r, req_arg(r, "error"));
	if (!req_as_of(r, &c->as_of))
		return false;
	if (need_plan) {
		if (!(c->plan = req_plan(r, &c->as_of)) || !(c->history = req_history(r)))
			return false;
	}
	return true;
}

static int html(struct jp_req *r, int status, int rc)
{
	if (rc < 0)
		return reply_error(r, 500, "cannot render the page");
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	return status;
}

/*
 * The login form has no session to tie a CSRF token to: it gets a random
 * token in a cookie (HttpOnly, SameSite=Strict; over TLS named
 * __Host-jospar_login, which nothing but this origin can set), and the
 * form carries "T.MAC": the time it was made and an HMAC, under a key
 * only this process knows, of the cookie's token, the client's address
 * and T.  A cookie planted with a value of the attacker's choice has no
 * MAC, and a pair the attacker fetched for themselves fails from another
 * address, or after an hour.
 */
#define LOGIN_FORM_SECONDS 3600

static unsigned char login_key[crypto_auth_hmacsha256_KEYBYTES];
static pthread_once_t login_key_once = PTHREAD_ONCE_INIT;

static void login_key_make(void)
{
	crypto_auth_hmacsha256_keygen(login_key);
}

static const char *login_cookie_name(struct jp_req *r)
{
	return req_config(r)->tls_cert ? "__Host-jospar_login" : "jospar_login";
}

/* out: "T.MAC" for the cookie token `token`, made at `t`. */
static void login_mac(struct jp_req *r, const char *token, long long t, char out[96])
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char ts[24];
	int n;

	pthread_once(&login_key_once, login_key_make);
	n = snprintf(ts, sizeof(ts), "%lld", t);
	crypto_auth_hmacsha256_init(&st, login_key, sizeof(login_key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)token, strlen(token) + 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)r->address, strlen(r->address) + 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)ts, (size_t)n);
	crypto_auth_hmacsha256_final(&st, mac);
	memcpy(out, ts, (size_t)n);
	out[n] = '.';
	sodium_bin2hex(out + n + 1, 65, mac, sizeof(mac));
}

static bool login_token_ok(struct jp_req *r)
{
	const char *form = req_form(r, "csrf"), *cookie = req_cookie(r, login_cookie_name(r));
	long long t, now = (long long)time(NULL);
	char want[96], *end;

	if (!form || !cookie || strlen(cookie) != 64 || strlen(form) >= sizeof(want))
		return false;
	errno = 0;
	t = strtoll(form, &end, 10);
	if (errno || *end != '.' || t > now || now - t > LOGIN_FORM_SECONDS)
		return false;
	login_mac(r, cookie, t, want);
	return strlen(form) == strlen(want) && sodium_memcmp(form, want, strlen(want)) == 0;
}

static int login_form(struct jp_req *r, int status, const char *error)
{
	struct jp_page_ctx c;
	char token[65], mac[96];
	bool tls = req_config(r)->tls_cert != NULL;

	if (!ctx(r, &c, false))
		return r->status;
	jp_token_new(token);
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 "%s=%s; Path=%s; HttpOnly; SameSite=Strict; Max-Age=%d%s", login_cookie_name(r),
		 token, tls ? "/" : "/login", LOGIN_FORM_SECONDS, auth_cookie_secure(r));
	login_mac(r, token, (long long)time(NULL), mac);
	c.csrf = mac;
	c.error = error;
	jp_buf_reset(&r->out);
	return html(r, status, jp_page_login(&c, &r->out));
}

int web_login(struct jp_req *r);
int web_login(struct jp_req *r)
{
	return login_form(r, 200, NULL);
}

int web_login_post(struct jp_req *r);
int web_login_post(struct jp_req *r)
{
	int rc;

	if (!login_token_ok(r))
		return reply_error(r, 403, "the login form's CSRF token is missing or wrong: reload /login");
	rc = auth_login(r, req_form(r, "login"), req_form(r, "password"));
	if (rc == 0)
		return reply_redirect(r, "/");
	if (rc != 401)
		return rc;
	return login_form(r, 401, jp_tr(lang_of(r), "Wrong login or password"));
}

int web_logout(struct jp_req *r);
int web_logout(struct jp_req *r)
{
	auth_logout(r);
	return reply_redirect(r, "/login");
}

int web_overview(struct jp_req *r);
int web_overview(struct jp_req *r)
{
	struct jp_page_ctx c;
	struct jp_status st;
	int rc;

	if (!ctx(r, &c, true))
		return r->status;
	if (jp_status_compute(c.plan, c.history, c.as_of, NULL, &st) < 0)
		return reply_error(r, 500, "out of memory");
	jp_buf_reset(&r->out);
	rc = jp_page_overview(&c, &st, &r->out);
	jp_status_release(&st);
	return html(r, 200, rc);
}

int web_activities(struct jp_req *r);
int web_activities(struct jp_req *r)
{
	struct jp_page_ctx c;
	const char *dir = req_arg(r, "direction"), *agency = req_arg(r, "agency"),
		   *q = req_arg(r, "q");
	const struct jp_activity **sel;
	struct jp_error err = JP_ERROR_INIT;
	size_t *hits = NULL, nhits = 0, n = 0, h = 0;

	if (!ctx(r, &c, true))
		return r->status;
	if (q && *q && jp_store_search(r->st, c.plan->id, q, &hits, &nhits, &err) < 0)
		nhits = 0;
	sel = jp_arena_array(&r->arena, c.plan->nactivities + 1, sizeof(*sel));
	if (!sel) {
		jp_free(hits);
		return reply_error(r, 500, "out of memory");
	}
	for (size_t i = 0; i < c.plan->nactivities; i++) {
		const struct jp_activity *a = &c.plan->activities[i];

		if (q && *q) {
			while (h < nhits && hits[h] < i)
				h++;
			if (h == nhits || hits[h] != i)
				continue;
		}
		if (dir && *dir && strcmp(a->direction, dir))
			continue;
		if (agency && *agency && !jp_activity_has_agency(a, agency, false))
			continue;
		sel[n++] = a;
	}
	jp_free(hits);
	jp_buf_reset(&r->out);
	return html(r, 200, jp_page_activities(&c, sel, n, dir, agency, q, &r->out));
}

int web_activity(struct jp_req *r);
int web_activity(struct jp_req *r)
{
	struct jp_page_ctx c;
	const struct jp_activity *a;
	struct jp_status st;
	int rc;

	if (!ctx(r, &c, true))
		return r->status;
	a = jp_plan_find_activity(c.plan, r->param[0]);
	if (!a) {
		jp_buf_reset(&r->out);
		return html(r, 404, jp_page_message(&c, 404, jp_tr(c.lang, "No such activity"), &r->out));
	}
	if (jp_status_compute(c.plan, c.history, c.as_of, NULL, &st) < 0)
		return reply_error(r, 500, "out of memory");
	jp_buf_reset(&r->out);
	rc = jp_page_activity(&c, a, &st, &r->out);
	jp_status_release(&st);
	return html(r, 200, rc);
}

int web_agency(struct jp_req *r);
int web_agency(struct jp_req *r)
{
	struct jp_page_ctx c;
	struct jp_status st;
	bool named = false;
	int rc;

	if (!ctx(r, &c, true))
		return r->status;
	for (size_t i = 0; i < c.plan->nactivities && !named; i++)
		named = jp_activity_has_agency(&c.plan->activities[i], r->param[0], false);
	if (!named) {
		jp_buf_reset(&r->out);
		return html(r, 404, jp_page_message(&c, 404, jp_tr(c.lang, "No such agency"), &r->out));
	}
	if (jp_status_compute(c.plan, c.history, c.as_of, r->param[0], &st) < 0)
		return reply_error(r, 500, "out of memory");
	jp_buf_reset(&r->out);
	rc = jp_page_agency(&c, r->param[0], &st, &r->out);
	jp_status_release(&st);
	return html(r, 200, rc);
}

#define SIMPLE_PAGE(name, call)                                   \
	int name(struct jp_req *r);                               \
	int name(struct jp_req *r)                                \
	{                                                         \
		struct jp_page_ctx c;                             \
		if (!ctx(r, &c, true))                            \
			return r->status;                         \
		jp_buf_reset(&r->out);                            \
		return html(r, 200, call);                        \
	}

SIMPLE_PAGE(web_budget, jp_page_budget(&c, &r->out))
SIMPLE_PAGE(web_indicators, jp_page_indicators(&c, &r->out))
SIMPLE_PAGE(web_findings, jp_page_findings(&c, &r->out))

int web_users(struct jp_req *r);
int web_users(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_page_ctx c;
	struct jp_user *u = NULL;
	size_t n = 0;

	if (!ctx(r, &c, true))
		return r->status;
	if (jp_store_user_list(r->st, &r->arena, &u, &n, &err) < 0)
		return reply_error(r, 500, "%s", err.msg);
	jp_buf_reset(&r->out);
	return html(r, 200, jp_page_users(&c, u, n, &r->out));
}

int web_audit(struct jp_req *r);
int web_audit(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_page_ctx c;
	struct jp_audit_entry *e = NULL;
	size_t n = 0;

	if (!ctx(r, &c, true))
		return r->status;
	if (jp_store_audit_list(r->st, 500, &r->arena, &e, &n, &err) < 0)
		return reply_error(r, 500, "%s", err.msg);
	jp_buf_reset(&r->out);
	return html(r, 200, jp_page_audit(&c, e, n, &r->out));
}

/* Appends s percent-encoded; `keep` lists the punctuation left as it is. */
static void add_encoded(struct jp_buf *b, const char *s, const char *keep)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p < 0x80 && strchr(keep, *p)))
			jp_buf_addc(b, (char)*p);
		else
			jp_buf_addf(b, "%%%02X", *p);
	}
}

/*
 * Messages after a form ("report saved", or why it was refused) stay on
 * the server: the redirect carries ?notice=ID or ?error=ID, a random id
 * of a message kept for the session that made it, shown once.  An id that
 * is not the session's, or is gone, shows nothing, so no link can put
 * text of its own into the page.  A fixed number of slots, the oldest
 * overwritten; a restart forgets them.
 */
#define FLASH_SLOTS 256

struct flash {
	char session[65];
	char id[17];
	char msg[640];
};

static struct flash flashes[FLASH_SLOTS];
static unsigned flash_next;
static pthread_mutex_t flash_mu = PTHREAD_MUTEX_INITIALIZER;

/* Keeps `msg` for the request's session; id_out gets its id ("" if none). */
static void flash_put(struct jp_req *r, const char *msg, char id_out[17])
{
	unsigned char raw[8];
	struct flash *f;

	id_out[0] = '\0';
	if (!r->session_hash[0])
		return;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(id_out, 17, raw, sizeof(raw));
	pthread_mutex_lock(&flash_mu);
	f = &flashes[flash_next++ % FLASH_SLOTS];
	memcpy(f->session, r->session_hash, sizeof(f->session));
	memcpy(f->id, id_out, sizeof(f->id));
	snprintf(f->msg, sizeof(f->msg), "%s", msg);
	pthread_mutex_unlock(&flash_mu);
}

/* The message `id` of this request's session, once; NULL if none. */
static const char *flash_take(struct jp_req *r, const char *id)
{
	char *msg = NULL;

	if (!id || strlen(id) != 16 || !r->session_hash[0])
		return NULL;
	pthread_mutex_lock(&flash_mu);
	for (size_t i = 0; i < FLASH_SLOTS; i++) {
		struct flash *f = &flashes[i];

		if (f->id[0] && !strcmp(f->id, id) && !strcmp(f->session, r->session_hash)) {
			msg = jp_arena_strdup(&r->arena, f->msg);
			memset(f, 0, sizeof(*f));
			break;
		}
	}
	pthread_mutex_unlock(&flash_mu);
	return msg;
}

/* Redirects to `page` (a path, percent-encoded) with ?what=ID of `msg`. */
static int redirect_with(struct jp_req *r, const char *page, const char *what, const char *msg)
{
	struct jp_buf b = JP_BUF_INIT;
	char id[17];
	int rc;

	add_encoded(&b, page, "/-.");
	flash_put(r, msg, id);
	if (id[0])
		jp_buf_addf(&b, "?%s=%s", what, id);
	rc = reply_redirect(r, b.ptr);
	jp_buf_release(&b);
	return rc;
}

/* "/activities/45.%2046?notice=..." */
static int back_to(struct jp_req *r, const char *number, const char *what, const char *msg)
{
	char page[256];

	snprintf(page, sizeof(page), "/activities/%s", number);
	return redirect_with(r, page, what, msg);
}

/* "/admin/users?notice=..." */
static int back_to_page(struct jp_req *r, const char *page, const char *what, const char *msg)
{
	return redirect_with(r, page, what, msg);
}

int web_report_post(struct jp_req *r);
int web_report_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	const struct jp_plan *p = req_plan(r, NULL);
	const struct jp_activity *a;
	struct jp_history one = JP_HISTORY_INIT;
	struct jp_report rep;
	const char *lang = lang_of(r), *spent, *due;
	char obj[64];
	int st;

	if (!p)
		return r->status;
	memset(&rep, 0, sizeof(rep));
	rep.activity = req_form(r, "activity");
	rep.agency = req_form(r, "agency");
	due = req_form(r, "due");
	st = jp_report_status_parse(req_form(r, "status") ? req_form(r, "status") : "");
	if (!rep.activity || !rep.agency || !due || st < 0)
		return reply_error(r, 400, "give activity, due, agency and a status");
	a = jp_plan_find_activity(p, rep.activity);
	if (!a)
		return reply_error(r, 404, "no activity '%s'", rep.activity);
	if (!authz_may_report(r, a, rep.agency))
		return reply_error(r, 403, "%s '%s' may not report for '%s' on activity %s",
				   jp_role_name(r->user.role), r->user.login, rep.agency, a->number);
	if (jp_date_parse(&rep.due, due, &err) < 0)
		return back_to(r, a->number, "error", err.msg);
	rep.status = (enum jp_report_status)st;
	rep.text = req_form(r, "text");
	rep.evidence = req_form(r, "evidence");
	if (rep.text && !*rep.text)
		rep.text = NULL;
	if (rep.evidence && !*rep.evidence)
		rep.evidence = NULL;
	spent = req_form(r, "spent");
	if (spent && *spent) {
		if (jp_money_parse(&rep.spent, spent, &err) < 0)
			return back_to(r, a->number, "error", err.msg);
		rep.has_spent = true;
	}
	rep.made = r->today;
	rep.by = r->user.login;
	if (jp_report_validate(p, &rep, r->today, &err) < 0)
		return back_to(r, a->number, "error", err.msg);
	if (jp_store_add_reports(r->st, p->id, &rep, 1, &err) < 0)
		return reply_error(r, 500, "cannot save: %s", err.msg);
	rep.recorded_at = "";
	snprintf(obj, sizeof(obj), "report/%lld", (long long)rep.id);
	if (req_audit(r, "report.submit", obj, NULL, jp_view_report(&one, &rep, false)) < 0)
		return reply_error(r, 500, "cannot write the audit log");
	return back_to(r, a->number, "notice", jp_tr(lang, "Report saved"));
}

static int web_review(struct jp_req *r, enum jp_review_action action)
{
	const struct jp_history *h = req_history(r);
	const struct jp_review *last;
	const struct jp_report *rep = NULL;
	const char *lang = lang_of(r), *reason = req_form(r, "reason");
	char *end;
	long long id = strtoll(r->param[0], &end, 10);
	int rc;

	if (!h)
		return r->status;
	for (size_t i = 0; !*end && i < h->nreports; i++)
		if (h->reports[i].id == id)
			rep = &h->reports[i];
	if (!rep)
		return reply_error(r, 404, "no report '%s'", r->param[0]);
	if (action == JP_REVIEW_RETURN && (!reason || !*reason))
		return back_to(r, rep->activity, "error", jp_tr(lang, "Give a reason for returning the report"));
	last = jp_history_latest_review(h, rep->id);
	if (last && last->action == action)
		return back_to(r, rep->activity, "notice", jp_tr(lang, "Already done"));
	if ((rc = req_review(r, rep, action, reason, last)) != 0)
		return rc;
	return back_to(r, rep->activity, "notice", action == JP_REVIEW_ACCEPT ?
		       jp_tr(lang, "Report accepted") : jp_tr(lang, "Report returned"));
}

int web_report_accept(struct jp_req *r);
int web_report_accept(struct jp_req *r)
{
	return web_review(r, JP_REVIEW_ACCEPT);
}

int web_report_return(struct jp_req *r);
int web_report_return(struct jp_req *r)
{
	return web_review(r, JP_REVIEW_RETURN);
}

struct plan_list {
	struct jp_req *r;
	struct jp_plan_info *items;
	size_t n, cap;
	bool oom;
};

static int collect_plan(const struct jp_plan_info *info, void *payload)
{
	struct plan_list *l = payload;
	struct jp_plan_info *it;

	l->items = jp_arena_grow(&l->r->arena, l->items, l->n, &l->cap, sizeof(*l->items));
	if (!l->items) {
		l->oom = true;
		return -1;
	}
	it = &l->items[l->n++];
	it->id = jp_arena_strdup(&l->r->arena, info->id);
	it->number = jp_arena_strdup(&l->r->arena, info->number);
	it->title = jp_arena_strdup(&l->r->arena, info->title);
	it->loaded_at = jp_arena_strdup(&l->r->arena, info->loaded_at);
	it->builtin = info->builtin;
	it->nactivities = info->nactivities;
	l->oom = l->oom || !it->id || !it->number || !it->title || !it->loaded_at;
	return 0;
}

int web_plans(struct jp_req *r);
int web_plans(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct plan_list l = { r, NULL, 0, 0, false };
	struct jp_page_ctx c;

	if (!ctx(r, &c, true))
		return r->status;
	if (jp_store_list_plans(r->st, collect_plan, &l, &err) < 0 || l.oom)
		return reply_error(r, 500, "cannot list the plans");
	jp_buf_reset(&r->out);
	return html(r, 200, jp_page_plans_list(&c, l.items, l.n, &r->out));
}

int web_users_post(struct jp_req *r);
int web_users_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	const char *lang = lang_of(r), *role = req_form(r, "role"), *pw = req_form(r, "password");
	struct jp_user u;
	char hash[128];
	int rv;

	memset(&u, 0, sizeof(u));
	u.login = req_form(r, "login");
	u.agency = req_form(r, "agency");
	if (u.agency && !*u.agency)
		u.agency = NULL;
	rv = role ? jp_role_parse(role) : -1;
	if (!u.login || !*u.login || rv < 0 || !pw)
		return back_to_page(r, "/admin/users", "error", jp_tr(lang, "Give a login, a password and a role"));
	u.role = (enum jp_role)rv;
	if ((u.role == JP_ROLE_EXECUTOR) != (u.agency != NULL))
		return back_to_page(r, "/admin/users", "error",
				    jp_tr(lang, "An executor needs an agency, and only an executor has one"));
	if (jp_password_hash(hash, pw, &err) < 0 || jp_store_user_add(r->st, &u, hash, &u.id, &err) < 0)
		return back_to_page(r, "/admin/users", "error", err.msg);
	req_audit(r, "user.add", u.login, NULL, json_pack("{s:s, s:s, s:s?}", "login", u.login,
		  "role", jp_role_name(u.role), "agency", u.agency));
	return back_to_page(r, "/admin/users", "notice", jp_tr(lang, "User added"));
}

int web_user_disable(struct jp_req *r);
int web_user_disable(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	const char *lang = lang_of(r);

	if (!strcmp(r->param[0], r->user.login))
		return back_to_page(r, "/admin/users", "error",
				    jp_tr(lang, "You cannot disable yourself"));
	if (jp_store_user_disable(r->st, r->param[0], &err) < 0)
		return back_to_page(r, "/admin/users", "error", err.msg);
	req_audit(r, "user.disable", r->param[0], json_pack("{s:b}", "disabled", 0),
		  json_pack("{s:b}", "disabled", 1));
	return back_to_page(r, "/admin/users", "notice", jp_tr(lang, "User disabled"));
}

int web_plans_post(struct jp_req *r);
int web_plans_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	const char *doc = req_form(r, "document"), *lang = lang_of(r);
	struct jp_plan *plan = NULL;

	if (!doc || !*doc)
		return back_to_page(r, "/admin/plans", "error", jp_tr(lang, "Paste the document"));
	if (jp_load_store_plan(r->st, doc, strlen(doc), true, &plan, &err) < 0) {
		char msg[700];

		snprintf(msg, sizeof(msg), "%s%s%s", err.where, err.where[0] ? ": " : "", err.msg);
		return back_to_page(r, "/admin/plans", "error", msg);
	}
	req_audit(r, "plan.load", plan->id, NULL, json_pack("{s:s, s:I}", "number", plan->number,
		  "activities", (json_int_t)plan->nactivities));
	jp_plan_free(plan);
	return back_to_page(r, "/admin/plans", "notice", jp_tr(lang, "Plan stored"));
}

int web_amendments_post(struct jp_req *r);
int web_amendments_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_amendment_info info;
	const char *doc = req_form(r, "document"), *lang = lang_of(r);

	if (!doc || !*doc)
		return back_to_page(r, "/admin/plans", "error", jp_tr(lang, "Paste the document"));
	if (jp_load_add_amendment(r->st, doc, strlen(doc), &info, &err) < 0) {
		char msg[700];

		snprintf(msg, sizeof(msg), "%s%s%s", err.where, err.where[0] ? ": " : "", err.msg);
		return back_to_page(r, "/admin/plans", "error", msg);
	}
	req_audit(r, "amendment.add", info.number, NULL, json_pack("{s:s, s:I, s:I, s:I}", "plan",
		  info.plan, "added", (json_int_t)info.nadd, "changed", (json_int_t)info.nchange,
		  "removed", (json_int_t)info.nremove));
	return back_to_page(r, "/admin/plans", "notice", jp_tr(lang, "Amendment stored"));
}
