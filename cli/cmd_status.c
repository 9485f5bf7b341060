/*
 * cmd_status.c - `jospar status`: the state of the plan as of a date.
 */
#include "cli.h"
#include "jsonw.h"
#include "status.h"
#include "table.h"
#include "views.h"

static const char *opt_agency, *opt_color;
static bool opt_json;

const struct cli_opt *opts_status(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "agency", 'a', &opt_agency, "ABBR", "only the obligations of this agency" },
		{ OPT_BOOL, "json", 0, &opt_json, NULL, "print JSON" },
		{ OPT_STRING, "color", 0, &opt_color, "WHEN", "auto (default: when stdout is a terminal), always or never" },
		OPT_END_MARK
	};
	return o;
}

#define RED "\033[31m"
#define YELLOW "\033[33m"
#define GREEN "\033[32m"
#define BOLD "\033[1m"
#define OFF "\033[0m"

static int print_json(struct cli *c, const struct jp_status *s)
{
	struct jp_buf b = JP_BUF_INIT;
	int rc;

	if (jp_view_status_write(&b, c->plan, s, opt_agency, JP_JSONW_INDENT(1)) < 0) {
		jp_buf_release(&b);
		return cli_error(CLI_ERROR, "out of memory");
	}
	jp_buf_addc(&b, '\n');
	rc = cli_write(c, &b, NULL);
	jp_buf_release(&b);
	return rc;
}

static void occ_table(struct jp_buf *b, const struct jp_status *s, bool overdue)
{
	struct jp_table t = JP_TABLE_INIT;
	char d[JP_DATE_BUFSZ];

	jp_table_add_col(&t, "Due", 0, false);
	jp_table_add_col(&t, "№", 0, false);
	jp_table_add_col(&t, "Lead", 12, false);
	jp_table_add_col(&t, "State", 0, false);
	jp_table_add_col(&t, "Activity", 64, false);
	for (size_t i = 0; i < s->nocc; i++) {
		const struct jp_occurrence *o = &s->occ[i];
		const struct jp_executor *lead = jp_activity_lead(o->act);

		if (overdue ? !o->overdue : !o->upcoming)
			continue;
		jp_table_cell(&t, jp_date_format(o->due, d));
		jp_table_cell(&t, o->act->number);
		jp_table_cell(&t, lead ? lead->agency : "—");
		jp_table_cell(&t, jp_occ_state_name(o->state));
		jp_table_cell(&t, o->act->title);
	}
	if (t.nrows)
		jp_table_render(&t, b);
	jp_table_release(&t);
}

