/*
 * cmd_list.c - `jospar list`: activities, filtered.
 */
#include "cli.h"
#include "alloc.h"
#include "plan_json.h"
#include "table.h"

static const char *opt_direction, *opt_agency, *opt_search;
static bool opt_lead, opt_json, have_from, have_to;
static struct jp_date opt_from, opt_to;

const struct cli_opt *opts_list(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "direction", 'd', &opt_direction, "D", "only direction D (1.1, or 1 for 1.1-1.4)" },
		{ OPT_STRING, "agency", 'a', &opt_agency, "ABBR", "only activities where ABBR is an executor" },
		{ OPT_BOOL, "lead", 0, &opt_lead, NULL, "with --agency: only where it is the lead executor" },
		{ OPT_DATE, "due-from", 0, &opt_from, "DATE", "only activities with a due date on or after DATE" },
		{ OPT_DATE, "due-to", 0, &opt_to, "DATE", "only activities with a due date on or before DATE" },
		{ OPT_STRING, "search", 's', &opt_search, "TEXT", "only activities containing every word of TEXT" },
		{ OPT_BOOL, "json", 0, &opt_json, NULL, "print JSON (an array of activities)" },
		OPT_END_MARK
	};
	return o;
}

/*
 * With --agency only the rows naming the agency are read: every other
 * filter is of the row itself or of the plan-level fields (directions),
 * search hits are matched by the row's index in the plan, the agency's
 * check needs only its rows, and the count of the plan's activities is
 * kept by a partial plan.  --lead is applied to those rows here.
 */
void rows_list(int npos, char **argv, struct jp_load_rows *rows)
{
	(void)npos;
	(void)argv;
	rows->agency = opt_agency;
}

static bool due_in_range(const struct jp_activity *a)
{
	if (!have_from && !have_to)
		return true;
	for (size_t i = 0; i < a->deadline.ndue; i++) {
		struct jp_date d = a->deadline.due[i].date;

		if ((!have_from || jp_date_cmp(d, opt_from) >= 0) &&
		    (!have_to || jp_date_cmp(d, opt_to) <= 0))
			return true;
	}
	return false;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	const struct jp_plan *p = c->plan;
	const struct jp_activity **sel = NULL;
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf b = JP_BUF_INIT;
	size_t *hits = NULL, nhits = 0, n = 0, h = 0;
	int rc = CLI_OK;

	(void)argv;
	have_from = opt_from.y != 0;
	have_to = opt_to.y != 0;
	if (argc > 0)
		return cli_error(CLI_USAGE, "list: unexpected argument '%s'", argv[0]);
	if (opt_lead && !opt_agency)
		return cli_error(CLI_USAGE, "list: --lead needs --agency");
	if ((rc = cli_check_agency(p, "list", opt_agency)) != CLI_OK)
		return rc;
	if (opt_direction && !jp_plan_find_direction(p, opt_direction)) {
		bool prefix = false;

		for (size_t i = 0; i < p->ndirections; i++)
			prefix = prefix || (!strncmp(p->directions[i].code, opt_direction,
						     strlen(opt_direction)) &&
					    p->directions[i].code[strlen(opt_direction)] == '.');
		if (!prefix)
			return cli_error(CLI_NOTFOUND, "list: no direction '%s' in plan '%s'",
					 opt_direction, p->id);
	}
	if (opt_search && jp_store_search(c->store, p->id, opt_search, &hits, &nhits, &err) < 0)
		return cli_report(&err);
	sel = jp_calloc(p->nactivities + 1, sizeof(*sel));
	if (!sel) {
		rc = cli_error(CLI_ERROR, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];

		if (opt_search) {
			while (h < nhits && hits[h] < a->index)
				h++;
			if (h == nhits || hits[h] != a->index)
				continue;
		}
		if (!cli_activity_matches(a, opt_direction, opt_agency, opt_lead) ||
		    !due_in_range(a))
			continue;
		sel[n++] = a;
	}
	if (opt_json) {
		/*
		 * NEEDSWORK: jp_activities_to_json builds a jansson tree of every
		 * activity (12.8 MB of JSON at 100x); streaming it through
		 * core/jsonw.h, as status and calendar are, needs the activity
		 * writer in plan/plan_write.c to stay one with jp_plan_to_json's.
		 */
		if (jp_activities_to_json(p, sel, n, &b, JP_JSON_PRETTY) < 0) {
			rc = cli_error(CLI_ERROR, "out of memory");
			goto done;
		}
	} else {
		struct jp_table t = JP_TABLE_INIT;

		jp_table_add_col(&t, "№", 0, false);
		jp_table_add_col(&t, "Dir", 0, false);
		jp_table_add_col(&t, "Deadline", 26, false);
		jp_table_add_col(&t, "Lead", 12, false);
		jp_table_add_col(&t, "Activity", 70, false);
		for (size_t i = 0; i < n; i++) {
			const struct jp_executor *lead = jp_activity_lead(sel[i]);

			jp_table_cell(&t, sel[i]->number);
			jp_table_cell(&t, sel[i]->direction);
			jp_table_cell(&t, sel[i]->deadline_text);
			jp_table_cell(&t, lead ? lead->agency : "—");
			jp_table_cell(&t, sel[i]->title);
		}
		if (n && jp_table_render(&t, &b) < 0)
			rc = cli_error(CLI_ERROR, "out of memory");
		jp_table_release(&t);
		jp_buf_addf(&b, "%s%zu of %zu activities\n", n ? "\n" : "", n, jp_plan_rows(p));
	}
	if (rc == CLI_OK)
		rc = cli_write(c, &b, NULL);
done:
	jp_free(sel);
	jp_free(hits);
	jp_buf_release(&b);
	return rc;
}
