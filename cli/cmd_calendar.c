/*
 * cmd_calendar.c - `jospar calendar`: every due date in order, leaving out
 * the void ones (after the repeal, or after the activity's removal).
 */
#include "cli.h"
#include "alloc.h"
#include "calendar.h"
#include "ics.h"
#include "jsonw.h"
#include "table.h"

static const char *opt_agency, *opt_format = "text", *opt_output;
static bool opt_lead;
static struct jp_date opt_from, opt_to;

const struct cli_opt *opts_calendar(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "agency", 'a', &opt_agency, "ABBR", "only the due dates of activities where ABBR is an executor" },
		{ OPT_BOOL, "lead", 0, &opt_lead, NULL, "with --agency: only where it is the lead executor" },
		{ OPT_DATE, "from", 0, &opt_from, "DATE", "only due dates on or after DATE" },
		{ OPT_DATE, "to", 0, &opt_to, "DATE", "only due dates on or before DATE" },
		{ OPT_STRING, "format", 'f', &opt_format, "FMT", "text (default), json or ics" },
		{ OPT_STRING, "output", 'o', &opt_output, "FILE", "write to FILE instead of standard output" },
		OPT_END_MARK
	};
	return o;
}

/* The due dates as a JSON array, streamed: at national scale it is
 * megabytes, and a jansson tree of it cost more than the rest. */
static int write_json(const struct jp_due_ref *refs, size_t n, struct jp_buf *b)
{
	struct jp_jsonw w;
	char d[JP_DATE_BUFSZ];

	jp_jsonw_init(&w, b, JP_JSONW_INDENT(1));
	jp_jsonw_array_begin(&w);
	for (size_t i = 0; i < n; i++) {
		const struct jp_activity *a = refs[i].act;
		const struct jp_due *due = &a->deadline.due[refs[i].due];
		const struct jp_executor *lead = jp_activity_lead(a);

		jp_jsonw_object_begin(&w);
		jp_jsonw_kstring(&w, "due", jp_date_format(due->date, d));
		jp_jsonw_kstring(&w, "number", a->number);
		jp_jsonw_kstring(&w, "direction", a->direction);
		jp_jsonw_kstring(&w, "title", a->title);
		jp_jsonw_kstring(&w, "lead", lead ? lead->agency : NULL);
		jp_jsonw_kstring(&w, "executors", a->executors_text);
		jp_jsonw_kstring(&w, "deadline", a->deadline_text);
		jp_jsonw_kstring(&w, "label", due->label);
		jp_jsonw_object_end(&w);
	}
	jp_jsonw_array_end(&w);
	jp_buf_addc(b, '\n');
	return jp_buf_oom(b) ? JP_ERROR : 0;
}

int cmd_calendar(struct cli *c, int argc, char **argv)
{
	const struct jp_plan *p = c->plan;
	struct jp_due_ref *refs = NULL;
	struct jp_buf b = JP_BUF_INIT;
	struct jp_calendar_opts o = JP_CALENDAR_OPTS_INIT;
	size_t n = 0;
	int rc = CLI_OK;

	if (argc > 0)
		return cli_error(CLI_USAGE, "calendar: unexpected argument '%s'", argv[0]);
	if (strcmp(opt_format, "text") && strcmp(opt_format, "json") && strcmp(opt_format, "ics"))
		return cli_error(CLI_USAGE, "calendar: unknown format '%s' (text, json or ics)", opt_format);
	if (opt_lead && !opt_agency)
		return cli_error(CLI_USAGE, "calendar: --lead needs --agency");
	if ((rc = cli_check_agency(p, "calendar", opt_agency)) != CLI_OK)
		return rc;
	o.agency = opt_agency;
	o.lead_only = opt_lead;
	o.from = opt_from;
	o.to = opt_to;
	o.as_of = c->as_of;
	if (jp_calendar_collect(&refs, &n, p, &o) < 0)
		return cli_error(CLI_ERROR, "out of memory");
	if (!strcmp(opt_format, "ics")) {
		if (jp_ics_write(p, refs, n, &b) < 0)
			rc = cli_error(CLI_ERROR, "cannot build the calendar");
	} else if (!strcmp(opt_format, "json")) {
		if (write_json(refs, n, &b) < 0)
			rc = cli_error(CLI_ERROR, "out of memory");
	} else {
		struct jp_table t = JP_TABLE_INIT;
		char d[JP_DATE_BUFSZ];

		jp_table_add_col(&t, "Due", 0, false);
		jp_table_add_col(&t, "№", 0, false);
		jp_table_add_col(&t, "Lead", 12, false);
		jp_table_add_col(&t, "Activity", 80, false);
		for (size_t i = 0; i < n; i++) {
			const struct jp_activity *a = refs[i].act;
			const struct jp_due *due = &a->deadline.due[refs[i].due];
			const struct jp_executor *lead = jp_activity_lead(a);

			jp_table_cell(&t, jp_date_format(due->date, d));
			jp_table_cell(&t, a->number);
			jp_table_cell(&t, lead ? lead->agency : "—");
			if (due->label)
				jp_table_cellf(&t, "[%s] %s", due->label, a->title);
			else
				jp_table_cell(&t, a->title);
		}
		if (n && jp_table_render(&t, &b) < 0)
			rc = cli_error(CLI_ERROR, "out of memory");
		jp_table_release(&t);
		jp_buf_addf(&b, "%s%zu due dates\n", n ? "\n" : "", n);
	}
	if (rc == CLI_OK)
		rc = cli_write(c, &b, opt_output);
	jp_free(refs);
	jp_buf_release(&b);
	return rc;
}
