/*
 * store_account.c - users, sessions, API tokens, login throttling and the
 * audit log (see store.h), in the SQL both engines run (store/db.h).
 * Shares the handle with store.c through store_int.h.
 */
#include "jp.h"
#include "alloc.h"
#include "arena.h"
#include "error.h"
#include "account.h"
#include "store.h"
#include "store_int.h"

#include <time.h>

static int one(jp_store *st, struct jp_stmt *s, struct jp_error *err)
{
	int rc = jp_store__step_done(st, s, err);

	jp_stmt_finalize(s);
	return rc;
}

/* JP_EEXISTS when `login` looks like a login already there (account.h). */
static int refuse_lookalike(jp_store *st, const char *login, struct jp_error *err)
{
	char *want = jp_login_skeleton(login), *have = NULL;
	struct jp_stmt *s = NULL;
	int r, rc;

	if (!want)
		return jp_error_set(err, JP_ERROR, "out of memory");
	if ((rc = jp_store__prepare(st, &s, "SELECT login FROM account", err)) < 0)
		goto done;
	while ((r = jp_stmt_step(s)) == JP_DB_ROW) {
		const char *other = jp_col_text(s, 0);

		jp_free(have);
		if (!(have = jp_login_skeleton(other ? other : ""))) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
			goto done;
		}
		if (!strcmp(have, want) && strcmp(other, login)) {
			rc = jp_error_set(err, JP_EEXISTS, "login '%s' looks like the existing '%s'",
					  login, other);
			goto done;
		}
	}
	if (r != JP_DB_DONE)
		rc = jp_store__db_error(st, err, "cannot read the users");
done:
	jp_stmt_finalize(s);
	jp_free(have);
	jp_free(want);
	return rc;
}

static int user_insert(jp_store *st, const struct jp_user *u, const char *pwhash,
		       int64_t *id_out, struct jp_error *err);

int jp_store_user_add(jp_store *st, const struct jp_user *u, const char *pwhash,
		      int64_t *id_out, struct jp_error *err)
{
	int rc;

	if ((rc = jp_login_check(u->login, err)) < 0)
		return rc;
	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	if ((rc = refuse_lookalike(st, u->login, err)) == 0)
		rc = user_insert(st, u, pwhash, id_out, err);
	return jp_store__release(st, rc, err);
}

static int user_insert(jp_store *st, const struct jp_user *u, const char *pwhash,
		       int64_t *id_out, struct jp_error *err)
{
	struct jp_stmt *s;
	char now[32];
	int r, rc = 0;

	if ((rc = jp_store__prepare(st, &s, "INSERT INTO account(login, role, agency, pwhash,"
				    " disabled, created_at) VALUES (?1, ?2, ?3, ?4, 0, ?5) RETURNING id", err)) < 0)
		return rc;
	jp_store__now(now, sizeof(now));
	jp_stmt_text(s, 1, u->login);
	jp_stmt_text(s, 2, jp_role_name(u->role));
	jp_stmt_text(s, 3, u->agency);
	jp_stmt_text(s, 4, pwhash);
	jp_stmt_text(s, 5, now);
	r = jp_stmt_step(s);
	if (r == JP_DB_CONSTRAINT)
		rc = jp_error_set(err, JP_EEXISTS, "user '%s' exists already", u->login);
	else if (r != JP_DB_ROW)
		rc = jp_store__db_error(st, err, "cannot add the user");
	else if (id_out)
		*id_out = jp_col_int64(s, 0);
	if (rc == 0 && jp_stmt_step(s) != JP_DB_DONE)
		rc = jp_store__db_error(st, err, "cannot add the user");
	jp_stmt_finalize(s);
	return rc;
}

