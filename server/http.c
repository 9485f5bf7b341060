/*
 * http.c - libmicrohttpd glue: the request's life (read with limits and a
 * deadline, identify, authorize, dispatch in one transaction, answer
 * once), the pool of database handles, per-address accounting and the
 * access log.  Parsing is in parse.c, the plans in plan_cache.c, whole
 * answers in answer_cache.c.
 *
 * GET answers are served from the answer cache when the data version
 * (store.h) has not moved since they were made.  The server's writes go
 * through one writer thread with its own database handle (group commit):
 * a write request is queued and its thread waits; the writer takes every
 * request queued (up to WRITE_GROUP_MAX), runs each handler in its own
 * savepoint inside one transaction (a failed one undoes only its part and
 * keeps its own error answer), commits once (one fsync for the group) and
 * only then lets the requests answer.  Concurrent writers so neither
 * sleep in SQLite's busy handler (which only waits for other processes
 * now) nor pay one fsync each.
 *
 * A request holds a database handle only while its handler runs, never
 * while its answer is sent, and waits for one at most pool_wait_ms.  A
 * reaper thread cuts connections whose request has not fully arrived
 * within request_seconds of the connection's start or of its previous
 * answer, however slowly the bytes trickle in.
 */
#include "http_int.h"
#include "alloc.h"
#include "date.h"
#include "ledger.h"
#include "load.h"
#include "text.h"
#include "plan_cache.h"
#include "answer_cache.h"
#include "token_cache.h"

#include <arpa/inet.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <sys/socket.h>
#include <time.h>

/* One per connection (the MHD socket context): when its current request
 * started, and whether it is being answered (then the deadline is off). */
struct conn_track {
	struct conn_track *prev, *next;
	int fd;
	int64_t since_ms;
	bool answering, cut, counted;
	char peer[64];
};

/* Connections or requests in flight per address (jospar's own count). */
struct addr_count {
	struct addr_count *next;
	char addr[64];
	unsigned n;
};

/* One write request waiting for the writer (on its thread's stack). */
struct write_job {
	struct jp_req *r;
	struct write_job *next;
	enum { JOB_QUEUED, JOB_TAKEN, JOB_DONE } state;
};

/* At most this many requests share one transaction and its commit. */
#define WRITE_GROUP_MAX 64

struct jp_server {
	struct MHD_Daemon *d;
	struct jp_server_config cfg;
	char *plan_id;
	char *db_path;
	unsigned port;
	pthread_mutex_t mu;            /* the pool and the log */
	pthread_cond_t cv;
	jp_store **pool;
	size_t npool, nfree;
	bool stopping;
	struct plan_cache *plans;
	struct answer_cache *answers;
	struct token_cache *tokens;
	pthread_mutex_t write_mu;      /* the write queue */
	pthread_cond_t write_cv;       /* the writer waits for work */
	pthread_cond_t written_cv;     /* requests wait for their group's commit */
	struct write_job *write_head, *write_tail;
	bool write_stopping;
	jp_store *writer_st;           /* the writer's own handle */
	pthread_t writer;
	bool writer_started;
	FILE *log;
	pthread_mutex_t conn_mu;       /* the tracks and the address counts */
	pthread_cond_t conn_cv;
	struct conn_track *tracks;
	struct addr_count *addrs;
	pthread_t reaper;
	bool reaper_started;
};

/* API tokens whose users are kept in memory (token_cache.h). */
#define TOKEN_CACHE_MAX 4096

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A database handle, waiting at most pool_wait_ms; NULL when none came
 * (or the server stops). */
/* The moment pool_wait_ms from now, on the clock the waits are timed by. */
static struct timespec wait_until(const jp_server *s)
{
	struct timespec t;
	int64_t ms;

	clock_gettime(CLOCK_MONOTONIC, &t);
	ms = (int64_t)t.tv_nsec / 1000000 + s->cfg.pool_wait_ms;
	t.tv_sec += (time_t)(ms / 1000);
	t.tv_nsec = (long)(ms % 1000) * 1000000;
	return t;
}

static jp_store *pool_get(jp_server *s)
{
	jp_store *st = NULL;
	struct timespec until;

	until = wait_until(s);
	pthread_mutex_lock(&s->mu);
	while (!s->nfree && !s->stopping)
		if (pthread_cond_timedwait(&s->cv, &s->mu, &until) == ETIMEDOUT)
			break;
	if (s->nfree && !s->stopping)
		st = s->pool[--s->nfree];
	pthread_mutex_unlock(&s->mu);
	return st;
}

