/*
 * cmd_serve.c - `jospar serve` runs the web server, and `jospar user`
 * manages its users.
 */
#include "cli.h"
#include "alloc.h"
#include "server.h"
#include "account.h"
#include "table.h"

#include <signal.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

static const char *opt_listen = "127.0.0.1:8292", *opt_threads, *opt_log, *opt_tls_cert,
		  *opt_tls_key, *opt_role,
		  *opt_agency, *opt_label;

const struct cli_opt *opts_serve(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "listen", 'l', &opt_listen, "ADDR:PORT", "where to listen (default 127.0.0.1:8292; port 0 picks one)" },
		{ OPT_STRING, "threads", 0, &opt_threads, "N", "worker threads (default 4)" },
		{ OPT_STRING, "access-log", 0, &opt_log, "FILE", "append an access log (JSON lines) to FILE ('-': stderr)" },
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

static void audit(struct cli *c, const char *action, const char *object, const char *after)
{
	char who[96];

	snprintf(who, sizeof(who), "cli:%s", cli_who(NULL));
	jp_store_audit(c->store, who, action, object, NULL, after, NULL);
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	const char *verb = argc > 0 ? argv[0] : "";
	char pw[512], hash[128], after[256];

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
		return cli_error(CLI_USAGE, "user: give add LOGIN, passwd LOGIN, list, disable LOGIN or token LOGIN");
	if (!strcmp(verb, "add")) {
		struct jp_user u;
		int role = opt_role ? jp_role_parse(opt_role) : -1;

		if (role < 0)
			return cli_error(CLI_USAGE, "user add: give --role admin, coordinator, executor or viewer");
		if ((role == JP_ROLE_EXECUTOR) != (opt_agency != NULL))
			return cli_error(CLI_USAGE, "user add: an executor needs --agency, and only an executor has one");
		if (opt_agency && !jp_plan_find_agency(c->plan, opt_agency)) {
			bool named = false;

			for (size_t i = 0; i < c->plan->nactivities && !named; i++)
				named = jp_activity_has_agency(&c->plan->activities[i], opt_agency, false);
			if (!named)
				return cli_error(CLI_INVALID, "user add: '%s' is no executor of plan '%s'",
						 opt_agency, c->plan->id);
		}
		if (read_password(pw, sizeof(pw), "password: ") < 0)
			return cli_error(CLI_USAGE, "user add: give the password on standard input");
		memset(&u, 0, sizeof(u));
		u.login = argv[1];
		u.role = (enum jp_role)role;
		u.agency = opt_agency;
		if (jp_password_hash(hash, pw, &err) < 0 ||
		    jp_store_user_add(c->store, &u, hash, &u.id, &err) < 0)
			return err.code == JP_EEXISTS || err.code == JP_EINVALID
			       ? cli_error(CLI_INVALID, "user add: %s", err.msg) : cli_report(&err);
		snprintf(after, sizeof(after), "{\"role\":\"%s\"}", jp_role_name(u.role));
		audit(c, "user.add", u.login, after);
		fprintf(c->out, "user '%s' added (%s%s%s)\n", u.login, jp_role_name(u.role),
			u.agency ? ", " : "", u.agency ? u.agency : "");
		return CLI_OK;
	}
	if (!strcmp(verb, "passwd")) {
		if (read_password(pw, sizeof(pw), "new password: ") < 0)
			return cli_error(CLI_USAGE, "user passwd: give the password on standard input");
		if (jp_password_hash(hash, pw, &err) < 0 ||
		    jp_store_user_set_password(c->store, argv[1], hash, &err) < 0)
			return err.code == JP_ENOTFOUND ? cli_error(CLI_NOTFOUND, "user passwd: %s", err.msg)
							: cli_error(CLI_INVALID, "user passwd: %s", err.msg);
		audit(c, "user.passwd", argv[1], NULL);
		fprintf(c->out, "password of '%s' changed\n", argv[1]);
		return CLI_OK;
	}
	if (!strcmp(verb, "disable")) {
		if (jp_store_user_disable(c->store, argv[1], &err) < 0)
			return err.code == JP_ENOTFOUND ? cli_error(CLI_NOTFOUND, "user disable: %s", err.msg)
							: cli_report(&err);
		audit(c, "user.disable", argv[1], "{\"disabled\":true}");
		fprintf(c->out, "user '%s' disabled; its sessions and tokens are ended\n", argv[1]);
		return CLI_OK;
	}
	if (!strcmp(verb, "token")) {
		struct jp_arena a = JP_ARENA_INIT;
		struct jp_user u;
		char token[65], th[65];
		int rc;

		if (jp_store_user_get(c->store, argv[1], &a, &u, NULL, &err) < 0) {
			jp_arena_release(&a);
			return cli_error(CLI_NOTFOUND, "user token: %s", err.msg);
		}
		jp_token_new(token);
		jp_token_hash(th, token);
		rc = jp_store_token_add(c->store, th, u.id, opt_label, &err);
		jp_arena_release(&a);
		if (rc < 0)
			return cli_report(&err);
		audit(c, "token.create", argv[1], NULL);
		fprintf(c->out, "%s\n", token);
		return CLI_OK;
	}
	return cli_error(CLI_USAGE, "user: unknown verb '%s'", verb);
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
	cfg.address = addr;
	cfg.db_path = c->db_path;
	cfg.plan_id = c->plan ? c->plan->id : NULL;
	cfg.access_log = opt_log;
	cfg.tls_cert = cert;
	cfg.tls_key = key;
	if (getenv("JOSPAR_TODAY"))
		cfg.fixed_today_days = (int)jp_date_days(c->today);
	/* the first run has no users: make an admin and say how to log in */
	if (jp_store_user_count(c->store) == 0) {
		const char *given = getenv("JOSPAR_ADMIN_PASSWORD");
		char pw[65], hash[128];
		struct jp_user u = { 0, "admin", JP_ROLE_ADMIN, NULL, false, NULL };

		if (given && *given)
			snprintf(pw, sizeof(pw), "%s", given);
		else {
			jp_token_new(pw);
			pw[20] = '\0';
		}
		if (jp_password_hash(hash, pw, &err) < 0 ||
		    jp_store_user_add(c->store, &u, hash, NULL, &err) < 0)
			return cli_report(&err);
		jp_store_audit(c->store, "serve", "user.add", "admin", NULL, "{\"role\":\"admin\"}", NULL);
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
	jp_server_stop(srv);
	fprintf(c->out, "stopped\n");
	return CLI_OK;
}
