/*
 * plan_write.c - writing plans and activities as JSON (see plan_json.h).
 *
 * Built with jansson and dumped in one go; amounts are written as decimal
 * strings by jp_money_format, never as JSON numbers.
 */
#include "jp.h"
#include "buf.h"
#include "plan.h"
#include "plan_json.h"

#include <jansson.h>
#include <string.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *money_json(jp_money m)
{
	char buf[JP_MONEY_BUFSZ];

	return json_string(jp_money_format(m, buf));
}

static json_t *budget_json(const struct jp_plan *p, const struct jp_budget *b,
			   bool with_source)
{
	json_t *o, *years;

	if (!b->present)
		return json_null();
	o = json_object();
	years = json_object();
	json_object_set_new(o, "total", b->has_total ? money_json(b->total) : json_null());
	for (int i = 0; i <= p->period_to - p->period_from; i++) {
		char y[16];

		if (!(b->year_mask & (1u << i)))
			continue;
		snprintf(y, sizeof(y), "%d", p->period_from + i);
		json_object_set_new(years, y, money_json(b->year[i]));
	}
	json_object_set_new(o, "by_year", years);
	if (with_source) {
		json_object_set_new(o, "source", str_or_null(b->source));
		json_object_set_new(o, "program", str_or_null(b->program));
	}
	return o;
}