static void pool_put(jp_server *s, jp_store *st)
{
	if (!st)
		return;
	pthread_mutex_lock(&s->mu);
	s->pool[s->nfree++] = st;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* Counts one more for addr; false (and no count) past max. */
static bool addr_take(jp_server *s, const char *addr, unsigned max)
{
	struct addr_count *a;
	bool ok = true;

	pthread_mutex_lock(&s->conn_mu);
	for (a = s->addrs; a && strcmp(a->addr, addr); a = a->next)
		;
	if (!a && (a = jp_calloc(1, sizeof(*a)))) {
		snprintf(a->addr, sizeof(a->addr), "%s", addr);
		a->next = s->addrs;
		s->addrs = a;
	}
	if (!a || (max && a->n >= max))
		ok = false;
	else
		a->n++;
	pthread_mutex_unlock(&s->conn_mu);
	return ok;
}

static void addr_drop(jp_server *s, const char *addr)
{
	struct addr_count **pa, *a;

	pthread_mutex_lock(&s->conn_mu);
	for (pa = &s->addrs; (a = *pa) && strcmp(a->addr, addr); pa = &a->next)
		;
	if (a && --a->n == 0) {
		*pa = a->next;
		jp_free(a);
	}
	pthread_mutex_unlock(&s->conn_mu);
}

static struct jp_date today(const jp_server *s)
{
	if (s->cfg.fixed_today_days)
		return jp_date_from_days(s->cfg.fixed_today_days);
	return jp_date_today();
}

const char *req_arg(struct jp_req *r, const char *name)
{
	return parse_form_get(&r->arena, r->query, r->query_len, name);
}

const char *req_cookie(struct jp_req *r, const char *name)
{
	const char *h = req_header(r, "Cookie");

	return h ? parse_cookie_get(&r->arena, h, name) : NULL;
}

const struct jp_server_config *req_config(const struct jp_req *r)
{
	return &r->srv->cfg;
}

const char *req_header(struct jp_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_form(struct jp_req *r, const char *name)
{
	return parse_form_get(&r->arena, r->body.ptr, r->body.len, name);
}

json_t *req_json(struct jp_req *r)
{
	json_error_t e;
	json_t *v;

	if (!r->body.len) {
		reply_error(r, 400, "the request needs a JSON body");
		return NULL;
	}
	v = json_loadb(r->body.ptr, r->body.len, JSON_REJECT_DUPLICATES, &e);
	if (!v) {
		reply_error(r, 400, "invalid JSON at line %d, column %d: %s", e.line, e.column, e.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		reply_error(r, 400, "the JSON body must be an object");
		return NULL;
	}
	return v;
}

int reply_json(struct jp_req *r, int status, json_t *v)
{
	char *s = v ? json_dumps(v, JSON_COMPACT) : NULL;

	json_decref(v);
	jp_buf_reset(&r->out);
	if (!s)
		return reply_text(r, 500, "application/json", "{\"error\":\"out of memory\"}", 25);
	jp_buf_adds(&r->out, s);
	free(s);
	r->status = status;
	r->ctype = "application/json";
	return status;
}

/* The message as text (invalid bytes as %XX), without the database's path. */
static void clean_message(struct jp_req *r, struct jp_buf *b, const char *msg)
{
	const char *path = r->srv->db_path, *p = msg, *hit;
	size_t plen = path ? strlen(path) : 0;

	while (plen && (hit = strstr(p, path))) {
		parse_printable(b, p, (size_t)(hit - p));
		jp_buf_adds(b, "the database");
		p = hit + plen;
	}
	parse_printable(b, p, strlen(p));
}

int reply_error(struct jp_req *r, int status, const char *fmt, ...)
{
	char raw[512];
	struct jp_buf m = JP_BUF_INIT;
	const char *msg;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	clean_message(r, &m, raw);
	msg = jp_buf_oom(&m) ? "out of memory" : m.ptr;
	if (status >= 500) {
		struct jp_buf where = JP_BUF_INIT;

		parse_printable(&where, r->url ? r->url : "", r->url ? strlen(r->url) : 0);
		pthread_mutex_lock(&r->srv->mu);
		fprintf(stderr, "jospar: %d %s: %s\n", status, where.ptr, raw);
		pthread_mutex_unlock(&r->srv->mu);
		jp_buf_release(&where);
	}
	if (r->route && !(r->route->flags & F_JSON) && strncmp(r->url, "/api/", 5)) {
		struct jp_buf b = JP_BUF_INIT;

		jp_buf_adds(&b, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
		jp_buf_addf(&b, "%d</title></head><body><main><h1>%d</h1><p>", status, status);
		jp_buf_add_xml(&b, msg);
		jp_buf_adds(&b, "</p><p><a href=\"/\">jospar</a></p></main></body></html>\n");
		reply_text(r, status, "text/html; charset=utf-8", b.ptr, b.len);
		jp_buf_release(&b);
	} else {
		reply_json(r, status, json_pack("{s:s}", "error", msg));
	}
	jp_buf_release(&m);
	return status;
}

int reply_text(struct jp_req *r, int status, const char *ctype, const char *text, size_t n)
{
	jp_buf_reset(&r->out);
	jp_buf_add(&r->out, text, n);
	r->status = status;
	r->ctype = ctype;
	return status;
}

int reply_redirect(struct jp_req *r, const char *location)
{
	snprintf(r->location, sizeof(r->location), "%s", location);
	return reply_text(r, 303, "text/plain; charset=utf-8", "see other\n", 10);
}

const struct jp_plan *req_plan(struct jp_req *r, const struct jp_date *as_of)
{
	jp_server *s = r->srv;
	struct jp_error err = JP_ERROR_INIT;
	struct plan_entry *e;
	char version[96] = "";
	uint64_t h = 0;

	if (r->nplans == JP_ARRAY_LEN(r->plans)) {
		reply_error(r, 500, "too many plans in one request");
		return NULL;
	}
	/* keyed by the stored plan's version: a new plan or amendment is a new entry */
	if (jp_store_get_plan_hash(r->st, r->plan_id, &h, &err) == 0)
		snprintf(version, sizeof(version), "%016llx-%zu", (unsigned long long)h,
			 jp_store_amendment_count(r->st, r->plan_id));
	if (plan_cache_get(s->plans, &e, r->st, r->plan_id, version, as_of ? as_of : &r->today,
			   &err) < 0) {
		reply_error(r, 500, "cannot load the plan: %s", err.msg);
		return NULL;
	}
	r->plans[r->nplans++] = e;
	return plan_entry_plan(e);
}

/*
 * A request that read this many reports, or answered this many bytes,
 * gives the memory it freed back to the system when it ends (malloc_trim):
 * the allocator keeps freed blocks in each thread's arena otherwise, and
 * the server's resident memory stays at the sum of the biggest requests
 * each thread ever ran.
 */
#define BIG_READ_REPORTS 65536
#define BIG_ANSWER_BYTES (1u << 20)

static bool whole_history;
static pthread_once_t whole_history_once = PTHREAD_ONCE_INIT;

static void whole_history_read(void)
{
	const char *v = getenv("JOSPAR_TEST_WHOLE_HISTORY");

	whole_history = v && *v && strcmp(v, "0");
}

bool req_whole_history(void)
{
	pthread_once(&whole_history_once, whole_history_read);
	return whole_history;
}

const struct jp_findings *req_findings(struct jp_req *r, const struct jp_plan *p)
{
	const struct jp_findings *f = NULL;

	for (size_t i = 0; i < r->nplans; i++)
		if (plan_entry_plan(r->plans[i]) == p) {
			if (plan_entry_findings(r->plans[i], &f) < 0)
				reply_error(r, 500, "out of memory");
			return f;
		}
	reply_error(r, 500, "the plan is not held by the request");
	return NULL;
}

const struct jp_history *req_history_where(struct jp_req *r, const struct jp_history_filter *f)
{
	struct jp_error err = JP_ERROR_INIT;
	const char *rec = req_arg(r, "as_recorded");
	char moment[24];

	if (req_whole_history())
		f = NULL;
	if (r->history_loaded && !(r->history_narrow && !f))
		return &r->history;
	/* NEEDSWORK: read per request; cache it by the database's data version */
	if (rec && *rec && jp_history_moment_parse(rec, moment, &err) < 0) {
		reply_error(r, 400, "as_recorded: %s", err.msg);
		return NULL;
	}
	if (r->history_loaded)
		jp_history_release(&r->history);
	r->history_loaded = false;
	if (jp_store_load_history_where(r->st, r->plan_id, f, &r->history, &err) < 0) {
		reply_error(r, 500, "cannot read the history: %s", err.msg);
		return NULL;
	}
	r->history_loaded = true;
	r->history_narrow = f != NULL;
	r->big = r->big || r->history.nreports >= BIG_READ_REPORTS;
	if (rec && *rec)
		jp_history_as_recorded(&r->history, moment);
	return &r->history;
}

const struct jp_history *req_history(struct jp_req *r)
{
	return req_history_where(r, NULL);
}

bool req_as_of(struct jp_req *r, struct jp_date *out)
{
	const char *s = req_arg(r, "as_of");
	struct jp_error err = JP_ERROR_INIT;

	*out = r->today;
	if (!s || !*s)
		return true;
	if (jp_date_parse(out, s, &err) < 0) {
		reply_error(r, 400, "as_of: %s", err.msg);
		return false;
	}
	return true;
}

const char *req_served_plan(const struct jp_req *r)
{
	return r->srv->plan_id;
}

bool req_ledger(struct jp_req *r, struct jp_ledger *l)
{
	memset(l, 0, sizeof(*l));
	l->st = r->st;
	l->today = r->today;
	l->actor.login = r->authed ? r->user.login : "anonymous";
	l->actor.role = r->authed ? r->user.role : JP_ROLE_VIEWER;
	l->actor.agency = r->authed ? r->user.agency : NULL;
	l->plan = req_plan(r, NULL);
	return l->plan != NULL;
}

int reply_fail(struct jp_req *r, const struct jp_error *err)
{
	int status = jp_error_http_status(err->code);

	if (r->route && !(r->route->flags & F_JSON) && strncmp(r->url, "/api/", 5))
		return reply_error(r, status, "%s", err->msg);
	return reply_json(r, status, json_pack("{s:s, s:s?}", "error", err->msg, "where",
					       err->where[0] ? err->where : NULL));
}

bool req_data_version(struct jp_req *r, int64_t *out)
{
	if (!r->has_version && r->st && jp_store_data_version(r->st, &r->version, NULL) == 0)
		r->has_version = true;
	*out = r->version;
	return r->has_version;
}

/*
 * A token is looked up in the database once per data version: the
 * version is read first, so what the lookup saw is at least that new, and
 * any later write to the users or tokens (from any process) moves the
 * version on and empties the token cache before the next lookup.
 */
/* NEEDSWORK: the version moves with reports too, so every write empties
 * the token cache; a counter moved only by user and api_token writes would
 * keep it across report bursts (one more migration). */
bool req_token_user(struct jp_req *r, const char *hash)
{
	jp_server *s = r->srv;
	int64_t version, expires_at, now = (int64_t)time(NULL);
	bool known = req_data_version(r, &version);

	if (known && token_cache_get(s->tokens, version, hash, now, &r->arena, &r->user))
		return true;
	if (jp_store_token_user(r->st, hash, now, &r->arena, &r->user, &expires_at, NULL) < 0)
		return false;
	if (known)
		token_cache_put(s->tokens, version, hash, expires_at, &r->user);
	return true;
}

/* Matches a route pattern against the path, collecting its {}s. */
static bool match(struct jp_req *r, const char *pattern, const char *path)
{
	return parse_match(&r->arena, pattern, path, r->param, JP_ARRAY_LEN(r->param),
			   &r->nparam);
}

static void access_log(struct jp_req *r, unsigned status, double ms)
{
	jp_server *s = r->srv;
	struct jp_buf method = JP_BUF_INIT, path = JP_BUF_INIT;
	json_t *line;
	char *txt, t[32];
	time_t now = time(NULL);
	struct tm tm;

	if (!s->log)
		return;
	gmtime_r(&now, &tm);
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* what the client sent, as text: a log line is never dropped */
	parse_printable(&method, r->method ? r->method : "", r->method ? strlen(r->method) : 0);
	parse_printable(&path, r->url ? r->url : "", r->url ? strlen(r->url) : 0);
	line = json_pack("{s:s, s:s, s:s, s:s, s:i, s:f, s:s?}", "t", t, "address", r->address,
			 "method", method.ptr, "path", path.ptr, "status", (int)status, "ms", ms,
			 "user", r->authed ? r->user.login : NULL);
	jp_buf_release(&method);
	jp_buf_release(&path);
	txt = line ? json_dumps(line, JSON_COMPACT) : NULL;
	json_decref(line);
	if (!txt)
		return;
	pthread_mutex_lock(&s->mu);
	fprintf(s->log, "%s\n", txt);
	fflush(s->log);
	pthread_mutex_unlock(&s->mu);
	free(txt);
}

/* HEAD is answered as GET (libmicrohttpd sends no body for it). */
static const char *route_method(const struct jp_req *r)
{
	return strcmp(r->method, "HEAD") ? r->method : "GET";
}

static const char *allowed_methods(struct jp_req *r, const char *path, char *buf, size_t n)
{
	size_t nroutes, len = 0;
	const struct route *rt = jp_routes(&nroutes);

	buf[0] = '\0';
	for (size_t i = 0; i < nroutes; i++)
		if (match(r, rt[i].pattern, path) && !strstr(buf, rt[i].method))
			len += (size_t)snprintf(buf + len, n - len, "%s%s%s", len ? ", " : "",
						rt[i].method, strcmp(rt[i].method, "GET") ? "" : ", HEAD");
	return buf;
}

/* The route for the method and path (parameters kept), or NULL with
 * *path_known saying whether another method would do. */
static const struct route *find_route(struct jp_req *r, bool *path_known)
{
	size_t nroutes;
	const struct route *rt = jp_routes(&nroutes);

	*path_known = false;
	for (size_t i = 0; i < nroutes; i++) {
		if (!match(r, rt[i].pattern, r->route_url))
			continue;
		*path_known = true;
		if (!strcmp(rt[i].method, route_method(r)))
			return &rt[i];
	}
	return NULL;
}

/* Appends one part of a cache key, its length first (no part can run
 * into the next). */
static void key_part(struct jp_buf *k, const char *s, size_t n)
{
	char len[24];
	size_t i = sizeof(len), m = n;

	len[--i] = ':';
	do
		len[--i] = (char)('0' + m % 10);
	while ((m /= 10) && i);
	jp_buf_add(k, len + i, sizeof(len) - i);
	jp_buf_add(k, s, n);
}

/*
 * The answer cache key of a GET: false when its answer must not be
 * cached.  Every answer depends on the path and query, today, and the
 * caller's role and agency; a page also on the language cookie and on
 * the session (its forms carry the session's CSRF token, its header the
 * user's login); flash messages (?notice, ?error) are shown once, so
 * pages with them are not kept.
 */
static bool cache_key(struct jp_req *r, struct jp_buf *k)
{
	const struct route *rt = r->route;
	const char *agency = r->user.agency ? r->user.agency : "";
	char day[24];

	if (!r->srv->answers || strcmp(rt->method, "GET") || (rt->roles & R_PUBLIC) ||
	    (rt->flags & F_NOCACHE) || !r->authed)
		return false;
	snprintf(day, sizeof(day), "%ld", jp_date_days(r->today));
	key_part(k, r->url, strlen(r->url));
	key_part(k, r->query, r->query_len);
	key_part(k, day, strlen(day));
	key_part(k, jp_role_name(r->user.role), strlen(jp_role_name(r->user.role)));
	key_part(k, agency, strlen(agency));
	if (!(rt->flags & F_JSON)) {
		const char *lang = req_cookie(r, "jospar_lang");

		if (req_arg(r, "notice") || req_arg(r, "error"))
			return false;
		lang = lang ? lang : "";
		key_part(k, lang, strlen(lang));
		key_part(k, r->by_token ? "token" : "session", r->by_token ? 5 : 7);
		key_part(k, r->user.login, strlen(r->user.login));
		key_part(k, r->csrf, strlen(r->csrf));
		key_part(k, r->session_hash, strlen(r->session_hash));
	}
	return !jp_buf_oom(k);
}

/*
 * Runs a reading handler, or answers from the cache.  An answer is kept
 * only when the data version is the same after the handler as before it:
 * no write was committed meanwhile, so every read saw that version.
 */
static void run_cached(struct jp_req *r)
{
	jp_server *s = r->srv;
	struct jp_buf key = JP_BUF_INIT;
	struct answer hit;
	int64_t before, after;
	bool lead;

	/* the version read before the caller was identified, if it was */
	if (!cache_key(r, &key) || !req_data_version(r, &before)) {
		jp_buf_release(&key);
		r->route->handler(r);
		return;
	}
	if ((r->pin = answer_cache_get(s->answers, before, key.ptr, key.len, &hit, &lead))) {
		/* sent from where it is kept: no copy, no transaction */
		r->status = hit.status;
		r->ctype = hit.ctype;
		r->pin_body = hit.body;
		r->pin_len = hit.len;
		if (hit.disposition[0])
			snprintf(r->disposition, sizeof(r->disposition), "%s", hit.disposition);
		r->x_cache = "hit";
		jp_buf_release(&key);
		return;
	}
	r->x_cache = "miss";
	r->route->handler(r);
	/* a cookie set (?lang=) or a redirect belongs to this request alone */
	if (r->status == 200 && !r->set_cookie[0] && !r->location[0] && r->ctype &&
	    !jp_buf_oom(&r->out) && jp_store_data_version(r->st, &after, NULL) == 0 &&
	    after == before) {
		struct answer a = { r->status, r->ctype, r->disposition, r->out.ptr, r->out.len };

		if (lead)
			answer_cache_settle(s->answers, before, key.ptr, key.len, &a);
		else
			answer_cache_put(s->answers, before, key.ptr, key.len, &a);
	} else if (lead) {
		answer_cache_settle(s->answers, before, key.ptr, key.len, NULL);
	}
	jp_buf_release(&key);
}

/*
 * A group's kept requests lose their answers: their work is not in the
 * database (the commit failed, or SQLite ended the transaction).
 */
static void write_unkeep(struct write_job **job, bool *kept, size_t n, const char *why)
{
	for (size_t i = 0; i < n; i++) {
		if (!kept[i])
			continue;
		kept[i] = false;
		job[i]->r->location[0] = '\0';
		job[i]->r->set_cookie[0] = '\0';
		reply_error(job[i]->r, 500, "cannot save: %s", why);
	}
}

/* One request of a group, in its own savepoint on the writer's handle;
 * true when its work stays in the transaction. */
static bool write_one(struct jp_req *r, jp_store *st)
{
	struct jp_error err = JP_ERROR_INIT;
	jp_store *own = r->st;
	bool keep;
	int rc;

	if (jp_store_savepoint_begin(st, &err) < 0) {
		reply_error(r, 500, "cannot save: %s", err.msg);
		return false;
	}
	r->st = st;
	rc = r->route->handler(r);
	r->st = own;
	keep = rc < 400 && r->status < 400;
	if (jp_store_savepoint_end(st, keep, &err) < 0) {
		r->location[0] = '\0';
		r->set_cookie[0] = '\0';
		reply_error(r, 500, "cannot save: %s", err.msg);
		keep = false;
	}
	return keep;
}

/*
 * Runs a group of write requests in one transaction and commits it once.
 * Every answer is in its request when this returns; none has been sent.
 */
static void write_group(jp_server *s, struct write_job **job, size_t n)
{
	struct jp_error err = JP_ERROR_INIT;
	jp_store *st = s->writer_st;
	bool kept[WRITE_GROUP_MAX] = { false };
	size_t from = 0;

	for (size_t i = 0; i < n; i++) {
		if (!jp_store_in_tx(st) && jp_store_begin(st, &err) < 0) {
			for (; i < n; i++) {
				job[i]->r->retry_after = 1;
				reply_error(job[i]->r, 503, "the database is busy: %s", err.msg);
			}
			break;
		}
		kept[i] = write_one(job[i]->r, st);
		if (!jp_store_in_tx(st)) {
			/* SQLite rolled the transaction back itself: the
			 * group's work so far is gone; the rest begin again */
			write_unkeep(job + from, kept + from, i + 1 - from,
				     "the transaction was rolled back");
			from = i + 1;
		}
	}
	if (jp_store_in_tx(st) && jp_store_commit(st, &err) < 0) {
		jp_store_rollback(st);
		write_unkeep(job + from, kept + from, n - from, err.msg);
	}
}

/* The writer thread: every request queued, in groups, until the stop. */
static void *writer_main(void *cls)
{
	jp_server *s = cls;
	struct write_job *group[WRITE_GROUP_MAX];
	size_t n;

	pthread_mutex_lock(&s->write_mu);
	for (;;) {
		while (!s->write_head && !s->write_stopping)
			pthread_cond_wait(&s->write_cv, &s->write_mu);
		if (!s->write_head)
			break;
		for (n = 0; n < WRITE_GROUP_MAX && s->write_head; n++) {
			group[n] = s->write_head;
			group[n]->state = JOB_TAKEN;
			s->write_head = group[n]->next;
		}
		if (!s->write_head)
			s->write_tail = NULL;
		pthread_mutex_unlock(&s->write_mu);
		write_group(s, group, n);
		pthread_mutex_lock(&s->write_mu);
		for (size_t i = 0; i < n; i++)
			group[i]->state = JOB_DONE;
		pthread_cond_broadcast(&s->written_cv);
	}
	pthread_mutex_unlock(&s->write_mu);
	return NULL;
}

/* Takes a job that the writer has not taken off the queue. */
static void write_unqueue(jp_server *s, struct write_job *job)
{
	struct write_job **p, *prev = NULL;

	for (p = &s->write_head; *p && *p != job; p = &(*p)->next)
		prev = *p;
	if (!*p)
		return;
	*p = job->next;
	if (s->write_tail == job)
		s->write_tail = prev;
}

/*
 * Hands a write request to the writer and waits until its group is
 * committed (or failed): the answer is in r when this returns, and a 2xx
 * only once the work is durable.  A request the writer has not taken
 * within pool_wait_ms is answered 503 with Retry-After, untouched.
 *
 * NEEDSWORK: the waiting request holds its worker thread (and its pool
 * handle), so a group is at most --threads requests and the queue can
 * never hold more; suspending the connection (MHD_suspend_connection)
 * until the commit would let a few threads feed large groups.  The
 * handler's own work (JSON in and out, argon2id for a password) runs on
 * the writer too; only the database part needs to.
 */
static void write_submit(struct jp_req *r)
{
	jp_server *s = r->srv;
	struct write_job job = { r, NULL, JOB_QUEUED };
	struct timespec until;

	until = wait_until(s);
	pthread_mutex_lock(&s->write_mu);
	if (s->write_stopping) {
		pthread_mutex_unlock(&s->write_mu);
		r->retry_after = 1;
		reply_error(r, 503, "the server is stopping; try again");
		return;
	}
	if (s->write_tail)
		s->write_tail->next = &job;
	else
		s->write_head = &job;
	s->write_tail = &job;
	pthread_cond_signal(&s->write_cv);
	while (job.state == JOB_QUEUED)
		if (pthread_cond_timedwait(&s->written_cv, &s->write_mu, &until) == ETIMEDOUT)
			break;
	if (job.state == JOB_QUEUED) {
		write_unqueue(s, &job);
		pthread_mutex_unlock(&s->write_mu);
		r->retry_after = 1;
		reply_error(r, 503, "the server is busy; try again");
		return;
	}
	/* taken: it runs now, and its answer waits for the commit */
	while (job.state != JOB_DONE)
		pthread_cond_wait(&s->written_cv, &s->write_mu);
	pthread_mutex_unlock(&s->write_mu);
}

/* Starts the writer on its own database handle. */
static int writer_start(jp_server *s, struct jp_error *err)
{
	int rc;

	if ((rc = jp_store_open(&s->writer_st, s->cfg.db_path, err)) < 0)
		return rc;
	if (pthread_create(&s->writer, NULL, writer_main, s) != 0)
		return jp_error_set(err, JP_ERROR, "cannot start a thread");
	s->writer_started = true;
	return 0;
}

/* Ends the writer once the requests queued are done. */
static void writer_stop(jp_server *s)
{
	pthread_mutex_lock(&s->write_mu);
	s->write_stopping = true;
	pthread_cond_broadcast(&s->write_cv);
	pthread_mutex_unlock(&s->write_mu);
	if (s->writer_started)
		pthread_join(s->writer, NULL);
	s->writer_started = false;
	jp_store_close(s->writer_st);
	s->writer_st = NULL;
}

/* Finds the route, checks who may use it, runs it in one transaction. */
static void dispatch(struct jp_req *r)
{
	char allow[128];
	bool path_known = false;

	if (strlen(r->url) >= 2048) {
		reply_error(r, 414, "the URL is too long");
		return;
	}
	if (r->plan_id != r->srv->plan_id && (!*r->plan_id || !jp_store_has_plan(r->st, r->plan_id))) {
		reply_error(r, 404, "no plan '%s' is stored", r->plan_id);
		return;
	}
	if (!(r->route = find_route(r, &path_known))) {
		if (path_known) {
			reply_error(r, 405, "%s is not allowed here (allowed: %s)", r->method,
				    allowed_methods(r, r->route_url, allow, sizeof(allow)));
			return;
		}
		reply_error(r, 404, "no such page: %s", r->url);
		return;
	}
	if (!r->identified)
		auth_identify(r);
	r->identified = true;
	if (!(r->route->roles & R_PUBLIC)) {
		if (!r->authed) {
			if (r->route->flags & F_JSON)
				reply_error(r, 401, "log in first (POST /api/v1/session)");
			else
				reply_redirect(r, "/login");
			return;
		}
		if (!(r->route->roles & (1u << r->user.role))) {
			reply_error(r, 403, "a %s may not %s %s", jp_role_name(r->user.role),
				    r->method, r->url);
			return;
		}
	}
	if ((r->route->flags & F_WRITE) && r->authed && !r->by_token && !auth_csrf_ok(r)) {
		reply_error(r, 403, "missing or wrong CSRF token");
		return;
	}
	if (!(r->route->flags & F_WRITE)) {
		run_cached(r);
		return;
	}
	write_submit(r);
}

/* What the handler held, given back as soon as it is done: the answer is
 * a copy by then, and sending it may take long. */
static void req_let_go(struct jp_req *r)
{
	for (size_t i = 0; i < r->nplans; i++)
		plan_cache_release(r->srv->plans, r->plans[i]);
	r->nplans = 0;
	if (r->history_loaded)
		jp_history_release(&r->history);
	r->history_loaded = false;
	r->history_narrow = false;
	pool_put(r->srv, r->st);
	r->st = NULL;
	r->has_version = false;     /* read again with the next handle */
}

static void req_free(struct jp_req *r)
{
	bool big;

	if (!r)
		return;
	big = r->big || r->out.len >= BIG_ANSWER_BYTES;
	req_let_go(r);
	answer_pin_release(r->pin);
	if (r->address_counted)
		addr_drop(r->srv, r->address);
	jp_buf_release(&r->body);
	jp_buf_release(&r->out);
	jp_arena_release(&r->arena);
	jp_free(r);
#ifdef __GLIBC__
	if (big)
		malloc_trim(0);
#endif
}

static struct conn_track *track_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	jp_server *s = cls;
	struct conn_track *t = track_of(c);

	(void)toe;
	if (t) {           /* the next request's deadline starts now */
		pthread_mutex_lock(&s->conn_mu);
		t->since_ms = now_ms();
		t->answering = false;
		pthread_mutex_unlock(&s->conn_mu);
	}
	req_free(*con_cls);
	*con_cls = NULL;
}

static void peer_address(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	out[0] = '\0';
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr,
			  out, (socklen_t)n);
	else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr,
			  out, (socklen_t)n);
}

/* Every connection is tracked from accept to close, for the deadline and
 * (behind a trusted proxy) for jospar's own per-address count. */
static void notify_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			      enum MHD_ConnectionNotificationCode code)
{
	jp_server *s = cls;
	struct conn_track *t = *socket_context;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);

		if (!(t = jp_calloc(1, sizeof(*t))))
			return;
		t->fd = ci ? ci->connect_fd : -1;
		t->since_ms = now_ms();
		peer_address(c, t->peer, sizeof(t->peer));
		if (s->cfg.trusted_proxy && strcmp(t->peer, s->cfg.trusted_proxy)) {
			t->counted = addr_take(s, t->peer, s->cfg.max_per_address);
			if (!t->counted && t->fd >= 0)
				shutdown(t->fd, SHUT_RDWR);   /* over the limit: closed at once */
		}
		pthread_mutex_lock(&s->conn_mu);
		t->next = s->tracks;
		if (s->tracks)
			s->tracks->prev = t;
		s->tracks = t;
		pthread_mutex_unlock(&s->conn_mu);
		*socket_context = t;
		return;
	}
	if (!t)
		return;
	/* closed: removed under the lock before libmicrohttpd closes the socket */
	pthread_mutex_lock(&s->conn_mu);
	if (t->prev)
		t->prev->next = t->next;
	else
		s->tracks = t->next;
	if (t->next)
		t->next->prev = t->prev;
	pthread_mutex_unlock(&s->conn_mu);
	if (t->counted)
		addr_drop(s, t->peer);
	jp_free(t);
	*socket_context = NULL;
}

