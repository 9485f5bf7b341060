/*
 * cmd_indicator.c - `jospar indicator list|set-actual|revise` and
 * `jospar indicators --year Y`: targets, actual values, achievement.
 */
#include "cli.h"
#include "alloc.h"
#include "indicator.h"
#include "report.h"
#include "table.h"

#include <jansson.h>

static const char *opt_year, *opt_target, *opt_value, *opt_source, *opt_reason, *opt_by;
static struct jp_date opt_date;
static bool opt_json;

const struct cli_opt *opts_indicator(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "year", 'y', &opt_year, "YEAR", "set-actual: the year of the value" },
		{ OPT_STRING, "target", 't', &opt_target, "K", "which target (1, 2, ...) when a year has several" },
		{ OPT_STRING, "value", 0, &opt_value, "V", "the value, a decimal number (\"3.6\")" },
		{ OPT_STRING, "source", 0, &opt_source, "TEXT", "set-actual: where the figure comes from" },
		{ OPT_STRING, "reason", 0, &opt_reason, "TEXT", "revise: why the target changes" },
		{ OPT_DATE, "date", 0, &opt_date, "DATE", "when it was recorded (default: today)" },
		{ OPT_STRING, "by", 0, &opt_by, "WHO", "who records it (default: $USER)" },
		{ OPT_BOOL, "json", 0, &opt_json, NULL, "print JSON" },
		OPT_END_MARK
	};
	return o;
}

const struct cli_opt *opts_indicators(void)
{
	static const struct cli_opt o[] = {
		{ OPT_STRING, "year", 'y', &opt_year, "YEAR", "the year (default: every year with a target)" },
		{ OPT_BOOL, "json", 0, &opt_json, NULL, "print JSON" },
		OPT_END_MARK
	};
	return o;
}

static int parse_year(const char *s, int *out)
{
	char *end;
	long y = strtol(s, &end, 10);

	if (*end || end == s || y < 1900 || y > 2999)
		return -1;
	*out = (int)y;
	return 0;
}

/* Picks the target: --target K, else the only target of --year. */
static int pick_target(const struct jp_ind_ref *ref, int year, size_t *k)
{
	size_t found = 0, which = 0;

	if (opt_target) {
		char *end;
		long t = strtol(opt_target, &end, 10);

		if (*end || t < 1 || (size_t)t > ref->ind->ntargets)
			return cli_error(CLI_USAGE, "indicator: %s has targets 1 to %zu", ref->id,
					 ref->ind->ntargets);
		*k = (size_t)t - 1;
		if (year && ref->ind->targets[*k].year != year)
			return cli_error(CLI_INVALID, "indicator: target %s of %s is for %d, not %d",
					 opt_target, ref->id, ref->ind->targets[*k].year, year);
		return CLI_OK;
	}
	for (size_t i = 0; i < ref->ind->ntargets; i++)
		if (ref->ind->targets[i].year == year) {
			found++;
			which = i;
		}
	if (!found)
		return cli_error(CLI_INVALID, "indicator: %s has no target for %d", ref->id, year);
	if (found > 1)
		return cli_error(CLI_USAGE, "indicator: %s has %zu targets for %d; choose one with --target",
				 ref->id, found, year);
	*k = which;
	return CLI_OK;
}

static char *achievement_text(const struct jp_achievement *a, char *buf, size_t n)
{
	if (!a->actual)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%ld.%ld%%%s", a->permille / 10, a->permille % 10,
			 a->met ? " met" : "");
	return buf;
}

