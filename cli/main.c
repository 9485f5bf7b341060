/*
 * main.c - `jospar`: the command table and the dispatcher.
 *
 * The dispatcher finds the command, parses its options, and prepares what
 * the command's `needs` flags ask for (the database, the plan), so that
 * command bodies hold no setup.  It is the only place that exits.
 */
#include "cli.h"
#include "alloc.h"
#include "plan_json.h"
#include "embedded.h"
#include "load.h"

#include <sys/stat.h>

static const struct cli_command commands[] = {
	{ "show", cmd_show, NEEDS_PLAN, "show one activity with every field and its due dates",
	  "N [--json]", "N is the activity number as printed: 12, 89-1, 45 (finds \"45. 46\").",
	  opts_show, rows_show },
	{ "list", cmd_list, NEEDS_PLAN, "list activities, filtered",
	  "[--direction D] [--agency A [--lead]] [--due-from DATE] [--due-to DATE] [--search TEXT] [--json]",
	  "Filters combine: an activity is listed when it passes all of them.\n"
	  "--agency matches any executor role; with --lead only the lead executor\n"
	  "(marked \"жинақтау\", or the only executor of the row). --due-from/--due-to\n"
	  "keep activities with a due date in the range. --search finds every word\n"
	  "(as a word prefix, case-folded, Kazakh letters included) in the number,\n"
	  "title, completion form, executors or deadline.",
	  opts_list, rows_list },
	{ "calendar", cmd_calendar, NEEDS_PLAN, "every due date in order",
	  "[--agency A [--lead]] [--from DATE] [--to DATE] [--format text|json|ics] [-o FILE]",
	  "--format ics writes an iCalendar file (RFC 5545) with one event per due\n"
	  "date, which calendar programs import.",
	  opts_calendar, NULL },
	{ "budget", cmd_budget, NEEDS_PLAN, "planned (and spent) money by year, direction, lead agency, source or activity",
	  "[--by year|direction|lead|source|activity] [--spent] [--json | --csv]",
	  "Amounts are million tenge, exact. \"total\" sums the rows' printed totals;\n"
	  "the year columns sum the rows' printed year amounts (the two differ where\n"
	  "the official text does; see 'jospar check').",
	  opts_budget, NULL },
	{ "check", cmd_check, NEEDS_PLAN, "findings about the official text",
	  "[--json]",
	  "Lists where the plan's text is not consistent with itself: row totals\n"
	  "against their years, the grand total against the rows, dates outside the\n"
	  "plan's period, executors missing from the glossary, duplicates. Findings\n"
	  "inform; the exit status is 0 when the plan loads.",
	  opts_check, NULL },
	{ "export", cmd_export, NEEDS_HISTORY_TO_DATE, "the plan (json) or the consolidated report as of a date (xlsx, csv, html)",
	  "--format json|xlsx|csv|html [--as-of DATE] [-o FILE]",
	  "The consolidated report follows the official table (№, activity, completion\n"
	  "form, executors, deadline, planned money by year) grouped under the\n"
	  "directions, with each activity's state as of the date, the report that\n"
	  "counts, its evidence and the money spent; indicators on their own sheet.\n"
	  "HTML embeds two charts, also written as FILE-status.svg and FILE-money.svg.",
	  opts_export, NULL },
	{ "load", cmd_load, NEEDS_STORE, "validate a plan document and store it",
	  "FILE [--replace] [--keep-current]",
	  "The document is checked completely before anything is stored; an error\n"
	  "names the place in it (a JSON pointer such as /activities/12/deadline)\n"
	  "and nothing changes. The loaded plan becomes the current plan unless\n"
	  "--keep-current is given.",
	  opts_load, NULL },
	{ "status", cmd_status, NEEDS_PLAN, "the state of the plan as of a date",
	  "[--as-of DATE] [--agency A] [--json] [--color WHEN]",
	  "Counts the due dates passed by their state, lists the overdue ones and those\n"
	  "due in the next 90 days, and who has and has not reported, per agency and\n"
	  "per direction. Only reports made by the date count. After the plan's repeal\n"
	  "it says so and shows the state on the day of the repeal.",
	  opts_status, NULL },
	{ "report", cmd_report, NEEDS_HISTORY, "executors' reports and their review",
	  "submit|list|show ID|accept ID|return ID|import FILE.csv [options]",
	  "submit --activity N --due DATE --agency A --status done|partly|not-done|in-progress\n"
	  "       [--text T] [--evidence E] [--spent AMOUNT] [--date DATE] [--by WHO]\n"
	  "list [--activity N] [--agency A]; show ID; accept ID; return ID --reason TEXT\n"
	  "import FILE.csv: columns activity,due,agency,status[,text,evidence,spent,date];\n"
	  "all rows or none, an error names its row and column.\n"
	  "Reports are never changed: a new report on the same due date is simply later.",
	  opts_report, NULL },
	{ "amend", cmd_amend, NEEDS_PLAN, "store an amendment that adds, changes or removes activities",
	  "FILE",
	  "The amendment applies from its date: every view as of that date or later\n"
	  "shows the amended text; due dates of a removed activity from that date\n"
	  "on are void. The document is described in docs/plan-format.md.",
	  opts_amend, NULL },
	{ "diff", cmd_diff, NEEDS_PLAN, "what changed in the plan between two dates",
	  "--from DATE [--to DATE] [--json]", NULL, opts_diff, NULL },
	{ "indicator", cmd_indicator, NEEDS_HISTORY, "indicators: targets, actual values, revisions",
	  "list [--year Y] | set-actual ID --year Y --value V [--source S] [--target K] | revise ID (--year Y | --target K) --value V --reason R",
	  "IDs are T<objective>.<n> for target indicators and R<direction>.<n> for\n"
	  "result indicators (T1.2, R2.1.3). A revised target counts from its date\n"
	  "on; the printed target and the reason stay on record.",
	  opts_indicator, NULL },
	{ "indicators", cmd_indicators, NEEDS_HISTORY, "targets against actual values for a year",
	  "[--year Y] [--json]", NULL, opts_indicators, NULL },
	{ "simulate", cmd_simulate, NEEDS_PLAN, "fill a plausible synthetic history (for demos and benchmarks)",
	  "[--seed N] [--as-of DATE] [--clear]",
	  "Makes reports on the due dates up to the date, reviews, money spent and\n"
	  "indicator actuals, all marked synthetic in the database and in every view\n"
	  "and export that shows them. It replaces any earlier synthetic history and\n"
	  "leaves real reports alone. The same seed gives the same history.",
	  opts_simulate, NULL },
	{ "import-decree", cmd_import_decree, NEEDS_NOTHING,
	  "rebuild a plan document from a decree's published text",
	  "FILE.txt [-o plan.json] [--review FILE] [--id ID] [--quiet]",
	  "Reads the text of a decree as extracted from its PDF (columns one after\n"
	  "another, letter-spaced words, rows broken across pages) and writes the plan\n"
	  "document (docs/plan-format.md). With -o FILE it also writes FILE's\n"
	  ".review.json: every field it is unsure of, as a JSON pointer with a\n"
	  "confidence, the source lines and why. A summary goes to standard error.\n"
	  "Review the flagged fields before 'jospar load'. See docs/import-decree.md.",
	  opts_import_decree, NULL },
	{ "serve", cmd_serve, NEEDS_PLAN, "run the web server (JSON API and pages)",
	  "[--listen ADDR:PORT] [--threads N] [--access-log FILE]",
	  "Listens on 127.0.0.1:8292 unless told otherwise. On the first run, with no\n"
	  "users yet, it creates the user 'admin' and prints its password\n"
	  "(JOSPAR_ADMIN_PASSWORD sets it instead). SIGTERM or Ctrl-C stops it cleanly.\n"
	  "The API is described in docs/api.md.",
	  opts_serve, NULL },
	{ "user", cmd_user, NEEDS_PLAN, "users of the web server and their API tokens",
	  "add LOGIN --role ROLE [--agency ABBR] | passwd LOGIN | list | disable LOGIN |\n"
	  "       token LOGIN [--label T] [--days N] | tokens LOGIN | revoke ID",
	  "Passwords are read from standard input (without echo on a terminal) and\n"
	  "kept only as argon2id hashes. A password change or disabling ends all the\n"
	  "user's sessions and API tokens. 'token' prints an API token for scripts once\n"
	  "(it expires after --days, default 90); 'tokens' lists a user's tokens (never\n"
	  "the tokens themselves) and 'revoke' ends one. Every change is audited.",
	  opts_user, NULL },
	{ "audit", cmd_audit, NEEDS_STORE, "the audit log: every change, who made it, when, before and after",
	  "[--since DATE] [--who LOGIN] [--action A] [--limit N] [--before ID] [--json]",
	  "Newest first. Every change from the CLI, the API and the pages is one entry:\n"
	  "the moment (UTC), the actor (a user's login, or cli:NAME for the local\n"
	  "operator), the action (report.submit, report.accept, user.add, ...), the\n"
	  "object and what changed. Pages of --limit entries: --before the last id.",
	  opts_audit, NULL },
	{ "plans", cmd_plans, NEEDS_STORE, "list the stored plans", "", NULL, opts_none, NULL },
	{ "db", cmd_db, NEEDS_NOTHING, "copy a whole database between SQLite and PostgreSQL",
	  "copy FROM TO",
	  "Copies every plan, amendment, report, review, indicator value, user,\n"
	  "session, API token and audit entry of FROM into TO, which must be new (no\n"
	  "rows yet). FROM and TO are databases as --db takes them: a SQLite file or a\n"
	  "postgresql:// URI. The copy is one transaction: before it commits, every\n"
	  "table's rows are counted and hashed on both sides, and any difference\n"
	  "leaves TO as it was. It copies FROM as it was when the copy began.",
	  opts_none, NULL },
	{ "help", cmd_help, NEEDS_NOTHING, "list the commands, or show one command's help",
	  "[COMMAND]", NULL, opts_none, NULL },
	{ "version", cmd_version, NEEDS_NOTHING, "print the version", "", NULL, opts_none, NULL },
};

