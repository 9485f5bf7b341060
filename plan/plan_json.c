/*
 * plan_json.c - reading and writing plan documents (see plan_json.h and
 * docs/plan-format.md).
 *
 * Reading is strict: unknown or mistyped fields are errors, amounts are
 * strings (never JSON reals), every deadline and executor list must parse,
 * every activity must name a direction of the plan.  The first error stops
 * the load and names its JSON pointer.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "plan.h"
#include "plan_json.h"

#include <jansson.h>

struct loader {
	struct jp_plan *plan;
	struct jp_error *err;
	char where[128];
};

static int bad(struct loader *ld, const char *where, const char *fmt, ...)
	JP_PRINTF(3, 4);

static int bad(struct loader *ld, const char *where, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return jp_error_at(ld->err, JP_EINVALID, where, "%s", msg);
}

static int oom(struct loader *ld)
{
	return jp_error_set(ld->err, JP_ERROR, "out of memory");
}

/*
 * Looks up obj[key] and writes its JSON pointer to `where`: 0 with *v set,
 * 1 when it is absent (or null) and optional, or the error when required.
 */
static int member(struct loader *ld, json_t *obj, const char *key,
		  const char *base, bool required, char *where, size_t n, json_t **v)
{
	snprintf(where, n, "%s/%s", base, key);
	*v = json_object_get(obj, key);
	if (*v && !json_is_null(*v))
		return 0;
	return required ? bad(ld, where, "missing '%s'", key) : 1;
}

/* Copies a string member; required or optional (NULL when absent/null). */
static int get_str(struct loader *ld, json_t *obj, const char *key,
		   const char *base, bool required, const char **out)
{
	char where[160];
	json_t *v;
	int rc = member(ld, obj, key, base, required, where, sizeof(where), &v);

	if (rc) {
		*out = NULL;
		return rc < 0 ? rc : 0;
	}
	if (!json_is_string(v))
		return bad(ld, where, "'%s' must be a string", key);
	*out = jp_arena_strdup(&ld->plan->arena, json_string_value(v));
	return *out ? 0 : oom(ld);
}

static int get_int(struct loader *ld, json_t *obj, const char *key,
		   const char *base, int lo, int hi, int *out)
{
	json_t *v = json_object_get(obj, key);
	char where[160];

	snprintf(where, sizeof(where), "%s/%s", base, key);
	if (!v)
		return bad(ld, where, "missing '%s'", key);
	if (!json_is_integer(v) || json_integer_value(v) < lo ||
	    json_integer_value(v) > hi)
		return bad(ld, where, "'%s' must be a whole number from %d to %d",
			   key, lo, hi);
	*out = (int)json_integer_value(v);
	return 0;
}

static int get_date(struct loader *ld, json_t *obj, const char *key,
		    const char *base, struct jp_date *out)
{
	struct jp_error e = JP_ERROR_INIT;
	const char *s;
	char where[160];
	int rc;

	if ((rc = get_str(ld, obj, key, base, true, &s)) < 0)
		return rc;
	snprintf(where, sizeof(where), "%s/%s", base, key);
	if (jp_date_parse(out, s, &e) < 0)
		return bad(ld, where, "%s", e.msg);
	return 0;
}

static int check_keys(struct loader *ld, json_t *obj, const char *base,
		      const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		bool ok = false;

		for (size_t i = 0; allowed[i]; i++)
			ok = ok || !strcmp(key, allowed[i]);
		if (!ok) {
			char where[160];

			snprintf(where, sizeof(where), "%s/%s", base, key);
			return bad(ld, where, "unknown field '%s'", key);
		}
	}
	return 0;
}

static int get_array(struct loader *ld, json_t *obj, const char *key,
		     const char *base, bool required, json_t **out)
{
	char where[160];
	json_t *v;
	int rc = member(ld, obj, key, base, required, where, sizeof(where), &v);

	if (rc) {
		*out = NULL;
		return rc < 0 ? rc : 0;
	}
	if (!json_is_array(v))
		return bad(ld, where, "'%s' must be an array", key);
	*out = v;
	return 0;
}