static int list(struct cli *c, const struct jp_ind_ref *refs, size_t n, int year)
{
	struct jp_table t = JP_TABLE_INIT;
	struct jp_buf b = JP_BUF_INIT;
	json_t *arr = json_array();
	bool synthetic = false;
	int rc = CLI_OK;

	jp_table_add_col(&t, "ID", 0, false);
	jp_table_add_col(&t, "Year", 0, false);
	jp_table_add_col(&t, "Target", 0, true);
	jp_table_add_col(&t, "", 0, false);
	jp_table_add_col(&t, "Better", 0, false);
	jp_table_add_col(&t, "Actual", 0, true);
	jp_table_add_col(&t, "Achieved", 0, false);
	jp_table_add_col(&t, "Indicator", 56, false);
	for (size_t i = 0; i < n; i++) {
		const struct jp_ind_ref *r = &refs[i];

		for (size_t k = 0; k < r->ind->ntargets; k++) {
			const struct jp_target *tg = &r->ind->targets[k];
			struct jp_achievement a;
			char buf[32];
			json_t *o;

			if (year && tg->year != year)
				continue;
			jp_indicator_achievement(r, k, &c->history, c->as_of, &a);
			synthetic = synthetic || (a.actual && a.actual->synthetic);
			o = json_pack("{s:s, s:i, s:i, s:s, s:s?, s:s, s:b, s:s, s:s?, s:b}",
				      "id", r->id, "target", (int)k + 1, "year", tg->year,
				      "value", a.target, "unit", tg->unit,
				      "direction", jp_ind_dir_name(jp_target_direction(r->ind, k)),
				      "revised", a.revised, "original", a.original,
				      "reason", a.reason, "met", a.met);
			json_object_set_new(o, "actual", a.actual ? json_string(a.actual->value) : json_null());
			json_object_set_new(o, "source", a.actual && a.actual->source ?
					    json_string(a.actual->source) : json_null());
			json_object_set_new(o, "achievement_permille",
					    a.actual ? json_integer(a.permille) : json_null());
			json_object_set_new(o, "synthetic", json_boolean(a.actual && a.actual->synthetic));
			json_object_set_new(o, "text", json_string(r->ind->text));
			json_array_append_new(arr, o);
			jp_table_cellf(&t, "%s%s", r->id, r->ind->ntargets > 1 ? "" : "");
			jp_table_cellf(&t, "%d", tg->year);
			jp_table_cellf(&t, "%s%s", a.target, a.revised ? "*" : "");
			jp_table_cell(&t, tg->unit ? tg->unit : "");
			jp_table_cell(&t, jp_ind_dir_name(jp_target_direction(r->ind, k)));
			jp_table_cellf(&t, "%s%s", a.actual ? a.actual->value : "-",
				       a.actual && a.actual->synthetic ? " (synthetic)" : "");
			jp_table_cell(&t, achievement_text(&a, buf, sizeof(buf)));
			jp_table_cell(&t, r->ind->text);
		}
	}
	if (opt_json) {
		cli_add_json(&b, json_incref(arr));
	} else {
		if (t.nrows)
			jp_table_render(&t, &b);
		jp_buf_addf(&b, "\n%zu target%s; * = revised target%s\n", t.nrows,
			    t.nrows == 1 ? "" : "s",
			    synthetic ? "; synthetic actuals are marked" : "");
	}
	json_decref(arr);
	jp_table_release(&t);
	rc = cli_write(c, &b, NULL);
	jp_buf_release(&b);
	return rc;
}

int cmd_indicators(struct cli *c, int argc, char **argv)
{
	struct jp_ind_ref *refs = NULL;
	size_t n;
	int year = 0, rc;

	if (argc > 0)
		return cli_error(CLI_USAGE, "indicators: unexpected argument '%s'", argv[0]);
	if (opt_year && parse_year(opt_year, &year) < 0)
		return cli_error(CLI_USAGE, "indicators: --year: '%s' is not a year", opt_year);
	if (jp_indicators_list(c->plan, &refs, &n) < 0)
		return cli_error(CLI_ERROR, "out of memory");
	rc = list(c, refs, n, year);
	jp_free(refs);
	return rc;
}