/* Cuts the connections whose request is late, five times a second. */
static void *reaper(void *cls)
{
	jp_server *s = cls;
	struct timespec until;

	pthread_mutex_lock(&s->conn_mu);
	while (!s->stopping) {
		int64_t now = now_ms(), limit = (int64_t)s->cfg.request_seconds * 1000;

		for (struct conn_track *t = s->tracks; t && limit; t = t->next)
			if (!t->answering && !t->cut && t->fd >= 0 && now - t->since_ms > limit) {
				shutdown(t->fd, SHUT_RDWR);
				t->cut = true;
			}
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += 200000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&s->conn_cv, &s->conn_mu, &until);
	}
	pthread_mutex_unlock(&s->conn_mu);
	return NULL;
}

/* A pinned answer is let go when libmicrohttpd is done sending it. */
static void pin_done(void *cls)
{
	answer_pin_release(cls);
}

static enum MHD_Result respond(struct jp_req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char retry[16];

	if (r->pin) {
		resp = MHD_create_response_from_buffer_with_free_callback_cls(
			r->pin_len, (void *)(uintptr_t)r->pin_body, pin_done, r->pin);
		if (resp)
			r->pin = NULL;      /* now the response's */
	} else {
		resp = MHD_create_response_from_buffer(r->out.len, r->out.ptr,
						       MHD_RESPMEM_MUST_COPY);
	}
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "text/plain");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'");
	if (r->set_cookie[0])
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	if (r->location[0])
		MHD_add_response_header(resp, "Location", r->location);
	if (r->disposition[0])
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	if (r->x_cache)
		MHD_add_response_header(resp, "X-Cache", r->x_cache);
	if (r->retry_after) {
		snprintf(retry, sizeof(retry), "%u", r->retry_after);
		MHD_add_response_header(resp, "Retry-After", retry);
	}
	ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/*
 * /api/v1/plans/ID/REST is REST of the API about plan ID: the routes see
 * /api/v1/REST and r->plan_id is ID (decoded; dispatch answers 404 when
 * no such plan is stored).  Any other path is about the server's plan.
 */