static int fill_user(struct jp_stmt *s, struct jp_arena *a, struct jp_user *u)
{
	const char *login = jp_col_text(s, 1);
	const char *agency = jp_col_text(s, 3);
	const char *created = jp_col_text(s, 5);

	memset(u, 0, sizeof(*u));
	u->id = jp_col_int64(s, 0);
	u->login = jp_arena_strdup(a, login ? login : "");
	u->role = (enum jp_role)jp_role_parse(jp_col_text(s, 2));
	u->agency = agency ? jp_arena_strdup(a, agency) : NULL;
	u->disabled = jp_col_int(s, 4) != 0;
	u->created_at = jp_arena_strdup(a, created ? created : "");
	return u->login && u->created_at && (!agency || u->agency) ? 0 : JP_ERROR;
}

#define USER_COLS "SELECT id, login, role, agency, disabled, created_at, pwhash FROM account"

int jp_store_user_get(jp_store *st, const char *login, struct jp_arena *arena,
		      struct jp_user *out, char **pwhash_out, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, USER_COLS " WHERE login = ?1", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, login);
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW) {
		rc = fill_user(s, arena, out) < 0 ? jp_error_set(err, JP_ERROR, "out of memory") : 0;
		if (rc == 0 && pwhash_out) {
			*pwhash_out = jp_strdup(jp_col_text(s, 6));
			if (!*pwhash_out)
				rc = jp_error_set(err, JP_ERROR, "out of memory");
		}
	} else if (rc == JP_DB_DONE) {
		rc = jp_error_set(err, JP_ENOTFOUND, "no user '%s'", login);
	} else {
		rc = jp_store__db_error(st, err, "cannot read users");
	}
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_user_get_id(jp_store *st, int64_t id, struct jp_arena *arena,
			 struct jp_user *out, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, USER_COLS " WHERE id = ?1", err)) < 0)
		return rc;
	jp_stmt_int64(s, 1, id);
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW)
		rc = fill_user(s, arena, out) < 0 ? jp_error_set(err, JP_ERROR, "out of memory") : 0;
	else if (rc == JP_DB_DONE)
		rc = jp_error_set(err, JP_ENOTFOUND, "no user %lld", (long long)id);
	else
		rc = jp_store__db_error(st, err, "cannot read users");
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_user_list(jp_store *st, struct jp_arena *arena, struct jp_user **out,
		       size_t *n, struct jp_error *err)
{
	struct jp_stmt *s;
	struct jp_user *u = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	if ((rc = jp_store__prepare(st, &s, USER_COLS " ORDER BY login", err)) < 0)
		return rc;
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW) {
		u = jp_arena_grow(arena, u, cnt, &cap, sizeof(*u));
		if (!u || fill_user(s, arena, &u[cnt]) < 0) {
			jp_stmt_finalize(s);
			return jp_error_set(err, JP_ERROR, "out of memory");
		}
		cnt++;
	}
	rc = rc == JP_DB_DONE ? 0 : jp_store__db_error(st, err, "cannot list users");
	jp_stmt_finalize(s);
	if (rc == 0) {
		*out = u;
		*n = cnt;
	}
	return rc;
}

size_t jp_store_user_count(jp_store *st)
{
	struct jp_stmt *s;
	size_t n = 0;

	if (jp_store__prepare(st, &s, "SELECT count(*) FROM account", NULL) < 0)
		return 0;
	if (jp_stmt_step(s) == JP_DB_ROW)
		n = (size_t)jp_col_int64(s, 0);
	jp_stmt_finalize(s);
	return n;
}

static int changed_one(jp_store *st, const char *login, struct jp_error *err)
{
	if (jp_store__db(st)->ops->changes(jp_store__db(st)) == 0)
		return jp_error_set(err, JP_ENOTFOUND, "no user '%s'", login);
	return 0;
}

int jp_store_user_set_password(jp_store *st, const char *login, const char *pwhash,
			       struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "UPDATE account SET pwhash = ?2 WHERE login = ?1", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, login);
	jp_stmt_text(s, 2, pwhash);
	if ((rc = one(st, s, err)) < 0)
		return rc;
	return changed_one(st, login, err);
}

