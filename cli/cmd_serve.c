/*
 * cmd_serve.c - `jospar serve` runs the web server, and `jospar user`
 * manages its users.
 */
#include "cli.h"
#include "alloc.h"
#include "server.h"
#include "account.h"
#include "ledger.h"
#include "table.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <time.h>
#include <termios.h>
#include <unistd.h>

static const char *opt_listen = "127.0.0.1:8292", *opt_threads, *opt_log, *opt_tls_cert,
		  *opt_tls_key, *opt_role, *opt_agency, *opt_label, *opt_by, *opt_days, *opt_proxy,
		  *opt_request_timeout, *opt_plan_cache, *opt_per_address, *opt_cache_mb;

const struct cli_opt *opts_serve(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "listen", 'l', &opt_listen, "ADDR:PORT", "where to listen (default 127.0.0.1:8292; port 0 picks one)" },
		{ OPT_STRING, "threads", 0, &opt_threads, "N", "worker threads (default 4)" },
		{ OPT_STRING, "access-log", 0, &opt_log, "FILE", "append an access log (JSON lines) to FILE ('-': stderr)" },
		{ OPT_STRING, "trusted-proxy", 0, &opt_proxy, "ADDR", "believe X-Forwarded-For from this peer only (a reverse proxy)" },
		{ OPT_STRING, "request-timeout", 0, &opt_request_timeout, "SECONDS", "headers and body must arrive within this (default 20)" },
		{ OPT_STRING, "max-per-address", 0, &opt_per_address, "N", "connections (or forwarded requests) per client address (default 32)" },
		{ OPT_STRING, "plan-cache", 0, &opt_plan_cache, "MIB", "memory for plans as of a date (default 64)" },
		{ OPT_STRING, "cache-mb", 0, &opt_cache_mb, "MIB", "memory for whole answers to GET requests (default 32; 0: none)" },
		{ OPT_STRING, "tls-cert", 0, &opt_tls_cert, "FILE", "serve HTTPS with this PEM certificate (chain)" },
		{ OPT_STRING, "tls-key", 0, &opt_tls_key, "FILE", "the PEM private key of --tls-cert" },
		OPT_END_MARK
	};
	return o;
}

const struct cli_opt *opts_user(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "role", 'r', &opt_role, "ROLE", "add: admin, coordinator, executor or viewer" },
		{ OPT_STRING, "agency", 'a', &opt_agency, "ABBR", "add: the executor's agency" },
		{ OPT_STRING, "label", 0, &opt_label, "TEXT", "token: what the token is for" },
		{ OPT_STRING, "days", 0, &opt_days, "N", "token: how many days it lives (default 90)" },
		{ OPT_STRING, "by", 0, &opt_by, "WHO", "who acts: a stored user's login, else the local operator (default: $USER)" },
		OPT_END_MARK
	};
	return o;
}

/* A password from standard input: prompted without echo on a terminal. */
static int read_password(char *buf, size_t n, const char *prompt)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO);
	size_t len;

	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	if (!fgets(buf, (int)n, stdin))
		buf[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stderr);
	}
	len = strlen(buf);
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return len ? 0 : -1;
}

/* `jospar user tokens LOGIN`: the tokens, never the tokens themselves. */
static int list_tokens(struct cli *c, const char *login)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_arena a = JP_ARENA_INIT;
	struct jp_table t = JP_TABLE_INIT;
	struct jp_buf b = JP_BUF_INIT;
	struct jp_token_info *tk = NULL;
	size_t n = 0;
	int rc;

	if (jp_store_token_list(c->store, login, &a, &tk, &n, &err) < 0) {
		jp_arena_release(&a);
		return cli_report(&err);
	}
	jp_table_add_col(&t, "ID", 0, true);
	jp_table_add_col(&t, "Label", 30, false);
	jp_table_add_col(&t, "Created", 0, false);
	jp_table_add_col(&t, "Expires", 0, false);
	for (size_t i = 0; i < n; i++) {
		time_t e = (time_t)tk[i].expires_at;
		struct tm tm;
		char exp[32] = "never";

		if (e && gmtime_r(&e, &tm))
			strftime(exp, sizeof(exp), "%Y-%m-%dT%H:%M:%SZ", &tm);
		jp_table_cellf(&t, "%lld", (long long)tk[i].id);
		jp_table_cell(&t, tk[i].label ? tk[i].label : "");
		jp_table_cell(&t, tk[i].created_at);
		jp_table_cell(&t, exp);
	}
	if (n)
		jp_table_render(&t, &b);
	jp_buf_addf(&b, "%s%zu token%s of '%s'\n", n ? "\n" : "", n, n == 1 ? "" : "s", login);
	rc = cli_write(c, &b, NULL);
	jp_table_release(&t);
	jp_buf_release(&b);
	jp_arena_release(&a);
	return rc;
}

