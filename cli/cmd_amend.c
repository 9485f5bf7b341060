/*
 * cmd_amend.c - `jospar amend FILE` stores an amendment; `jospar diff`
 * shows what changed in the plan between two dates.
 */
#include "cli.h"
#include "arena.h"
#include "ledger.h"
#include "alloc.h"
#include "amend.h"
#include "load.h"
#include "plan_json.h"

#include <jansson.h>

static bool opt_json;
static struct jp_date opt_from, opt_to;

const struct cli_opt *opts_amend(void)
{
	return opts_none();
}

const struct cli_opt *opts_diff(void)
{
	static const struct cli_opt o[] = {
		{ OPT_DATE, "from", 0, &opt_from, "DATE", "the earlier date" },
		{ OPT_DATE, "to", 0, &opt_to, "DATE", "the later date (default: today)" },
		{ OPT_BOOL, "json", 0, &opt_json, NULL, "print JSON" },
		OPT_END_MARK
	};
	return o;
}

int cmd_amend(struct cli *c, int argc, char **argv)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_amendment_info info;
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_ledger l;
	struct jp_buf doc = JP_BUF_INIT;
	char d[JP_DATE_BUFSZ];
	FILE *f;
	char chunk[65536];
	size_t n;
	int rc;

	if (argc != 1)
		return cli_error(CLI_USAGE, "amend: give one amendment document");
	f = strcmp(argv[0], "-") ? fopen(argv[0], "rb") : stdin;
	if (!f)
		return cli_error(errno == ENOENT ? CLI_NOTFOUND : CLI_ERROR, "cannot open '%s': %s",
				 argv[0], strerror(errno));
	jp_buf_set_limit(&doc, JP_PLAN_MAX_BYTES);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		jp_buf_add(&doc, chunk, n);
	if (f != stdin)
		fclose(f);
	if (jp_buf_oom(&doc)) {
		rc = cli_error(CLI_INVALID, "'%s' is too large", argv[0]);
		goto done;
	}
	if ((rc = cli_ledger(c, NULL, &l, &arena)) != CLI_OK)
		goto done;
	if (jp_ledger_add_amendment(&l, doc.ptr, doc.len, &info, &err) < 0) {
		jp_error_prefix_where(&err, argv[0]);
		rc = err.code == JP_EEXISTS ? cli_error(jp_error_exit_code(err.code), "%s: %s", argv[0],
							 err.msg)
					    : cli_report(&err);
		goto done;
	}
	fprintf(c->out, "stored amendment No. %s of %s to plan '%s': %zu added, %zu changed, %zu removed\n",
		info.number, jp_date_format(info.date, d), info.plan, info.nadd, info.nchange,
		info.nremove);
	rc = CLI_OK;
done:
	jp_arena_release(&arena);
	jp_buf_release(&doc);
	return rc;
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool budget_eq(const struct jp_budget *a, const struct jp_budget *b)
{
	return a->present == b->present && a->has_total == b->has_total &&
	       a->total == b->total && a->year_mask == b->year_mask &&
	       !memcmp(a->year, b->year, sizeof(a->year)) && str_eq(a->source, b->source) &&
	       str_eq(a->program, b->program);
}

static void changed_fields(const struct jp_activity *x, const struct jp_activity *y,
			   json_t *fields)
{
	if (!str_eq(x->direction, y->direction))
		json_array_append_new(fields, json_string("direction"));
	if (!str_eq(x->title, y->title))
		json_array_append_new(fields, json_string("title"));
	if (!str_eq(x->completion_form, y->completion_form))
		json_array_append_new(fields, json_string("completion_form"));
	if (!str_eq(x->executors_text, y->executors_text))
		json_array_append_new(fields, json_string("executors"));
	if (!str_eq(x->deadline_text, y->deadline_text))
		json_array_append_new(fields, json_string("deadline"));
	if (!budget_eq(&x->budget, &y->budget))
		json_array_append_new(fields, json_string("budget"));
}