/* JP_ECONFLICT when `login` is the last enabled admin: someone must remain. */
static int refuse_last_admin(jp_store *st, const char *login, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT (SELECT count(*) FROM account WHERE login = ?1"
				    " AND role = 'admin' AND disabled = 0), (SELECT count(*) FROM account"
				    " WHERE role = 'admin' AND disabled = 0)", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, login);
	if (jp_stmt_step(s) != JP_DB_ROW)
		rc = jp_store__db_error(st, err, "cannot read the users");
	else if (jp_col_int(s, 0) == 1 && jp_col_int(s, 1) <= 1)
		rc = jp_error_set(err, JP_ECONFLICT, "'%s' is the last enabled admin; "
				  "add another admin first", login);
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_user_disable(jp_store *st, const char *login, struct jp_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM session WHERE user_id = (SELECT id FROM account WHERE login = ?1)",
		"DELETE FROM api_token WHERE user_id = (SELECT id FROM account WHERE login = ?1)",
		"UPDATE account SET disabled = 1 WHERE login = ?1",
	};
	int rc;

	if ((rc = jp_store__savepoint(st, err)) < 0)
		return rc;
	rc = refuse_last_admin(st, login, err);
	for (size_t i = 0; i < JP_ARRAY_LEN(sql) && rc == 0; i++) {
		struct jp_stmt *s;

		if ((rc = jp_store__prepare(st, &s, sql[i], err)) < 0)
			break;
		jp_stmt_text(s, 1, login);
		rc = one(st, s, err);
		if (rc == 0 && i + 1 == JP_ARRAY_LEN(sql))
			rc = changed_one(st, login, err);
	}
	return jp_store__release(st, rc, err);
}

int jp_store_session_add(jp_store *st, const char *token_hash, int64_t user,
			 const char *csrf, int64_t now, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "INSERT INTO session(token_hash, user_id, csrf,"
				    " created, last_seen) VALUES (?1, ?2, ?3, ?4, ?4)", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, token_hash);
	jp_stmt_int64(s, 2, user);
	jp_stmt_text(s, 3, csrf);
	jp_stmt_int64(s, 4, now);
	return one(st, s, err);
}

int jp_store_session_get(jp_store *st, const char *token_hash, int64_t *user,
			 char csrf[65], int64_t *created, int64_t *last_seen,
			 struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT user_id, csrf, created, last_seen"
				    " FROM session WHERE token_hash = ?1", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, token_hash);
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW) {
		*user = jp_col_int64(s, 0);
		snprintf(csrf, 65, "%s", jp_col_text(s, 1));
		*created = jp_col_int64(s, 2);
		*last_seen = jp_col_int64(s, 3);
		rc = 0;
	} else {
		rc = rc == JP_DB_DONE ? jp_error_set(err, JP_ENOTFOUND, "no such session")
				       : jp_store__db_error(st, err, "cannot read sessions");
	}
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_session_touch(jp_store *st, const char *token_hash, int64_t now,
			   struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "UPDATE session SET last_seen = ?2 WHERE token_hash = ?1",
				    err)) < 0)
		return rc;
	jp_stmt_text(s, 1, token_hash);
	jp_stmt_int64(s, 2, now);
	return one(st, s, err);
}

int jp_store_session_delete(jp_store *st, const char *token_hash, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "DELETE FROM session WHERE token_hash = ?1", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, token_hash);
	return one(st, s, err);
}

int jp_store_session_purge(jp_store *st, int64_t created_before, int64_t seen_before,
			   struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "DELETE FROM session WHERE created < ?1"
				    " OR last_seen < ?2", err)) < 0)
		return rc;
	jp_stmt_int64(s, 1, created_before);
	jp_stmt_int64(s, 2, seen_before);
	return one(st, s, err);
}

int jp_store_token_add(jp_store *st, const char *token_hash, int64_t user,
		       const char *label, struct jp_error *err)
{
	return jp_store_token_add_expiring(st, token_hash, user, label, 0, NULL, err);
}

int jp_store_token_add_expiring(jp_store *st, const char *token_hash, int64_t user,
				const char *label, int64_t expires_at, int64_t *id_out,
				struct jp_error *err)
{
	struct jp_stmt *s;
	char now[32];
	int rc;

