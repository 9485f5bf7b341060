/*
 * indicator.c - indicator ids, directions and achievement (see indicator.h).
 */
#include "jp.h"
#include "alloc.h"
#include "money.h"
#include "indicator.h"

int jp_indicators_list(const struct jp_plan *plan, struct jp_ind_ref **out,
		       size_t *n)
{
	size_t total = 0, k = 0;
	struct jp_ind_ref *r;

	for (size_t i = 0; i < plan->nobjectives; i++)
		total += plan->objectives[i].nindicators;
	for (size_t i = 0; i < plan->ndirections; i++)
		total += plan->directions[i].nindicators;
	r = jp_calloc(total + 1, sizeof(*r));
	if (!r)
		return JP_ERROR;
	for (size_t i = 0; i < plan->nobjectives; i++) {
		const struct jp_objective *o = &plan->objectives[i];

		for (size_t j = 0; j < o->nindicators; j++, k++) {
			snprintf(r[k].id, sizeof(r[k].id), "T%d.%d", o->number,
				 o->indicators[j].number);
			r[k].target_level = true;
			r[k].ind = &o->indicators[j];
			r[k].parent = NULL;
		}
	}
	for (size_t i = 0; i < plan->ndirections; i++) {
		const struct jp_direction *d = &plan->directions[i];

		for (size_t j = 0; j < d->nindicators; j++, k++) {
			snprintf(r[k].id, sizeof(r[k].id), "R%.20s.%d", d->code,
				 d->indicators[j].number);
			r[k].ind = &d->indicators[j];
			r[k].parent = d->code;
		}
	}
	*out = r;
	*n = k;
	return 0;
}

const struct jp_ind_ref *jp_indicator_find(const struct jp_ind_ref *list, size_t n,
					   const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(list[i].id, id))
			return &list[i];
	return NULL;
}

const char *jp_ind_dir_name(enum jp_ind_dir d)
{
	switch (d) {
	case JP_DIR_AT_LEAST: return "at-least";
	case JP_DIR_AT_MOST: return "at-most";
	case JP_DIR_RANK: return "rank";
	}
	return "unknown";
}

static jp_money dec(const char *s, bool *ok)
{
	jp_money v = 0;

	*ok = s && jp_money_parse(&v, s, NULL) == 0;
	return v;
}

enum jp_ind_dir jp_target_direction(const struct jp_indicator *ind, size_t k)
{
	const struct jp_target *t = &ind->targets[k];

	if (t->direction && !strcmp(t->direction, "rank"))
		return JP_DIR_RANK;
	if (t->direction && !strcmp(t->direction, "at-most"))
		return JP_DIR_AT_MOST;
	if (t->direction && !strcmp(t->direction, "at-least"))
		return JP_DIR_AT_LEAST;
	if (t->unit && !strcmp(t->unit, "орын"))
		return JP_DIR_RANK;
	if (strstr(ind->text, "дейін төмендейді"))
		return JP_DIR_AT_MOST;
	/* a series over the years that falls: lower is better */
	for (size_t i = 0; i + 1 < ind->ntargets; i++) {
		bool ok1, ok2;
		jp_money a = dec(ind->targets[i].value, &ok1);
		jp_money b = dec(ind->targets[i + 1].value, &ok2);

		if (ok1 && ok2 && ind->targets[i + 1].year > ind->targets[i].year && b < a)
			return JP_DIR_AT_MOST;
	}
	return JP_DIR_AT_LEAST;
}

/* num/den in thousandths, rounded half up; both non-negative. */
static long ratio_permille(jp_money num, jp_money den)
{
	__int128 n = (__int128)num * 2000 + den;

	if (den <= 0)
		return num > 0 ? 99999 : 1000;
	n /= (__int128)den * 2;
	return n > 99999 ? 99999 : (long)n;
}

void jp_indicator_achievement(const struct jp_ind_ref *ref, size_t k,
			      const struct jp_history *h, struct jp_date date,
			      struct jp_achievement *out)
{
	const struct jp_target *t = &ref->ind->targets[k];
	enum jp_ind_dir dir = jp_target_direction(ref->ind, k);
	jp_money target, actual;
	bool ok1, ok2;

	memset(out, 0, sizeof(*out));
	out->target = out->original = t->value;
	for (size_t i = 0; i < h->nrevisions; i++) {
		const struct jp_revision *r = &h->revisions[i];

		if (!strcasecmp(r->indicator, ref->id) && r->target == (int)k &&
		    jp_date_cmp(r->date, date) <= 0) {
			out->target = r->value;
			out->reason = r->reason;
			out->revised = true;
		}
	}
	for (size_t i = 0; i < h->nactuals; i++) {
		const struct jp_actual *a = &h->actuals[i];

		if (!strcasecmp(a->indicator, ref->id) && a->target == (int)k &&
		    a->year == t->year && jp_date_cmp(a->date, date) <= 0)
			out->actual = a;
	}
	if (!out->actual)
		return;
	target = dec(out->target, &ok1);
	actual = dec(out->actual->value, &ok2);
	if (!ok1 || !ok2 || target < 0 || actual < 0)
		return;
	if (dir == JP_DIR_AT_LEAST) {
		out->permille = ratio_permille(actual, target);
		out->met = actual >= target;
	} else {
		out->permille = ratio_permille(target, actual);
		out->met = actual <= target;
	}
}
