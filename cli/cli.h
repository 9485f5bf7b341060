/*
 * cli.h - what every `jospar` command shares: the context the dispatcher
 * prepares, the option tables, exit codes and output helpers.
 *
 * Commands are `int cmd_NAME(struct cli *c, int argc, char **argv)`; they
 * return an exit code and print errors through cli_error(), which returns
 * the code, so a failing command ends in one line.
 */
#ifndef JP_CLI_H
#define JP_CLI_H

#include "jp.h"
#include "buf.h"
#include "error.h"
#include "store.h"
#include "plan.h"
#include "history.h"
#include "load.h"

/* Exit codes (documented in docs/cli.md). */
enum cli_exit {
	CLI_OK = 0,
	CLI_ERROR = 1,      /* a runtime failure: database, I/O, memory */
	CLI_USAGE = 2,      /* the command line is wrong */
	CLI_INVALID = 3,    /* the input (a file, a date, a value) is wrong */
	CLI_NOTFOUND = 4,   /* what was asked for does not exist */
	CLI_CONFLICT = 5,   /* it exists already, or its state forbids the change */
	CLI_DENIED = 6      /* the acting user may not do this */
};

/* What a command needs the dispatcher to prepare before it runs. */
enum cli_needs {
	NEEDS_NOTHING = 0,
	NEEDS_STORE = (1 << 0),     /* the database is open */
	NEEDS_PLAN = (1 << 1) | NEEDS_STORE,  /* and the plan is loaded */
	NEEDS_HISTORY = (1 << 2) | NEEDS_PLAN, /* and its history */
	/* and of the history only the reports made by --as-of (the answer
	 * is as of that date: later ones are not read at all) */
	NEEDS_HISTORY_TO_DATE = (1 << 3) | NEEDS_HISTORY
};

struct cli {
	const char *db_path;        /* --db, JOSPAR_DB or the XDG default */
	const char *plan_id;        /* --plan or JOSPAR_PLAN, else current */
	const char *as_of_text;     /* --as-of, or NULL */
	struct jp_date as_of;       /* --as-of, else today */
	char as_recorded[24];       /* --as-recorded, or "" */
	struct jp_date today;
	jp_store *store;
	struct jp_plan *plan;       /* the text in force on as_of */
	struct jp_history history;
	FILE *out;
};

/* Options, described once: the parser and the help text use one table. */
enum cli_opt_type { OPT_BOOL, OPT_STRING, OPT_DATE, OPT_END };

struct cli_opt {
	enum cli_opt_type type;
	const char *name;           /* long name without "--" */
	char short_name;            /* 0: none */
	void *target;               /* bool *, const char **, struct jp_date * */
	const char *arg;            /* name of the value in help: "DATE" */
	const char *help;
};

#define OPT_END_MARK { OPT_END, NULL, 0, NULL, NULL, NULL }

struct cli_command {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
	unsigned needs;
	const char *summary;
	const char *usage;          /* "N [--json]" */
	const char *description;    /* a paragraph for --help */
	const struct cli_opt *(*opts)(void);
	/*
	 * Which activities of the plan the command reads, told from its
	 * parsed arguments before the plan is loaded (NULL: all of them).
	 * Only when the command's answer cannot differ from the whole plan's.
	 */
	void (*rows)(int npos, char **argv, struct jp_load_rows *rows);
};

/*
 * Parses argv[1..] against `opts` (plus --help, --db and --plan) and moves
 * positional arguments to the front of argv; *npos gets their count.
 * Returns CLI_OK, CLI_USAGE (message printed), or -1 when --help was
 * printed (the command should return CLI_OK).
 */
int cli_parse(struct cli *c, const struct cli_command *cmd, int argc,
	      char **argv, int *npos);
void cli_print_help(const struct cli_command *cmd, FILE *f);
const struct cli_command *cli_find_command(const char *name);
const struct cli_command *cli_commands(size_t *n);

/* Prints "jospar: <message>" to stderr and returns `code`. */
int cli_error(int code, const char *fmt, ...) JP_PRINTF(2, 3);
/* Prints an error struct ("jospar: WHERE: MESSAGE"); returns the exit code
 * that fits its code. */