	if ((rc = jp_store__prepare(st, &s, "INSERT INTO api_token(token_hash, user_id, label,"
				    " created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", err)) < 0)
		return rc;
	jp_store__now(now, sizeof(now));
	jp_stmt_text(s, 1, token_hash);
	jp_stmt_int64(s, 2, user);
	jp_stmt_text(s, 3, label);
	jp_stmt_text(s, 4, now);
	jp_stmt_int64(s, 5, expires_at);
	int64_t id = jp_store__insert_id(st, s, err);

	if (id < 0)
		rc = JP_ERROR;
	else if (id_out)
		*id_out = id;
	jp_stmt_finalize(s);
	return rc;
}

static int token_rows(jp_store *st, struct jp_stmt *s, struct jp_arena *arena,
		      struct jp_token_info **out, size_t *n, struct jp_error *err)
{
	struct jp_token_info *t = NULL;
	size_t cnt = 0, cap = 0;
	bool oom = false;
	int rc;

	while ((rc = jp_stmt_step(s)) == JP_DB_ROW) {
		const char *label = jp_col_text(s, 2);

		t = jp_arena_grow(arena, t, cnt, &cap, sizeof(*t));
		if (!t) {
			oom = true;
			break;
		}
		t[cnt].id = jp_col_int64(s, 0);
		t[cnt].login = jp_arena_strdup(arena, jp_col_text(s, 1));
		t[cnt].label = label ? jp_arena_strdup(arena, label) : NULL;
		t[cnt].created_at = jp_arena_strdup(arena, jp_col_text(s, 3));
		t[cnt].expires_at = jp_col_int64(s, 4);
		oom = oom || !t[cnt].login || !t[cnt].created_at;
		cnt++;
	}
	rc = oom ? jp_error_set(err, JP_ERROR, "out of memory") :
	     rc == JP_DB_DONE ? 0 : jp_store__db_error(st, err, "cannot read tokens");
	jp_stmt_finalize(s);
	if (rc == 0) {
		*out = t;
		*n = cnt;
	}
	return rc;
}

#define TOKEN_SELECT "SELECT t.id, u.login, t.label, t.created_at, coalesce(t.expires_at, 0)" \
		     " FROM api_token t JOIN account u ON u.id = t.user_id"

int jp_store_token_list(jp_store *st, const char *login, struct jp_arena *arena,
			struct jp_token_info **out, size_t *n, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, TOKEN_SELECT " WHERE CAST(?1 AS TEXT) IS NULL OR u.login = ?1"
				    " ORDER BY t.id", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, login);
	return token_rows(st, s, arena, out, n, err);
}

int jp_store_token_info(jp_store *st, int64_t id, struct jp_arena *arena,
			struct jp_token_info *out, struct jp_error *err)
{
	struct jp_token_info *t = NULL;
	struct jp_stmt *s;
	size_t n = 0;
	int rc;

	if ((rc = jp_store__prepare(st, &s, TOKEN_SELECT " WHERE t.id = ?1", err)) < 0)
		return rc;
	jp_stmt_int64(s, 1, id);
	if ((rc = token_rows(st, s, arena, &t, &n, err)) < 0)
		return rc;
	if (!n)
		return jp_error_set(err, JP_ENOTFOUND, "no token %lld", (long long)id);
	*out = t[0];
	return 0;
}

int jp_store_token_revoke(jp_store *st, int64_t id, struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "DELETE FROM api_token WHERE id = ?1", err)) < 0)
		return rc;
	jp_stmt_int64(s, 1, id);
	if ((rc = one(st, s, err)) < 0)
		return rc;
	if (jp_store__db(st)->ops->changes(jp_store__db(st)) != 1)
		return jp_error_set(err, JP_ENOTFOUND, "no token %lld", (long long)id);
	return 0;
}

int jp_store_user_end_sessions(jp_store *st, const char *login, struct jp_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM session WHERE user_id = (SELECT id FROM account WHERE login = ?1)",
		"DELETE FROM api_token WHERE user_id = (SELECT id FROM account WHERE login = ?1)",
	};
	int rc = 0;

	for (size_t i = 0; i < JP_ARRAY_LEN(sql) && rc == 0; i++) {
		struct jp_stmt *s;

		if ((rc = jp_store__prepare(st, &s, sql[i], err)) < 0)
			break;
		jp_stmt_text(s, 1, login);
		rc = one(st, s, err);
	}
	return rc;
}