/* The verbs that change something: each is one ledger action. */
static int user_write(struct cli *c, const char *verb, const char *arg)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_ledger l;
	char pw[512], what[64];
	int rc;

	snprintf(what, sizeof(what), "user %s", verb);
	if ((rc = cli_ledger(c, opt_by, &l, &arena)) != CLI_OK)
		goto done;
	if (!strcmp(verb, "add")) {
		struct jp_user u;
		int role = opt_role ? jp_role_parse(opt_role) : -1;

		if (role < 0) {
			rc = cli_error(CLI_USAGE, "user add: give --role admin, coordinator, executor or viewer");
			goto done;
		}
		if (read_password(pw, sizeof(pw), "password: ") < 0) {
			rc = cli_error(CLI_USAGE, "user add: give the password on standard input");
			goto done;
		}
		memset(&u, 0, sizeof(u));
		u.login = arg;
		u.role = (enum jp_role)role;
		u.agency = opt_agency;
		if (jp_ledger_user_add(&l, &u, pw, &err) < 0) {
			rc = cli_fail(what, &err);
			goto done;
		}
		fprintf(c->out, "user '%s' added (%s%s%s)\n", u.login, jp_role_name(u.role),
			u.agency ? ", " : "", u.agency ? u.agency : "");
	} else if (!strcmp(verb, "passwd")) {
		if (read_password(pw, sizeof(pw), "new password: ") < 0) {
			rc = cli_error(CLI_USAGE, "user passwd: give the password on standard input");
			goto done;
		}
		if (jp_ledger_user_passwd(&l, arg, pw, &err) < 0) {
			rc = cli_fail(what, &err);
			goto done;
		}
		fprintf(c->out, "password of '%s' changed; its sessions and tokens are ended\n", arg);
	} else if (!strcmp(verb, "disable")) {
		if (jp_ledger_user_disable(&l, arg, &err) < 0) {
			rc = cli_fail(what, &err);
			goto done;
		}
		fprintf(c->out, "user '%s' disabled; its sessions and tokens are ended\n", arg);
	} else if (!strcmp(verb, "token")) {
		char token[65], *end = NULL;
		long days = opt_days ? strtol(opt_days, &end, 10) : 0;
		int64_t id;

		if (opt_days && (*end || days < 1)) {
			rc = cli_error(CLI_USAGE, "user token: --days takes a whole number of days");
			goto done;
		}
		if (jp_ledger_token_create(&l, arg, opt_label, (int)days, token, &id, &err) < 0) {
			rc = cli_fail(what, &err);
			goto done;
		}
		fprintf(c->out, "%s\n", token);
		fprintf(stderr, "token %lld of '%s' (shown once; revoke: jospar user revoke %lld)\n",
			(long long)id, arg, (long long)id);
	} else {   /* revoke */
		char *end;
		long long id = strtoll(arg, &end, 10);

		if (*end || end == arg) {
			rc = cli_error(CLI_USAGE, "user revoke: give the token's id (see 'jospar user tokens LOGIN')");
			goto done;
		}
		if (jp_ledger_token_revoke(&l, id, &err) < 0) {
			rc = cli_fail(what, &err);
			goto done;
		}
		fprintf(c->out, "token %lld revoked\n", id);
	}
	rc = CLI_OK;