const struct cli_command *cli_commands(size_t *n)
{
	*n = JP_ARRAY_LEN(commands);
	return commands;
}

const struct cli_command *cli_find_command(const char *name)
{
	for (size_t i = 0; i < JP_ARRAY_LEN(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void usage(FILE *f)
{
	fputs("usage: jospar [--db PATH] [--plan ID] [--as-of DATE] [--as-recorded MOMENT] COMMAND [ARGS]\n\n"
	      "jospar tracks the execution of government action plans. With no files\n"
	      "around it, it works on the plan it carries: Kazakhstan's 2014-2020\n"
	      "law-enforcement modernisation action plan (Government Resolution No. 292).\n\n"
	      "commands:\n", f);
	for (size_t i = 0; i < JP_ARRAY_LEN(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'jospar COMMAND --help' tells more about a command.\n", f);
}

int cmd_help(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd;

	if (argc < 1) {
		usage(c->out);
		return CLI_OK;
	}
	cmd = cli_find_command(argv[0]);
	if (!cmd)
		return cli_error(CLI_USAGE, "no command '%s' (see 'jospar help')", argv[0]);
	cli_print_help(cmd, c->out);
	return CLI_OK;
}

int cmd_version(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(c->out, "jospar %s\n", JOSPAR_VERSION);
	return CLI_OK;
}

static int default_db_path(struct jp_buf *b)
{
	const char *env = getenv("JOSPAR_DB"), *xdg = getenv("XDG_DATA_HOME"),
		   *home = getenv("HOME");

	if (env && *env)
		jp_buf_adds(b, env);
	else if (xdg && *xdg == '/')
		jp_buf_addf(b, "%s/jospar/jospar.db", xdg);
	else if (home && *home)
		jp_buf_addf(b, "%s/.local/share/jospar/jospar.db", home);
	else
		return -1;
	return 0;
}

int cli_load_plan_as_of(struct cli *c, const char *id, struct jp_date date,
			struct jp_plan **out)
{
	struct jp_error err = JP_ERROR_INIT;
	int rc = jp_load_plan_as_of(c->store, id, date, out, &err);

	if (rc == JP_ENOTFOUND)
		return cli_error(CLI_NOTFOUND, "no plan '%s' in the database (see 'jospar plans')", id);
	return rc < 0 ? cli_report(&err) : CLI_OK;
}

int cli_load_history(struct cli *c, const struct jp_history_filter *f)
{
	struct jp_error err = JP_ERROR_INIT;

	jp_history_release(&c->history);
	if (jp_store_load_history_where(c->store, c->plan->id, f, &c->history, &err) < 0)
		return cli_report(&err);
	if (c->as_recorded[0])
		jp_history_as_recorded(&c->history, c->as_recorded);
	return CLI_OK;
}

/*
 * Loads the plan to work on (only the activities `rows` asks for, when not
 * NULL); keeps the embedded plan in the database fresh.
 */
static int prepare_plan(struct cli *c, const struct jp_load_rows *rows)
{
	struct jp_error err = JP_ERROR_INIT;
	char *id;
	int rc;

	if (jp_load_sync_embedded(c->store, &err) < 0)
		return cli_report(&err);
	id = jp_load_plan_id(c->store, c->plan_id);
	if (!id)
		return cli_error(CLI_ERROR, "out of memory");
	rc = jp_load_plan_rows_as_of(c->store, id, c->as_of, rows, &c->plan, &err);
	if (rc == JP_ENOTFOUND)
		rc = cli_error(CLI_NOTFOUND, "no plan '%s' in the database (see 'jospar plans')", id);
	else
		rc = rc < 0 ? cli_report(&err) : CLI_OK;
	jp_free(id);
	return rc;
}

static int run(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	struct jp_buf path = JP_BUF_INIT;
	struct jp_error err = JP_ERROR_INIT;
	int npos, rc;

	rc = cli_parse(c, cmd, argc, argv, &npos);
	if (rc < 0)
		return CLI_OK;  /* --help was printed */
	if (rc != CLI_OK)
		return rc;
	if (!c->plan_id) {
		const char *env = getenv("JOSPAR_PLAN");

		c->plan_id = env && *env ? env : NULL;
	}
	if (cmd->needs & NEEDS_STORE) {
		if (!c->db_path) {
			if (default_db_path(&path) < 0) {
				rc = cli_error(CLI_ERROR, "no database: set --db, JOSPAR_DB or HOME");
				goto done;
			}
			c->db_path = path.ptr;
		}
		if (jp_store_open(&c->store, c->db_path, &err) < 0) {
			rc = cli_report(&err);
			goto done;
		}
	}
	if ((cmd->needs & NEEDS_PLAN) == NEEDS_PLAN) {
		struct jp_load_rows rows = { NULL, NULL };

		if (cmd->rows)
			cmd->rows(npos, argv, &rows);
		if ((rc = prepare_plan(c, &rows)) != CLI_OK)
			goto done;
	}
	if ((cmd->needs & NEEDS_HISTORY) == NEEDS_HISTORY) {
		struct jp_history_filter f = { NULL, false, c->as_of };

		f.made_by = (cmd->needs & NEEDS_HISTORY_TO_DATE) == NEEDS_HISTORY_TO_DATE;
		if ((rc = cli_load_history(c, &f)) != CLI_OK)
			goto done;
	}
	rc = cmd->fn(c, npos, argv);
done:
	jp_history_release(&c->history);
	jp_plan_free(c->plan);
	jp_store_close(c->store);
	jp_buf_release(&path);
	return rc;
}

char **cli_argv;

int main(int argc, char **argv)
{
	struct cli c;
	const struct cli_command *cmd;
	int i = 1, rc;

	/* kept as given: option parsing reorders argv */
	if (!(cli_argv = calloc((size_t)argc + 1, sizeof(*cli_argv))))
		return cli_error(CLI_ERROR, "out of memory");
	memcpy(cli_argv, argv, (size_t)argc * sizeof(*cli_argv));
	memset(&c, 0, sizeof(c));
	c.out = stdout;
	c.today = jp_date_today();
	c.as_of = c.today;
	/* global options before the command */
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			c.db_path = argv[i + 1];
			i += 2;
		} else if (!strncmp(argv[i], "--db=", 5)) {
			c.db_path = argv[i++] + 5;
		} else if (!strcmp(argv[i], "--plan") && i + 1 < argc) {
			c.plan_id = argv[i + 1];
			i += 2;
		} else if (!strncmp(argv[i], "--plan=", 7)) {
			c.plan_id = argv[i++] + 7;
		} else if (!strcmp(argv[i], "--as-of") && i + 1 < argc) {
			struct jp_error err = JP_ERROR_INIT;

			if (jp_date_parse(&c.as_of, argv[i + 1], &err) < 0)
				return cli_error(CLI_USAGE, "--as-of: %s", err.msg);
			c.as_of_text = argv[i + 1];
			i += 2;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return CLI_OK;
		} else if (!strcmp(argv[i], "--version")) {
			printf("jospar %s\n", JOSPAR_VERSION);
			return CLI_OK;
		} else {
			return cli_error(CLI_USAGE, "unknown option '%s' (see 'jospar help')", argv[i]);
		}
	}
	if (i >= argc)
		return cli_error(CLI_USAGE, "no command given (see 'jospar help')");
	cmd = cli_find_command(argv[i]);
	if (!cmd)
		return cli_error(CLI_USAGE, "no command '%s' (see 'jospar help')", argv[i]);
	rc = run(&c, cmd, argc - i, argv + i);
	/* output that could not be written is a failure (a closed pipe is not) */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			return cli_error(CLI_ERROR, "cannot write standard output: %s",
					 strerror(errno));
	}
	return rc;
}
