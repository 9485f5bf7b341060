/*
 * cmd_check.c - `jospar check`: findings about the official text.
 */
#include "cli.h"
#include "check.h"
#include "views.h"

#include <jansson.h>

static bool opt_json;

const struct cli_opt *opts_check(void)
{
	static const struct cli_opt o[] = {
		{ OPT_BOOL, "json", 0, &opt_json, NULL, "print JSON" },
		OPT_END_MARK
	};
	return o;
}

static const char *const headings[JP_FIND_KIND_COUNT] = {
	[JP_FIND_ROW_TOTAL] = "Row totals that differ from the sum of their years",
	[JP_FIND_GRAND_TOTAL] = "The grand total against the rows",
	[JP_FIND_GRAND_YEAR] = "The grand total's years against the rows",
	[JP_FIND_GRAND_SELF] = "The grand total against its own years",
	[JP_FIND_DATE_OUTSIDE] = "Due dates outside the plan's period",
	[JP_FIND_UNKNOWN_AGENCY] = "Executors missing from the glossary",
	[JP_FIND_DUP_EXECUTOR] = "Executors named twice in one row",
	[JP_FIND_MANY_LEADS] = "Rows with more than one lead executor",
	[JP_FIND_DUP_NUMBER] = "Activity numbers used twice",
};

int cmd_check(struct cli *c, int argc, char **argv)
{
	struct jp_findings f = JP_FINDINGS_INIT;
	struct jp_buf b = JP_BUF_INIT;
	int rc;

	if (argc > 0)
		return cli_error(CLI_USAGE, "check: unexpected argument '%s'", argv[0]);
	if (jp_plan_check(c->plan, &f) < 0)
		return cli_error(CLI_ERROR, "out of memory");
	if (opt_json) {
		cli_add_json(&b, jp_view_findings(c->plan, &f));
	} else {
		jp_buf_addf(&b, "Plan No. %s (%s): %zu finding%s about the official text\n",
			    c->plan->number, c->plan->id, f.n, f.n == 1 ? "" : "s");
		for (int k = 0; k < JP_FIND_KIND_COUNT; k++) {
			size_t cnt = 0;

			for (size_t i = 0; i < f.n; i++)
				cnt += f.items[i].kind == (enum jp_finding_kind)k;
			if (!cnt)
				continue;
			jp_buf_addf(&b, "\n%s (%zu)\n", headings[k], cnt);
			for (size_t i = 0; i < f.n; i++) {
				if (f.items[i].kind != (enum jp_finding_kind)k)
					continue;
				if (f.items[i].row)
					jp_buf_addf(&b, "  row %-7s %s\n", f.items[i].row, f.items[i].message);
				else
					jp_buf_addf(&b, "  %s\n", f.items[i].message);
			}
		}
	}
	rc = cli_write(c, &b, NULL);
	jp_findings_release(&f);
	jp_buf_release(&b);
	return rc;
}
