/*
 * plan.c - the plan model's lifecycle and look-ups (see plan.h).
 */
#include "jp.h"
#include "alloc.h"
#include "error.h"
#include "text.h"
#include "plan.h"

struct jp_plan *jp_plan_new(void)
{
	return jp_calloc(1, sizeof(struct jp_plan));
}

void jp_plan_free(struct jp_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; !plan->parts_in_arena && i < plan->nactivities; i++) {
		jp_deadline_release(&plan->activities[i].deadline);
		for (size_t k = 0; k < plan->activities[i].nearlier; k++)
			jp_deadline_release(&plan->activities[i].earlier[k].deadline);
		jp_executor_list_release(&plan->activities[i].executors);
	}
	jp_arena_release(&plan->arena);
	jp_free(plan);
}

/* "45. 46" is found as "45", "46" or "45. 46". */
static bool number_matches(const char *have, const char *want)
{
	size_t n = strlen(want);
	const char *p = have;

	if (!strcmp(have, want))
		return true;
	while ((p = strstr(p, want))) {
		bool start = p == have || p[-1] == ' ' || p[-1] == '.';
		bool end = p[n] == '\0' || p[n] == '.';

		if (start && end && strchr(have, ' '))
			return true;
		p += n;
	}
	return false;
}

static int key_cmp(const void *x, const void *y)
{
	const struct jp_number_key *a = x, *b = y;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->key, b->key, n);

	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->act->index < b->act->index ? -1 : a->act->index > b->act->index;
}

/*
 * The numbers a joint row answers to besides its own: every piece of it
 * that begins at its start or after ' ' or '.' and ends at its end or
 * before '.' (what number_matches accepts).  Fills out[] when it is given;
 * returns how many there are.
 */
static size_t tokens(const struct jp_activity *a, struct jp_number_key *out)
{
	const char *s = a->number;
	size_t len = strlen(s), n = 0;

	if (!strchr(s, ' '))
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (i && s[i - 1] != ' ' && s[i - 1] != '.')
			continue;
		for (size_t j = i + 1; j <= len; j++) {
			if (j < len && s[j] != '.')
				continue;
			if (out)
				out[n] = (struct jp_number_key){ s + i, j - i, a };
			n++;
		}
	}
	return n;
}

int jp_plan_index(struct jp_plan *plan)
{
	struct jp_number_key *num, *tok;
	size_t ntok = 0;

	for (size_t i = 0; i < plan->nactivities; i++)
		ntok += tokens(&plan->activities[i], NULL);
	num = jp_arena_array(&plan->arena, plan->nactivities + 1, sizeof(*num));
	tok = jp_arena_array(&plan->arena, ntok + 1, sizeof(*tok));
	if (!num || !tok)
		return JP_ERROR;
	ntok = 0;
	for (size_t i = 0; i < plan->nactivities; i++) {
		const struct jp_activity *a = &plan->activities[i];

		num[i] = (struct jp_number_key){ a->number, strlen(a->number), a };
		ntok += tokens(a, tok + ntok);
	}
	qsort(num, plan->nactivities, sizeof(*num), key_cmp);
	qsort(tok, ntok, sizeof(*tok), key_cmp);
	plan->by_number = num;
	plan->nby_number = plan->nactivities;
	plan->by_token = tok;
	plan->nby_token = ntok;
	return 0;
}

/* The first key equal to `want` (the lowest activity index), or NULL. */
static const struct jp_activity *lookup(const struct jp_number_key *v, size_t n,
					const char *want, size_t wlen)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, m = v[mid].len < wlen ? v[mid].len : wlen;
		int c = memcmp(v[mid].key, want, m);

		if (!c)
			c = v[mid].len < wlen ? -1 : v[mid].len > wlen;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && v[lo].len == wlen && !memcmp(v[lo].key, want, wlen))
		return v[lo].act;
	return NULL;
}

const struct jp_activity *jp_plan_numbered(const struct jp_plan *plan, const char *number)
{
	if (plan->by_number && plan->nby_number == plan->nactivities)
		return lookup(plan->by_number, plan->nby_number, number, strlen(number));
	for (size_t i = 0; i < plan->nactivities; i++)
		if (!strcmp(plan->activities[i].number, number))
			return &plan->activities[i];
	return NULL;
}

