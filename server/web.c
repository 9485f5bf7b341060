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
#include "ledger.h"

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

/*
 * Whether the header shows the synthetic-data banner: a question to the
 * store's indexes, not a scan of the history (with ?as_recorded=, of what
 * was recorded by then, as the history read would be).
 */
static bool banner(struct jp_req *r, struct jp_page_ctx *c)
{
	struct jp_error err = JP_ERROR_INIT;
	const char *rec = req_arg(r, "as_recorded");
	char moment[24];
	int rc;

	if (req_whole_history()) {
		const struct jp_history *h = req_history(r);

		c->synthetic = h && jp_page_history_synthetic(h);
		return h != NULL;
	}
	if (rec && *rec && jp_history_moment_parse(rec, moment, &err) < 0) {
		reply_error(r, 400, "as_recorded: %s", err.msg);
		return false;
	}
	rc = jp_store_has_synthetic(r->st, c->plan->id, rec && *rec ? moment : NULL, &err);
	if (rc < 0) {
		reply_error(r, 500, "cannot read the history: %s", err.msg);
		return false;
	}
	c->synthetic = rc > 0;
	return true;
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
	{
		const char *pg = req_arg(r, "page");
		char *end;
		unsigned long n = pg ? strtoul(pg, &end, 10) : 1;

		if (pg && (end == pg || *end || n < 1 || n > 100000)) {
			reply_error(r, 400, "page: '%s' is not a page number (1 to 100000)", pg);
			return false;
		}
		c->page = (unsigned)n;
	}
	if (!req_as_of(r, &c->as_of))
		return false;
	if (need_plan) {
		if (!(c->plan = req_plan(r, &c->as_of)) || !banner(r, c))
			return false;
	}
	return true;
}

/*
 * Reads the part of the history the page shows (see jp_history_filter;
 * NULL for all of it) into c->history; false after answering an error.
 */
static bool page_history(struct jp_req *r, struct jp_page_ctx *c,
			 const struct jp_history_filter *f)
{
	return (c->history = req_history_where(r, f)) != NULL;
}

/* The reports made by the page's date, narrow (the state of due dates
 * and the money spent as of that date depend on nothing else). */
static bool page_history_states(struct jp_req *r, struct jp_page_ctx *c)
{
	const struct jp_history_filter f = { NULL, true, c->as_of, false, true };

	return page_history(r, c, &f);
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

	if (!ctx(r, &c, true) || !page_history_states(r, &c))
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
	const struct jp_activity *a, **sel;
	struct jp_status st;
	size_t n = 0;
	int rc;

	if (!ctx(r, &c, true))
		return r->status;
	a = jp_plan_find_activity(c.plan, r->param[0]);
	if (!a) {
		jp_buf_reset(&r->out);
		return html(r, 404, jp_page_message(&c, 404, jp_tr(c.lang, "No such activity"), &r->out));
	}
	/*
	 * The page shows the due dates of the rows with its number and the
	 * reports on it, later ones too: read that activity's reports (with
	 * their reviews) whole, and judge those rows.
	 */
	{
		const struct jp_history_filter f = { a->number, false, { 0, 0, 0 }, false, false };

		if (!page_history(r, &c, &f))
			return r->status;
	}
	sel = jp_arena_array(&r->arena, c.plan->nactivities + 1, sizeof(*sel));
	if (!sel)
		return reply_error(r, 500, "out of memory");
	for (size_t i = 0; i < c.plan->nactivities; i++)
		if (!strcmp(c.plan->activities[i].number, a->number))
			sel[n++] = &c.plan->activities[i];
	if (jp_status_compute_some(c.plan, c.history, c.as_of, sel, n, &st) < 0)
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
	int rc;

	if (!ctx(r, &c, true))
		return r->status;
	if (!jp_plan_names_agency(c.plan, r->param[0])) {
		jp_buf_reset(&r->out);
		return html(r, 404, jp_page_message(&c, 404, jp_tr(c.lang, "No such agency"), &r->out));
	}
	if (!page_history_states(r, &c))
		return r->status;
	if (jp_status_compute(c.plan, c.history, c.as_of, r->param[0], &st) < 0)
		return reply_error(r, 500, "out of memory");
	jp_buf_reset(&r->out);
	rc = jp_page_agency(&c, r->param[0], &st, &r->out);
	jp_status_release(&st);
	return html(r, 200, rc);
}