static json_t *indicators_json(const struct jp_indicator *ind, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object(), *t = json_array();

		json_object_set_new(o, "number", json_integer(ind[i].number));
		json_object_set_new(o, "text", json_string(ind[i].text));
		for (size_t j = 0; j < ind[i].ntargets; j++) {
			json_t *to = json_object();

			json_object_set_new(to, "year", json_integer(ind[i].targets[j].year));
			json_object_set_new(to, "value", json_string(ind[i].targets[j].value));
			json_object_set_new(to, "unit", str_or_null(ind[i].targets[j].unit));
			if (ind[i].targets[j].direction)
				json_object_set_new(to, "direction",
						    json_string(ind[i].targets[j].direction));
			json_array_append_new(t, to);
		}
		json_object_set_new(o, "targets", t);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *ref_json(const struct jp_act_ref *r)
{
	char d[JP_DATE_BUFSZ];

	return json_pack("{s:s, s:s}", "number", r->number, "date",
			 jp_date_format(r->date, d));
}

static json_t *activity_json(const struct jp_plan *p, const struct jp_activity *a,
			     unsigned flags)
{
	json_t *o = json_object();

	json_object_set_new(o, "number", json_string(a->number));
	json_object_set_new(o, "direction", json_string(a->direction));
	json_object_set_new(o, "title", json_string(a->title));
	json_object_set_new(o, "completion_form", str_or_null(a->completion_form));
	if (flags & JP_JSON_PARSED) {
		json_t *ex = json_array(), *dl = json_object(), *due = json_array();

		for (size_t i = 0; i < a->executors.n; i++) {
			const struct jp_executor *e = &a->executors.items[i];
			json_t *eo = json_object();

			json_object_set_new(eo, "agency", json_string(e->agency));
			json_object_set_new(eo, "lead", json_boolean(e->lead));
			json_object_set_new(eo, "by_agreement", json_boolean(e->by_agreement));
			json_array_append_new(ex, eo);
		}
		json_object_set_new(o, "executors", ex);
		json_object_set_new(o, "executors_text", json_string(a->executors_text));
		for (size_t i = 0; i < a->deadline.ndue; i++) {
			char d[JP_DATE_BUFSZ];

			json_array_append_new(due, json_string(jp_date_format(a->deadline.due[i].date, d)));
		}
		json_object_set_new(dl, "text", json_string(a->deadline_text));
		json_object_set_new(dl, "due", due);
		json_object_set_new(o, "deadline", dl);
	} else {
		json_object_set_new(o, "executors", json_string(a->executors_text));
		json_object_set_new(o, "deadline", json_string(a->deadline_text));
	}
	json_object_set_new(o, "budget", budget_json(p, &a->budget, true));
	if (a->added_by.number)
		json_object_set_new(o, "added_by", ref_json(&a->added_by));
	if (a->nchanged) {
		json_t *l = json_array();

		for (size_t i = 0; i < a->nchanged; i++)
			json_array_append_new(l, ref_json(&a->changed_by[i]));
		json_object_set_new(o, "changed_by", l);
	}
	if (a->removed_by.number)
		json_object_set_new(o, "removed_by", ref_json(&a->removed_by));
	if (a->nearlier) {
		json_t *l = json_array();

		for (size_t i = 0; i < a->nearlier; i++) {
			char d[JP_DATE_BUFSZ];

			json_array_append_new(l, json_pack("{s:s, s:s}", "deadline", a->earlier[i].text,
				"until", jp_date_format(a->earlier[i].until, d)));
		}
		json_object_set_new(o, "earlier_deadlines", l);
	}
	if (a->source_lines[0]) {
		json_t *l = json_array();

		json_array_append_new(l, json_integer(a->source_lines[0]));
		json_array_append_new(l, json_integer(a->source_lines[1]));
		json_object_set_new(o, "source_lines", l);
	}
	return o;
}

static int dump(json_t *v, struct jp_buf *out, unsigned flags)
{
	size_t flagsj = (flags & JP_JSON_PRETTY) ? JSON_INDENT(1) : JSON_COMPACT;
	char *s;

	if (!v)
		return JP_ERROR;
	s = json_dumps(v, flagsj);
	json_decref(v);
	if (!s)
		return JP_ERROR;
	jp_buf_adds(out, s);
	jp_buf_addc(out, '\n');
	free(s); /* jansson's allocator */
	return jp_buf_oom(out) ? JP_ERROR : 0;
}

/*
 * The array is written an activity at a time, each one's tree dumped and
 * freed before the next is built, so that a list of 25 000 rows never
 * holds more than one row's tree (jansson's trees are several times the
 * size of their text).  The bytes are json_dumps()'s for the whole array:
 * compact, "[a,b]"; indented, "[\n a,\n b\n]" with each line of an
 * item one level in (strings never hold a raw line end: jansson escapes
 * it).
 */
int jp_activities_to_json(const struct jp_plan *plan,
			  const struct jp_activity *const *acts, size_t n,
			  struct jp_buf *out, unsigned flags)
{
	bool pretty = flags & JP_JSON_PRETTY;

	if ((flags & JP_JSON_ONE) && n == 1)
		return dump(activity_json(plan, acts[0], flags | JP_JSON_PARSED), out, flags);
	jp_buf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		json_t *v = activity_json(plan, acts[i], flags | JP_JSON_PARSED);
		char *s = v ? json_dumps(v, pretty ? JSON_INDENT(1) : JSON_COMPACT) : NULL;

		json_decref(v);
		if (!s)
			return JP_ERROR;
		if (i)
			jp_buf_addc(out, ',');
		if (pretty) {
			jp_buf_adds(out, "\n ");
			for (const char *p = s, *nl; *p; p = nl + 1) {
				if (!(nl = strchr(p, '\n'))) {
					jp_buf_adds(out, p);
					break;
				}
				jp_buf_add(out, p, (size_t)(nl - p));
				jp_buf_adds(out, "\n ");
			}
		} else {
			jp_buf_adds(out, s);
		}
		free(s); /* jansson's allocator */
	}
	if (pretty && n)
		jp_buf_addc(out, '\n');
	jp_buf_adds(out, "]\n");
	return jp_buf_oom(out) ? JP_ERROR : 0;
}

