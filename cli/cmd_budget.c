/*
 * cmd_budget.c - `jospar budget`: planned money rolled up.
 */
#include "cli.h"
#include "budget.h"
#include "csv_write.h"
#include "table.h"

#include <jansson.h>

static const char *opt_by = "direction";
static bool opt_json, opt_csv, opt_spent;

const struct cli_opt *opts_budget(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "by", 'b', &opt_by, "GROUP", "year, direction (default), lead, source or activity" },
		{ OPT_BOOL, "json", 0, &opt_json, NULL, "print JSON" },
		{ OPT_BOOL, "csv", 0, &opt_csv, NULL, "print CSV" },
		{ OPT_BOOL, "spent", 0, &opt_spent, NULL, "planned against spent, as reported by the date (--as-of)" },
		OPT_END_MARK
	};
	return o;
}

/* The heading of the key column of a table grouped by `g`. */
static const char *key_heading(enum jp_budget_group g)
{
	switch (g) {
	case JP_GROUP_YEAR: return "Year";
	case JP_GROUP_DIRECTION: return "Direction";
	case JP_GROUP_LEAD: return "Lead";
	case JP_GROUP_SOURCE: return "Source";
	case JP_GROUP_ACTIVITY: return "Activity";
	}
	return "";
}

static const char *label_of(const struct jp_plan *p, const struct jp_rollup *r,
			    const struct jp_rollup_row *row)
{
	if (r->group == JP_GROUP_DIRECTION) {
		const struct jp_direction *d = jp_plan_find_direction(p, row->key);

		return d ? d->title : "";
	}
	if (r->group == JP_GROUP_LEAD) {
		const struct jp_glossary_entry *g = jp_plan_find_agency(p, row->key);

		return g ? g->name : "";
	}
	return "";
}

static json_t *row_json(const struct jp_rollup *r, const struct jp_rollup_row *row)
{
	json_t *o = json_object(), *y = json_object();
	char m[JP_MONEY_BUFSZ], k[16];

	json_object_set_new(o, "activities", json_integer((json_int_t)row->nactivities));
	json_object_set_new(o, "total", json_string(jp_money_format(row->total, m)));
	for (int i = 0; i < r->nyears; i++) {
		snprintf(k, sizeof(k), "%d", r->first_year + i);
		json_object_set_new(y, k, json_string(jp_money_format(row->year[i], m)));
	}
	json_object_set_new(o, "by_year", y);
	return o;
}

static const struct jp_rollup_row *match(const struct jp_rollup *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->rows[i].key, key))
			return &r->rows[i];
	return NULL;
}

