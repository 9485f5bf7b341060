/*
 * http_int.h - what the server's own files share (the server/ files only): the
 * request, the route table, reply helpers.
 */
#ifndef JP_HTTP_INT_H
#define JP_HTTP_INT_H

#include "jp.h"
#include "account.h"
#include "arena.h"
#include "buf.h"
#include "error.h"
#include "history.h"
#include "plan.h"
#include "store.h"
#include "server.h"
#include "parse.h"

#include <jansson.h>

struct MHD_Connection;

/* Role bits for the route table. */
#define R_VIEWER (1u << JP_ROLE_VIEWER)
#define R_EXECUTOR (1u << JP_ROLE_EXECUTOR)
#define R_COORD (1u << JP_ROLE_COORDINATOR)
#define R_ADMIN (1u << JP_ROLE_ADMIN)
#define R_ANY (R_VIEWER | R_EXECUTOR | R_COORD | R_ADMIN)
#define R_PUBLIC (1u << 0)          /* no login needed */

enum route_flags {
	F_JSON = (1 << 0),          /* answers JSON (errors too) */
	F_WRITE = (1 << 1),         /* changes data: one transaction, CSRF checked */
	F_NOCACHE = (1 << 2),       /* a GET whose answer depends on the session itself */
};

struct jp_req;
struct plan_entry;
struct conn_track;

struct route {
	const char *method;
	const char *pattern;        /* "/api/v1/reports/{}/accept": {} is one segment */
	int (*handler)(struct jp_req *r);
	unsigned roles;
	unsigned flags;
	const char *summary;        /* for docs/api.md */
};

struct jp_req {
	jp_server *srv;
	struct MHD_Connection *conn;
	struct conn_track *track;   /* the connection's deadline bookkeeping */
	const char *method;
	const char *url;            /* the path as sent (not decoded) */
	/* the path the routes see: url without a leading /api/v1/plans/ID
	 * (then plan_id is ID); the plan the request is about, the server's
	 * unless the path names one */
	const char *route_url;
	const char *plan_id;
	const char *query;          /* after '?', as sent ("" if none) */
	size_t query_len;
	char address[64];           /* the client (X-Forwarded-For from --trusted-proxy) */
	bool address_counted;       /* in the per-address accounting */
	bool started, identified;
	struct jp_buf body;
	int early_status;           /* set while reading: answered at the end */
	const char *early_msg;
	const struct route *route;
	const char *param[4];       /* the {} segments, url-decoded */
	size_t nparam;
	jp_store *st;
	struct jp_arena arena;
	bool authed, by_token;
	struct jp_user user;
	char session_hash[65];
	char csrf[65];
	struct jp_date today;
	const char *lang;
	struct jp_history history;
	bool history_loaded;
	bool history_narrow;           /* loaded through a filter: not whole */
	bool big;                      /* read much: give freed memory back at the end */
	/* the answer */
	int status;
	struct jp_buf out;
	const char *ctype;
	const char *x_cache;        /* "hit" or "miss" for a cacheable GET; NULL */
	struct answer_pin *pin;     /* an answer from the cache, sent as it is kept */
	const char *pin_body;
	size_t pin_len;
	int64_t version;            /* the data version, once read (has_version) */
	bool has_version;
	char set_cookie[512];
	char location[512];
	char disposition[256];
	unsigned retry_after;       /* seconds, for a 503; 0: none */
	struct plan_entry *plans[8];  /* held until the handler is done */
	size_t nplans;
};

/* The route table and its size (server/routes.c). */
const struct route *jp_routes(size_t *n);

/* Query string parameter, or NULL. */
const char *req_arg(struct jp_req *r, const char *name);
/* A cookie, or NULL. */
const char *req_cookie(struct jp_req *r, const char *name);
/* The server's configuration. */
const struct jp_server_config *req_config(const struct jp_req *r);
/* A header, or NULL. */
const char *req_header(struct jp_req *r, const char *name);
/* A field of an application/x-www-form-urlencoded body, decoded, or NULL
 * (in the request's arena). */
const char *req_form(struct jp_req *r, const char *name);
/* The body parsed as a JSON object, or NULL after answering 400. */
json_t *req_json(struct jp_req *r);

/* Answers: JSON (consumes v), an error ({"error": ...} or a page), HTML. */
int reply_json(struct jp_req *r, int status, json_t *v);
int reply_error(struct jp_req *r, int status, const char *fmt, ...) JP_PRINTF(3, 4);
int reply_text(struct jp_req *r, int status, const char *ctype, const char *text, size_t n);
int reply_redirect(struct jp_req *r, const char *location);

/* The plan in force today, or as of a date: shared by the requests through
 * a cache bounded by memory (server/plan_cache.h), held by this request
 * until its handler returns; do not free.  NULL after answering 500. */
const struct jp_plan *req_plan(struct jp_req *r, const struct jp_date *as_of);
/* The history of the plan (loaded once per request). */
const struct jp_history *req_history(struct jp_req *r);
/* Part of the history, as jp_store_load_history_where reads it (?as_recorded
 * applied); a later req_history() reads it whole. */
const struct jp_history *req_history_where(struct jp_req *r, const struct jp_history_filter *f);
/* The findings of plan `p` (one req_plan gave), kept with the cached
 * plan; NULL after answering an error. */
struct jp_findings;
const struct jp_findings *req_findings(struct jp_req *r, const struct jp_plan *p);
/* JOSPAR_TEST_WHOLE_HISTORY set (tests only): every read is whole, as
 * before the narrow reads, to compare answers with. */
bool req_whole_history(void);
/* --as-of from ?as_of=, else today; false after answering 400. */
bool req_as_of(struct jp_req *r, struct jp_date *out);
struct jp_ledger;
/*
 * The ledger context of this request (ledger/ledger.h): the current user
 * acting on the plan in force today.  false after answering 500.
 */
bool req_ledger(struct jp_req *r, struct jp_ledger *l);
/* The plan the server serves at the paths that name none. */
const char *req_served_plan(const struct jp_req *r);
/* Answers a library error with the status of its code (jp_error_http_status):
 * JSON {"error", "where"} for the API, a page for the pages. */
int reply_fail(struct jp_req *r, const struct jp_error *err);
/* The data version (jp_store_data_version), read once per use of the
 * request's database handle; false when it cannot be read. */
bool req_data_version(struct jp_req *r, int64_t *out);
/* Identifies the user of a bearer token by its hash into r->user, from
 * the server's token cache or the database; false when no live token of
 * an enabled user has that hash. */
bool req_token_user(struct jp_req *r, const char *hash);

/* Sessions (server/auth.c). */
void auth_identify(struct jp_req *r);
bool auth_csrf_ok(struct jp_req *r);
int auth_login(struct jp_req *r, const char *login, const char *password);
int auth_logout(struct jp_req *r);
/* "; Secure" for cookies when the request came over TLS, else "". */
const char *auth_cookie_secure(const struct jp_req *r);

#endif