int jp_store_token_get(jp_store *st, const char *token_hash, int64_t *user,
		       struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT user_id FROM api_token WHERE token_hash = ?1"
				    " AND (expires_at IS NULL OR expires_at = 0 OR expires_at > ?2)",
				    err)) < 0)
		return rc;
	jp_stmt_text(s, 1, token_hash);
	jp_stmt_int64(s, 2, time(NULL));
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW) {
		*user = jp_col_int64(s, 0);
		rc = 0;
	} else {
		rc = rc == JP_DB_DONE ? jp_error_set(err, JP_ENOTFOUND, "no such token")
				       : jp_store__db_error(st, err, "cannot read tokens");
	}
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_token_user(jp_store *st, const char *token_hash, int64_t now,
			struct jp_arena *arena, struct jp_user *out, int64_t *expires_at,
			struct jp_error *err)
{
	struct jp_stmt *s;
	struct jp_user u;
	int rc;

	/* prepared once per connection: every request with a new token (or
	 * after a write) comes here */
	if ((rc = jp_store__cached(st, &s, "SELECT u.id, u.login, u.role, u.agency, u.disabled,"
				   " u.created_at, coalesce(t.expires_at, 0)"
				   " FROM api_token t JOIN account u ON u.id = t.user_id"
				   " WHERE t.token_hash = ?1 AND u.disabled = 0"
				   " AND (t.expires_at IS NULL OR t.expires_at = 0 OR t.expires_at > ?2)",
				   err)) < 0)
		return rc;
	jp_stmt_text(s, 1, token_hash);
	jp_stmt_int64(s, 2, now);
	rc = jp_stmt_step(s);
	if (rc == JP_DB_ROW) {
		if (fill_user(s, arena, &u) < 0) {
			rc = jp_error_set(err, JP_ERROR, "out of memory");
		} else {
			*expires_at = jp_col_int64(s, 6);
			*out = u;
			rc = 0;
		}
	} else {
		rc = rc == JP_DB_DONE ? jp_error_set(err, JP_ENOTFOUND, "no such token")
				       : jp_store__db_error(st, err, "cannot read tokens");
	}
	jp_stmt_reset(s);
	return rc;
}

/* The stored form of a typed login (see store.h): bounded whatever its size. */
static void failure_key(char out[JP_LOGIN_KEY_PREFIX + 20], const char *login)
{
	uint64_t h = 1469598103934665603ull;      /* FNV-1a */
	size_t n = 0, len = strlen(login);

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)login[i];
		h *= 1099511628211ull;
	}
	n = len < JP_LOGIN_KEY_PREFIX ? len : JP_LOGIN_KEY_PREFIX;
	while (n < len && n && ((unsigned char)login[n] & 0xc0) == 0x80)
		n--;                                /* not in the middle of a character */
	for (size_t i = 0; i < n; i++)
		out[i] = login[i] >= 'A' && login[i] <= 'Z' ? (char)(login[i] - 'A' + 'a') : login[i];
	snprintf(out + n, JP_LOGIN_KEY_PREFIX + 20 - n, "#%016llx", (unsigned long long)h);
}