static void plan_prefix(struct jp_req *r)
{
	static const char prefix[] = "/api/v1/plans/";
	const char *id = r->url + strlen(prefix), *end;
	char *rest;
	size_t n;

	r->route_url = r->url;
	r->plan_id = r->srv->plan_id;
	if (strncmp(r->url, prefix, strlen(prefix)) || !(end = strchr(id, '/')) || end == id ||
	    !end[1])
		return;
	n = strlen(end + 1);
	if (!(rest = jp_arena_alloc(&r->arena, strlen("/api/v1/") + n + 1)))
		return;
	memcpy(rest, "/api/v1/", strlen("/api/v1/"));
	memcpy(rest + strlen("/api/v1/"), end + 1, n + 1);
	if (!(r->plan_id = parse_decode(&r->arena, id, (size_t)(end - id), false, NULL))) {
		r->plan_id = r->srv->plan_id;
		return;
	}
	r->route_url = rest;
}

/* The request target as sent, before libmicrohttpd decodes anything: the
 * server decodes each part once itself (parse.c). */
static void *uri_logger(void *cls, const char *uri, struct MHD_Connection *conn)
{
	jp_server *s = cls;
	struct jp_req *r = jp_calloc(1, sizeof(*r));

	(void)conn;
	if (!r)
		return NULL;
	r->srv = s;
	r->status = 200;
	jp_buf_init(&r->body);
	jp_buf_init(&r->out);
	if (parse_target(&r->arena, uri, &r->url, &r->query) < 0) {
		jp_arena_release(&r->arena);
		jp_free(r);
		return NULL;
	}
	r->query_len = strlen(r->query);
	plan_prefix(r);
	return r;
}

