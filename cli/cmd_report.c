/*
 * cmd_report.c - `jospar report submit|list|show|accept|return|import`:
 * executors' reports and the coordinator's reviews of them.
 */
#include "cli.h"
#include "alloc.h"
#include "ledger.h"
#include "report.h"
#include "status.h"
#include "table.h"
#include "views.h"
#include "text.h"

#include <jansson.h>

static const char *opt_activity, *opt_agency, *opt_status, *opt_text,
		  *opt_evidence, *opt_spent, *opt_by, *opt_reason, *opt_late;
static struct jp_date opt_due, opt_date;
static bool opt_json, opt_dry_run;

const struct cli_opt *opts_report(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "activity", 0, &opt_activity, "N", "submit, list: the activity number" },
		{ OPT_DATE, "due", 0, &opt_due, "DATE", "submit: the due date reported on" },
		{ OPT_STRING, "agency", 0, &opt_agency, "ABBR", "submit, list: the reporting executor" },
		{ OPT_STRING, "status", 0, &opt_status, "S", "submit: done, partly, not-done or in-progress" },
		{ OPT_STRING, "text", 0, &opt_text, "T", "submit: what was done" },
		{ OPT_STRING, "evidence", 0, &opt_evidence, "E", "submit: the document that proves it (\"order No. 123 of 2014-06-15\")" },
		{ OPT_STRING, "spent", 0, &opt_spent, "AMOUNT", "submit: money spent that year, million tenge (\"12.5\")" },
		{ OPT_DATE, "date", 0, &opt_date, "DATE", "the date the report or review was made (default: today)" },
		{ OPT_STRING, "by", 0, &opt_by, "WHO", "who acts: a stored user's login (with its role), else the local operator (default: $USER)" },
		{ OPT_STRING, "reason", 0, &opt_reason, "TEXT", "return, reopen: why the report is returned or reopened" },
		{ OPT_STRING, "late-reason", 0, &opt_late, "TEXT", "coordinator: why a report or review claims a date older than the reporting window" },
		{ OPT_BOOL, "dry-run", 0, &opt_dry_run, NULL, "import: check and count, store nothing" },
		{ OPT_BOOL, "json", 0, &opt_json, NULL, "print JSON" },
		OPT_END_MARK
	};
	return o;
}

static const struct jp_review *latest_review(const struct jp_history *h, int64_t id)
{
	return jp_history_latest_review(h, id);
}

static const char *review_state(const struct jp_review *v)
{
	return jp_review_state_name(v);
}

static json_t *report_json(const struct cli *c, const struct jp_history *h,
			   const struct jp_report *r, bool reviews)
{
	return jp_view_report_on(c->plan, h, r, reviews);
}

static int print_json(struct cli *c, json_t *v)
{
	struct jp_buf b = JP_BUF_INIT;
	int rc;

	cli_add_json(&b, v);
	rc = cli_write(c, &b, NULL);
	jp_buf_release(&b);
	return rc;
}

static int submit(struct cli *c)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_submit_opts o = { "report.submit", opt_late, false, false, false };
	struct jp_submit_result res;
	struct jp_ledger l;
	struct jp_report r;
	char d[JP_DATE_BUFSZ];
	int st, rc;

	if (!opt_activity || !opt_due.y || !opt_agency || !opt_status)
		return cli_error(CLI_USAGE, "report submit: give --activity, --due, --agency and --status");
	memset(&r, 0, sizeof(r));
	st = jp_report_status_parse(opt_status);
	if (st < 0)
		return cli_error(CLI_USAGE, "report submit: unknown status '%s' (done, partly, not-done or in-progress)",
				 opt_status);
	r.status = (enum jp_report_status)st;
	r.activity = opt_activity;
	r.due = opt_due;
	r.agency = opt_agency;
	r.text = opt_text;
	r.evidence = opt_evidence;
	if (opt_spent) {
		if (jp_money_parse(&r.spent, opt_spent, &err) < 0)
			return cli_error(CLI_INVALID, "report submit: --spent: %s", err.msg);
		r.has_spent = true;
	}
	r.made = opt_date.y ? opt_date : c->today;
	if ((rc = cli_ledger(c, opt_by, &l, &arena)) != CLI_OK)
		goto done;
	if (jp_ledger_submit(&l, &r, 1, NULL, &o, &res, &err) < 0) {
		rc = cli_fail("report submit", &err);
		goto done;
	}
	if (opt_json) {
		struct jp_history h = JP_HISTORY_INIT;
		struct jp_report stored;

		if (jp_store_report_get(c->store, r.id, &h.arena, &stored, NULL, NULL, NULL, &err) < 0) {
			rc = cli_report(&err);
		} else {
			rc = print_json(c, report_json(c, &h, &stored, false));
		}
		jp_history_release(&h);
		goto done;
	}
	fprintf(c->out, "report %lld saved: activity %s, due %s, %s, %s%s%s\n", (long long)r.id,
		r.activity, jp_date_format(r.due, d), r.agency, jp_report_status_name(r.status),
		r.after_repeal ? "; " : "", r.after_repeal ? JP_REPORT_AFTER_REPEAL_NOTE : "");
	rc = CLI_OK;