/* A page of the plan that shows the history read by `read` (NULL: none). */
#define SIMPLE_PAGE(name, read, call)                                   \
	int name(struct jp_req *r);                                     \
	int name(struct jp_req *r)                                      \
	{                                                               \
		struct jp_page_ctx c;                                   \
		bool (*rd)(struct jp_req *, struct jp_page_ctx *) = read; \
		if (!ctx(r, &c, true) || (rd && !rd(r, &c)))            \
			return r->status;                               \
		jp_buf_reset(&r->out);                                  \
		return html(r, 200, call);                              \
	}

/* The money spent by the page's date: only the reports that give an amount. */
static bool page_history_money(struct jp_req *r, struct jp_page_ctx *c)
{
	const struct jp_history_filter f = { NULL, true, c->as_of, true, false };

	return page_history(r, c, &f);
}

/* The indicators' actuals and revisions, no reports. */
static bool page_history_indicators(struct jp_req *r, struct jp_page_ctx *c)
{
	const struct jp_history_filter f = { NULL, false, { 0, 0, 0 }, false, false, true };

	return page_history(r, c, &f);
}

SIMPLE_PAGE(web_budget, page_history_money, jp_page_budget(&c, &r->out))
SIMPLE_PAGE(web_indicators, page_history_indicators, jp_page_indicators(&c, &r->out))
/* The findings depend on the plan alone: kept with the cached plan (made
 * by the page itself when every read is to be done again, for tests). */
static bool page_findings(struct jp_req *r, struct jp_page_ctx *c)
{
	return req_whole_history() || (c->findings = req_findings(r, c->plan)) != NULL;
}

SIMPLE_PAGE(web_findings, page_findings, jp_page_findings(&c, &r->out))

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
	/* one row more than a page says whether older ones follow */
	if (jp_store_audit_page(r->st, (size_t)(c.page - 1) * JP_PAGE_AUDIT_ROWS,
				JP_PAGE_AUDIT_ROWS + 1, &r->arena, &e, &n, &err) < 0)
		return reply_error(r, 500, "%s", err.msg);
	c.more = n > JP_PAGE_AUDIT_ROWS;
	if (c.more)
		n = JP_PAGE_AUDIT_ROWS;
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

/*
 * A failed form: the ledger's refusal of the input goes back to the page
 * with the message; anything else (403, 404, 500) is answered as it is.
 */
static int form_failed(struct jp_req *r, const char *page, const struct jp_error *err)
{
	char msg[700];

	if (err->code != JP_EINVALID && err->code != JP_ECONFLICT && err->code != JP_EEXISTS)
		return reply_fail(r, err);
	snprintf(msg, sizeof(msg), "%s%s%s", err->where[0] == '/' ? err->where : "",
		 err->where[0] == '/' ? ": " : "", err->msg);
	return back_to_page(r, page, "error", msg);
}

int web_report_post(struct jp_req *r);
int web_report_post(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_ledger l;
	struct jp_report rep;
	const char *lang = lang_of(r), *spent, *due;
	char page[256];
	int st;

	if (!req_ledger(r, &l))
		return r->status;
	memset(&rep, 0, sizeof(rep));
	rep.activity = req_form(r, "activity");
	rep.agency = req_form(r, "agency");
	due = req_form(r, "due");
	st = jp_report_status_parse(req_form(r, "status") ? req_form(r, "status") : "");
	if (!rep.activity || !rep.agency || !due || st < 0)
		return reply_error(r, 400, "give activity, due, agency and a status");
	snprintf(page, sizeof(page), "/activities/%s", rep.activity);
	if (jp_date_parse(&rep.due, due, &err) < 0)
		return back_to_page(r, page, "error", err.msg);
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
			return back_to_page(r, page, "error", err.msg);
		rep.has_spent = true;
	}
	rep.made = r->today;
	if (jp_ledger_submit(&l, &rep, 1, NULL, NULL, NULL, &err) < 0)
		return form_failed(r, page, &err);
	return back_to(r, rep.activity, "notice", jp_tr(lang, "Report saved"));
}