done:
	memset(pw, 0, sizeof(pw));
	jp_arena_release(&arena);
	return rc;
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	const char *verb = argc > 0 ? argv[0] : "";

	if (!strcmp(verb, "list") && argc == 1) {
		struct jp_arena a = JP_ARENA_INIT;
		struct jp_table t = JP_TABLE_INIT;
		struct jp_buf b = JP_BUF_INIT;
		struct jp_user *u = NULL;
		size_t n = 0;
		int rc;

		if (jp_store_user_list(c->store, &a, &u, &n, &err) < 0)
			return cli_report(&err);
		jp_table_add_col(&t, "Login", 0, false);
		jp_table_add_col(&t, "Role", 0, false);
		jp_table_add_col(&t, "Agency", 0, false);
		jp_table_add_col(&t, "State", 0, false);
		jp_table_add_col(&t, "Since", 0, false);
		for (size_t i = 0; i < n; i++) {
			jp_table_cell(&t, u[i].login);
			jp_table_cell(&t, jp_role_name(u[i].role));
			jp_table_cell(&t, u[i].agency ? u[i].agency : "");
			jp_table_cell(&t, u[i].disabled ? "disabled" : "active");
			jp_table_cell(&t, u[i].created_at);
		}
		if (n)
			jp_table_render(&t, &b);
		jp_buf_addf(&b, "%s%zu user%s\n", n ? "\n" : "", n, n == 1 ? "" : "s");
		rc = cli_write(c, &b, NULL);
		jp_table_release(&t);
		jp_buf_release(&b);
		jp_arena_release(&a);
		return rc;
	}
	if (argc != 2)
		return cli_error(CLI_USAGE, "user: give add LOGIN, passwd LOGIN, list, disable LOGIN,"
				 " token LOGIN, tokens LOGIN or revoke ID");
	if (!strcmp(verb, "tokens"))
		return list_tokens(c, argv[1]);
	if (!strcmp(verb, "add") || !strcmp(verb, "passwd") || !strcmp(verb, "disable") ||
	    !strcmp(verb, "token") || !strcmp(verb, "revoke"))
		return user_write(c, verb, argv[1]);
	return cli_error(CLI_USAGE, "user: unknown verb '%s'", verb);
}

/* A whole number from lo to hi, or -1. */
static long number(const char *s, long lo, long hi)
{
	char *end;
	long n = strtol(s, &end, 10);

	return end == s || *end || n < lo || n > hi ? -1 : n;
}

/* A stop that takes longer than this ends the process all the same: every
 * answered write is durable already (WAL, synchronous=FULL). */
#define STOP_SECONDS 4

static void *stop_watchdog(void *cls)
{
	(void)cls;
	sleep(STOP_SECONDS);
	fprintf(stderr, "jospar: requests still under way after %d s; stopped all the same\n",
		STOP_SECONDS);
	_exit(1);
	return NULL;
}

static int serve(struct cli *c, int argc, char **argv, const char *cert, const char *key);

/* A PEM file, at most 1 MiB, as a NUL-terminated text. */
static int read_pem(const char *path, struct jp_buf *b, struct jp_error *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[16384];
	size_t n;

	if (!f)
		return jp_error_set(err, errno == ENOENT ? JP_ENOTFOUND : JP_ERROR,
				    "cannot open '%s': %s", path, strerror(errno));
	jp_buf_set_limit(b, 1024 * 1024);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		jp_buf_add(b, chunk, n);
	fclose(f);
	if (jp_buf_oom(b))
		return jp_error_set(err, JP_EINVALID, "'%s' is larger than 1 MiB", path);
	if (!strstr(b->ptr, "-----BEGIN "))
		return jp_error_set(err, JP_EINVALID, "'%s' is not a PEM file", path);
	return 0;
}

int cmd_serve(struct cli *c, int argc, char **argv)
{
	struct jp_buf cert = JP_BUF_INIT, key = JP_BUF_INIT;
	int rc;

	if ((opt_tls_cert != NULL) != (opt_tls_key != NULL))
		return cli_error(CLI_USAGE, "serve: give --tls-cert and --tls-key together");
	if (opt_tls_cert) {
		struct jp_error err = JP_ERROR_INIT;

		if (read_pem(opt_tls_cert, &cert, &err) < 0 || read_pem(opt_tls_key, &key, &err) < 0) {
			rc = cli_report(&err);
			goto done;
		}
	}
	rc = serve(c, argc, argv, opt_tls_cert ? cert.ptr : NULL, opt_tls_cert ? key.ptr : NULL);
done:
	sodium_memzero(key.ptr, key.len);
	jp_buf_release(&cert);
	jp_buf_release(&key);
	return rc;
}