static int need_object(struct loader *ld, json_t *v, const char *where)
{
	if (!json_is_object(v))
		return bad(ld, where, "expected an object");
	return 0;
}

static int parse_amount(struct loader *ld, json_t *v, const char *where,
			jp_money *out)
{
	struct jp_error e = JP_ERROR_INIT;

	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		if (i > INT64_MAX / JP_MONEY_PER_MILLION ||
		    i < -(INT64_MAX / JP_MONEY_PER_MILLION))
			return bad(ld, where, "amount %lld is too large", (long long)i);
		*out = (jp_money)i * JP_MONEY_PER_MILLION;
		return 0;
	}
	if (json_is_real(v))
		return bad(ld, where,
			   "amounts are written as strings (\"1776.9\"), not as JSON numbers with a fraction");
	if (!json_is_string(v))
		return bad(ld, where, "an amount must be a string like \"1776.9\"");
	if (jp_money_parse(out, json_string_value(v), &e) < 0)
		return bad(ld, where, "%s", e.msg);
	return 0;
}

static int load_budget(struct loader *ld, json_t *v, const char *base,
		       struct jp_budget *b)
{
	static const char *const keys[] = { "total", "by_year", "source", "program", NULL };
	json_t *t, *years;
	const char *ykey;
	json_t *yv;
	char where[160];
	int rc;

	memset(b, 0, sizeof(*b));
	if (!v || json_is_null(v))
		return 0;
	if ((rc = need_object(ld, v, base)) < 0 ||
	    (rc = check_keys(ld, v, base, keys)) < 0)
		return rc;
	b->present = true;
	t = json_object_get(v, "total");
	if (t && !json_is_null(t)) {
		snprintf(where, sizeof(where), "%s/total", base);
		if ((rc = parse_amount(ld, t, where, &b->total)) < 0)
			return rc;
		b->has_total = true;
	}
	years = json_object_get(v, "by_year");
	if (years && !json_is_null(years)) {
		snprintf(where, sizeof(where), "%s/by_year", base);
		if (!json_is_object(years))
			return bad(ld, where, "'by_year' must be an object like {\"2014\": \"1.1\"}");
		json_object_foreach(years, ykey, yv) {
			char *end;
			long y = strtol(ykey, &end, 10);
			int i = (int)(y - ld->plan->period_from);

			snprintf(where, sizeof(where), "%s/by_year/%s", base, ykey);
			if (*end || end == ykey || !(ykey[0] >= '0' && ykey[0] <= '9') ||
			    strlen(ykey) != 4 || y < ld->plan->period_from ||
			    y > ld->plan->period_to)
				return bad(ld, where, "year '%s' is not in the plan period %d-%d",
					   ykey, ld->plan->period_from, ld->plan->period_to);
			if ((rc = parse_amount(ld, yv, where, &b->year[i])) < 0)
				return rc;
			b->year_mask |= 1u << i;
		}
	}
	if ((rc = get_str(ld, v, "source", base, false, &b->source)) < 0 ||
	    (rc = get_str(ld, v, "program", base, false, &b->program)) < 0)
		return rc;
	return 0;
}

static int load_indicators(struct loader *ld, json_t *arr, const char *base,
			   struct jp_indicator **out, size_t *n)
{
	static const char *const keys[] = { "number", "text", "targets", NULL };
	static const char *const tkeys[] = { "year", "value", "unit", "direction", NULL };
	size_t i;
	json_t *v;
	int rc;

