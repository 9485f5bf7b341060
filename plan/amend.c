/*
 * amend.c - applying amendments to plan documents (see amend.h).
 */
#include "jp.h"
#include "buf.h"
#include "error.h"
#include "amend.h"

#include <jansson.h>

/* Fields an amendment may set on an activity. */
static const char *const changeable[] = {
	"direction", "title", "completion_form", "executors", "executors_text",
	"deadline", "budget", NULL
};

static bool is_changeable(const char *key)
{
	for (size_t i = 0; changeable[i]; i++)
		if (!strcmp(key, changeable[i]))
			return true;
	return false;
}

static int parse_doc(json_t **out, const char *doc, size_t len, const char *what,
		     struct jp_error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(doc, len, JSON_REJECT_DUPLICATES, &jerr);

	if (!root) {
		char where[64];

		snprintf(where, sizeof(where), "line %d, column %d", jerr.line, jerr.column);
		return jp_error_at(err, JP_EINVALID, where, "invalid JSON in the %s: %s",
				   what, jerr.text);
	}
	*out = root;
	return 0;
}

static int check_root(json_t *a, struct jp_amendment_info *info, struct jp_error *err)
{
	static const char *const keys[] = {
		"format", "format_version", "plan", "number", "date", "title",
		"add", "change", "remove", NULL
	};
	const char *key, *s;
	json_t *v;
	size_t i;

	if (!json_is_object(a))
		return jp_error_at(err, JP_EINVALID, "", "an amendment is a JSON object");
	json_object_foreach(a, key, v) {
		bool ok = false;

		for (i = 0; keys[i]; i++)
			ok = ok || !strcmp(key, keys[i]);
		if (!ok) {
			char where[96];

			snprintf(where, sizeof(where), "/%s", key);
			return jp_error_at(err, JP_EINVALID, where, "unknown field '%s'", key);
		}
	}
	s = json_string_value(json_object_get(a, "format"));
	if (!s || strcmp(s, "jospar-amendment"))
		return jp_error_at(err, JP_EINVALID, "/format",
				   "not a jospar amendment (format must be \"jospar-amendment\")");
	if (json_integer_value(json_object_get(a, "format_version")) != 1)
		return jp_error_at(err, JP_EINVALID, "/format_version", "format_version must be 1");
	s = json_string_value(json_object_get(a, "plan"));
	if (!s || !*s || strlen(s) >= sizeof(info->plan))
		return jp_error_at(err, JP_EINVALID, "/plan", "missing 'plan' (the id of the amended plan)");
	snprintf(info->plan, sizeof(info->plan), "%s", s);
	s = json_string_value(json_object_get(a, "number"));
	if (!s || !*s || strlen(s) >= sizeof(info->number))
		return jp_error_at(err, JP_EINVALID, "/number", "missing 'number' (the decree's number)");
	snprintf(info->number, sizeof(info->number), "%s", s);
	s = json_string_value(json_object_get(a, "date"));
	if (!s)
		return jp_error_at(err, JP_EINVALID, "/date", "missing 'date' (YYYY-MM-DD)");
	if (jp_date_parse(&info->date, s, err) < 0)
		return jp_error_at(err, JP_EINVALID, "/date", "invalid date '%s' (expected YYYY-MM-DD)", s);
	for (i = 0; i < 3; i++) {
		static const char *const lists[] = { "add", "change", "remove" };
		json_t *l = json_object_get(a, lists[i]);

		if (l && !json_is_array(l)) {
			char where[32];

			snprintf(where, sizeof(where), "/%s", lists[i]);
			return jp_error_at(err, JP_EINVALID, where, "'%s' must be an array", lists[i]);
		}
	}
	info->nadd = json_array_size(json_object_get(a, "add"));
	info->nchange = json_array_size(json_object_get(a, "change"));
	info->nremove = json_array_size(json_object_get(a, "remove"));
	if (!info->nadd && !info->nchange && !info->nremove)
		return jp_error_at(err, JP_EINVALID, "", "the amendment adds, changes and removes nothing");
	return 0;
}

