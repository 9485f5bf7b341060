/*
 * server.h - the web server: JSON API under /api/v1 and the HTML pages,
 * on libmicrohttpd with a thread pool.
 *
 * Limits are part of the configuration (docs/server.md): connections in
 * all and per address, the connection timeout and the request deadline,
 * the size of headers and of a body (small before login), how long a
 * request may wait for a database handle, and the memory of the plan
 * cache and of the answer cache.  A request with both Content-Length and Transfer-Encoding is
 * refused.  Every request goes through one authorization check.
 */
#ifndef JP_SERVER_H
#define JP_SERVER_H

struct jp_error;
typedef struct jp_server jp_server;

struct jp_server_config {
	const char *address;       /* "127.0.0.1" (loopback by default) */
	unsigned port;             /* 8292; 0 picks a free port */
	const char *db_path;
	const char *plan_id;       /* NULL: the current plan */
	unsigned threads;          /* thread pool size */
	unsigned max_connections;
	unsigned max_per_address;
	unsigned timeout_seconds;
	size_t max_header_bytes;
	size_t max_body_bytes;
	unsigned session_idle_seconds;
	unsigned session_max_seconds;
	const char *access_log;    /* a file for JSON lines; NULL: none; "-": stderr */
	int fixed_today_days;      /* tests: 0, else days since 1970 used as today */
	unsigned request_seconds;  /* headers and body of a request arrive within this */
	size_t public_body_bytes;  /* body limit until the route and session are known */
	unsigned pool_wait_ms;     /* longest wait for a database handle, then 503 */
	size_t plan_cache_bytes;   /* memory for plans as of a date (LRU) */
	const char *trusted_proxy; /* NULL, or the proxy whose X-Forwarded-For is believed */
	const char *tls_cert;      /* PEM certificate (chain): serve HTTPS; NULL: HTTP */
	const char *tls_key;       /* PEM private key, with tls_cert */
	size_t answer_cache_bytes; /* memory for whole GET answers (LRU); 0: none */
};

#define JP_SERVER_CONFIG_INIT { "127.0.0.1", 8292, NULL, NULL, 4, 256, 32, 30, \
				16384, 8u * 1024 * 1024, 30 * 60, 12 * 3600, NULL, 0, \
				20, 16384, 2000, 64u * 1024 * 1024, NULL, NULL, NULL, \
				32u * 1024 * 1024 }

/* Starts serving; *out is the caller's, stopped with jp_server_stop. */
int jp_server_start(jp_server **out, const struct jp_server_config *cfg,
		    struct jp_error *err);
/* The port actually bound (for port 0). */
unsigned jp_server_port(const jp_server *srv);
/* Stops accepting, finishes the requests under way, frees everything. */
void jp_server_stop(jp_server *srv);

/* Passwords and tokens: jp_password_hash, jp_token_new, ... in ledger/ledger.h. */
#include "ledger.h"

#endif