	*n = 0;
	*out = NULL;
	if (!arr)
		return 0;
	*out = jp_arena_array(&ld->plan->arena, json_array_size(arr) + 1,
			      sizeof(**out));
	if (!*out)
		return oom(ld);
	json_array_foreach(arr, i, v) {
		struct jp_indicator *ind = &(*out)[i];
		char where[160], twhere[200];
		json_t *targets, *tv;
		size_t j;

		snprintf(where, sizeof(where), "%s/%zu", base, i);
		if ((rc = need_object(ld, v, where)) < 0 ||
		    (rc = check_keys(ld, v, where, keys)) < 0 ||
		    (rc = get_int(ld, v, "number", where, 1, 1000, &ind->number)) < 0 ||
		    (rc = get_str(ld, v, "text", where, true, &ind->text)) < 0 ||
		    (rc = get_array(ld, v, "targets", where, false, &targets)) < 0)
			return rc;
		if (!targets)
			continue;
		ind->targets = jp_arena_array(&ld->plan->arena,
					      json_array_size(targets) + 1,
					      sizeof(*ind->targets));
		if (!ind->targets)
			return oom(ld);
		json_array_foreach(targets, j, tv) {
			struct jp_target *t = &ind->targets[j];

			snprintf(twhere, sizeof(twhere), "%s/targets/%zu", where, j);
			if ((rc = need_object(ld, tv, twhere)) < 0 ||
			    (rc = check_keys(ld, tv, twhere, tkeys)) < 0 ||
			    (rc = get_int(ld, tv, "year", twhere, 1900, 2999, &t->year)) < 0 ||
			    (rc = get_str(ld, tv, "value", twhere, true, &t->value)) < 0 ||
			    (rc = get_str(ld, tv, "unit", twhere, false, &t->unit)) < 0 ||
			    (rc = get_str(ld, tv, "direction", twhere, false, &t->direction)) < 0)
				return rc;
			if (jp_money_parse(&(jp_money){ 0 }, t->value, NULL) < 0)
				return bad(ld, twhere, "target value '%s' is not a number", t->value);
			if (t->direction && strcmp(t->direction, "at-least") &&
			    strcmp(t->direction, "at-most") && strcmp(t->direction, "rank"))
				return bad(ld, twhere, "direction '%s' is not at-least, at-most or rank",
					   t->direction);
		}
		ind->ntargets = json_array_size(targets);
	}
	*n = json_array_size(arr);
	return 0;
}

static int load_strings(struct loader *ld, json_t *arr, const char *base,
			const char ***out, size_t *n)
{
	size_t i;
	json_t *v;

	*n = 0;
	*out = NULL;
	if (!arr)
		return 0;
	*out = jp_arena_array(&ld->plan->arena, json_array_size(arr) + 1,
			      sizeof(char *));
	if (!*out)
		return oom(ld);
	json_array_foreach(arr, i, v) {
		char where[160];

		snprintf(where, sizeof(where), "%s/%zu", base, i);
		if (!json_is_string(v))
			return bad(ld, where, "expected a string");
		(*out)[i] = jp_arena_strdup(&ld->plan->arena, json_string_value(v));
		if (!(*out)[i])
			return oom(ld);
	}
	*n = json_array_size(arr);
	return 0;
}

/* "executors": "БП (келісім бойынша), ІІМ" or [{"agency": ...}, ...] */
static int load_executors(struct loader *ld, json_t *act, const char *base,
			  struct jp_activity *a)
{
	static const char *const keys[] = { "agency", "lead", "by_agreement", NULL };
	json_t *v = json_object_get(act, "executors");
	struct jp_error e = JP_ERROR_INIT;
	struct jp_buf text = JP_BUF_INIT;
	char where[160];
	size_t i;
	json_t *it;
	int rc;

