/*
 * http.c - libmicrohttpd glue: the request's life (read with limits,
 * identify, authorize, dispatch in one transaction, answer once), the pool
 * of database handles, the plan cache and the access log.
 */
#include "http_int.h"
#include "alloc.h"
#include "date.h"
#include "load.h"
#include "text.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <time.h>

struct plan_slot {                 /* every plan loaded stays until stop */
	struct plan_slot *next;
	struct jp_plan *plan;
};

struct jp_server {
	struct MHD_Daemon *d;
	struct jp_server_config cfg;
	char *plan_id;
	unsigned port;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	jp_store **pool;
	size_t npool, nfree;
	struct plan_slot *plans;
	const struct jp_plan *today_plan;
	char today_version[96];
	long today_day;
	FILE *log;
};

static jp_store *pool_get(jp_server *s)
{
	jp_store *st;

	pthread_mutex_lock(&s->mu);
	while (!s->nfree)
		pthread_cond_wait(&s->cv, &s->mu);
	st = s->pool[--s->nfree];
	pthread_mutex_unlock(&s->mu);
	return st;
}

static void pool_put(jp_server *s, jp_store *st)
{
	pthread_mutex_lock(&s->mu);
	s->pool[s->nfree++] = st;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

static struct jp_date today(const jp_server *s)
{
	if (s->cfg.fixed_today_days)
		return jp_date_from_days(s->cfg.fixed_today_days);
	return jp_date_today();
}

const char *req_arg(struct jp_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_cookie(struct jp_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const struct jp_server_config *req_config(const struct jp_req *r)
{
	return &r->srv->cfg;
}

const char *req_header(struct jp_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX and '+' (forms) into a new string in the arena. */
static char *url_decode(struct jp_arena *a, const char *s, size_t n, bool plus)
{
	char *out = jp_arena_alloc(a, n + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else if (plus && s[i] == '+') {
			*o++ = ' ';
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

const char *req_form(struct jp_req *r, const char *name)
{
	const char *p = r->body.ptr, *end = p + r->body.len;
	size_t nlen = strlen(name);

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *eq;

		if (!amp)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq && (size_t)(eq - p) == nlen && !memcmp(p, name, nlen)) {
			char *v = url_decode(&r->arena, eq + 1, (size_t)(amp - eq - 1), true);

			if (v && !jp_utf8_valid(v, strlen(v)))
				return NULL;
			return v;
		}
		p = amp + 1;
	}
	return NULL;
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

int reply_error(struct jp_req *r, int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r->route && !(r->route->flags & F_JSON) && strncmp(r->url, "/api/", 5)) {
		struct jp_buf b = JP_BUF_INIT;

		jp_buf_adds(&b, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
		jp_buf_addf(&b, "%d</title></head><body><main><h1>%d</h1><p>", status, status);
		jp_buf_add_xml(&b, msg);
		jp_buf_adds(&b, "</p><p><a href=\"/\">jospar</a></p></main></body></html>\n");
		reply_text(r, status, "text/html; charset=utf-8", b.ptr, b.len);
		jp_buf_release(&b);
		return status;
	}
	return reply_json(r, status, json_pack("{s:s}", "error", msg));
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
	struct jp_plan *p = NULL;
	char version[96] = "";
	uint64_t h = 0;
	struct plan_slot *slot;

	if (as_of && jp_date_cmp(*as_of, r->today)) {
		if (jp_load_plan_as_of(r->st, s->plan_id, *as_of, &p, &err) < 0) {
			reply_error(r, 500, "cannot load the plan: %s", err.msg);
			return NULL;
		}
		goto keep;
	}
	/* the plan in force today, reloaded when the plan or its amendments change */
	if (jp_store_get_plan_hash(r->st, s->plan_id, &h, &err) == 0)
		snprintf(version, sizeof(version), "%016llx-%zu", (unsigned long long)h,
			 jp_store_amendment_count(r->st, s->plan_id));
	pthread_mutex_lock(&s->mu);
	if (s->today_plan && !strcmp(version, s->today_version) &&
	    s->today_day == jp_date_days(r->today)) {
		const struct jp_plan *cached = s->today_plan;

		pthread_mutex_unlock(&s->mu);
		return cached;
	}
	pthread_mutex_unlock(&s->mu);
	if (jp_load_plan_as_of(r->st, s->plan_id, r->today, &p, &err) < 0) {
		reply_error(r, 500, "cannot load the plan: %s", err.msg);
		return NULL;
	}
	pthread_mutex_lock(&s->mu);
	snprintf(s->today_version, sizeof(s->today_version), "%s", version);
	s->today_day = jp_date_days(r->today);
	s->today_plan = p;
	pthread_mutex_unlock(&s->mu);
keep:
	slot = jp_malloc(sizeof(*slot));
	if (!slot) {
		jp_plan_free(p);
		reply_error(r, 500, "out of memory");
		return NULL;
	}
	pthread_mutex_lock(&s->mu);
	slot->plan = p;
	slot->next = s->plans;
	s->plans = slot;
	pthread_mutex_unlock(&s->mu);
	return p;
}

const struct jp_history *req_history(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;

	if (r->history_loaded)
		return &r->history;
	if (jp_store_load_history(r->st, r->srv->plan_id, &r->history, &err) < 0) {
		reply_error(r, 500, "cannot read the history: %s", err.msg);
		return NULL;
	}
	r->history_loaded = true;
	return &r->history;
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

int req_audit(struct jp_req *r, const char *action, const char *object,
	      json_t *before, json_t *after)
{
	struct jp_error err = JP_ERROR_INIT;
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc = jp_store_audit(r->st, r->authed ? r->user.login : "anonymous", action, object,
				b, a, &err);

	free(b);
	free(a);
	json_decref(before);
	json_decref(after);
	return rc;
}

int req_review(struct jp_req *r, const struct jp_report *rep,
	       enum jp_review_action action, const char *reason,
	       const struct jp_review *last)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_review v;
	char obj[64];

	memset(&v, 0, sizeof(v));
	v.report = rep->id;
	v.action = action;
	v.reason = action == JP_REVIEW_RETURN ? reason : NULL;
	v.date = r->today;
	v.by = r->user.login;
	if (jp_store_add_review(r->st, &v, &err) < 0)
		return reply_error(r, 500, "cannot save: %s", err.msg);
	snprintf(obj, sizeof(obj), "report/%lld", (long long)rep->id);
	if (req_audit(r, action == JP_REVIEW_ACCEPT ? "report.accept" : "report.return", obj,
		      json_pack("{s:s}", "review", last ? (last->action == JP_REVIEW_ACCEPT ?
				"accepted" : "returned") : "awaiting"),
		      json_pack("{s:s, s:s?}", "review", action == JP_REVIEW_ACCEPT ?
				"accepted" : "returned", "reason", v.reason)) < 0)
		return reply_error(r, 500, "cannot write the audit log");
	return 0;
}

/* Matches "/api/v1/reports/{}/accept" against a path, collecting {}s. */
static bool match(struct jp_req *r, const char *pattern, const char *path)
{
	size_t n = 0;

	while (*pattern && *path) {
		if (pattern[0] == '{' && pattern[1] == '}') {
			const char *end = strchr(path, '/'), *rest = pattern + 2;
			size_t len = end ? (size_t)(end - path) : strlen(path);

			/* the last {} before a fixed ending takes all up to it, '/'
			 * too: libmicrohttpd has decoded %2F in "/users/a%2Fb/disable" */
			if (*rest && !strchr(rest, '{') && strlen(path) > strlen(rest) &&
			    !strcmp(path + strlen(path) - strlen(rest), rest))
				len = strlen(path) - strlen(rest);

			if (!len || n == JP_ARRAY_LEN(r->param))
				return false;
			r->param[n] = url_decode(&r->arena, path, len, false);
			if (!r->param[n] || !jp_utf8_valid(r->param[n], strlen(r->param[n])))
				return false;
			n++;
			path += len;
			pattern += 2;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	if (*pattern || *path)
		return false;
	r->nparam = n;
	return true;
}

static void access_log(struct jp_req *r, unsigned status, double ms)
{
	jp_server *s = r->srv;
	json_t *line;
	char *txt, t[32];
	time_t now = time(NULL);
	struct tm tm;

	if (!s->log)
		return;
	gmtime_r(&now, &tm);
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%SZ", &tm);
	line = json_pack("{s:s, s:s, s:s, s:s, s:i, s:f, s:s?}", "t", t, "address", r->address,
			 "method", r->method, "path", r->url, "status", (int)status, "ms", ms,
			 "user", r->authed ? r->user.login : NULL);
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

static const char *allowed_methods(struct jp_req *r, const char *path, char *buf, size_t n)
{
	size_t nroutes, len = 0;
	const struct route *rt = jp_routes(&nroutes);

	buf[0] = '\0';
	for (size_t i = 0; i < nroutes; i++)
		if (match(r, rt[i].pattern, path) && !strstr(buf, rt[i].method))
			len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
						rt[i].method);
	return buf;
}

/* Finds the route, checks who may use it, runs it in one transaction. */
static void dispatch(struct jp_req *r)
{
	size_t nroutes;
	const struct route *rt = jp_routes(&nroutes);
	char path[2048], allow[128];
	const char *q = strchr(r->url, '?');
	size_t plen = q ? (size_t)(q - r->url) : strlen(r->url);
	struct jp_error err = JP_ERROR_INIT;
	bool path_known = false;
	int rc;

	if (plen >= sizeof(path)) {
		reply_error(r, 414, "the URL is too long");
		return;
	}
	memcpy(path, r->url, plen);
	path[plen] = '\0';
	for (size_t i = 0; i < nroutes && !r->route; i++) {
		if (!match(r, rt[i].pattern, path))
			continue;
		path_known = true;
		if (!strcmp(rt[i].method, r->method))
			r->route = &rt[i];
	}
	if (!r->route) {
		if (path_known) {
			reply_error(r, 405, "%s is not allowed here (allowed: %s)", r->method,
				    allowed_methods(r, path, allow, sizeof(allow)));
			return;
		}
		reply_error(r, 404, "no such page: %s", path);
		return;
	}
	/* match() again for the chosen route, to keep its parameters */
	match(r, r->route->pattern, path);
	auth_identify(r);
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
				    r->method, path);
			return;
		}
	}
	if ((r->route->flags & F_WRITE) && r->authed && !r->by_token && !auth_csrf_ok(r)) {
		reply_error(r, 403, "missing or wrong CSRF token");
		return;
	}
	if (!(r->route->flags & F_WRITE)) {
		r->route->handler(r);
		return;
	}
	if (jp_store_begin(r->st, &err) < 0) {
		reply_error(r, 503, "the database is busy: %s", err.msg);
		return;
	}
	rc = r->route->handler(r);
	if (rc >= 400 || r->status >= 400) {
		jp_store_rollback(r->st);
		return;
	}
	if (jp_store_commit(r->st, &err) < 0)
		reply_error(r, 500, "cannot save: %s", err.msg);
}

static void req_free(struct jp_req *r)
{
	if (!r)
		return;
	if (r->history_loaded)
		jp_history_release(&r->history);
	if (r->st)
		pool_put(r->srv, r->st);
	jp_buf_release(&r->body);
	jp_buf_release(&r->out);
	jp_arena_release(&r->arena);
	jp_free(r);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	req_free(*con_cls);
	*con_cls = NULL;
}

static enum MHD_Result respond(struct jp_req *r)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(r->out.len, r->out.ptr,
								     MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ret;

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
	ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version,
			      const char *upload_data, size_t *upload_size, void **con_cls)
{
	jp_server *s = cls;
	struct jp_req *r = *con_cls;
	struct timespec t0, t1;

	(void)version;
	if (!r) {
		const char *cl, *te;
		const union MHD_ConnectionInfo *ci;

		r = jp_calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		r->srv = s;
		r->conn = conn;
		r->method = method;
		r->url = url;
		r->status = 200;
		jp_buf_init(&r->body);
		jp_buf_init(&r->out);
		jp_buf_set_limit(&r->body, s->cfg.max_body_bytes);
		ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr,
				  r->address, sizeof(r->address));
		else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr,
				  r->address, sizeof(r->address));
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
		if (cl && te) {
			r->early_status = 400;
			r->early_msg = "both Content-Length and Transfer-Encoding: refused";
		} else if (cl) {
			char *end;
			unsigned long long n = strtoull(cl, &end, 10);

			if (*end || end == cl) {
				r->early_status = 400;
				r->early_msg = "invalid Content-Length";
			} else if (n > s->cfg.max_body_bytes) {
				r->early_status = 413;
				r->early_msg = "the body is too large";
			}
		}
		*con_cls = r;
		return MHD_YES;
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
	clock_gettime(CLOCK_MONOTONIC, &t0);
	jp_buf_set_limit(&r->out, 0);
	r->today = today(s);
	r->st = pool_get(s);
	if (r->early_status)
		reply_error(r, r->early_status, "%s", r->early_msg);
	else if (!jp_utf8_valid(url, strlen(url)))
		reply_error(r, 400, "the URL is not valid UTF-8");
	else
		dispatch(r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	access_log(r, (unsigned)r->status, (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		   (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	return respond(r);
}

int jp_server_start(jp_server **out, const struct jp_server_config *cfg,
		    struct jp_error *err)
{
	jp_server *s = jp_calloc(1, sizeof(*s));
	struct sockaddr_in addr;
	const union MHD_DaemonInfo *di;
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
	pthread_cond_init(&s->cv, NULL);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->address, &addr.sin_addr) != 1) {
		rc = jp_error_set(err, JP_EINVALID, "'%s' is not an IPv4 address", cfg->address);
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
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
				(cfg->tls_cert ? MHD_USE_TLS : 0),
				(uint16_t)cfg->port, NULL, NULL, handle, s,
				MHD_OPTION_ARRAY, tls,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
				MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->threads,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cfg->max_connections,
				MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)cfg->max_per_address,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->timeout_seconds,
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(cfg->max_header_bytes * 2 + 16384),
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
	if (s->d)
		MHD_stop_daemon(s->d);
	for (size_t i = 0; i < s->npool; i++)
		jp_store_close(s->pool[i]);
	while (s->plans) {
		struct plan_slot *n = s->plans->next;

		jp_plan_free(s->plans->plan);
		jp_free(s->plans);
		s->plans = n;
	}
	if (s->log && s->log != stderr)
		fclose(s->log);
	jp_free(s->pool);
	jp_free(s->plan_id);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	jp_free(s);
}
