/*
 * opts.c - option parsing and help from one table, and the output helpers
 * every command uses.
 */
#include "cli.h"
#include "account.h"
#include "arena.h"
#include "ledger.h"

#include <jansson.h>

#include <unistd.h>

int cli_error(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("jospar: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int cli_report(const struct jp_error *err)
{
	int code = jp_error_exit_code(err->code);

	if (err->where[0])
		return cli_error(code, "%s: %s", err->where, err->msg);
	return cli_error(code, "%s", err->msg[0] ? err->msg : "unknown error");
}

int cli_write(struct cli *c, const struct jp_buf *b, const char *path)
{
	FILE *f = c->out;

	if (jp_buf_oom(b))
		return cli_error(CLI_ERROR, "out of memory");
	if (path && strcmp(path, "-")) {
		f = fopen(path, "wb");
		if (!f)
			return cli_error(CLI_ERROR, "cannot write '%s': %s", path, strerror(errno));
	}
	if (fwrite(b->ptr, 1, b->len, f) != b->len || fflush(f) != 0) {
		int e = errno;

		if (f != c->out)
			fclose(f);
		return cli_error(CLI_ERROR, "cannot write '%s': %s",
				 path ? path : "standard output", strerror(e));
	}
	if (f != c->out && fclose(f) != 0)
		return cli_error(CLI_ERROR, "cannot write '%s': %s", path, strerror(errno));
	return CLI_OK;
}

void cli_add_json(struct jp_buf *b, json_t *v)
{
	char *s = v ? json_dumps(v, JSON_INDENT(1)) : NULL;

	json_decref(v);
	if (!s) {
		b->oom = true;
		return;
	}
	jp_buf_adds(b, s);
	jp_buf_addc(b, '\n');
	free(s); /* jansson's allocator */
}

int cli_check_agency(const struct jp_plan *p, const char *cmd, const char *agency)
{
	struct jp_error err = JP_ERROR_INIT;

	return jp_plan_check_agency(p, agency, &err) < 0 ? cli_fail(cmd, &err) : CLI_OK;
}

bool cli_activity_matches(const struct jp_activity *a, const char *direction,
			  const char *agency, bool lead_only)
{
	if (direction) {
		size_t n = strlen(direction);

		/* "--direction 1" takes 1.1 .. 1.4 too */
		if (strcmp(a->direction, direction) &&
		    !(strncmp(a->direction, direction, n) == 0 && a->direction[n] == '.'))
			return false;
	}
	if (agency && !jp_activity_has_agency(a, agency, lead_only))
		return false;
	return true;
}

static bool opt_help;
static const struct cli_opt common_opts[] = {
	{ OPT_STRING, "db", 0, NULL, "PATH", "the database: a SQLite file, or postgresql://... (a libpq URI); default $JOSPAR_DB, or jospar/jospar.db under $XDG_DATA_HOME" },
	{ OPT_STRING, "plan", 0, NULL, "ID", "the stored plan to use (default: $JOSPAR_PLAN, or the current plan)" },
	{ OPT_STRING, "as-of", 0, NULL, "DATE", "answer as of DATE: the text in force and the reports made by then (default: today)" },
	{ OPT_STRING, "as-recorded", 0, NULL, "MOMENT", "answer with what jospar had recorded by MOMENT (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)" },
	{ OPT_BOOL, "help", 'h', &opt_help, NULL, "show this help" },
	OPT_END_MARK
};

static const struct cli_opt *find_opt(const struct cli_opt *t, const char *name,
				      size_t n, char short_name)
{
	for (; t && t->type != OPT_END; t++) {
		if (short_name ? t->short_name == short_name
			       : (strlen(t->name) == n && !strncmp(t->name, name, n)))
			return t;
	}
	return NULL;
}

static int set_opt(struct cli *c, const struct cli_opt *o, const char *value,
		   const char *cmd)
{
	struct jp_error err = JP_ERROR_INIT;

	if (!strcmp(o->name, "db")) {
		c->db_path = value;
		return CLI_OK;
	}
	if (!strcmp(o->name, "plan")) {
		c->plan_id = value;
		return CLI_OK;
	}
	if (!strcmp(o->name, "as-recorded")) {
		if (jp_history_moment_parse(value, c->as_recorded, &err) < 0)
			return cli_error(CLI_USAGE, "%s: --as-recorded: %s", cmd, err.msg);
		return CLI_OK;
	}
	if (!strcmp(o->name, "as-of")) {
		if (jp_date_parse(&c->as_of, value, &err) < 0)
			return cli_error(CLI_USAGE, "%s: --as-of: %s", cmd, err.msg);
		c->as_of_text = value;
		return CLI_OK;
	}
	switch (o->type) {
	case OPT_BOOL:
		*(bool *)o->target = true;
		break;
	case OPT_STRING:
		*(const char **)o->target = value;
		break;
	case OPT_DATE:
		if (jp_date_parse((struct jp_date *)o->target, value, &err) < 0)
			return cli_error(CLI_USAGE, "%s: --%s: %s", cmd, o->name, err.msg);
		break;
	case OPT_END:
		break;
	}
	return CLI_OK;
}

int cli_parse(struct cli *c, const struct cli_command *cmd, int argc,
	      char **argv, int *npos)
{
	const struct cli_opt *opts = cmd->opts ? cmd->opts() : NULL;
	int pos = 0, rc;
	bool only_pos = false;

	opt_help = false;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		const struct cli_opt *o;
		const char *value = NULL;

		if (only_pos || a[0] != '-' || a[1] == '\0') {
			argv[pos++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = true;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);

			o = find_opt(opts, name, n, 0);
			if (!o)
				o = find_opt(common_opts, name, n, 0);
			if (!o)
				return cli_error(CLI_USAGE, "%s: unknown option '--%.*s' (see 'jospar %s --help')",
						 cmd->name, (int)n, name, cmd->name);
			if (eq)
				value = eq + 1;
		} else {
			if (a[2] != '\0')
				return cli_error(CLI_USAGE, "%s: unknown option '%s' (see 'jospar %s --help')",
						 cmd->name, a, cmd->name);
			o = find_opt(opts, NULL, 0, a[1]);
			if (!o)
				o = find_opt(common_opts, NULL, 0, a[1]);
			if (!o)
				return cli_error(CLI_USAGE, "%s: unknown option '%s' (see 'jospar %s --help')",
						 cmd->name, a, cmd->name);
		}
		if (o->type == OPT_BOOL) {
			if (value)
				return cli_error(CLI_USAGE, "%s: option '--%s' takes no value",
						 cmd->name, o->name);
		} else if (!value) {
			if (i + 1 >= argc)
				return cli_error(CLI_USAGE, "%s: option '--%s' needs a value (%s)",
						 cmd->name, o->name, o->arg);
			value = argv[++i];
		}
		if ((rc = set_opt(c, o, value, cmd->name)) != CLI_OK)
			return rc;
	}
	argv[pos] = NULL;
	*npos = pos;
	if (opt_help) {
		cli_print_help(cmd, c->out);
		return -1;
	}
	return CLI_OK;
}

static void print_opts(const struct cli_opt *t, FILE *f)
{
	for (; t && t->type != OPT_END; t++) {
		char left[64];

		if (t->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", t->short_name, t->name,
				 t->arg ? " " : "", t->arg ? t->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", t->name,
				 t->arg ? " " : "", t->arg ? t->arg : "");
		fprintf(f, "  %-26s %s\n", left, t->help);
	}
}

void cli_print_help(const struct cli_command *cmd, FILE *f)
{
	fprintf(f, "usage: jospar %s%s%s\n\n%s\n", cmd->name,
		cmd->usage && *cmd->usage ? " " : "", cmd->usage ? cmd->usage : "",
		cmd->summary);
	if (cmd->description)
		fprintf(f, "\n%s\n", cmd->description);
	fputs("\noptions:\n", f);
	print_opts(cmd->opts ? cmd->opts() : NULL, f);
	print_opts(common_opts, f);
}

int cli_ledger(struct cli *c, const char *by, struct jp_ledger *l, struct jp_arena *arena)
{
	/* a change is judged by the plan in force today, never an older text */
	if (c->as_of_text && jp_date_cmp(c->as_of, c->today))
		return cli_error(CLI_USAGE, "--as-of %s does not apply to changes: they are"
				 " judged by the plan in force today", c->as_of_text);
	return cli_ledger_as_of(c, by, l, arena);
}

int cli_ledger_as_of(struct cli *c, const char *by, struct jp_ledger *l, struct jp_arena *arena)
{
	struct jp_error err = JP_ERROR_INIT;
	const char *who = cli_who(by);
	struct jp_user u;

	memset(l, 0, sizeof(*l));
	l->st = c->store;
	l->plan = c->plan;
	l->today = c->today;
	if (jp_store_user_get(c->store, who, arena, &u, NULL, &err) == 0) {
		if (u.disabled)
			return cli_error(CLI_DENIED, "user '%s' is disabled", who);
		l->actor.login = u.login;
		l->actor.role = u.role;
		l->actor.agency = u.agency;
		return CLI_OK;
	}
	if (err.code != JP_ENOTFOUND)
		return cli_report(&err);
	{
		char name[160];

		snprintf(name, sizeof(name), "cli:%s", who);
		l->actor.login = jp_arena_strdup(arena, name);
	}
	l->actor.role = JP_ROLE_ADMIN;
	return l->actor.login ? CLI_OK : cli_error(CLI_ERROR, "out of memory");
}

int cli_fail(const char *what, const struct jp_error *err)
{
	return cli_error(jp_error_exit_code(err->code), "%s: %s", what,
			 err->msg[0] ? err->msg : "unknown error");
}

const char *cli_who(const char *by)
{
	const char *u = getenv("USER");

	if (by && *by)
		return by;
	return u && *u ? u : "cli";
}

bool cli_use_color(const char *mode)
{
	const char *no = getenv("NO_COLOR");

	if (mode && !strcmp(mode, "always"))
		return true;
	if (mode && !strcmp(mode, "never"))
		return false;
	return isatty(fileno(stdout)) && !(no && *no);
}

const struct cli_opt *opts_none(void)
{
	return NULL;
}