int cmd_indicator(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_ind_ref *refs = NULL;
	const struct jp_ind_ref *ref;
	const char *verb = argc > 0 ? argv[0] : "";
	size_t n, k = 0;
	int year = 0, rc;

	if (jp_indicators_list(c->plan, &refs, &n) < 0)
		return cli_error(CLI_ERROR, "out of memory");
	if (!strcmp(verb, "list") && argc == 1) {
		if (opt_year && parse_year(opt_year, &year) < 0)
			rc = cli_error(CLI_USAGE, "indicator list: --year: '%s' is not a year", opt_year);
		else
			rc = list(c, refs, n, year);
		goto done;
	}
	if ((strcmp(verb, "set-actual") && strcmp(verb, "revise")) || argc != 2) {
		rc = cli_error(CLI_USAGE, "indicator: give list, set-actual ID or revise ID (see 'jospar indicator --help')");
		goto done;
	}
	ref = jp_indicator_find(refs, n, argv[1]);
	if (!ref) {
		rc = cli_error(CLI_NOTFOUND, "indicator %s: no indicator '%s' (see 'jospar indicator list')",
			       verb, argv[1]);
		goto done;
	}
	if (!opt_value || jp_money_parse(&(jp_money){ 0 }, opt_value, &err) < 0) {
		rc = cli_error(opt_value ? CLI_INVALID : CLI_USAGE, "indicator %s: give --value as a number%s%s",
			       verb, opt_value ? ": " : "", opt_value ? err.msg : "");
		goto done;
	}
	if (opt_date.y && jp_date_cmp(opt_date, c->today) > 0) {
		rc = cli_error(CLI_INVALID, "indicator %s: --date is in the future", verb);
		goto done;
	}
	if (!strcmp(verb, "set-actual")) {
		struct jp_actual a;

		if (!opt_year || parse_year(opt_year, &year) < 0) {
			rc = cli_error(CLI_USAGE, "indicator set-actual: give --year YEAR");
			goto done;
		}
		if ((rc = pick_target(ref, year, &k)) != CLI_OK)
			goto done;
		memset(&a, 0, sizeof(a));
		a.indicator = ref->id;
		a.year = year;
		a.target = (int)k;
		a.value = opt_value;
		a.source = opt_source;
		if (jp_text_limit_check("--value", a.value, JP_NAME_MAX, &err) < 0 ||
		    jp_text_limit_check("--source", a.source, JP_SOURCE_MAX, &err) < 0) {
			rc = cli_error(CLI_INVALID, "indicator set-actual: %s", err.msg);
			goto done;
		}
		a.date = opt_date.y ? opt_date : c->today;
		a.by = cli_who(opt_by);
		if (jp_store_add_actual(c->store, c->plan->id, &a, &err) < 0) {
			rc = cli_report(&err);
			goto done;
		}
		fprintf(c->out, "%s %d: actual %s recorded\n", ref->id, year, opt_value);
	} else {
		struct jp_revision r;

		if (!opt_reason || !*opt_reason) {
			rc = cli_error(CLI_USAGE, "indicator revise: give --reason");
			goto done;
		}
		if (jp_reason_check(opt_reason, &err) < 0) {
			rc = cli_error(CLI_INVALID, "indicator revise: %s", err.msg);
			goto done;
		}
		if (opt_year && parse_year(opt_year, &year) < 0) {
			rc = cli_error(CLI_USAGE, "indicator revise: --year: '%s' is not a year", opt_year);
			goto done;
		}
		if (!opt_year && !opt_target) {
			rc = cli_error(CLI_USAGE, "indicator revise: give --year or --target");
			goto done;
		}
		if ((rc = pick_target(ref, year, &k)) != CLI_OK)
			goto done;
		memset(&r, 0, sizeof(r));
		r.indicator = ref->id;
		r.target = (int)k;
		r.value = opt_value;
		r.reason = opt_reason;
		r.date = opt_date.y ? opt_date : c->today;
		r.by = cli_who(opt_by);
		if (jp_store_add_revision(c->store, c->plan->id, &r, &err) < 0) {
			rc = cli_report(&err);
			goto done;
		}
		fprintf(c->out, "%s target %zu (%d): %s -> %s; the original stays on record\n", ref->id,
			k + 1, ref->ind->targets[k].year, ref->ind->targets[k].value, opt_value);
	}
	rc = CLI_OK;
done:
	jp_free(refs);
	return rc;
}