static int web_review(struct jp_req *r, enum jp_review_action action)
{
	static const char *const done[] = {
		N_("Report accepted"), N_("Report returned"), N_("Report reopened")
	};
	struct jp_error err = JP_ERROR_INIT;
	struct jp_review_input v = { action, req_form(r, "reason"), { 0, 0, 0 }, NULL };
	struct jp_arena a = JP_ARENA_INIT;
	struct jp_ledger l;
	struct jp_report rep;
	const char *lang = lang_of(r);
	char page[256], *end;
	long long id = strtoll(r->param[0], &end, 10);
	int rc;

	if (*end || end == r->param[0])
		return reply_error(r, 404, "no report '%s'", r->param[0]);
	if (!req_ledger(r, &l))
		return r->status;
	if (jp_store_report_get(r->st, id, &a, &rep, NULL, NULL, NULL, &err) < 0) {
		jp_arena_release(&a);
		return reply_fail(r, &err);
	}
	snprintf(page, sizeof(page), "/activities/%s", rep.activity);
	jp_arena_release(&a);
	if (jp_ledger_review(&l, id, &v, &r->arena, NULL, &err) < 0)
		rc = form_failed(r, page, &err);
	else
		rc = back_to_page(r, page, "notice", jp_tr(lang, done[action]));
	return rc;
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

int web_report_reopen(struct jp_req *r);
int web_report_reopen(struct jp_req *r)
{
	return web_review(r, JP_REVIEW_REOPEN);
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
	const char *lang = lang_of(r), *role = req_form(r, "role");
	struct jp_ledger l;
	struct jp_user u;
	int rv;

	if (!req_ledger(r, &l))
		return r->status;
	memset(&u, 0, sizeof(u));
	u.login = req_form(r, "login");
	u.agency = req_form(r, "agency");
	rv = role ? jp_role_parse(role) : -1;
	if (rv < 0)
		return back_to_page(r, "/admin/users", "error", jp_tr(lang, "Give a login, a password and a role"));
	u.role = (enum jp_role)rv;
	if (jp_ledger_user_add(&l, &u, req_form(r, "password"), &err) < 0)
		return form_failed(r, "/admin/users", &err);
	return back_to_page(r, "/admin/users", "notice", jp_tr(lang, "User added"));
}

int web_user_disable(struct jp_req *r);
int web_user_disable(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_ledger l;

	if (!req_ledger(r, &l))
		return r->status;
	if (jp_ledger_user_disable(&l, r->param[0], &err) < 0)
		return err.code == JP_ENOTFOUND || err.code == JP_ECONFLICT
		       ? back_to_page(r, "/admin/users", "error", err.msg) : reply_fail(r, &err);
	return back_to_page(r, "/admin/users", "notice", jp_tr(lang_of(r), "User disabled"));
}

/* The two document forms of /admin/plans. */
static int document_post(struct jp_req *r, bool amendment)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_amendment_info info;
	const char *doc = req_form(r, "document"), *lang = lang_of(r);
	struct jp_plan *plan = NULL;
	struct jp_ledger l;
	int rc;

	if (!doc || !*doc)
		return back_to_page(r, "/admin/plans", "error", jp_tr(lang, "Paste the document"));
	if (!req_ledger(r, &l))
		return r->status;
	rc = amendment ? jp_ledger_add_amendment(&l, doc, strlen(doc), &info, &err)
		       : jp_ledger_store_plan(&l, doc, strlen(doc), true, &plan, &err);
	jp_plan_free(plan);
	if (rc < 0)
		return form_failed(r, "/admin/plans", &err);
	return back_to_page(r, "/admin/plans", "notice",
			    jp_tr(lang, amendment ? N_("Amendment stored") : N_("Plan stored")));
}

int web_plans_post(struct jp_req *r);
int web_plans_post(struct jp_req *r)
{
	return document_post(r, false);
}

int web_amendments_post(struct jp_req *r);
int web_amendments_post(struct jp_req *r)
{
	return document_post(r, true);
}