int jp_amendment_check(const char *doc, size_t len,
		       struct jp_amendment_info *info, struct jp_error *err)
{
	struct jp_amendment_info i;
	json_t *a;
	int rc;

	memset(&i, 0, sizeof(i));
	if ((rc = parse_doc(&a, doc, len, "amendment", err)) < 0)
		return rc;
	rc = check_root(a, &i, err);
	json_decref(a);
	if (rc == 0)
		*info = i;
	return rc;
}

static json_t *find_activity(json_t *acts, const char *number, size_t *index)
{
	size_t i;
	json_t *a;

	json_array_foreach(acts, i, a) {
		const char *n = json_string_value(json_object_get(a, "number"));

		if (n && !strcmp(n, number)) {
			if (index)
				*index = i;
			return a;
		}
	}
	return NULL;
}

static json_t *ref(const struct jp_amendment_info *info)
{
	char d[JP_DATE_BUFSZ];

	return json_pack("{s:s, s:s}", "number", info->number, "date",
			 jp_date_format(info->date, d));
}

/* A removed activity cannot be removed or changed again. */
static int not_removed(json_t *act, const char *num, const char *where,
		       struct jp_error *err)
{
	json_t *by = json_object_get(act, "removed_by");

	if (!by)
		return 0;
	return jp_error_at(err, JP_EINVALID, where, "activity '%s' is removed already, by No. %s (%s)",
			   num, json_string_value(json_object_get(by, "number")),
			   json_string_value(json_object_get(by, "date")));
}

/*
 * Before a change of deadline from date D: the deadline in force until D
 * goes to "earlier_deadlines" ({"deadline": TEXT, "until": D}), so that
 * the due dates it gave before D stay (docs/monitoring.md, "Amendments").
 *
 * NEEDSWORK: only the deadline keeps its earlier form; a change of
 * executors applies to the kept due dates too, so a report on one is
 * checked against the new executors.
 */
static int keep_deadline(json_t *act, const struct jp_amendment_info *info,
			 const char *where, struct jp_error *err)
{
	json_t *old = json_object_get(act, "deadline"), *list;
	char d[JP_DATE_BUFSZ];

	if (json_is_object(old))
		old = json_object_get(old, "text");
	if (!json_is_string(old))
		return jp_error_at(err, JP_EINVALID, where, "the activity has no deadline to change");
	list = json_object_get(act, "earlier_deadlines");
	if (!list) {
		list = json_array();
		json_object_set_new(act, "earlier_deadlines", list);
	}
	if (json_array_append_new(list, json_pack("{s:O, s:s}", "deadline", old, "until",
						  jp_date_format(info->date, d))) < 0)
		return jp_error_set(err, JP_ERROR, "out of memory");
	return 0;
}

static int apply(json_t *plan, json_t *a, const struct jp_amendment_info *info,
		 struct jp_error *err)
{
	json_t *acts = json_object_get(plan, "activities"), *l, *it, *amends;
	const char *id = json_string_value(json_object_get(plan, "id"));
	char where[96];
	size_t i;
	int rc;