/* libmicrohttpd would decode the path and arguments itself: leave them. */
static size_t unescape_none(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

struct cl_count {
	unsigned n;
	bool differ;
	const char *first;
};

static enum MHD_Result count_cl(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *value)
{
	struct cl_count *c = cls;

	(void)kind;
	if (strcasecmp(key, "Content-Length"))
		return MHD_YES;
	if (c->n++ && strcmp(c->first, value ? value : ""))
		c->differ = true;
	else if (c->n == 1)
		c->first = value ? value : "";
	return MHD_YES;
}

/* Checks the headers as soon as they are in; an early_status is answered
 * at once, without reading the body. */
static void first_call(struct jp_req *r)
{
	jp_server *s = r->srv;
	const char *cl = req_header(r, "Content-Length");
	const char *te = req_header(r, "Transfer-Encoding");
	const char *xff = req_header(r, "X-Forwarded-For");
	struct cl_count clc = { 0, false, NULL };
	uint64_t n = 0;
	bool has_body, path_known;
	const struct route *rt;

	peer_address(r->conn, r->address, sizeof(r->address));
	if (s->cfg.trusted_proxy && !strcmp(r->address, s->cfg.trusted_proxy) && xff &&
	    parse_forwarded_for(xff, r->address, sizeof(r->address)) == 0) {
		if (!(r->address_counted = addr_take(s, r->address, s->cfg.max_per_address))) {
			r->early_status = 429;
			r->early_msg = "too many requests at once from this address";
			return;
		}
	}
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_cl, &clc);
	if (!parse_method_ok(r->method)) {
		r->early_status = 400;
		r->early_msg = "the method is not a valid token";
	} else if (!jp_utf8_valid(r->url, strlen(r->url)) || r->url[0] != '/') {
		r->early_status = 400;
		r->early_msg = "the path is not valid UTF-8 text starting with '/'";
	} else if (parse_form_check(&r->arena, r->query, r->query_len) < 0) {
		r->early_status = 400;
		r->early_msg = "the query is not valid percent-encoded UTF-8 text";
	} else if (te && strcasecmp(te, "chunked")) {
		r->early_status = 501;
		r->early_msg = "only Transfer-Encoding: chunked is understood";
	} else if (cl && te) {
		r->early_status = 400;
		r->early_msg = "both Content-Length and Transfer-Encoding: refused";
	} else if (clc.differ) {
		r->early_status = 400;
		r->early_msg = "different Content-Length headers: refused";
	} else if (cl && parse_content_length(cl, &n) < 0) {
		r->early_status = 400;
		r->early_msg = "invalid Content-Length";
	}
	if (r->early_status)
		return;
	has_body = te || n > 0;
	jp_buf_set_limit(&r->body, s->cfg.public_body_bytes);
	/* the large body limit only once the route and the session are known */
	rt = has_body ? find_route(r, &path_known) : NULL;
	if (rt && !(rt->roles & R_PUBLIC) && (cl ? n > s->cfg.public_body_bytes : true)) {
		if (!(r->st = pool_get(s))) {
			r->early_status = 503;
			r->early_msg = "the server is busy; try again";
			r->retry_after = 1;
			return;
		}
		auth_identify(r);
		r->identified = true;
		req_let_go(r);
		if (r->authed)
			jp_buf_set_limit(&r->body, s->cfg.max_body_bytes);
	}
	if (cl && n > r->body.limit) {
		r->early_status = 413;
		r->early_msg = r->authed ? "the body is too large"
					 : "the body is too large before login";
	}
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version,
			      const char *upload_data, size_t *upload_size, void **con_cls)
{
	jp_server *s = cls;
	struct jp_req *r = *con_cls;
	struct timespec t0, t1;
	enum MHD_Result ret;

	(void)url;
	(void)version;
	if (!r)
		return MHD_NO;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!r->started) {
		r->started = true;
		r->conn = conn;
		r->method = method;
		r->track = track_of(conn);
		r->today = today(s);
		first_call(r);
		if (!r->early_status)
			return MHD_YES;
		/* answered now: the body is not read, the connection is closed after */
		reply_error(r, r->early_status, "%s", r->early_msg);
		goto answer;
	}
	if (*upload_size) {
		if (!r->early_status) {
			jp_buf_add(&r->body, upload_data, *upload_size);
			if (jp_buf_oom(&r->body)) {
				r->early_status = 413;
				r->early_msg = "the body is too large";
			}
		}
		*upload_size = 0;   /* read and dropped when too large */
		return MHD_YES;
	}
	if (r->track) {
		pthread_mutex_lock(&s->conn_mu);
		r->track->answering = true;
		pthread_mutex_unlock(&s->conn_mu);
	}
	jp_buf_set_limit(&r->out, 0);
	if (r->early_status) {
		reply_error(r, r->early_status, "%s", r->early_msg);
	} else if (!(r->st = pool_get(s))) {
		r->retry_after = 1;
		reply_error(r, 503, "the server is busy; try again");
	} else {
		dispatch(r);
	}
	req_let_go(r);
