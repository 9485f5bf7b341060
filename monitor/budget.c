/*
 * budget.c - money roll-ups (see budget.h).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "text.h"
#include "history.h"
#include "budget.h"

int jp_budget_group_parse(const char *name)
{
	static const char *const names[] = { "year", "direction", "lead", "source", "activity" };

	for (size_t i = 0; i < JP_ARRAY_LEN(names); i++)
		if (!strcmp(name, names[i]))
			return (int)i;
	return -1;
}

static void add_to(struct jp_rollup_row *r, const struct jp_budget *b, int nyears)
{
	if (b->has_total)
		r->total += b->total;
	for (int y = 0; y < nyears; y++)
		if (b->year_mask & (1u << y))
			r->year[y] += b->year[y];
	r->nactivities++;
}

static char *key_of(const struct jp_plan *p, const struct jp_activity *a,
		    enum jp_budget_group g)
{
	const struct jp_executor *lead;
	struct jp_buf b = JP_BUF_INIT;

	(void)p;
	switch (g) {
	case JP_GROUP_YEAR:
		return jp_strdup("plan");
	case JP_GROUP_DIRECTION:
		return jp_strdup(a->direction);
	case JP_GROUP_LEAD:
		lead = jp_activity_lead(a);
		return jp_strdup(lead ? lead->agency : JP_ROLLUP_NOT_STATED);
	case JP_GROUP_ACTIVITY:
		return jp_strdup(a->number);
	case JP_GROUP_SOURCE:
		if (!a->budget.source && !a->budget.program)
			return jp_strdup(JP_ROLLUP_NOT_STATED);
		jp_buf_addf(&b, "%s%s%s", a->budget.source ? a->budget.source : "",
			    a->budget.source && a->budget.program ? " " : "",
			    a->budget.program ? a->budget.program : "");
		return jp_buf_detach(&b);
	}
	return NULL;
}

/* The row for `key` (taking ownership of it), added when new; SIZE_MAX on OOM. */
static size_t slot(struct jp_rollup *r, size_t *cap, char *key)
{
	struct jp_rollup_row *p;
	size_t k;

	for (k = 0; k < r->n; k++)
		if (jp_text_eq_fold(r->rows[k].key, key))
			break;
	if (k < r->n) {
		jp_free(key);
		return k;
	}
	p = jp_array_grow(r->rows, r->n, cap, sizeof(*p));
	if (!p) {
		jp_free(key);
		return SIZE_MAX;
	}
	r->rows = p;
	memset(&r->rows[r->n], 0, sizeof(r->rows[0]));
	r->rows[r->n].key = key;
	return r->n++;
}

int jp_budget_rollup(const struct jp_plan *plan, enum jp_budget_group group,
		     struct jp_rollup *out)
{
	struct jp_rollup r;
	size_t cap = 0;

	memset(&r, 0, sizeof(r));
	r.group = group;
	r.first_year = plan->period_from;
	r.nyears = plan->period_to - plan->period_from + 1;
	/* directions appear in plan order even when they have no money */
	if (group == JP_GROUP_DIRECTION) {
		cap = plan->ndirections;
		r.rows = jp_calloc(cap ? cap : 1, sizeof(*r.rows));
		if (!r.rows)
			return JP_ERROR;
		for (size_t i = 0; i < plan->ndirections; i++) {
			r.rows[i].key = jp_strdup(plan->directions[i].code);
			r.n = i + 1;
			if (!r.rows[i].key)
				goto oom;
		}
	}
	for (size_t i = 0; i < plan->nactivities; i++) {
		const struct jp_activity *a = &plan->activities[i];
		char *key;
		size_t k;

		if (!a->budget.present)
			continue;
		key = key_of(plan, a, group);
		if (!key || (k = slot(&r, &cap, key)) == SIZE_MAX)
			goto oom;
		add_to(&r.rows[k], &a->budget, r.nyears);
		add_to(&r.all, &a->budget, r.nyears);
	}
	*out = r;
	return 0;
oom:
	jp_rollup_release(&r);
	return JP_ERROR;
}

void jp_rollup_release(struct jp_rollup *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		jp_free(r->rows[i].key);
	jp_free(r->rows);
	r->rows = NULL;
	r->n = 0;
}

