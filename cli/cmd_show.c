/*
 * cmd_show.c - `jospar show N`: one activity with every field.
 */
#include "cli.h"
#include "plan_json.h"
#include "status.h"

static bool opt_json;

const struct cli_opt *opts_show(void)
{
	static const struct cli_opt o[] = {
		{ OPT_BOOL, "json", 0, &opt_json, NULL, "print the activity as JSON" },
		OPT_END_MARK
	};
	return o;
}

static void field(struct jp_buf *b, const char *label, const char *value)
{
	jp_buf_addf(b, "%-17s %s\n", label, value && *value ? value : "-");
}

/* "Amended:  changed by No. 777 (2015-06-01)", one line a decree */
static void amended(struct jp_buf *b, const char *verb, const struct jp_act_ref *refs,
		    size_t n, bool label_done)
{
	char dt[JP_DATE_BUFSZ];

	for (size_t i = 0; i < n; i++) {
		if (!refs[i].number)
			continue;
		jp_buf_addf(b, "%-17s %s by No. %s (%s)\n", label_done ? "" : "Amended:", verb,
			    refs[i].number, jp_date_format(refs[i].date, dt));
		label_done = true;
	}
}

/*
 * Only the row N finds is read: the view uses besides it only plan-level
 * fields (the direction's title, the glossary, the period, the plan's
 * approval and repeal) and the reports on that row.
 */
void rows_show(int npos, char **argv, struct jp_load_rows *rows)
{
	if (npos == 1)
		rows->number = argv[0];
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	const struct jp_plan *p = c->plan;
	const struct jp_activity *a;
	const struct jp_direction *d;
	struct jp_buf b = JP_BUF_INIT;
	char m[JP_MONEY_BUFSZ], dt[JP_DATE_BUFSZ];
	struct jp_status st;
	int rc;

	if (argc != 1)
		return cli_error(CLI_USAGE, "show: give one activity number (see 'jospar show --help')");
	a = jp_plan_find_activity(p, argv[0]);
	if (!a)
		return cli_error(CLI_NOTFOUND, "no activity '%s' in plan '%s'", argv[0], p->id);
	if (opt_json) {
		if (jp_activities_to_json(p, &a, 1, &b, JP_JSON_PRETTY | JP_JSON_ONE) < 0)
			return cli_error(CLI_ERROR, "out of memory");
		rc = cli_write(c, &b, NULL);
		jp_buf_release(&b);
		return rc;
	}
	d = jp_plan_find_direction(p, a->direction);
	jp_buf_addf(&b, "Activity %s of plan No. %s, as of %s\n\n", a->number, p->number,
		    jp_date_format(c->as_of, dt));
	jp_buf_addf(&b, "%-17s %s %s\n", "Direction:", a->direction, d ? d->title : "");
	field(&b, "Title:", a->title);
	field(&b, "Completion form:", a->completion_form);
	field(&b, "Executors:", a->executors_text);
	for (size_t i = 0; i < a->executors.n; i++) {
		const struct jp_executor *e = &a->executors.items[i];
		const struct jp_glossary_entry *g = jp_plan_find_agency(p, e->agency);

		jp_buf_addf(&b, "%-17s %s%s%s — %s\n", "", e->agency,
			    e->lead ? " [lead]" : "", e->by_agreement ? " [by agreement]" : "",
			    g ? g->name : "(not in the glossary)");
	}
	field(&b, "Deadline:", a->deadline_text);
	for (size_t i = a->nearlier; i-- > 0;)
		jp_buf_addf(&b, "%-17s before %s: %s\n", "", jp_date_format(a->earlier[i].until, dt),
			    a->earlier[i].text);
	amended(&b, "added", &a->added_by, 1, 0);
	amended(&b, "changed", a->changed_by, a->nchanged, a->added_by.number != NULL);
	amended(&b, "removed", &a->removed_by, 1, a->added_by.number || a->nchanged);
	/* of the history, only this activity's reports made by the date */
	{
		struct jp_history_filter f = { a->number, true, c->as_of };

		if ((rc = cli_load_history(c, &f)) != CLI_OK) {
			jp_buf_release(&b);
			return rc;
		}
	}
	if (jp_status_compute_some(p, &c->history, c->as_of, &a, 1, &st) < 0)
		return cli_error(CLI_ERROR, "out of memory");
	for (size_t i = 0, k = 0; i < st.nocc; i++) {
		const struct jp_occurrence *o = &st.occ[i];
		char state[48];

		if (o->act != a)
			continue;

		if (jp_date_cmp(o->due, st.effective) >= 0 && o->state != JP_OCC_VOID)
			snprintf(state, sizeof(state), "not yet due");
		else
			snprintf(state, sizeof(state), "%s%s", jp_occ_state_name(o->state),
				 o->overdue ? ", overdue" : "");
		jp_buf_addf(&b, "%-17s %s  %-24s", k++ ? "" : "Due dates:", jp_date_format(o->due, dt),
			    state);
		if (o->report)
			jp_buf_addf(&b, "  report %lld by %s%s", (long long)o->report->id,
				    o->report->agency, o->report->synthetic ? " (synthetic)" : "");
		for (size_t j = 0; j < o->ncontrib; j++)
			jp_buf_addf(&b, "%s%s", j ? ", " : "  also ", o->contrib[j]->agency);
		if (o->label)
			jp_buf_addf(&b, "  [%s]", o->label);
		jp_buf_addc(&b, '\n');
	}
	jp_status_release(&st);
	if (!a->deadline.ndue)
		field(&b, "Due dates:", "none inside the plan's period");
	for (size_t i = 0; i < a->deadline.noutside; i++)
		jp_buf_addf(&b, "%-17s %s (outside the plan's period, not counted)\n", "",
			    jp_date_format(a->deadline.outside[i].date, dt));
	if (!a->budget.present) {
		field(&b, "Budget:", "none shown");
	} else {
		jp_buf_addf(&b, "%-17s total %s", "Budget:",
			    a->budget.has_total ? jp_money_format(a->budget.total, m) : "-");
		for (int y = p->period_from; y <= p->period_to; y++) {
			jp_money v;

			if (jp_budget_year(p, &a->budget, y, &v))
				jp_buf_addf(&b, "; %d: %s", y, jp_money_format(v, m));
		}
		jp_buf_adds(&b, " (million tenge)\n");
		if (a->budget.source || a->budget.program)
			jp_buf_addf(&b, "%-17s %s %s\n", "Source:",
				    a->budget.source ? a->budget.source : "",
				    a->budget.program ? a->budget.program : "");
	}
	if (a->source_lines[0])
		jp_buf_addf(&b, "%-17s lines %d-%d\n", "Official text:", a->source_lines[0],
			    a->source_lines[1]);
	rc = cli_write(c, &b, NULL);
	jp_buf_release(&b);
	return rc;
}