	snprintf(where, sizeof(where), "%s/executors", base);
	if (!v)
		return bad(ld, where, "missing 'executors'");
	if (json_is_string(v)) {
		a->executors_text = jp_arena_strdup(&ld->plan->arena, json_string_value(v));
		if (!a->executors_text)
			return oom(ld);
	} else if (json_is_array(v)) {
		/* rebuild the text from the list; executors_text wins if given */
		json_array_foreach(v, i, it) {
			char iw[200];
			json_t *ag;
			bool lead, agr;

			snprintf(iw, sizeof(iw), "%s/%zu", where, i);
			if ((rc = need_object(ld, it, iw)) < 0 ||
			    (rc = check_keys(ld, it, iw, keys)) < 0)
				goto out;
			ag = json_object_get(it, "agency");
			if (!json_is_string(ag) || !*json_string_value(ag)) {
				rc = bad(ld, iw, "'agency' must be a non-empty string");
				goto out;
			}
			lead = json_is_true(json_object_get(it, "lead"));
			agr = json_is_true(json_object_get(it, "by_agreement"));
			jp_buf_addf(&text, "%s%s", i ? ", " : "", json_string_value(ag));
			if (lead || agr)
				jp_buf_addf(&text, " (%s%s%s)", agr ? "келісім бойынша" : "",
					    lead && agr ? ", " : "", lead ? "жинақтау" : "");
		}
		if (jp_buf_oom(&text)) {
			rc = oom(ld);
			goto out;
		}
		a->executors_text = jp_arena_strdup(&ld->plan->arena, text.ptr);
		if (!a->executors_text) {
			rc = oom(ld);
			goto out;
		}
	} else {
		return bad(ld, where, "'executors' must be a string or an array");
	}
	if (json_is_string(json_object_get(act, "executors_text"))) {
		a->executors_text = jp_arena_strdup(&ld->plan->arena,
			json_string_value(json_object_get(act, "executors_text")));
		if (!a->executors_text) {
			rc = oom(ld);
			goto out;
		}
	}
	rc = jp_executors_parse(&a->executors, a->executors_text, &e);
	if (rc < 0)
		rc = rc == JP_ERROR ? oom(ld) : bad(ld, where, "%s", e.msg);
out:
	jp_buf_release(&text);
	return rc;
}

static int load_deadline(struct loader *ld, json_t *act, const char *base,
			 struct jp_activity *a)
{
	json_t *v = json_object_get(act, "deadline");
	struct jp_error e = JP_ERROR_INIT;
	char where[160];
	int rc;

	snprintf(where, sizeof(where), "%s/deadline", base);
	if (json_is_object(v)) {
		snprintf(where, sizeof(where), "%s/deadline/text", base);
		v = json_object_get(v, "text");
	}
	if (!v)
		return bad(ld, where, "missing 'deadline'");
	if (!json_is_string(v))
		return bad(ld, where, "'deadline' must be a string");
	a->deadline_text = jp_arena_strdup(&ld->plan->arena, json_string_value(v));
	if (!a->deadline_text)
		return oom(ld);
	rc = jp_deadline_parse(&a->deadline, a->deadline_text, &ld->plan->window, &e);
	if (rc < 0)
		return rc == JP_ERROR ? oom(ld) : bad(ld, where, "%s", e.msg);
	return 0;
}

/* {"number": "209", "date": "2015-04-09"}: an amendment that touched a row */
static int load_ref_obj(struct loader *ld, json_t *v, const char *where,
			struct jp_act_ref *out)
{
	static const char *const keys[] = { "number", "date", NULL };
	int rc;

	if ((rc = need_object(ld, v, where)) < 0 ||
	    (rc = check_keys(ld, v, where, keys)) < 0 ||
	    (rc = get_str(ld, v, "number", where, true, &out->number)) < 0 ||
	    (rc = get_date(ld, v, "date", where, &out->date)) < 0)
		return rc;
	return 0;
}

static int load_ref(struct loader *ld, json_t *act, const char *key,
		    const char *base, struct jp_act_ref *out)
{
	json_t *v = json_object_get(act, key);
	char where[160];

	memset(out, 0, sizeof(*out));
	if (!v || json_is_null(v))
		return 0;
	snprintf(where, sizeof(where), "%s/%s", base, key);
	return load_ref_obj(ld, v, where, out);
}

static int load_refs(struct loader *ld, json_t *act, const char *key,
		     const char *base, struct jp_act_ref **out, size_t *n)
{
	json_t *arr, *it;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = get_array(ld, act, key, base, false, &arr)) < 0 || !arr)
		return rc;
	*out = jp_arena_array(&ld->plan->arena, json_array_size(arr) + 1, sizeof(**out));
	if (!*out)
		return oom(ld);
	json_array_foreach(arr, i, it) {
		char where[192];

		snprintf(where, sizeof(where), "%s/%s/%zu", base, key, i);
		if ((rc = load_ref_obj(ld, it, where, &(*out)[i])) < 0)
			return rc;
	}
	*n = json_array_size(arr);
	return 0;
}