/* Planned against spent: the planned keys first, then keys only spent has. */
static int spent(struct cli *c, enum jp_budget_group group)
{
	const struct jp_plan *p = c->plan;
	struct jp_rollup plan, done;
	struct jp_buf b = JP_BUF_INIT;
	char m[JP_MONEY_BUFSZ], d[JP_DATE_BUFSZ], k[16];
	static const struct jp_rollup_row zero;
	/* of the history only the money: reports made by the date, narrow */
	const struct jp_history_filter f = { NULL, true, c->as_of, true };
	bool synthetic = false;
	int rc = CLI_OK;

	if ((rc = cli_load_history(c, &f)) != CLI_OK)
		return rc;
	for (size_t i = 0; i < c->history.nreports; i++)
		synthetic = synthetic || (c->history.reports[i].synthetic &&
					  c->history.reports[i].has_spent &&
					  jp_date_cmp(c->history.reports[i].made, c->as_of) <= 0);

	if (jp_budget_rollup(p, group, &plan) < 0)
		return cli_error(CLI_ERROR, "out of memory");
	if (jp_budget_spent(p, &c->history, c->as_of, group, &done) < 0) {
		jp_rollup_release(&plan);
		return cli_error(CLI_ERROR, "out of memory");
	}
	if (opt_json) {
		json_t *o = json_object(), *rows = json_array();

		json_object_set_new(o, "plan", json_string(p->id));
		json_object_set_new(o, "by", json_string(opt_by));
		json_object_set_new(o, "as_of", json_string(jp_date_format(c->as_of, d)));
		json_object_set_new(o, "unit", json_string(p->unit ? p->unit : "million tenge"));
		for (size_t i = 0; i < done.n && group != JP_GROUP_YEAR; i++) {
			const struct jp_rollup_row *pl = match(&plan, done.rows[i].key);
			json_t *row = json_object();

			json_object_set_new(row, "key", json_string(done.rows[i].key));
			json_object_set_new(row, "planned", row_json(&plan, pl ? pl : &zero));
			json_object_set_new(row, "spent", row_json(&done, &done.rows[i]));
			json_array_append_new(rows, row);
		}
		json_object_set_new(o, "rows", rows);
		json_object_set_new(o, "all", json_pack("{s:o, s:o}", "planned", row_json(&plan, &plan.all),
							"spent", row_json(&done, &done.all)));
		json_object_set_new(o, "synthetic", json_boolean(synthetic));
		cli_add_json(&b, o);
	} else if (opt_csv) {
		jp_csv_field(&b, opt_by, true);
		jp_csv_field(&b, "planned", false);
		jp_csv_field(&b, "spent", false);
		for (int y = 0; y < done.nyears; y++) {
			snprintf(k, sizeof(k), "planned %d", done.first_year + y);
			jp_csv_field(&b, k, false);
			snprintf(k, sizeof(k), "spent %d", done.first_year + y);
			jp_csv_field(&b, k, false);
		}
		jp_csv_end(&b);
		for (size_t i = 0; i <= done.n; i++) {
			const struct jp_rollup_row *sp = i < done.n ? &done.rows[i] : &done.all;
			const struct jp_rollup_row *pl = i < done.n ? match(&plan, sp->key) : &plan.all;

			if (!pl)
				pl = &zero;
			if (i < done.n && group == JP_GROUP_YEAR)
				continue;
			jp_csv_field(&b, i < done.n ? sp->key : "all", true);
			jp_csv_field(&b, jp_money_format(pl->total, m), false);
			jp_csv_field(&b, jp_money_format(sp->total, m), false);
			for (int y = 0; y < done.nyears; y++) {
				jp_csv_field(&b, jp_money_format(pl->year[y], m), false);
				jp_csv_field(&b, jp_money_format(sp->year[y], m), false);
			}
			jp_csv_end(&b);
		}
	} else {
		struct jp_table t = JP_TABLE_INIT;

		jp_buf_addf(&b, "Planned and spent, million tenge (plan No. %s, reports made by %s)\n\n",
			    p->number, jp_date_format(c->as_of, d));
		if (synthetic)
			jp_buf_adds(&b, "SYNTHETIC DATA: spent amounts include reports made by 'jospar simulate'\n\n");
		jp_table_add_col(&t, key_heading(group), 16, false);
		jp_table_add_col(&t, "Planned", 0, true);
		jp_table_add_col(&t, "Spent", 0, true);
		jp_table_add_col(&t, "Spent %", 0, true);
		if (group == JP_GROUP_YEAR) {
			for (int y = 0; y < done.nyears; y++) {
				jp_money pl = plan.all.year[y], sp = done.all.year[y];

				jp_table_cellf(&t, "%d", done.first_year + y);
				jp_table_cell(&t, jp_money_format(pl, m));
				jp_table_cell(&t, jp_money_format(sp, m));
				if (pl > 0)
					jp_table_cellf(&t, "%lld%%", (long long)((sp * 100 + pl / 2) / pl));
				else
					jp_table_cell(&t, "-");
			}
		} else {
			for (size_t i = 0; i < done.n; i++) {
				const struct jp_rollup_row *sp = &done.rows[i], *pl = match(&plan, sp->key);
				jp_money pt = pl ? pl->total : 0;

				if (!pt && !sp->total)
					continue;
				jp_table_cell(&t, sp->key);
				jp_table_cell(&t, jp_money_format(pt, m));
				jp_table_cell(&t, jp_money_format(sp->total, m));
				if (pt > 0)
					jp_table_cellf(&t, "%lld%%", (long long)((sp->total * 100 + pt / 2) / pt));
				else
					jp_table_cell(&t, "-");
			}
		}
		jp_table_cell(&t, "All");
		jp_table_cell(&t, jp_money_format(plan.all.total, m));
		jp_table_cell(&t, jp_money_format(done.all.total, m));
		if (plan.all.total > 0)
			jp_table_cellf(&t, "%lld%%", (long long)((done.all.total * 100 + plan.all.total / 2) /
								plan.all.total));
		else
			jp_table_cell(&t, "-");
		if (jp_table_render(&t, &b) < 0)
			rc = cli_error(CLI_ERROR, "out of memory");
		jp_table_release(&t);
	}
	if (rc == CLI_OK)
		rc = cli_write(c, &b, NULL);
	jp_rollup_release(&plan);
	jp_rollup_release(&done);
	jp_buf_release(&b);
	return rc;
}