done:
	jp_arena_release(&arena);
	return rc;
}

static const struct jp_report *find_report(struct cli *c, const char *idtext)
{
	char *end;
	long long id = strtoll(idtext, &end, 10);

	if (*end || end == idtext)
		return NULL;
	for (size_t i = 0; i < c->history.nreports; i++)
		if (c->history.reports[i].id == id)
			return &c->history.reports[i];
	return NULL;
}

static int review(struct cli *c, const char *idtext, enum jp_review_action action)
{
	static const char *const done_word[] = { "accepted", "returned", "reopened" };
	struct jp_error err = JP_ERROR_INIT;
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_ledger l;
	struct jp_review_input in;
	char *end;
	long long id = strtoll(idtext, &end, 10);
	char verb[32];
	int rc;

	snprintf(verb, sizeof(verb), "report %s", jp_review_action_name(action));
	if (*end || end == idtext)
		return cli_error(CLI_USAGE, "%s: '%s' is not a report id", verb, idtext);
	if ((rc = cli_ledger(c, opt_by, &l, &arena)) != CLI_OK)
		goto done;
	in.action = action;
	in.reason = opt_reason;
	in.date = opt_date;
	in.late_reason = opt_late;
	if (jp_ledger_review(&l, id, &in, &arena, NULL, &err) < 0) {
		rc = cli_fail(verb, &err);
		goto done;
	}
	fprintf(c->out, "report %s %s\n", idtext, done_word[action]);
	rc = CLI_OK;
done:
	jp_arena_release(&arena);
	return rc;
}

static int list(struct cli *c)
{
	struct jp_table t = JP_TABLE_INIT;
	struct jp_buf b = JP_BUF_INIT;
	char d[JP_DATE_BUFSZ], m[JP_DATE_BUFSZ];
	json_t *arr = opt_json ? json_array() : NULL;
	size_t n = 0;
	int rc = CLI_OK;

	jp_table_add_col(&t, "ID", 0, true);
	jp_table_add_col(&t, "№", 0, false);
	jp_table_add_col(&t, "Due", 0, false);
	jp_table_add_col(&t, "Agency", 12, false);
	jp_table_add_col(&t, "Status", 0, false);
	jp_table_add_col(&t, "Made", 0, false);
	jp_table_add_col(&t, "Review", 0, false);
	jp_table_add_col(&t, "Text", 50, false);
	for (size_t i = 0; i < c->history.nreports; i++) {
		const struct jp_report *r = &c->history.reports[i];
		const struct jp_activity *a = opt_activity ? jp_plan_find_activity(c->plan, opt_activity) : NULL;

		if (opt_activity && (!a || strcmp(a->number, r->activity)))
			continue;
		if (opt_agency && !jp_text_eq_fold(opt_agency, r->agency))
			continue;
		if (jp_date_cmp(r->made, c->as_of) > 0)
			continue;
		n++;
		if (arr) {
			json_array_append_new(arr, report_json(c, &c->history, r, false));
			continue;
		}
		jp_table_cellf(&t, "%lld", (long long)r->id);
		jp_table_cell(&t, r->activity);
		jp_table_cell(&t, jp_date_format(r->due, d));
		jp_table_cell(&t, r->agency);
		jp_table_cell(&t, jp_report_status_name(r->status));
		jp_table_cell(&t, jp_date_format(r->made, m));
		jp_table_cell(&t, review_state(latest_review(&c->history, r->id)));
		jp_table_cellf(&t, "%s%s", r->synthetic ? "[synthetic] " : "", r->text ? r->text : "");
	}
	if (arr) {
		jp_table_release(&t);
		return print_json(c, arr);
	}
	if (n && jp_table_render(&t, &b) < 0)
		rc = cli_error(CLI_ERROR, "out of memory");
	jp_buf_addf(&b, "%s%zu report%s\n", n ? "\n" : "", n, n == 1 ? "" : "s");
	if (rc == CLI_OK)
		rc = cli_write(c, &b, NULL);
	jp_table_release(&t);
	jp_buf_release(&b);
	return rc;
}