/*
 * "earlier_deadlines": [{"deadline": TEXT, "until": DATE}, ...], oldest
 * first, written by amendments that changed the deadline.  Then the due
 * dates in force: each deadline's own from the previous change (or the
 * row's addition) up to the day before its `until`, the current one's from
 * the last change on.
 */
static int load_earlier(struct loader *ld, json_t *act, const char *base,
			struct jp_activity *a)
{
	static const char *const keys[] = { "deadline", "until", NULL };
	struct jp_date lo = { 0, 0, 0 };
	bool has_lo = a->added_by.number != NULL;
	struct jp_due *due;
	size_t n = 0, cap;
	json_t *arr, *it;
	size_t i;
	int rc;

	if (has_lo)
		lo = a->added_by.date;
	if ((rc = get_array(ld, act, "earlier_deadlines", base, false, &arr)) < 0)
		return rc;
	if (!arr && !has_lo)
		return 0;
	if (arr) {
		a->earlier = jp_arena_array(&ld->plan->arena, json_array_size(arr) + 1,
					    sizeof(*a->earlier));
		if (!a->earlier)
			return oom(ld);
	}
	cap = a->deadline.ndue + 1;
	json_array_foreach(arr, i, it) {
		struct jp_earlier_deadline *e = &a->earlier[i];
		struct jp_error de = JP_ERROR_INIT;
		char where[192], dw[224];

		snprintf(where, sizeof(where), "%s/earlier_deadlines/%zu", base, i);
		if ((rc = need_object(ld, it, where)) < 0 ||
		    (rc = check_keys(ld, it, where, keys)) < 0 ||
		    (rc = get_str(ld, it, "deadline", where, true, &e->text)) < 0 ||
		    (rc = get_date(ld, it, "until", where, &e->until)) < 0)
			return rc;
		snprintf(dw, sizeof(dw), "%s/until", where);
		if (has_lo && jp_date_cmp(e->until, lo) < 0)
			return bad(ld, dw, "an earlier deadline must end after the one before it"
				   " (and after the row's addition)");
		snprintf(dw, sizeof(dw), "%s/deadline", where);
		rc = jp_deadline_parse(&e->deadline, e->text, &ld->plan->window, &de);
		if (rc < 0)
			return rc == JP_ERROR ? oom(ld) : bad(ld, dw, "%s", de.msg);
		a->nearlier = i + 1;
		cap += e->deadline.ndue;
		lo = e->until;
		has_lo = true;
	}
	due = jp_calloc(cap, sizeof(*due));
	if (!due)
		return oom(ld);
	lo = a->added_by.number ? a->added_by.date : (struct jp_date){ 0, 0, 0 };
	has_lo = a->added_by.number != NULL;
	for (size_t k = 0; k < a->nearlier; k++) {
		const struct jp_earlier_deadline *e = &a->earlier[k];

		for (size_t j = 0; j < e->deadline.ndue; j++) {
			struct jp_date d = e->deadline.due[j].date;

			if ((has_lo && jp_date_cmp(d, lo) < 0) || jp_date_cmp(d, e->until) >= 0)
				continue;
			due[n] = e->deadline.due[j];
			due[n++].term = -1;
		}
		lo = e->until;
		has_lo = true;
	}
	for (size_t j = 0; j < a->deadline.ndue; j++)
		if (!has_lo || jp_date_cmp(a->deadline.due[j].date, lo) >= 0)
			due[n++] = a->deadline.due[j];
	jp_free(a->deadline.due);
	a->deadline.due = due;
	a->deadline.ndue = n;
	return 0;
}