int cmd_budget(struct cli *c, int argc, char **argv)
{
	const struct jp_plan *p = c->plan;
	struct jp_rollup r;
	struct jp_buf b = JP_BUF_INIT;
	char m[JP_MONEY_BUFSZ];
	int group, rc = CLI_OK;

	if (argc > 0)
		return cli_error(CLI_USAGE, "budget: unexpected argument '%s'", argv[0]);
	if (opt_json && opt_csv)
		return cli_error(CLI_USAGE, "budget: choose one of --json and --csv");
	group = jp_budget_group_parse(opt_by);
	if (group < 0)
		return cli_error(CLI_USAGE, "budget: unknown grouping '%s' (year, direction, lead, source or activity)", opt_by);
	if (opt_spent)
		return spent(c, (enum jp_budget_group)group);
	if (jp_budget_rollup(p, (enum jp_budget_group)group, &r) < 0)
		return cli_error(CLI_ERROR, "out of memory");
	if (opt_json) {
		json_t *o = json_object(), *rows = json_array();

		json_object_set_new(o, "plan", json_string(p->id));
		json_object_set_new(o, "by", json_string(opt_by));
		json_object_set_new(o, "unit", json_string(p->unit ? p->unit : "million tenge"));
		for (size_t i = 0; i < r.n && group != JP_GROUP_YEAR; i++) {
			json_t *row = row_json(&r, &r.rows[i]);

			json_object_set_new(row, "key", json_string(r.rows[i].key));
			json_array_append_new(rows, row);
		}
		json_object_set_new(o, "rows", rows);
		json_object_set_new(o, "all", row_json(&r, &r.all));
		cli_add_json(&b, o);
	} else if (opt_csv) {
		jp_csv_field(&b, opt_by, true);
		jp_csv_field(&b, "activities", false);
		jp_csv_field(&b, "total", false);
		for (int y = 0; y < r.nyears; y++) {
			char k[16];

			snprintf(k, sizeof(k), "%d", r.first_year + y);
			jp_csv_field(&b, k, false);
		}
		jp_csv_end(&b);
		for (size_t i = 0; i <= r.n; i++) {
			const struct jp_rollup_row *row = i < r.n ? &r.rows[i] : &r.all;
			char k[24];

			if (i < r.n && group == JP_GROUP_YEAR)
				continue;
			jp_csv_field(&b, i < r.n ? row->key : "all", true);
			snprintf(k, sizeof(k), "%zu", row->nactivities);
			jp_csv_field(&b, k, false);
			jp_csv_field(&b, jp_money_format(row->total, m), false);
			for (int y = 0; y < r.nyears; y++)
				jp_csv_field(&b, jp_money_format(row->year[y], m), false);
			jp_csv_end(&b);
		}
	} else {
		struct jp_table t = JP_TABLE_INIT;

		jp_buf_addf(&b, "Planned spending, million tenge (plan No. %s)\n\n", p->number);
		if (group == JP_GROUP_YEAR) {
			jp_table_add_col(&t, "Year", 0, false);
			jp_table_add_col(&t, "Planned", 0, true);
			for (int y = 0; y < r.nyears; y++) {
				jp_table_cellf(&t, "%d", r.first_year + y);
				jp_table_cell(&t, jp_money_format(r.all.year[y], m));
			}
			jp_table_cell(&t, "Sum of years");
			{
				jp_money s = 0;

				for (int y = 0; y < r.nyears; y++)
					s += r.all.year[y];
				jp_table_cell(&t, jp_money_format(s, m));
			}
			jp_table_cell(&t, "Sum of row totals");
			jp_table_cell(&t, jp_money_format(r.all.total, m));
		} else {
			jp_table_add_col(&t, key_heading((enum jp_budget_group)group), 0, false);
			jp_table_add_col(&t, "", 28, false);
			jp_table_add_col(&t, "Rows", 0, true);
			jp_table_add_col(&t, "Total", 0, true);
			for (int y = 0; y < r.nyears; y++) {
				static char heads[JP_MAX_YEARS][8];

				snprintf(heads[y], sizeof(heads[y]), "%d", r.first_year + y);
				jp_table_add_col(&t, heads[y], 0, true);
			}
			for (size_t i = 0; i <= r.n; i++) {
				const struct jp_rollup_row *row = i < r.n ? &r.rows[i] : &r.all;

				jp_table_cell(&t, i < r.n ? row->key : "All");
				jp_table_cell(&t, i < r.n ? label_of(p, &r, row) : "");
				jp_table_cellf(&t, "%zu", row->nactivities);
				jp_table_cell(&t, jp_money_format(row->total, m));
				for (int y = 0; y < r.nyears; y++)
					jp_table_cell(&t, row->year[y] ? jp_money_format(row->year[y], m) : "-");
			}
		}
		if (jp_table_render(&t, &b) < 0)
			rc = cli_error(CLI_ERROR, "out of memory");
		jp_table_release(&t);
		if (p->grand_total.present && p->grand_total.has_total)
			jp_buf_addf(&b, "\nThe plan's printed grand total: %s (see 'jospar check').\n",
				    jp_money_format(p->grand_total.total, m));
	}
	if (rc == CLI_OK)
		rc = cli_write(c, &b, NULL);
	jp_rollup_release(&r);
	jp_buf_release(&b);
	return rc;
}