int cmd_diff(struct cli *c, int argc, char **argv)
{
	struct jp_plan *a = NULL, *b = NULL;
	struct jp_date to = opt_to.y ? opt_to : c->today;
	json_t *o, *added = json_array(), *removed = json_array(), *changed = json_array();
	struct jp_buf out = JP_BUF_INIT;
	char d1[JP_DATE_BUFSZ], d2[JP_DATE_BUFSZ];
	int rc;

	if (argc > 0)
		return cli_error(CLI_USAGE, "diff: unexpected argument '%s'", argv[0]);
	if (!opt_from.y)
		return cli_error(CLI_USAGE, "diff: give --from DATE");
	if (jp_date_cmp(opt_from, to) > 0)
		return cli_error(CLI_USAGE, "diff: --from must not be after --to");
	if ((rc = cli_load_plan_as_of(c, c->plan->id, opt_from, &a)) != CLI_OK ||
	    (rc = cli_load_plan_as_of(c, c->plan->id, to, &b)) != CLI_OK)
		goto done;
	for (size_t i = 0; i < b->nactivities; i++) {
		const struct jp_activity *y = &b->activities[i];
		const struct jp_activity *x = NULL;
		json_t *fields;

		for (size_t k = 0; k < a->nactivities && !x; k++)
			if (!strcmp(a->activities[k].number, y->number))
				x = &a->activities[k];
		if (!x) {
			json_array_append_new(added, json_pack("{s:s, s:s, s:s?}", "number", y->number,
				"title", y->title, "by", y->added_by.number));
			continue;
		}
		if (y->removed_by.number && !x->removed_by.number) {
			json_array_append_new(removed, json_pack("{s:s, s:s, s:s}", "number", y->number,
				"title", y->title, "by", y->removed_by.number));
			continue;
		}
		fields = json_array();
		changed_fields(x, y, fields);
		if (json_array_size(fields))
			json_array_append_new(changed, json_pack("{s:s, s:o}", "number", y->number,
								 "fields", fields));
		else
			json_decref(fields);
	}
	o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "plan", b->id,
		      "from", jp_date_format(opt_from, d1), "to", jp_date_format(to, d2),
		      "added", added, "removed", removed, "changed", changed);
	if (b->repealed && jp_date_cmp(b->repeal.date, opt_from) > 0 &&
	    jp_date_cmp(b->repeal.date, to) <= 0)
		json_object_set_new(o, "repealed", json_pack("{s:s, s:s}", "number", b->repeal.number,
			"date", jp_date_format(b->repeal.date, d1)));
	if (opt_json) {
		cli_add_json(&out, json_incref(o));
	} else {
		size_t i;
		json_t *it;

		jp_buf_addf(&out, "Plan No. %s: what changed from %s to %s\n", b->number,
			    json_string_value(json_object_get(o, "from")),
			    json_string_value(json_object_get(o, "to")));
		json_array_foreach(added, i, it)
			jp_buf_addf(&out, "  added    %-8s %s (amendment No. %s)\n",
				    json_string_value(json_object_get(it, "number")),
				    json_string_value(json_object_get(it, "title")),
				    json_string_value(json_object_get(it, "by")) ?
				    json_string_value(json_object_get(it, "by")) : "?");
		json_array_foreach(removed, i, it)
			jp_buf_addf(&out, "  removed  %-8s %s (amendment No. %s)\n",
				    json_string_value(json_object_get(it, "number")),
				    json_string_value(json_object_get(it, "title")),
				    json_string_value(json_object_get(it, "by")));
		json_array_foreach(changed, i, it) {
			size_t k;
			json_t *f;

			jp_buf_addf(&out, "  changed  %-8s", json_string_value(json_object_get(it, "number")));
			json_array_foreach(json_object_get(it, "fields"), k, f)
				jp_buf_addf(&out, "%s%s", k ? ", " : " ", json_string_value(f));
			jp_buf_addc(&out, '\n');
		}
		if (json_object_get(o, "repealed"))
			jp_buf_addf(&out, "  the plan was repealed on %s by No. %s\n",
				    jp_date_format(b->repeal.date, d1), b->repeal.number);
		if (!json_array_size(added) && !json_array_size(removed) &&
		    !json_array_size(changed) && !json_object_get(o, "repealed"))
			jp_buf_adds(&out, "  no change\n");
	}
	json_decref(o);
	rc = cli_write(c, &out, NULL);
done:
	jp_plan_free(a);
	jp_plan_free(b);
	jp_buf_release(&out);
	return rc;
}