static int load_activities(struct loader *ld, json_t *arr)
{
	static const char *const keys[] = {
		"number", "direction", "title", "completion_form", "executors",
		"executors_text", "deadline", "budget", "source_lines",
		"added_by", "changed_by", "removed_by", "earlier_deadlines", NULL
	};
	struct jp_plan *p = ld->plan;
	size_t i;
	json_t *v;
	int rc;

	p->activities = jp_arena_array(&p->arena, json_array_size(arr) + 1,
				       sizeof(*p->activities));
	if (!p->activities)
		return oom(ld);
	json_array_foreach(arr, i, v) {
		struct jp_activity *a = &p->activities[i];
		char where[64], bw[96];
		json_t *lines;

		snprintf(where, sizeof(where), "/activities/%zu", i);
		a->index = i;
		if ((rc = need_object(ld, v, where)) < 0 ||
		    (rc = check_keys(ld, v, where, keys)) < 0 ||
		    (rc = get_str(ld, v, "number", where, true, &a->number)) < 0 ||
		    (rc = get_str(ld, v, "direction", where, true, &a->direction)) < 0 ||
		    (rc = get_str(ld, v, "title", where, true, &a->title)) < 0 ||
		    (rc = get_str(ld, v, "completion_form", where, false,
				  &a->completion_form)) < 0)
			return rc;
		if (!*a->number)
			return bad(ld, where, "empty activity number");
		if (!jp_plan_find_direction(p, a->direction)) {
			snprintf(bw, sizeof(bw), "%s/direction", where);
			return bad(ld, bw, "no direction '%s' in the plan", a->direction);
		}
		/* count it now so that jp_plan_free releases what it parsed */
		p->nactivities = i + 1;
		if ((rc = load_executors(ld, v, where, a)) < 0 ||
		    (rc = load_deadline(ld, v, where, a)) < 0)
			return rc;
		snprintf(bw, sizeof(bw), "%s/budget", where);
		if ((rc = load_budget(ld, json_object_get(v, "budget"), bw,
				      &a->budget)) < 0)
			return rc;
		if ((rc = load_ref(ld, v, "added_by", where, &a->added_by)) < 0 ||
		    (rc = load_ref(ld, v, "removed_by", where, &a->removed_by)) < 0 ||
		    (rc = load_refs(ld, v, "changed_by", where, &a->changed_by,
				    &a->nchanged)) < 0 ||
		    (rc = load_earlier(ld, v, where, a)) < 0)
			return rc;
		lines = json_object_get(v, "source_lines");
		if (json_is_array(lines) && json_array_size(lines) == 2) {
			a->source_lines[0] = (int)json_integer_value(json_array_get(lines, 0));
			a->source_lines[1] = (int)json_integer_value(json_array_get(lines, 1));
		}
	}
	return 0;
}