int jp_store_login_failures(jp_store *st, const char *login, const char *address,
			    int64_t since, struct jp_error *err)
{
	struct jp_stmt *s;
	char key[JP_LOGIN_KEY_PREFIX + 20];
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT count(*) FROM login_failure WHERE login = ?1"
				    " AND address = ?2 AND at >= ?3", err)) < 0)
		return rc;
	failure_key(key, login);
	jp_stmt_text(s, 1, key);
	jp_stmt_text(s, 2, address);
	jp_stmt_int64(s, 3, since);
	rc = jp_stmt_step(s) == JP_DB_ROW ? jp_col_int(s, 0)
					   : jp_store__db_error(st, err, "cannot read failures");
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_login_failure_add(jp_store *st, const char *login, const char *address,
			       int64_t now, struct jp_error *err)
{
	struct jp_stmt *s;
	char key[JP_LOGIN_KEY_PREFIX + 20];
	int rc;

	/* rows come in time order: the oldest are first by id */
	if ((rc = jp_store__prepare(st, &s, "DELETE FROM login_failure WHERE id IN"
				    " (SELECT id FROM login_failure WHERE at < ?1"
				    " ORDER BY id LIMIT 100)", err)) < 0)
		return rc;
	jp_stmt_int64(s, 1, now - JP_LOGIN_FAILURE_KEEP);
	if ((rc = one(st, s, err)) < 0)
		return rc;
	if ((rc = jp_store__prepare(st, &s, "INSERT INTO login_failure(login, address, at)"
				    " VALUES (?1, ?2, ?3)", err)) < 0)
		return rc;
	failure_key(key, login);
	jp_stmt_text(s, 1, key);
	jp_stmt_text(s, 2, address);
	jp_stmt_int64(s, 3, now);
	return one(st, s, err);
}

int jp_store_login_failures_clear(jp_store *st, const char *login, const char *address,
				  struct jp_error *err)
{
	struct jp_stmt *s;
	char key[JP_LOGIN_KEY_PREFIX + 20];
	int rc;

	if ((rc = jp_store__prepare(st, &s, "DELETE FROM login_failure WHERE login = ?1"
				    " AND address = ?2", err)) < 0)
		return rc;
	failure_key(key, login);
	jp_stmt_text(s, 1, key);
	jp_stmt_text(s, 2, address);
	return one(st, s, err);
}

static int count_failures(jp_store *st, const char *sql, const char *key, int64_t since,
			  struct jp_error *err)
{
	struct jp_stmt *s;
	int rc;

	if ((rc = jp_store__prepare(st, &s, sql, err)) < 0)
		return rc;
	jp_stmt_text(s, 1, key);
	jp_stmt_int64(s, 2, since);
	rc = jp_stmt_step(s) == JP_DB_ROW ? jp_col_int(s, 0)
					   : jp_store__db_error(st, err, "cannot read failures");
	jp_stmt_finalize(s);
	return rc;
}

int jp_store_login_attempt(jp_store *st, const char *login, const char *address,
			   int64_t since, int64_t now, int max_login, int max_address,
			   struct jp_error *err)
{
	char key[JP_LOGIN_KEY_PREFIX + 20];
	int rc, n;

	failure_key(key, login);   /* failures are stored by their bounded key */
	if ((rc = jp_store_begin(st, err)) < 0)
		return rc;
	if ((n = rc = count_failures(st, "SELECT count(*) FROM login_failure"
				     " WHERE login = ?1 AND at >= ?2", key, since, err)) < 0)
		goto done;
	if (n >= max_login) {
		rc = jp_error_set(err, JP_EBUSY, "too many failed logins for '%s'", login);
		goto done;
	}
	if ((n = rc = count_failures(st, "SELECT count(*) FROM login_failure"
				     " WHERE address = ?1 AND at >= ?2", address, since, err)) < 0)
		goto done;
	if (n >= max_address) {
		rc = jp_error_set(err, JP_EBUSY, "too many failed logins from '%s'", address);
		goto done;
	}
	if ((rc = jp_store_login_failure_add(st, login, address, now, err)) < 0)
		goto done;
	rc = jp_store_commit(st, err);
done:
	if (rc < 0)
		jp_store_rollback(st);
	return rc;
}