int jp_plan_to_json(const struct jp_plan *p, struct jp_buf *out, unsigned flags)
{
	json_t *o = json_object(), *arr, *period;
	char d[JP_DATE_BUFSZ];

	json_object_set_new(o, "format", json_string("jospar-plan"));
	json_object_set_new(o, "format_version", json_integer(1));
	json_object_set_new(o, "id", json_string(p->id));
	if (p->language)
		json_object_set_new(o, "language", json_string(p->language));
	if (p->issuer)
		json_object_set_new(o, "issuer", json_string(p->issuer));
	json_object_set_new(o, "number", json_string(p->number));
	json_object_set_new(o, "approved", json_string(jp_date_format(p->approved, d)));
	json_object_set_new(o, "title", json_string(p->title));
	period = json_object();
	json_object_set_new(period, "from", json_integer(p->period_from));
	json_object_set_new(period, "to", json_integer(p->period_to));
	json_object_set_new(o, "period", period);
	if (p->unit)
		json_object_set_new(o, "unit", json_string(p->unit));
	if (p->reporting_window_days)
		json_object_set_new(o, "reporting_window_days", json_integer(p->reporting_window_days));
	arr = json_array();
	for (size_t i = 0; i < p->namendments; i++) {
		json_t *a = json_object();

		json_object_set_new(a, "number", json_string(p->amendments[i].number));
		json_object_set_new(a, "date", json_string(jp_date_format(p->amendments[i].date, d)));
		json_array_append_new(arr, a);
	}
	json_object_set_new(o, "amendments", arr);
	if (p->repealed) {
		json_t *r = json_object();

		json_object_set_new(r, "number", json_string(p->repeal.number));
		json_object_set_new(r, "date", json_string(jp_date_format(p->repeal.date, d)));
		json_object_set_new(o, "repeal", r);
	}
	if (p->goal)
		json_object_set_new(o, "goal", json_string(p->goal));
	arr = json_array();
	for (size_t i = 0; i < p->nobjectives; i++) {
		json_t *ob = json_object();

		json_object_set_new(ob, "number", json_integer(p->objectives[i].number));
		json_object_set_new(ob, "text", json_string(p->objectives[i].text));
		json_object_set_new(ob, "indicators",
				    indicators_json(p->objectives[i].indicators,
						    p->objectives[i].nindicators));
		json_array_append_new(arr, ob);
	}
	json_object_set_new(o, "objectives", arr);
	arr = json_array();
	for (size_t i = 0; i < p->ndirections; i++) {
		const struct jp_direction *dir = &p->directions[i];
		json_t *dj = json_object(), *tasks = json_array();

		json_object_set_new(dj, "code", json_string(dir->code));
		if (dir->objective)
			json_object_set_new(dj, "objective", json_integer(dir->objective));
		json_object_set_new(dj, "title", json_string(dir->title));
		for (size_t j = 0; j < dir->ntasks; j++)
			json_array_append_new(tasks, json_string(dir->tasks[j]));
		json_object_set_new(dj, "tasks", tasks);
		json_object_set_new(dj, "indicators",
				    indicators_json(dir->indicators, dir->nindicators));
		json_array_append_new(arr, dj);
	}
	json_object_set_new(o, "directions", arr);
	arr = json_array();
	for (size_t i = 0; i < p->nactivities; i++)
		json_array_append_new(arr, activity_json(p, &p->activities[i], flags));
	json_object_set_new(o, "activities", arr);
	json_object_set_new(o, "grand_total", budget_json(p, &p->grand_total, false));
	if (p->footnote)
		json_object_set_new(o, "footnote", json_string(p->footnote));
	arr = json_array();
	for (size_t i = 0; i < p->nglossary; i++) {
		json_t *g = json_object();

		json_object_set_new(g, "abbr", json_string(p->glossary[i].abbr));
		json_object_set_new(g, "name", json_string(p->glossary[i].name));
		json_array_append_new(arr, g);
	}
	json_object_set_new(o, "glossary", arr);
	return dump(o, out, flags);
}