answer:
	clock_gettime(CLOCK_MONOTONIC, &t1);
	access_log(r, (unsigned)r->status, (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		   (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	ret = respond(r);
	return ret;
}

int jp_server_start(jp_server **out, const struct jp_server_config *cfg,
		    struct jp_error *err)
{
	jp_server *s = jp_calloc(1, sizeof(*s));
	struct sockaddr_in addr;
	const union MHD_DaemonInfo *di;
	pthread_condattr_t ca;
	struct MHD_OptionItem tls[3];
	int rc;

	if (!s)
		return jp_error_set(err, JP_ERROR, "out of memory");
	if (sodium_init() < 0) {
		jp_free(s);
		return jp_error_set(err, JP_ERROR, "libsodium cannot start");
	}
	s->cfg = *cfg;
	{
		/* tests shorten the session lifetimes: JOSPAR_SESSION_IDLE/_MAX seconds */
		const char *idle = getenv("JOSPAR_SESSION_IDLE"), *max = getenv("JOSPAR_SESSION_MAX");

		if (idle && *idle)
			s->cfg.session_idle_seconds = (unsigned)strtoul(idle, NULL, 10);
		if (max && *max)
			s->cfg.session_max_seconds = (unsigned)strtoul(max, NULL, 10);
	}
	pthread_mutex_init(&s->mu, NULL);
	pthread_mutex_init(&s->conn_mu, NULL);
	pthread_mutex_init(&s->write_mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cv, &ca);
	pthread_cond_init(&s->write_cv, &ca);
	pthread_cond_init(&s->written_cv, &ca);
	pthread_cond_init(&s->conn_cv, &ca);
	pthread_condattr_destroy(&ca);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->address, &addr.sin_addr) != 1) {
		rc = jp_error_set(err, JP_EINVALID, "'%s' is not an IPv4 address", cfg->address);
		goto fail;
	}
	if (!(s->plans = plan_cache_new(cfg->plan_cache_bytes)) ||
	    (cfg->answer_cache_bytes && !(s->answers = answer_cache_new(cfg->answer_cache_bytes))) ||
	    !(s->tokens = token_cache_new(TOKEN_CACHE_MAX)) ||
	    !(s->db_path = jp_strdup(cfg->db_path ? cfg->db_path : ""))) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto fail;
	}
	s->npool = cfg->threads + 2;
	s->pool = jp_calloc(s->npool, sizeof(*s->pool));
	if (!s->pool) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < s->npool; i++) {
		if ((rc = jp_store_open(&s->pool[i], cfg->db_path, err)) < 0)
			goto fail;
		s->nfree++;
	}
	if ((rc = jp_load_sync_embedded(s->pool[0], err)) < 0)
		goto fail;
	s->plan_id = jp_load_plan_id(s->pool[0], cfg->plan_id);
	if (!s->plan_id || !jp_store_has_plan(s->pool[0], s->plan_id)) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no plan '%s' in the database",
				  cfg->plan_id ? cfg->plan_id : "");
		goto fail;
	}
	if (cfg->access_log) {
		s->log = strcmp(cfg->access_log, "-") ? fopen(cfg->access_log, "a") : stderr;
		if (!s->log) {
			rc = jp_error_set(err, JP_ERROR, "cannot open '%s': %s", cfg->access_log,
					  strerror(errno));
			goto fail;
		}
	}
	if ((rc = writer_start(s, err)) < 0)
		goto fail;
	if (pthread_create(&s->reaper, NULL, reaper, s) != 0) {
		rc = jp_error_set(err, JP_ERROR, "cannot start a thread");
		goto fail;
	}
	s->reaper_started = true;
	if (cfg->tls_cert && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		rc = jp_error_set(err, JP_ERROR, "libmicrohttpd here has no TLS support");
		goto fail;
	}
	/* HTTPS (GnuTLS in libmicrohttpd): the PEM texts are only read at start */
	tls[0] = (struct MHD_OptionItem){ cfg->tls_cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END,
					  0, (void *)(uintptr_t)cfg->tls_cert };
	tls[1] = (struct MHD_OptionItem){ cfg->tls_cert ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END,
					  0, (void *)(uintptr_t)cfg->tls_key };
	tls[2] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };
	/* behind a trusted proxy every client comes from its address: jospar
	 * counts per forwarded address itself */
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
				(cfg->tls_cert ? MHD_USE_TLS : 0),
				(uint16_t)cfg->port, NULL, NULL, handle, s,
				MHD_OPTION_ARRAY, tls,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
				MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->threads,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cfg->max_connections,
				MHD_OPTION_PER_IP_CONNECTION_LIMIT,
				(unsigned int)(cfg->trusted_proxy ? 0 : cfg->max_per_address),
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->timeout_seconds,
				/* NEEDSWORK: libmicrohttpd zeroes this whole pool between the
				 * requests of a connection, most of what a cached GET costs now
				 * in instructions; a smaller pool needs the header limits
				 * checked another way */
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(cfg->max_header_bytes * 2 + 16384),
				MHD_OPTION_URI_LOG_CALLBACK, uri_logger, s,
				MHD_OPTION_UNESCAPE_CALLBACK, unescape_none, s,
				MHD_OPTION_NOTIFY_CONNECTION, notify_connection, s,
				MHD_OPTION_NOTIFY_COMPLETED, completed, s,
				MHD_OPTION_END);
	if (!s->d) {
		rc = jp_error_set(err, JP_ERROR, "cannot listen on %s:%u (%s)", cfg->address, cfg->port,
				  cfg->tls_cert ? "in use, or a TLS certificate and key that do not fit?"
						: "in use?");
		goto fail;
	}
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : cfg->port;
	*out = s;
	return 0;