	if (!json_is_array(acts))
		return jp_error_set(err, JP_EINVALID, "the plan document has no activities");
	if (!id || strcmp(id, info->plan))
		return jp_error_at(err, JP_EINVALID, "/plan", "the amendment is for plan '%s', not '%s'",
				   info->plan, id ? id : "");
	l = json_object_get(a, "remove");
	json_array_foreach(l, i, it) {
		json_t *act;

		snprintf(where, sizeof(where), "/remove/%zu", i);
		if (!json_is_string(it))
			return jp_error_at(err, JP_EINVALID, where, "expected an activity number");
		act = find_activity(acts, json_string_value(it), NULL);
		if (!act)
			return jp_error_at(err, JP_EINVALID, where, "no activity '%s' in plan '%s'",
					   json_string_value(it), id);
		if ((rc = not_removed(act, json_string_value(it), where, err)) < 0)
			return rc;
		json_object_set_new(act, "removed_by", ref(info));
	}
	l = json_object_get(a, "change");
	json_array_foreach(l, i, it) {
		const char *num = json_string_value(json_object_get(it, "number")), *key;
		json_t *act, *v, *by;

		snprintf(where, sizeof(where), "/change/%zu", i);
		if (!json_is_object(it) || !num)
			return jp_error_at(err, JP_EINVALID, where, "a change is {\"number\": N, field: value, ...}");
		act = find_activity(acts, num, NULL);
		if (!act)
			return jp_error_at(err, JP_EINVALID, where, "no activity '%s' in plan '%s'", num, id);
		if ((rc = not_removed(act, num, where, err)) < 0)
			return rc;
		json_object_foreach(it, key, v) {
			if (!strcmp(key, "number"))
				continue;
			if (!is_changeable(key)) {
				snprintf(where, sizeof(where), "/change/%zu/%s", i, key);
				return jp_error_at(err, JP_EINVALID, where, "field '%s' cannot be changed", key);
			}
			if (!strcmp(key, "deadline") &&
			    (rc = keep_deadline(act, info, where, err)) < 0)
				return rc;
			json_object_set(act, key, v);
		}
		by = json_object_get(act, "changed_by");
		if (!by) {
			by = json_array();
			json_object_set_new(act, "changed_by", by);
		}
		json_array_append_new(by, ref(info));
	}
	l = json_object_get(a, "add");
	json_array_foreach(l, i, it) {
		const char *num = json_string_value(json_object_get(it, "number"));
		const char *after = json_string_value(json_object_get(it, "after"));
		json_t *copy;
		size_t at = json_array_size(acts);

		snprintf(where, sizeof(where), "/add/%zu", i);
		if (!json_is_object(it) || !num)
			return jp_error_at(err, JP_EINVALID, where, "an added activity needs a 'number'");
		if (find_activity(acts, num, NULL))
			return jp_error_at(err, JP_EINVALID, where, "activity '%s' exists already", num);
		if (after) {
			if (!find_activity(acts, after, &at))
				return jp_error_at(err, JP_EINVALID, where,
						   "no activity '%s' to insert after", after);
			at++;
		}
		copy = json_deep_copy(it);
		json_object_del(copy, "after");
		json_object_set_new(copy, "added_by", ref(info));
		json_array_insert_new(acts, at, copy);
	}
	amends = json_object_get(plan, "amendments");
	if (!amends) {
		amends = json_array();
		json_object_set_new(plan, "amendments", amends);
	}
	json_array_foreach(amends, i, it) {
		const char *n = json_string_value(json_object_get(it, "number"));

		if (n && !strcmp(n, info->number))
			return 0;
	}
	json_array_append_new(amends, ref(info));
	return 0;
}

int jp_amendment_apply(const char *plan_doc, size_t plan_len,
		       const char *amendment, size_t amendment_len,
		       struct jp_buf *out, struct jp_error *err)
{
	struct jp_amendment_info info;
	json_t *plan = NULL, *a = NULL;
	char *s;
	int rc;

	memset(&info, 0, sizeof(info));
	if ((rc = parse_doc(&a, amendment, amendment_len, "amendment", err)) < 0 ||
	    (rc = check_root(a, &info, err)) < 0 ||
	    (rc = parse_doc(&plan, plan_doc, plan_len, "plan", err)) < 0 ||
	    (rc = apply(plan, a, &info, err)) < 0)
		goto done;
	s = json_dumps(plan, JSON_COMPACT);
	if (!s) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto done;
	}
	jp_buf_adds(out, s);
	free(s);
	rc = jp_buf_oom(out) ? jp_error_set(err, JP_ERROR, "out of memory") : 0;
done:
	json_decref(a);
	json_decref(plan);
	return rc;
}