static int load_plan(struct loader *ld, json_t *root)
{
	static const char *const keys[] = {
		"format", "format_version", "id", "language", "issuer", "number",
		"approved", "title", "period", "unit", "amendments", "repeal",
		"goal", "objectives", "directions", "activities", "grand_total",
		"footnote", "glossary", "reporting_window_days", NULL
	};
	static const char *const okeys[] = { "number", "text", "indicators", NULL };
	static const char *const dkeys[] = {
		"code", "objective", "title", "tasks", "indicators", NULL
	};
	struct jp_plan *p = ld->plan;
	json_t *v, *arr, *it;
	const char *fmt;
	int version;
	size_t i;
	int rc;

	if (!json_is_object(root))
		return bad(ld, "", "a plan document is a JSON object");
	if ((rc = check_keys(ld, root, "", keys)) < 0 ||
	    (rc = get_str(ld, root, "format", "", true, &fmt)) < 0)
		return rc;
	if (strcmp(fmt, "jospar-plan"))
		return bad(ld, "/format", "not a jospar plan (format '%s')", fmt);
	if ((rc = get_int(ld, root, "format_version", "", 1, 1, &version)) < 0 ||
	    (rc = get_str(ld, root, "id", "", true, &p->id)) < 0 ||
	    (rc = get_str(ld, root, "language", "", false, &p->language)) < 0 ||
	    (rc = get_str(ld, root, "issuer", "", false, &p->issuer)) < 0 ||
	    (rc = get_str(ld, root, "number", "", true, &p->number)) < 0 ||
	    (rc = get_date(ld, root, "approved", "", &p->approved)) < 0 ||
	    (rc = get_str(ld, root, "title", "", true, &p->title)) < 0 ||
	    (rc = get_str(ld, root, "unit", "", false, &p->unit)) < 0 ||
	    (rc = get_str(ld, root, "goal", "", false, &p->goal)) < 0 ||
	    (rc = get_str(ld, root, "footnote", "", false, &p->footnote)) < 0)
		return rc;
	if (json_object_get(root, "reporting_window_days") &&
	    (rc = get_int(ld, root, "reporting_window_days", "", 0, 3660,
			  &p->reporting_window_days)) < 0)
		return rc;
	for (const char *c = p->id; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '-' || *c == '_' || *c == '.'))
			return bad(ld, "/id", "plan id '%s' may use only a-z, 0-9, '-', '_' and '.'", p->id);
	if (!*p->id)
		return bad(ld, "/id", "empty plan id");
	v = json_object_get(root, "period");
	if (!json_is_object(v))
		return bad(ld, "/period", "missing 'period' {\"from\": YEAR, \"to\": YEAR}");
	if ((rc = get_int(ld, v, "from", "/period", 1900, 2999, &p->period_from)) < 0 ||
	    (rc = get_int(ld, v, "to", "/period", 1900, 2999, &p->period_to)) < 0)
		return rc;
	if (p->period_to < p->period_from ||
	    p->period_to - p->period_from >= JP_MAX_YEARS)
		return bad(ld, "/period", "the period must run forward and last at most %d years",
			   JP_MAX_YEARS);
	p->window.first_year = p->period_from;
	p->window.last_year = p->period_to;
	p->window.from = p->approved;
	p->window.to = (struct jp_date){ p->period_to, 12, 31 };
	if (p->approved.y > p->period_to)
		return bad(ld, "/approved", "approved after the end of the period");

	if ((rc = get_array(ld, root, "amendments", "", false, &arr)) < 0)
		return rc;
	if (arr) {
		p->amendments = jp_arena_array(&p->arena, json_array_size(arr) + 1,
					       sizeof(*p->amendments));
		if (!p->amendments)
			return oom(ld);
		json_array_foreach(arr, i, it) {
			char where[64];

			snprintf(where, sizeof(where), "/amendments/%zu", i);
			if ((rc = need_object(ld, it, where)) < 0 ||
			    (rc = get_str(ld, it, "number", where, true,
					  &p->amendments[i].number)) < 0 ||
			    (rc = get_date(ld, it, "date", where, &p->amendments[i].date)) < 0)
				return rc;
		}
		p->namendments = json_array_size(arr);
	}
	v = json_object_get(root, "repeal");
	if (v && !json_is_null(v)) {
		if ((rc = need_object(ld, v, "/repeal")) < 0 ||
		    (rc = get_str(ld, v, "number", "/repeal", true, &p->repeal.number)) < 0 ||
		    (rc = get_date(ld, v, "date", "/repeal", &p->repeal.date)) < 0)
			return rc;
		p->repealed = true;
	}

	if ((rc = get_array(ld, root, "objectives", "", false, &arr)) < 0)
		return rc;
	if (arr) {
		p->objectives = jp_arena_array(&p->arena, json_array_size(arr) + 1,
					       sizeof(*p->objectives));
		if (!p->objectives)
			return oom(ld);
		json_array_foreach(arr, i, it) {
			struct jp_objective *o = &p->objectives[i];
			char where[64], iw[96];
			json_t *inds;

			snprintf(where, sizeof(where), "/objectives/%zu", i);
			snprintf(iw, sizeof(iw), "%s/indicators", where);
			if ((rc = need_object(ld, it, where)) < 0 ||
			    (rc = check_keys(ld, it, where, okeys)) < 0 ||
			    (rc = get_int(ld, it, "number", where, 1, 1000, &o->number)) < 0 ||
			    (rc = get_str(ld, it, "text", where, true, &o->text)) < 0 ||
			    (rc = get_array(ld, it, "indicators", where, false, &inds)) < 0 ||
			    (rc = load_indicators(ld, inds, iw, &o->indicators,
						  &o->nindicators)) < 0)
				return rc;
		}
		p->nobjectives = json_array_size(arr);
	}

	if ((rc = get_array(ld, root, "directions", "", true, &arr)) < 0)
		return rc;
	p->directions = jp_arena_array(&p->arena, json_array_size(arr) + 1,
				       sizeof(*p->directions));
	if (!p->directions)
		return oom(ld);
	json_array_foreach(arr, i, it) {
		struct jp_direction *d = &p->directions[i];
		char where[64], iw[96], tw[96];
		json_t *inds, *tasks;

		snprintf(where, sizeof(where), "/directions/%zu", i);
		snprintf(iw, sizeof(iw), "%s/indicators", where);
		snprintf(tw, sizeof(tw), "%s/tasks", where);
		if ((rc = need_object(ld, it, where)) < 0 ||
		    (rc = check_keys(ld, it, where, dkeys)) < 0 ||
		    (rc = get_str(ld, it, "code", where, true, &d->code)) < 0 ||
		    (rc = get_str(ld, it, "title", where, true, &d->title)) < 0 ||
		    (rc = get_array(ld, it, "tasks", where, false, &tasks)) < 0 ||
		    (rc = load_strings(ld, tasks, tw, &d->tasks, &d->ntasks)) < 0 ||
		    (rc = get_array(ld, it, "indicators", where, false, &inds)) < 0 ||
		    (rc = load_indicators(ld, inds, iw, &d->indicators,
					  &d->nindicators)) < 0)
			return rc;
		if (json_object_get(it, "objective") &&
		    (rc = get_int(ld, it, "objective", where, 1, 1000, &d->objective)) < 0)
			return rc;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->directions[j].code, d->code))
				return bad(ld, where, "direction '%s' appears twice", d->code);
		p->ndirections = i + 1;
	}

	if ((rc = get_array(ld, root, "glossary", "", false, &arr)) < 0)
		return rc;
	if (arr) {
		p->glossary = jp_arena_array(&p->arena, json_array_size(arr) + 1,
					     sizeof(*p->glossary));
		if (!p->glossary)
			return oom(ld);
		json_array_foreach(arr, i, it) {
			char where[64];

			snprintf(where, sizeof(where), "/glossary/%zu", i);
			if ((rc = need_object(ld, it, where)) < 0 ||
			    (rc = get_str(ld, it, "abbr", where, true, &p->glossary[i].abbr)) < 0 ||
			    (rc = get_str(ld, it, "name", where, true, &p->glossary[i].name)) < 0)
				return rc;
		}
		p->nglossary = json_array_size(arr);
	}

	if ((rc = get_array(ld, root, "activities", "", true, &arr)) < 0 ||
	    (rc = load_activities(ld, arr)) < 0)
		return rc;
	return load_budget(ld, json_object_get(root, "grand_total"), "/grand_total",
			   &p->grand_total);
}

int jp_plan_from_json(struct jp_plan **out, const char *json, size_t len,
		      struct jp_error *err)
{
	struct loader ld = { NULL, err, "" };
	json_error_t jerr;
	json_t *root;
	int rc;

	if (len > JP_PLAN_MAX_BYTES)
		return jp_error_set(err, JP_EINVALID,
				    "plan document is larger than %u bytes", JP_PLAN_MAX_BYTES);
	if (!jp_utf8_valid(json, len))
		return jp_error_set(err, JP_EINVALID, "plan document is not valid UTF-8");
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		char where[64];

		snprintf(where, sizeof(where), "line %d, column %d", jerr.line, jerr.column);
		return jp_error_at(err, JP_EINVALID, where, "invalid JSON: %s", jerr.text);
	}
	ld.plan = jp_plan_new();
	if (!ld.plan) {
		json_decref(root);
		return jp_error_set(err, JP_ERROR, "out of memory");
	}
	rc = load_plan(&ld, root);
	json_decref(root);
	if (rc == 0 && jp_plan_index(ld.plan) < 0)
		rc = oom(&ld);
	if (rc < 0) {
		jp_plan_free(ld.plan);
		return rc;
	}
	*out = ld.plan;
	return 0;
}
