/*
 * account.h - users, roles and the audit log, as values.
 *
 * Roles: an admin manages users and plans; a coordinator sees the whole
 * plan and accepts or returns reports; an executor belongs to one agency
 * and reports only where that agency is an executor; a viewer reads.
 * The store keeps them (store/store.h); the server checks them
 * (server/auth.c).
 */
#ifndef JP_ACCOUNT_H
#define JP_ACCOUNT_H

#include <stdint.h>
#include <stdbool.h>

enum jp_role {
	JP_ROLE_VIEWER = 1,
	JP_ROLE_EXECUTOR = 2,
	JP_ROLE_COORDINATOR = 3,
	JP_ROLE_ADMIN = 4
};

struct jp_user {
	int64_t id;
	const char *login;
	enum jp_role role;
	const char *agency;        /* executors only, else NULL */
	bool disabled;
	const char *created_at;
};

struct jp_audit_entry {
	int64_t id;
	const char *at;            /* UTC timestamp */
	const char *who;           /* login, or "cli:USER" */
	const char *action;        /* "report.submit", "user.add", ... */
	const char *object;        /* "report/12", "user/ivanov" */
	const char *before;        /* JSON, or NULL */
	const char *after;         /* JSON, or NULL */
};

/* "admin", "coordinator", "executor", "viewer" <-> the enum; -1 if unknown. */
int jp_role_parse(const char *s);
const char *jp_role_name(enum jp_role r);

struct jp_error;

/*
 * Logins: 1 to JP_LOGIN_MAX characters, letters of the Latin or of the
 * Cyrillic alphabet (Kazakh letters included) but not both, digits, and
 * '.', '_', '-' after the first character.  So a login never needs
 * escaping in a path, and never mixes scripts to look like another.
 * JP_EINVALID names the character at fault.
 */
#define JP_LOGIN_MAX 64
int jp_login_check(const char *login, struct jp_error *err);
/*
 * The login reduced to what it looks like: case folded, accents dropped,
 * Cyrillic letters that look Latin made Latin, 0->o, 1/i->l, m->rn,
 * separators dropped.  Two logins with one skeleton are look-alikes.
 * Caller frees with jp_free().
 */
char *jp_login_skeleton(const char *login);

#endif