/*
 * A string -> index table (open addressing, linear probing) for the
 * one-pass roll-up of spent money.  Keys are borrowed unless the table
 * owns them (owned = true frees them with the table).
 */
struct strmap {
	const char **keys;
	size_t *vals;
	size_t cap, n;
	bool owned;
};

static int strmap_init(struct strmap *m, size_t n, bool owned)
{
	size_t cap = 16;

	while (cap < 2 * n + 2)
		cap *= 2;
	memset(m, 0, sizeof(*m));
	m->keys = jp_calloc(cap, sizeof(*m->keys));
	m->vals = jp_calloc(cap, sizeof(*m->vals));
	m->cap = cap;
	m->owned = owned;
	return m->keys && m->vals ? 0 : JP_ERROR;
}

static void strmap_release(struct strmap *m)
{
	if (m->owned && m->keys)
		for (size_t i = 0; i < m->cap; i++)
			jp_free((char *)m->keys[i]);
	jp_free(m->keys);
	jp_free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* The slot of `key`: where it is, or the empty slot where it would go. */
static size_t strmap_find(const struct strmap *m, const char *key)
{
	size_t i = (size_t)jp_hash(JP_HASH_INIT, key, strlen(key)) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static bool strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	size_t i = strmap_find(m, key);

	if (!m->keys[i])
		return false;
	*val = m->vals[i];
	return true;
}

/* Adds key -> val unless the key is there; the table takes an owned key
 * in either case.  0 or JP_ERROR. */
static int strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap) {
		struct strmap big;

		if (strmap_init(&big, m->n + 1, m->owned) < 0) {
			strmap_release(&big);
			if (m->owned)
				jp_free((char *)key);
			return JP_ERROR;
		}
		for (size_t j = 0; j < m->cap; j++) {
			if (!m->keys[j])
				continue;
			i = strmap_find(&big, m->keys[j]);
			big.keys[i] = m->keys[j];
			big.vals[i] = m->vals[j];
			big.n++;
		}
		m->owned = false;
		strmap_release(m);
		*m = big;
	}
	i = strmap_find(m, key);
	if (m->keys[i]) {
		if (m->owned)
			jp_free((char *)key);
		return 0;
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return 0;
}

/*
 * An occurrence: an activity (by its number as reported), a due date and
 * a reporting agency (folded), with the latest report on it so far.
 */
struct occurrence {
	size_t act, agency;             /* ids in the tables of jp_budget_spent */
	struct jp_date due;
	struct jp_date made;            /* of the latest report */
	int64_t id;                     /* of the latest report */
	bool used;
};

/* A hash table of occurrences, sized once (it never holds more than the
 * history's reports). */
struct occurrences {
	struct occurrence *v;
	size_t cap;
};

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
	return h;
}

/* The slot of (act, due, agency): where it is, or the empty one it takes. */
static size_t occurrence_slot(const struct occurrences *o, size_t act, struct jp_date due,
			      size_t agency)
{
	uint64_t h = mix(mix(mix(mix(0, act), agency), (uint64_t)(uint32_t)due.y),
			 (uint64_t)(uint32_t)(due.m * 32 + due.d));
	size_t i;

	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 32;
	for (i = (size_t)h & (o->cap - 1); o->v[i].used; i = (i + 1) & (o->cap - 1))
		if (o->v[i].act == act && o->v[i].agency == agency && !jp_date_cmp(o->v[i].due, due))
			break;
	return i;
}

/* Whether (made, id) is later than the occurrence's latest report. */
static bool later(const struct occurrence *o, struct jp_date made, int64_t id)
{
	int c = jp_date_cmp(made, o->made);

	return c > 0 || (c == 0 && id > o->id);
}

/* The row of a folded key in r, added (with `key`, which it takes) if new. */
static size_t row_of(struct jp_rollup *r, size_t *cap, struct strmap *rows,
		     char *folded, char *key)
{
	size_t k;

	if (strmap_get(rows, folded, &k)) {
		jp_free(folded);
		jp_free(key);
		return k;
	}
	if (r->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct jp_rollup_row *p = jp_reallocarray(r->rows, nc, sizeof(*p));

		if (!p)
			goto oom;
		r->rows = p;
		*cap = nc;
	}
	if (strmap_put(rows, folded, r->n) < 0) {
		jp_free(key);
		return SIZE_MAX;
	}
	memset(&r->rows[r->n], 0, sizeof(r->rows[0]));
	r->rows[r->n].key = key;
	return r->n++;
oom:
	jp_free(folded);
	jp_free(key);
	return SIZE_MAX;
}