int cmd_status(struct cli *c, int argc, char **argv)
{
	const struct jp_plan *p = c->plan;
	struct jp_status s;
	struct jp_buf b = JP_BUF_INIT;
	char d[JP_DATE_BUFSZ], d2[JP_DATE_BUFSZ];
	bool color = !opt_json && cli_use_color(opt_color);
	size_t namend = 0;
	const struct jp_history_filter f = { NULL, true, c->as_of, false, true };
	int rc;

	if (argc > 0)
		return cli_error(CLI_USAGE, "status: unexpected argument '%s'", argv[0]);
	if (opt_color && strcmp(opt_color, "auto") && strcmp(opt_color, "always") &&
	    strcmp(opt_color, "never"))
		return cli_error(CLI_USAGE, "status: --color takes auto, always or never");
	if ((rc = cli_check_agency(p, "status", opt_agency)) != CLI_OK)
		return rc;
	/* of the history what states need: reports made by the date, no texts */
	if ((rc = cli_load_history(c, &f)) != CLI_OK)
		return rc;
	if (jp_status_compute(p, &c->history, c->as_of, opt_agency, &s) < 0)
		return cli_error(CLI_ERROR, "out of memory");
	if (opt_json) {
		rc = print_json(c, &s);
		jp_status_release(&s);
		return rc;
	}
	jp_buf_addf(&b, "%sPlan No. %s as of %s%s%s%s\n", color ? BOLD : "", p->number,
		    jp_date_format(s.as_of, d), opt_agency ? ", agency " : "",
		    opt_agency ? opt_agency : "", color ? OFF : "");
	jp_buf_addf(&b, "%s\n\n", p->title);
	if (s.synthetic)
		jp_buf_addf(&b, "%sSYNTHETIC DATA:%s the reports counted here were made by 'jospar simulate'\n\n",
			    color ? YELLOW : "", color ? OFF : "");
	switch (s.state) {
	case JP_PLAN_NOT_YET:
		jp_buf_addf(&b, "State: not yet approved (approved on %s)\n",
			    jp_date_format(p->approved, d));
		break;
	case JP_PLAN_REPEALED:
		jp_buf_addf(&b, "State: %sended%s: repealed on %s by No. %s; shown as of that day\n",
			    color ? RED : "", color ? OFF : "", jp_date_format(p->repeal.date, d),
			    p->repeal.number);
		break;
	case JP_PLAN_IN_FORCE:
		jp_buf_addf(&b, "State: in force since %s", jp_date_format(p->approved, d));
		for (size_t i = 0; i < p->namendments; i++) {
			if (jp_date_cmp(p->amendments[i].date, s.as_of) > 0)
				continue;
			jp_buf_addf(&b, "%sNo. %s of %s", namend++ ? ", " : "; amended by ",
				    p->amendments[i].number, jp_date_format(p->amendments[i].date, d2));
		}
		jp_buf_addc(&b, '\n');
		break;
	}
	jp_buf_addf(&b, "\nDue dates passed: %zu — ", s.npassed);
	jp_buf_addf(&b, "%sdone %zu%s, %sawaiting acceptance %zu%s, partly %zu, in progress %zu, "
		    "not done %zu, returned %zu, %sno report %zu%s",
		    color ? GREEN : "", s.count[JP_OCC_DONE], color ? OFF : "",
		    color ? YELLOW : "", s.count[JP_OCC_AWAITING], color ? OFF : "",
		    s.count[JP_OCC_PARTLY], s.count[JP_OCC_IN_PROGRESS], s.count[JP_OCC_NOT_DONE],
		    s.count[JP_OCC_RETURNED], color ? RED : "", s.count[JP_OCC_NO_REPORT],
		    color ? OFF : "");
	if (s.count[JP_OCC_VOID])
		jp_buf_addf(&b, "; void %zu", s.count[JP_OCC_VOID]);
	jp_buf_addc(&b, '\n');
	jp_buf_addf(&b, "\n%sOverdue: %zu%s\n", color && s.noverdue ? RED : "", s.noverdue,
		    color && s.noverdue ? OFF : "");
	occ_table(&b, &s, true);
	jp_buf_addf(&b, "\nDue in the next %d days: %zu\n", JP_STATUS_HORIZON_DAYS, s.nupcoming);
	occ_table(&b, &s, false);
	if (s.nagencies) {
		struct jp_table t = JP_TABLE_INIT;

		jp_buf_adds(&b, "\nReporting by agency (due dates passed where it is an executor)\n");
		jp_table_add_col(&t, "Agency", 32, false);
		jp_table_add_col(&t, "Due", 0, true);
		jp_table_add_col(&t, "Reported", 0, true);
		jp_table_add_col(&t, "Not reported", 0, true);
		jp_table_add_col(&t, "As lead", 0, true);
		jp_table_add_col(&t, "Overdue as lead", 0, true);
		for (size_t i = 0; i < s.nagencies; i++) {
			const struct jp_agency_status *a = &s.agencies[i];

			jp_table_cell(&t, a->agency);
			jp_table_cellf(&t, "%zu", a->due);
			jp_table_cellf(&t, "%zu", a->reported);
			jp_table_cellf(&t, "%zu", a->due - a->reported);
			jp_table_cellf(&t, "%zu", a->lead_due);
			jp_table_cellf(&t, "%zu", a->overdue);
		}
		jp_table_render(&t, &b);
		jp_table_release(&t);
	}
	{
		struct jp_table t = JP_TABLE_INIT;

		jp_buf_adds(&b, "\nBy direction\n");
		jp_table_add_col(&t, "Dir", 0, false);
		jp_table_add_col(&t, "Due", 0, true);
		jp_table_add_col(&t, "Reported", 0, true);
		jp_table_add_col(&t, "Done", 0, true);
		jp_table_add_col(&t, "Overdue", 0, true);
		jp_table_add_col(&t, "Upcoming", 0, true);
		for (size_t i = 0; i < s.ndirections; i++) {
			const struct jp_direction_status *ds = &s.directions[i];

			jp_table_cell(&t, ds->code);
			jp_table_cellf(&t, "%zu", ds->due);
			jp_table_cellf(&t, "%zu", ds->reported);
			jp_table_cellf(&t, "%zu", ds->done);
			jp_table_cellf(&t, "%zu", ds->overdue);
			jp_table_cellf(&t, "%zu", ds->upcoming);
		}
		jp_table_render(&t, &b);
		jp_table_release(&t);
	}
	rc = cli_write(c, &b, NULL);
	jp_status_release(&s);
	jp_buf_release(&b);
	return rc;
}