static int serve(struct cli *c, int argc, char **argv, const char *cert, const char *key)
{
	pthread_t watchdog;
	struct jp_server_config cfg = JP_SERVER_CONFIG_INIT;
	struct jp_error err = JP_ERROR_INIT;
	jp_server *srv = NULL;
	char addr[64];
	const char *colon = strrchr(opt_listen, ':');
	sigset_t set;
	int sig;

	if (argc > 0)
		return cli_error(CLI_USAGE, "serve: unexpected argument '%s'", argv[0]);
	if (!colon || (size_t)(colon - opt_listen) >= sizeof(addr))
		return cli_error(CLI_USAGE, "serve: --listen takes ADDRESS:PORT, like 127.0.0.1:8292");
	memcpy(addr, opt_listen, (size_t)(colon - opt_listen));
	addr[colon - opt_listen] = '\0';
	{
		char *end;
		long port = strtol(colon + 1, &end, 10), th = 4;

		if (*end || port < 0 || port > 65535)
			return cli_error(CLI_USAGE, "serve: '%s' is not a port", colon + 1);
		if (opt_threads) {
			th = strtol(opt_threads, &end, 10);
			if (*end || th < 1 || th > 64)
				return cli_error(CLI_USAGE, "serve: --threads takes 1 to 64");
		}
		cfg.port = (unsigned)port;
		cfg.threads = (unsigned)th;
	}
	if (opt_proxy) {
		unsigned char bin[16];

		if (inet_pton(AF_INET, opt_proxy, bin) != 1 && inet_pton(AF_INET6, opt_proxy, bin) != 1)
			return cli_error(CLI_USAGE, "serve: --trusted-proxy '%s' is not an IP address",
					 opt_proxy);
		cfg.trusted_proxy = opt_proxy;
	}
	if (opt_request_timeout) {
		long n = number(opt_request_timeout, 1, 3600);

		if (n < 0)
			return cli_error(CLI_USAGE, "serve: --request-timeout takes 1 to 3600 seconds");
		cfg.request_seconds = (unsigned)n;
	}
	if (opt_per_address) {
		long n = number(opt_per_address, 1, 100000);

		if (n < 0)
			return cli_error(CLI_USAGE, "serve: --max-per-address takes 1 to 100000");
		cfg.max_per_address = (unsigned)n;
	}
	if (opt_plan_cache) {
		long n = number(opt_plan_cache, 0, 65536);

		if (n < 0)
			return cli_error(CLI_USAGE, "serve: --plan-cache takes 0 to 65536 MiB");
		cfg.plan_cache_bytes = (size_t)n * 1024 * 1024;
	}
	if (opt_cache_mb) {
		long n = number(opt_cache_mb, 0, 65536);

		if (n < 0)
			return cli_error(CLI_USAGE, "serve: --cache-mb takes 0 to 65536 MiB");
		cfg.answer_cache_bytes = (size_t)n * 1024 * 1024;
	}
	cfg.address = addr;
	cfg.db_path = c->db_path;
	cfg.plan_id = c->plan ? c->plan->id : NULL;
	cfg.access_log = opt_log;
	cfg.tls_cert = cert;
	cfg.tls_key = key;
	if (getenv("JOSPAR_TODAY"))
		cfg.fixed_today_days = (int)jp_date_days(c->today);
#ifdef JOSPAR_LEAN
	cli_become_full();
#endif
	/* the first run has no users: make an admin and say how to log in */
	if (jp_store_user_count(c->store) == 0) {
		const char *given = getenv("JOSPAR_ADMIN_PASSWORD");
		char pw[65];
		struct jp_user u = { 0, "admin", JP_ROLE_ADMIN, NULL, false, NULL };
		struct jp_ledger l = { c->store, c->plan, c->today, { "serve", JP_ROLE_ADMIN, NULL } };

		if (given && *given)
			snprintf(pw, sizeof(pw), "%s", given);
		else {
			jp_token_new(pw);
			pw[20] = '\0';
		}
		if (jp_ledger_user_add(&l, &u, pw, &err) < 0)
			return cli_report(&err);
		fprintf(c->out, "first run: created user 'admin' with password '%s' (change it: jospar user passwd admin)\n",
			given && *given ? "(from JOSPAR_ADMIN_PASSWORD)" : pw);
	}
	/* SIGTERM and SIGINT are taken by this thread only: a clean stop */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (jp_server_start(&srv, &cfg, &err) < 0)
		return cli_report(&err);
	fprintf(c->out, "jospar serves plan '%s' on %s://%s:%u/ (stop with Ctrl-C or SIGTERM)\n",
		c->plan ? c->plan->id : "?", cert ? "https" : "http", addr, jp_server_port(srv));
	fflush(c->out);
	sigwait(&set, &sig);
	if (pthread_create(&watchdog, NULL, stop_watchdog, NULL) == 0)
		pthread_detach(watchdog);
	jp_server_stop(srv);
	fprintf(c->out, "stopped\n");
	return CLI_OK;
}