int jp_store_login_succeeded(jp_store *st, const char *login, struct jp_error *err)
{
	char key[JP_LOGIN_KEY_PREFIX + 20];
	struct jp_stmt *s;
	int rc;

	failure_key(key, login);
	if ((rc = jp_store__prepare(st, &s, "DELETE FROM login_failure WHERE login = ?1", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, key);
	return one(st, s, err);
}

int jp_store_audit(jp_store *st, const char *who, const char *action,
		   const char *object, const char *before, const char *after,
		   struct jp_error *err)
{
	struct jp_stmt *s;
	char now[32];
	int rc;

	if ((rc = jp_store__cached(st, &s, "INSERT INTO audit(at, who, action, object, before, after)"
				    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err)) < 0)
		return rc;
	jp_store__now(now, sizeof(now));
	jp_stmt_text(s, 1, now);
	jp_stmt_text(s, 2, who);
	jp_stmt_text(s, 3, action);
	jp_stmt_text(s, 4, object);
	jp_stmt_text(s, 5, before);
	jp_stmt_text(s, 6, after);
	return jp_store__step_done(st, s, err);
}

int jp_store_audit_list(jp_store *st, size_t limit, struct jp_arena *arena,
			struct jp_audit_entry **out, size_t *n, struct jp_error *err)
{
	struct jp_audit_query q = { NULL, NULL, NULL, 0, limit, 0 };

	return jp_store_audit_query(st, &q, arena, out, n, err);
}

int jp_store_audit_page(jp_store *st, size_t offset, size_t limit, struct jp_arena *arena,
			struct jp_audit_entry **out, size_t *n, struct jp_error *err)
{
	struct jp_audit_query q = { NULL, NULL, NULL, 0, limit, offset };

	return jp_store_audit_query(st, &q, arena, out, n, err);
}

int jp_store_audit_query(jp_store *st, const struct jp_audit_query *q, struct jp_arena *arena,
			 struct jp_audit_entry **out, size_t *n, struct jp_error *err)
{
	struct jp_stmt *s;
	struct jp_audit_entry *e = NULL;
	size_t cnt = 0, cap = 0, alen = q->action ? strlen(q->action) : 0;
	bool prefix = alen && q->action[alen - 1] == '.';
	int rc;

	if ((rc = jp_store__prepare(st, &s, "SELECT id, at, who, action, object, before, after"
				    " FROM audit WHERE (CAST(?1 AS TEXT) IS NULL OR at >= ?1)"
				    " AND (CAST(?2 AS TEXT) IS NULL OR who = ?2)"
				    " AND (CAST(?3 AS TEXT) IS NULL OR action = ?3"
				    " OR (?4 = 1 AND substr(action, 1, CAST(?5 AS INTEGER)) = ?3))"
				    " AND (?6 = 0 OR id < ?6)"
				    " ORDER BY id DESC LIMIT ?7 OFFSET ?8", err)) < 0)
		return rc;
	jp_stmt_text(s, 1, q->since && *q->since ? q->since : NULL);
	jp_stmt_text(s, 2, q->who && *q->who ? q->who : NULL);
	jp_stmt_text(s, 3, alen ? q->action : NULL);
	jp_stmt_int64(s, 4, prefix);
	jp_stmt_int64(s, 5, alen);
	jp_stmt_int64(s, 6, q->before_id);
	jp_stmt_int64(s, 7, (q->limit ? q->limit : 100));
	jp_stmt_int64(s, 8, q->offset);
	while ((rc = jp_stmt_step(s)) == JP_DB_ROW) {
		const char *cols[6];

		e = jp_arena_grow(arena, e, cnt, &cap, sizeof(*e));
		if (!e)
			break;
		for (int i = 0; i < 6; i++) {
			const char *v = jp_col_text(s, i + 1);

			cols[i] = v ? jp_arena_strdup(arena, v) : NULL;
		}
		e[cnt].id = jp_col_int64(s, 0);
		e[cnt].at = cols[0];
		e[cnt].who = cols[1];
		e[cnt].action = cols[2];
		e[cnt].object = cols[3];
		e[cnt].before = cols[4];
		e[cnt].after = cols[5];
		cnt++;
	}
	if (!e && rc == JP_DB_ROW) {
		jp_stmt_finalize(s);
		return jp_error_set(err, JP_ERROR, "out of memory");
	}
	rc = rc == JP_DB_DONE ? 0 : jp_store__db_error(st, err, "cannot read the audit log");
	jp_stmt_finalize(s);
	if (rc == 0) {
		*out = e;
		*n = cnt;
	}
	return rc;
}