int cli_report(const struct jp_error *err);
/* Writes a buffer to c->out (or to `path` when not NULL); CLI_OK or error. */
int cli_write(struct cli *c, const struct jp_buf *b, const char *path);
struct json_t;
/* Appends `v` as indented JSON and a newline to `b`, and releases `v`. */
void cli_add_json(struct jp_buf *b, struct json_t *v);
/*
 * CLI_OK when some activity of `p` names `agency` as an executor (or when
 * `agency` is NULL); else prints "CMD: no activity of plan ... names ..."
 * and returns CLI_NOTFOUND.
 */
int cli_check_agency(const struct jp_plan *p, const char *cmd, const char *agency);
/* The filters of `jospar list`. */
bool cli_activity_matches(const struct jp_activity *a, const char *direction,
			  const char *agency, bool lead_only);

int cmd_help(struct cli *c, int argc, char **argv);
int cmd_version(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
void rows_show(int npos, char **argv, struct jp_load_rows *rows);
void rows_list(int npos, char **argv, struct jp_load_rows *rows);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_calendar(struct cli *c, int argc, char **argv);
int cmd_budget(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_load(struct cli *c, int argc, char **argv);
int cmd_plans(struct cli *c, int argc, char **argv);
int cmd_db(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);
int cmd_status(struct cli *c, int argc, char **argv);
int cmd_amend(struct cli *c, int argc, char **argv);
int cmd_diff(struct cli *c, int argc, char **argv);
int cmd_indicator(struct cli *c, int argc, char **argv);
int cmd_indicators(struct cli *c, int argc, char **argv);
int cmd_simulate(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_import_decree(struct cli *c, int argc, char **argv);

/*
 * The plan `id` as of `date`: its stored document with every stored
 * amendment dated on or before `date` applied.  *out is the caller's.
 */
/*
 * Loads (again) the plan's history into c->history, filtered (store.h),
 * then as recorded by --as-recorded; CLI_OK or the error reported.
 */
int cli_load_history(struct cli *c, const struct jp_history_filter *f);
int cli_load_plan_as_of(struct cli *c, const char *id, struct jp_date date,
			struct jp_plan **out);
/* "--by": who is doing this (default: $USER, else "cli"). */
const char *cli_who(const char *by);
struct jp_ledger;
struct jp_arena;
/*
 * The ledger context of a CLI write: the actor is the stored user `by`
 * names (with its role and agency), else the local operator "cli:NAME"
 * with the admin role.  CLI_OK, or the error printed.
 */
int cli_ledger(struct cli *c, const char *by, struct jp_ledger *l, struct jp_arena *arena);
/*
 * The same for a command whose --as-of names what it makes, not the plan
 * it is judged by (simulate: the date the synthetic history reaches).
 */
int cli_ledger_as_of(struct cli *c, const char *by, struct jp_ledger *l, struct jp_arena *arena);
/* Prints "jospar: WHAT: MESSAGE" for a library error; the exit code that
 * fits its code (the one mapping, jp_error_exit_code). */
int cli_fail(const char *what, const struct jp_error *err);
/*
 * In the everyday `jospar` (built with JOSPAR_LEAN): runs the command line
 * again as the jospar-full beside this program, or fails with a message.
 */
JP_NORETURN void cli_become_full(void);
/* The command line as given to main() (lean.c runs it again in jospar-full). */
extern char **cli_argv;
/* Whether to colour output: --color auto|always|never against stdout. */
bool cli_use_color(const char *mode);

const struct cli_opt *opts_show(void);
const struct cli_opt *opts_list(void);
const struct cli_opt *opts_calendar(void);
const struct cli_opt *opts_budget(void);
const struct cli_opt *opts_check(void);
const struct cli_opt *opts_export(void);
const struct cli_opt *opts_load(void);
const struct cli_opt *opts_none(void);
const struct cli_opt *opts_report(void);
const struct cli_opt *opts_status(void);
const struct cli_opt *opts_amend(void);
const struct cli_opt *opts_diff(void);
const struct cli_opt *opts_indicator(void);
const struct cli_opt *opts_indicators(void);
const struct cli_opt *opts_simulate(void);
const struct cli_opt *opts_serve(void);
const struct cli_opt *opts_user(void);
const struct cli_opt *opts_audit(void);
const struct cli_opt *opts_import_decree(void);

#endif
