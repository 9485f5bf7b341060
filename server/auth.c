/*
 * auth.c - passwords (argon2id), sessions (random tokens in HttpOnly,
 * SameSite=Strict cookies, renewed at login, idle and absolute expiry),
 * API tokens, CSRF tokens, login throttling, and the object-level checks.
 */
#include "http_int.h"
#include "alloc.h"
#include "text.h"

#include <pthread.h>
#include <sodium.h>
#include <time.h>

#define COOKIE "jospar_session"
#define MAX_FAILURES 5             /* of one account, from any address */
#define MAX_ADDRESS_FAILURES 20    /* from one address, for any account */
#define FAILURE_WINDOW (15 * 60)

/*
 * A hash of a random password, made once, that unknown (and disabled)
 * logins are checked against: every login attempt costs one argon2id
 * check, so its time does not tell whether the account exists.
 */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	char pw[65];

	jp_token_new(pw);
	if (jp_password_hash(dummy_hash, pw, NULL) < 0)
		dummy_hash[0] = '\0';
	sodium_memzero(pw, sizeof(pw));
}

static const char *dummy_get(void)
{
	pthread_once(&dummy_once, dummy_make);
	return dummy_hash;
}

static bool load_user(struct jp_req *r, int64_t id)
{
	struct jp_error err = JP_ERROR_INIT;

	if (jp_store_user_get_id(r->st, id, &r->arena, &r->user, &err) < 0 || r->user.disabled)
		return false;
	r->authed = true;
	return true;
}

void auth_identify(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	const char *bearer = req_header(r, "Authorization");
	const char *cookie = req_cookie(r, COOKIE);
	const struct jp_server_config *cfg = req_config(r);
	int64_t user, created, seen, now = (int64_t)time(NULL);
	char hash[65];

	if (bearer && !strncmp(bearer, "Bearer ", 7)) {
		jp_token_hash(hash, bearer + 7);
		if (req_token_user(r, hash))
			r->authed = r->by_token = true;
		return;
	}
	if (!cookie || strlen(cookie) != 64)
		return;
	jp_token_hash(hash, cookie);
	if (jp_store_session_get(r->st, hash, &user, r->csrf, &created, &seen, &err) < 0)
		return;
	if (now - created > (int64_t)cfg->session_max_seconds ||
	    now - seen > (int64_t)cfg->session_idle_seconds) {
		jp_store_session_delete(r->st, hash, NULL);
		return;
	}
	if (!load_user(r, user))
		return;
	memcpy(r->session_hash, hash, sizeof(hash));
	if (now - seen >= 60 || cfg->session_idle_seconds < 120)   /* at most once a minute */
		jp_store_session_touch(r->st, hash, now, NULL);
}

bool auth_csrf_ok(struct jp_req *r)
{
	const char *t = req_header(r, "X-CSRF-Token");
	const char *ct = req_header(r, "Content-Type");

	if (!t && ct && !strncmp(ct, "application/x-www-form-urlencoded", 33))
		t = req_form(r, "csrf");
	return t && strlen(t) == 64 && r->csrf[0] && sodium_memcmp(t, r->csrf, 64) == 0;
}

/*
 * The server speaks TLS itself (--tls-cert): every cookie is Secure.
 * NEEDSWORK: behind a TLS-terminating proxy, a trusted proxy's
 * X-Forwarded-Proto: https should make them Secure too.
 */
const char *auth_cookie_secure(const struct jp_req *r)
{
	return req_config(r)->tls_cert ? "; Secure" : "";
}

/* Starts a new session (a new token each login), sets the cookie. */
static int new_session(struct jp_req *r)
{
	struct jp_error err = JP_ERROR_INIT;
	char token[65], hash[65];

	/* sessions expired by age or idleness go at each login: the table
	 * holds no more than the live ones and today's logins */
	jp_store_session_purge(r->st, (int64_t)time(NULL) - req_config(r)->session_max_seconds,
			       (int64_t)time(NULL) - req_config(r)->session_idle_seconds, NULL);
	jp_token_new(token);
	jp_token_hash(hash, token);
	jp_token_new(r->csrf);
	if (jp_store_session_add(r->st, hash, r->user.id, r->csrf, (int64_t)time(NULL), &err) < 0)
		return reply_error(r, 500, "cannot start a session: %s", err.msg);
	memcpy(r->session_hash, hash, sizeof(hash));
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%u%s", token,
		 req_config(r)->session_max_seconds, auth_cookie_secure(r));
	sodium_memzero(token, sizeof(token));
	return 0;
}

int auth_login(struct jp_req *r, const char *login, const char *password)
{
	struct jp_error err = JP_ERROR_INIT;
	int64_t now = (int64_t)time(NULL);
	char *hash = NULL;
	int rc;
	bool ok;

	if (!login || !*login || !password)
		return reply_error(r, 400, "give login and password");
	/* counted as a failure before the check, in one transaction with the
	 * count: parallel attempts cannot run more checks than the limits */
	rc = jp_store_login_attempt(r->st, login, r->address, now - FAILURE_WINDOW, now,
				    MAX_FAILURES, MAX_ADDRESS_FAILURES, &err);
	if (rc == JP_EBUSY)
		return reply_error(r, 429, "too many failed logins; try again in %d minutes",
				   FAILURE_WINDOW / 60);
	if (rc < 0)
		return reply_error(r, 500, "cannot check login: %s", err.msg);
	if (jp_store_user_get(r->st, login, &r->arena, &r->user, &hash, &err) == 0) {
		ok = jp_password_verify(hash, password) && !r->user.disabled;
	} else {
		jp_password_verify(dummy_get(), password);   /* the same cost */
		ok = false;
	}
	jp_free(hash);
	if (!ok) {
		memset(&r->user, 0, sizeof(r->user));
		return 401;
	}
	jp_store_login_succeeded(r->st, login, NULL);
	/* a session from before the login ends: tokens are renewed at login */
	if (r->session_hash[0])
		jp_store_session_delete(r->st, r->session_hash, NULL);
	r->authed = true;
	return new_session(r);
}

int auth_logout(struct jp_req *r)
{
	if (r->session_hash[0])
		jp_store_session_delete(r->st, r->session_hash, NULL);
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s", auth_cookie_secure(r));
	return 0;
}