fail:
	jp_server_stop(s);
	return rc;
}

unsigned jp_server_port(const jp_server *srv)
{
	return srv->port;
}

void jp_server_stop(jp_server *s)
{
	if (!s)
		return;
	/* nobody waits for a handle any more, and the reaper ends */
	pthread_mutex_lock(&s->mu);
	s->stopping = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_mutex_lock(&s->conn_mu);
	s->stopping = true;
	pthread_cond_broadcast(&s->conn_cv);
	pthread_mutex_unlock(&s->conn_mu);
	/* the requests under way may wait for the writer: it stops after them */
	if (s->d)
		MHD_stop_daemon(s->d);
	writer_stop(s);
	if (s->reaper_started)
		pthread_join(s->reaper, NULL);
	for (size_t i = 0; i < s->npool; i++)
		jp_store_close(s->pool[i]);
	plan_cache_free(s->plans);
	answer_cache_free(s->answers);
	token_cache_free(s->tokens);
	while (s->addrs) {
		struct addr_count *n = s->addrs->next;

		jp_free(s->addrs);
		s->addrs = n;
	}
	if (s->log && s->log != stderr)
		fclose(s->log);
	jp_free(s->pool);
	jp_free(s->plan_id);
	jp_free(s->db_path);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->conn_mu);
	pthread_mutex_destroy(&s->write_mu);
	pthread_cond_destroy(&s->write_cv);
	pthread_cond_destroy(&s->written_cv);
	pthread_cond_destroy(&s->conn_cv);
	jp_free(s);
}