static int show(struct cli *c, const char *idtext)
{
	const struct jp_report *r = find_report(c, idtext);
	struct jp_buf b = JP_BUF_INIT;
	char d[JP_DATE_BUFSZ], m[JP_MONEY_BUFSZ];
	int rc;

	if (!r)
		return cli_error(CLI_NOTFOUND, "report show: no report '%s'", idtext);
	if (opt_json)
		return print_json(c, report_json(c, &c->history, r, true));
	jp_buf_addf(&b, "Report %lld%s\n\n", (long long)r->id, r->synthetic ? " (synthetic)" : "");
	jp_buf_addf(&b, "%-13s %s\n", "Activity:", r->activity);
	jp_buf_addf(&b, "%-13s %s\n", "Due:", jp_date_format(r->due, d));
	jp_buf_addf(&b, "%-13s %s\n", "Agency:", r->agency);
	jp_buf_addf(&b, "%-13s %s\n", "Status:", jp_report_status_name(r->status));
	jp_buf_addf(&b, "%-13s %s\n", "Text:", r->text ? r->text : "-");
	jp_buf_addf(&b, "%-13s %s\n", "Evidence:", r->evidence ? r->evidence : "-");
	jp_buf_addf(&b, "%-13s %s\n", "Spent:", r->has_spent ? jp_money_format(r->spent, m) : "-");
	jp_buf_addf(&b, "%-13s %s by %s (recorded %s)\n", "Made:", jp_date_format(r->made, d),
		    r->by, r->recorded_at);
	if (c->plan->repealed && jp_date_cmp(r->made, c->plan->repeal.date) > 0)
		jp_buf_addf(&b, "%-13s %s\n", "Note:", JP_REPORT_AFTER_REPEAL_NOTE);
	for (size_t i = 0; i < c->history.nreviews; i++) {
		const struct jp_review *v = &c->history.reviews[i];

		if (v->report != r->id)
			continue;
		jp_buf_addf(&b, "%-13s %s on %s by %s%s%s\n", "Review:",
			    v->action == JP_REVIEW_ACCEPT ? "accepted" : "returned",
			    jp_date_format(v->date, d), v->by, v->reason ? ": " : "",
			    v->reason ? v->reason : "");
	}
	rc = cli_write(c, &b, NULL);
	jp_buf_release(&b);
	return rc;
}

struct import_file {
	FILE *f;
	const char *path;
};

static int import_read(void *payload, char *buf, size_t cap, size_t *n, struct jp_error *err)
{
	struct import_file *in = payload;

	*n = fread(buf, 1, cap, in->f);
	if (!*n && ferror(in->f))
		return jp_error_set(err, JP_ERROR, "cannot read '%s': %s", in->path,
				    strerror(errno));
	return 0;
}

#define IMPORT_CACHE_KIB (16 * 1024)

/* The file is read in pieces into one transaction: never held whole. */
static int import(struct cli *c, const char *path)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_submit_opts o = { "report.import", opt_late, true, opt_dry_run, true };
	struct jp_submit_result res;
	struct jp_ledger l;
	struct import_file in = { strcmp(path, "-") ? fopen(path, "rb") : stdin, path };
	int rc;

	if (!in.f)
		return cli_error(errno == ENOENT ? CLI_NOTFOUND : CLI_ERROR, "cannot open '%s': %s",
				 path, strerror(errno));
	if ((rc = cli_ledger(c, opt_by, &l, &arena)) != CLI_OK)
		goto done;
	/* room for the report indexes a large import writes all over (with
	 * SQLite's 2 MiB, 100k rows wrote 900k pages out and read 230k back):
	 * taken only as an import grows, well within 64 MiB at 13,300 rows */
	if (jp_store_set_cache(c->store, IMPORT_CACHE_KIB, &err) < 0) {
		rc = cli_report(&err);
		goto done;
	}
	if (jp_ledger_import_csv(&l, import_read, &in, &o, &res, &err) < 0) {
		jp_error_prefix_where(&err, path);
		rc = cli_report(&err);
		goto done;
	}
	fprintf(c->out, "%s'%s': %zu report%s %s, %zu already stored%s\n",
		opt_dry_run ? "dry run, nothing stored: " : "", path, res.added,
		res.added == 1 ? "" : "s", opt_dry_run ? "would be added" : "added", res.skipped,
		res.after_repeal ? " (some made after the repeal: they change no state)" : "");
	rc = CLI_OK;
done:
	if (in.f != stdin)
		fclose(in.f);
	jp_arena_release(&arena);
	return rc;
}

int cmd_report(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 0 ? argv[0] : NULL;

	if (!verb)
		return cli_error(CLI_USAGE, "report: give a verb: submit, list, show, accept, return, reopen or import");
	if (!strcmp(verb, "submit") && argc == 1)
		return submit(c);
	if (!strcmp(verb, "list") && argc == 1)
		return list(c);
	if (!strcmp(verb, "show") && argc == 2)
		return show(c, argv[1]);
	if (!strcmp(verb, "accept") && argc == 2)
		return review(c, argv[1], JP_REVIEW_ACCEPT);
	if (!strcmp(verb, "return") && argc == 2)
		return review(c, argv[1], JP_REVIEW_RETURN);
	if (!strcmp(verb, "reopen") && argc == 2)
		return review(c, argv[1], JP_REVIEW_REOPEN);
	if (!strcmp(verb, "import") && argc == 2)
		return import(c, argv[1]);
	return cli_error(CLI_USAGE, "report: unknown verb or wrong arguments '%s' (see 'jospar report --help')",
			 verb);
}