const struct jp_activity *jp_plan_find_activity(const struct jp_plan *plan,
						const char *number)
{
	const struct jp_activity *a;

	if (plan->by_number && plan->nby_number == plan->nactivities) {
		size_t len = strlen(number);

		if (!len)
			return NULL;
		a = lookup(plan->by_number, plan->nby_number, number, len);
		return a ? a : lookup(plan->by_token, plan->nby_token, number, len);
	}
	for (size_t i = 0; i < plan->nactivities; i++)
		if (!strcmp(plan->activities[i].number, number))
			return &plan->activities[i];
	for (size_t i = 0; i < plan->nactivities; i++)
		if (number_matches(plan->activities[i].number, number))
			return &plan->activities[i];
	return NULL;
}

const struct jp_direction *jp_plan_find_direction(const struct jp_plan *plan,
						  const char *code)
{
	for (size_t i = 0; i < plan->ndirections; i++)
		if (!strcmp(plan->directions[i].code, code))
			return &plan->directions[i];
	return NULL;
}

const struct jp_glossary_entry *jp_plan_find_agency(const struct jp_plan *plan,
						    const char *abbr)
{
	for (size_t i = 0; i < plan->nglossary; i++)
		if (jp_text_eq_fold(plan->glossary[i].abbr, abbr))
			return &plan->glossary[i];
	return NULL;
}

bool jp_activity_has_agency(const struct jp_activity *a, const char *agency,
			    bool lead_only)
{
	for (size_t i = 0; i < a->executors.n; i++) {
		const struct jp_executor *e = &a->executors.items[i];

		if ((!lead_only || e == jp_activity_lead(a)) &&
		    jp_text_eq_fold(e->agency, agency))
			return true;
	}
	return false;
}

const struct jp_executor *jp_activity_lead(const struct jp_activity *a)
{
	for (size_t i = 0; i < a->executors.n; i++)
		if (a->executors.items[i].lead)
			return &a->executors.items[i];
	return a->executors.n == 1 ? &a->executors.items[0] : NULL;
}

bool jp_activity_first_mention(const struct jp_activity *a, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (jp_text_eq_fold(a->executors.items[k].agency, a->executors.items[i].agency))
			return false;
	return true;
}

bool jp_activity_is_lead(const struct jp_activity *a, const char *agency)
{
	const struct jp_executor *lead = jp_activity_lead(a);

	return lead && jp_text_eq_fold(lead->agency, agency);
}

bool jp_plan_names_agency(const struct jp_plan *plan, const char *agency)
{
	for (size_t i = 0; i < plan->nactivities; i++)
		if (jp_activity_has_agency(&plan->activities[i], agency, false))
			return true;
	return false;
}

int jp_plan_check_agency(const struct jp_plan *plan, const char *agency, struct jp_error *err)
{
	if (!agency || !*agency || jp_plan_names_agency(plan, agency))
		return 0;
	return jp_error_set(err, JP_ENOTFOUND, "no activity of plan '%s' names '%s' as an executor",
			    plan->id, agency);
}

bool jp_budget_year(const struct jp_plan *plan, const struct jp_budget *b,
		    int year, jp_money *out)
{
	int i = year - plan->period_from;

	if (i < 0 || i >= JP_MAX_YEARS || !(b->year_mask & (1u << i)))
		return false;
	if (out)
		*out = b->year[i];
	return true;
}

bool jp_activity_due_void(const struct jp_plan *plan, const struct jp_activity *a,
			  struct jp_date due, struct jp_date as_of)
{
	if (plan->repealed && jp_date_cmp(as_of, plan->repeal.date) >= 0 &&
	    jp_date_cmp(due, plan->repeal.date) > 0)
		return true;
	return a->removed_by.number && jp_date_cmp(a->removed_by.date, as_of) <= 0 &&
	       jp_date_cmp(due, a->removed_by.date) >= 0;
}