/*
 * Linear in the history: a first pass finds each occurrence's latest
 * report (latest made, then highest id) through a hash table; the second
 * counts the winners in history order, so rows appear as they would
 * report by report.  When reports tie on both (a history whose ids are not
 * unique), each of them counts.  Each distinct activity number and agency
 * is looked up and folded once; activities and rows are found through
 * hash tables, not by scanning the plan.
 */
int jp_budget_spent(const struct jp_plan *plan, const struct jp_history *h,
		    struct jp_date as_of, enum jp_budget_group group,
		    struct jp_rollup *out)
{
	struct jp_rollup r;
	struct strmap acts = { 0 }, rows = { 0 }, act_ids = { 0 }, agency_ids = { 0 },
		      folded_ids = { 0 }, raw_rows = { 0 };
	struct occurrences occ = { NULL, 0 };
	size_t *act_row = NULL, *act_of = NULL, *occ_of = NULL, *folded_row = NULL, cap;
	size_t nact = 0, nfolded = 0, act_cap = 0, folded_cap = 0;
	const char **folded_name = NULL;
	int rc = JP_ERROR;

	/* a report made after the repeal changes no state, money included */
	if (plan->repealed && jp_date_cmp(as_of, plan->repeal.date) > 0)
		as_of = plan->repeal.date;
	/* start from the planned keys, so the rows line up */
	if (jp_budget_rollup(plan, group, &r) < 0)
		return JP_ERROR;
	cap = r.n;
	for (size_t i = 0; i < r.n; i++) {
		r.rows[i].total = 0;
		r.rows[i].nactivities = 0;
		memset(r.rows[i].year, 0, sizeof(r.rows[i].year));
	}
	memset(&r.all, 0, sizeof(r.all));
	if (strmap_init(&acts, plan->nactivities, false) < 0 ||
	    strmap_init(&rows, r.n, true) < 0 ||
	    strmap_init(&act_ids, 64, false) < 0 ||
	    strmap_init(&agency_ids, 64, false) < 0 ||
	    strmap_init(&folded_ids, 64, true) < 0 ||
	    strmap_init(&raw_rows, 64, false) < 0)
		goto done;
	for (size_t i = 0; i < plan->nactivities; i++)
		if (strmap_put(&acts, plan->activities[i].number, i) < 0)
			goto done;
	for (size_t i = 0; i < r.n; i++) {
		char *f = jp_text_fold(r.rows[i].key);

		if (!f || strmap_put(&rows, f, i) < 0)
			goto done;
	}
	occ.cap = 16;
	while (occ.cap < 2 * h->nreports + 2)
		occ.cap *= 2;
	act_row = jp_calloc(plan->nactivities ? plan->nactivities : 1, sizeof(*act_row));
	occ_of = jp_calloc(h->nreports ? h->nreports : 1, sizeof(*occ_of));
	occ.v = jp_calloc(occ.cap, sizeof(*occ.v));
	if (!act_row || !occ_of || !occ.v)
		goto done;
	for (size_t i = 0; i < plan->nactivities; i++)
		act_row[i] = SIZE_MAX;
	/* the latest report of each occurrence */
	for (size_t i = 0; i < h->nreports; i++) {
		const struct jp_report *rep = &h->reports[i];
		size_t act, agency, o;

		occ_of[i] = SIZE_MAX;
		if (!rep->has_spent || jp_date_cmp(rep->made, as_of) > 0)
			continue;
		/* the activity as numbered in the report: its plan index */
		if (!strmap_get(&act_ids, rep->activity, &act)) {
			const struct jp_activity *a;
			size_t ai;

			if (!strmap_get(&acts, rep->activity, &ai)) {
				a = jp_plan_find_activity(plan, rep->activity);
				ai = a ? (size_t)(a - plan->activities) : SIZE_MAX;
			}
			if (nact == act_cap) {
				size_t *p = jp_array_grow(act_of, nact, &act_cap, sizeof(*p));

				if (!p)
					goto done;
				act_of = p;
			}
			act_of[nact] = ai;
			act = nact++;
			if (strmap_put(&act_ids, rep->activity, act) < 0)
				goto done;
		}
		/* a report on no activity of the plan counts nowhere */
		if (act_of[act] == SIZE_MAX)
			continue;
		/* the agency, folded once per spelling */
		if (!strmap_get(&agency_ids, rep->agency, &agency)) {
			char *f = jp_text_fold(rep->agency);

			if (!f)
				goto done;
			if (!strmap_get(&folded_ids, f, &agency)) {
				if (nfolded == folded_cap) {
					const char **p = jp_array_grow(folded_name, nfolded, &folded_cap,
								       sizeof(*p));

					if (!p) {
						jp_free(f);
						goto done;
					}
					folded_name = p;
				}
				folded_name[nfolded] = f;
				agency = nfolded++;
				if (strmap_put(&folded_ids, f, agency) < 0)
					goto done;
			} else {
				jp_free(f);
			}
			if (strmap_put(&agency_ids, rep->agency, agency) < 0)
				goto done;
		}
		o = occurrence_slot(&occ, act, rep->due, agency);
		if (!occ.v[o].used) {
			occ.v[o].used = true;
			occ.v[o].act = act;
			occ.v[o].agency = agency;
			occ.v[o].due = rep->due;
			occ.v[o].made = rep->made;
			occ.v[o].id = rep->id;
		} else if (later(&occ.v[o], rep->made, rep->id)) {
			occ.v[o].made = rep->made;
			occ.v[o].id = rep->id;
		}
		occ_of[i] = o;
	}
	folded_row = jp_calloc(nfolded ? nfolded : 1, sizeof(*folded_row));
	if (!folded_row)
		goto done;
	for (size_t i = 0; i < nfolded; i++)
		folded_row[i] = SIZE_MAX;
	/* the winners count in history order */
	for (size_t i = 0; i < h->nreports; i++) {
		const struct jp_report *rep = &h->reports[i];
		const struct occurrence *o;
		const struct jp_activity *a;
		size_t ai, k;
		int y;

		if (occ_of[i] == SIZE_MAX)
			continue;
		o = &occ.v[occ_of[i]];
		if (jp_date_cmp(rep->made, o->made) || rep->id != o->id)
			continue;
		ai = act_of[o->act];
		a = &plan->activities[ai];
		if (group == JP_GROUP_LEAD) {
			if ((k = folded_row[o->agency]) == SIZE_MAX) {
				char *f = jp_strdup(folded_name[o->agency]), *key = jp_strdup(rep->agency);

				k = f && key ? row_of(&r, &cap, &rows, f, key) : SIZE_MAX;
				if (!f || !key) {
					jp_free(f);
					jp_free(key);
				}
				folded_row[o->agency] = k;
			}
		} else if ((k = act_row[ai]) == SIZE_MAX) {
			char *key = key_of(plan, a, group), *f;

			/* many activities share a key: fold each key once */
			if (key && strmap_get(&raw_rows, key, &k)) {
				jp_free(key);
			} else {
				f = key ? jp_text_fold(key) : NULL;
				k = f ? row_of(&r, &cap, &rows, f, key) : SIZE_MAX;
				if (!f)
					jp_free(key);
				else if (k != SIZE_MAX && strmap_put(&raw_rows, r.rows[k].key, k) < 0)
					goto done;
			}
			act_row[ai] = k;
		}
		if (k == SIZE_MAX)
			goto done;
		y = rep->due.y - r.first_year;
		if (y >= 0 && y < r.nyears) {
			r.rows[k].year[y] += rep->spent;
			r.all.year[y] += rep->spent;
		}
		r.rows[k].total += rep->spent;
		r.rows[k].nactivities++;
		r.all.total += rep->spent;
		r.all.nactivities++;
	}
	*out = r;
	memset(&r, 0, sizeof(r));
	rc = 0;
done:
	jp_free(occ.v);
	jp_free(occ_of);
	jp_free(act_of);
	jp_free(act_row);
	jp_free(folded_row);
	/* the folded names are the keys folded_ids owns */
	jp_free(folded_name);
	strmap_release(&acts);
	strmap_release(&rows);
	strmap_release(&act_ids);
	strmap_release(&agency_ids);
	strmap_release(&folded_ids);
	strmap_release(&raw_rows);
	jp_rollup_release(&r);
	return rc;
}
