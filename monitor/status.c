/*
 * status.c - the as-of engine (see status.h for the rules).
 */
#include "jp.h"
#include "alloc.h"
#include "text.h"
#include "status.h"

static const char *const occ_names[JP_OCC_STATE_COUNT] = {
	[JP_OCC_DONE] = "done",
	[JP_OCC_AWAITING] = "awaiting-acceptance",
	[JP_OCC_PARTLY] = "partly",
	[JP_OCC_IN_PROGRESS] = "in-progress",
	[JP_OCC_NOT_DONE] = "not-done",
	[JP_OCC_RETURNED] = "returned",
	[JP_OCC_NO_REPORT] = "no-report",
	[JP_OCC_VOID] = "void",
};

const char *jp_occ_state_name(enum jp_occ_state s)
{
	return s < JP_OCC_STATE_COUNT ? occ_names[s] : "unknown";
}

const char *jp_plan_state_name(enum jp_plan_state s)
{
	switch (s) {
	case JP_PLAN_NOT_YET: return "not-yet-approved";
	case JP_PLAN_IN_FORCE: return "in-force";
	case JP_PLAN_REPEALED: return "repealed";
	}
	return "unknown";
}

/*
 * Reports sorted by (activity, due, made, id) for range look-ups.  The
 * activity is keyed by the first activity of the plan with the report's
 * number (numbers equal as strings get the same key) and dates are packed
 * in integers, so sorting and searching compare integers, not strings.
 */
struct rkey {
	uint32_t act, due, made;
	int64_t id;
	const struct jp_report *r;
};

struct index {
	const struct jp_plan *plan;
	const struct jp_report **r;
	struct rkey *k;
	size_t n;
	const struct jp_review **v;   /* reviews sorted by (report, date, id) */
	size_t nv;
};

static uint32_t pack(struct jp_date d)
{
	return (uint32_t)d.y << 9 | (uint32_t)d.m << 5 | (uint32_t)d.d;
}

static uint32_t act_key(const struct jp_plan *plan, const char *number)
{
	const struct jp_activity *a = jp_plan_numbered(plan, number);

	return a ? (uint32_t)a->index : UINT32_MAX;
}

static int rkey_cmp(const void *x, const void *y)
{
	const struct rkey *a = x, *b = y;

	if (a->act != b->act)
		return a->act < b->act ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->made != b->made)
		return a->made < b->made ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int review_cmp(const void *x, const void *y)
{
	const struct jp_review *a = *(const struct jp_review *const *)x;
	const struct jp_review *b = *(const struct jp_review *const *)y;
	int c;

	if (a->report != b->report)
		return a->report < b->report ? -1 : 1;
	if ((c = jp_date_cmp(a->date, b->date)))
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int index_build(struct index *ix, const struct jp_plan *plan,
		       const struct jp_history *h)
{
	ix->plan = plan;
	ix->n = h->nreports;
	ix->nv = h->nreviews;
	ix->r = jp_calloc(ix->n + 1, sizeof(*ix->r));
	ix->k = jp_calloc(ix->n + 1, sizeof(*ix->k));
	ix->v = jp_calloc(ix->nv + 1, sizeof(*ix->v));
	if (!ix->r || !ix->k || !ix->v)
		return JP_ERROR;
	for (size_t i = 0; i < ix->n; i++) {
		const struct jp_report *r = &h->reports[i];

		ix->k[i] = (struct rkey){ act_key(plan, r->activity), pack(r->due),
					  pack(r->made), r->id, r };
	}
	qsort(ix->k, ix->n, sizeof(*ix->k), rkey_cmp);
	for (size_t i = 0; i < ix->n; i++)
		ix->r[i] = ix->k[i].r;
	for (size_t i = 0; i < ix->nv; i++)
		ix->v[i] = &h->reviews[i];
	qsort(ix->v, ix->nv, sizeof(*ix->v), review_cmp);
	return 0;
}

static void index_release(struct index *ix)
{
	jp_free(ix->r);
	jp_free(ix->k);
	jp_free(ix->v);
}

/* The first report for (activity, due) in the index; *n gets how many. */
static const struct jp_report **reports_for(const struct index *ix,
					    const struct jp_activity *a, struct jp_date due,
					    size_t *n)
{
	/* a row shares its key with the first row of the same number */
	const struct jp_activity *first = jp_plan_numbered(ix->plan, a->number);
	uint32_t act = first ? (uint32_t)first->index : UINT32_MAX, d = pack(due);
	size_t lo = 0, hi = ix->n, start;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct rkey *k = &ix->k[mid];

		if (k->act < act || (k->act == act && k->due < d))
			lo = mid + 1;
		else
			hi = mid;
	}
	start = lo;
	while (lo < ix->n && ix->k[lo].act == act && ix->k[lo].due == d)
		lo++;
	*n = lo - start;
	return ix->r + start;
}

/* The latest review of a report dated on or before `date`, or NULL. */
static const struct jp_review *review_of(const struct index *ix, int64_t report,
					 struct jp_date date)
{
	size_t lo = 0, hi = ix->nv;
	const struct jp_review *best = NULL;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ix->v[mid]->report < report)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->nv && ix->v[lo]->report == report; lo++)
		if (jp_date_cmp(ix->v[lo]->date, date) <= 0)
			best = ix->v[lo];
	return best;
}

static bool is_counting(const struct jp_activity *a, const struct jp_report *r)
{
	const struct jp_executor *lead = jp_activity_lead(a);

	if (lead)
		return jp_text_eq_fold(lead->agency, r->agency);
	return jp_activity_has_agency(a, r->agency, false);
}

struct judged {
	const struct jp_report *report;
	const struct jp_review *review;
	bool returned_before;
};

/* Applies the report rules to one due date; reports made after `e` ignored. */
static void judge(const struct index *ix, const struct jp_activity *a,
		  struct jp_date due, struct jp_date e, struct judged *j)
{
	size_t n;
	const struct jp_report **rs = reports_for(ix, a, due, &n);

	memset(j, 0, sizeof(*j));
	for (size_t i = 0; i < n; i++) {
		const struct jp_report *r = rs[i];
		const struct jp_review *v;

		if (jp_date_cmp(r->made, e) > 0 || !is_counting(a, r))
			continue;
		v = review_of(ix, r->id, e);
		if (v && v->action == JP_REVIEW_REOPEN)
			v = NULL;   /* reopened: submitted again */
		if (j->report && j->review && j->review->action == JP_REVIEW_RETURN)
			j->returned_before = true;
		j->report = r;   /* sorted by made: the last one wins */
		j->review = v;
	}
}

static enum jp_occ_state state_of(const struct judged *j)
{
	if (!j->report)
		return JP_OCC_NO_REPORT;
	if (j->review && j->review->action == JP_REVIEW_RETURN)
		return JP_OCC_RETURNED;
	switch (j->report->status) {
	case JP_REPORT_DONE:
		if (j->review && j->review->action == JP_REVIEW_ACCEPT)
			return JP_OCC_DONE;
		return j->returned_before ? JP_OCC_RETURNED : JP_OCC_AWAITING;
	case JP_REPORT_PARTLY: return JP_OCC_PARTLY;
	case JP_REPORT_IN_PROGRESS: return JP_OCC_IN_PROGRESS;
	case JP_REPORT_NOT_DONE: return JP_OCC_NOT_DONE;
	}
	return JP_OCC_NO_REPORT;
}

static int occ_cmp(const void *x, const void *y)
{
	const struct jp_occurrence *a = x, *b = y;
	int c = jp_date_cmp(a->due, b->due);

	if (c)
		return c;
	return a->act->index < b->act->index ? -1 : a->act->index > b->act->index;
}

static struct jp_agency_status *agency_slot(struct jp_status *s, size_t *cap,
					    const char *name)
{
	for (size_t i = 0; i < s->nagencies; i++)
		if (jp_text_eq_fold(s->agencies[i].agency, name))
			return &s->agencies[i];
	s->agencies = jp_arena_grow(&s->arena, s->agencies, s->nagencies, cap,
				    sizeof(*s->agencies));
	if (!s->agencies)
		return NULL;
	memset(&s->agencies[s->nagencies], 0, sizeof(s->agencies[0]));
	s->agencies[s->nagencies].agency = name;
	return &s->agencies[s->nagencies++];
}

static int agency_cmp(const void *x, const void *y)
{
	const struct jp_agency_status *a = x, *b = y;

	return strcmp(a->agency, b->agency);
}

static bool agency_reported(const struct index *ix, const struct jp_activity *a,
			    struct jp_date due, struct jp_date e, const char *agency)
{
	size_t n;
	const struct jp_report **rs = reports_for(ix, a, due, &n);

	for (size_t i = 0; i < n; i++)
		if (jp_date_cmp(rs[i]->made, e) <= 0 && jp_text_eq_fold(rs[i]->agency, agency))
			return true;
	return false;
}

/* Other executors' latest reports on the due date. */
static int contributions(struct jp_status *s, const struct index *ix,
			 struct jp_occurrence *o, struct jp_date e)
{
	size_t n;
	const struct jp_report **rs = reports_for(ix, o->act, o->due, &n);

	for (size_t i = 0; i < n; i++) {
		const struct jp_report *r = rs[i];
		bool later = false;

		if (r == o->report || jp_date_cmp(r->made, e) > 0 ||
		    (o->report && jp_text_eq_fold(r->agency, o->report->agency)))
			continue;
		if (!o->report && is_counting(o->act, r))
			continue;
		for (size_t k = i + 1; k < n; k++)
			later = later || (jp_date_cmp(rs[k]->made, e) <= 0 &&
					  jp_text_eq_fold(rs[k]->agency, r->agency));
		if (later)
			continue;
		if (!o->contrib) {
			o->contrib = jp_arena_array(&s->arena, n, sizeof(*o->contrib));
			if (!o->contrib)
				return JP_ERROR;
		}
		o->contrib[o->ncontrib++] = r;
	}
	return 0;
}

int jp_status_compute(const struct jp_plan *plan, const struct jp_history *history,
		      struct jp_date as_of, const char *agency,
		      struct jp_status *out)
{
	struct jp_status s;
	struct index ix = { 0 };
	struct jp_date e = as_of, horizon;
	size_t total = 0, cap_ag = 0, k = 0;
	int rc = JP_ERROR;

	memset(&s, 0, sizeof(s));
	s.as_of = as_of;
	if (jp_date_cmp(as_of, plan->approved) < 0) {
		s.state = JP_PLAN_NOT_YET;
	} else if (plan->repealed && jp_date_cmp(as_of, plan->repeal.date) >= 0) {
		s.state = JP_PLAN_REPEALED;
		e = plan->repeal.date;
	} else {
		s.state = JP_PLAN_IN_FORCE;
	}
	s.effective = e;
	horizon = jp_date_add_days(e, JP_STATUS_HORIZON_DAYS);
	/*
	 * NEEDSWORK: every due date of the plan is judged, also when a page
	 * shows one activity; judging only what is asked would let the server
	 * answer thousands of pages a second (docs/BENCHMARKS.md).
	 */
	if (index_build(&ix, plan, history) < 0)
		goto done;
	for (size_t i = 0; i < plan->nactivities; i++)
		total += plan->activities[i].deadline.ndue;
	s.occ = jp_arena_array(&s.arena, total + 1, sizeof(*s.occ));
	s.directions = jp_arena_array(&s.arena, plan->ndirections + 1, sizeof(*s.directions));
	if (!s.occ || !s.directions)
		goto done;
	s.ndirections = plan->ndirections;
	for (size_t i = 0; i < plan->ndirections; i++)
		s.directions[i].code = plan->directions[i].code;
	for (size_t i = 0; i < plan->nactivities; i++) {
		const struct jp_activity *a = &plan->activities[i];
		struct jp_direction_status *ds = NULL;

		if (agency && !jp_activity_has_agency(a, agency, false))
			continue;
		for (size_t d = 0; d < plan->ndirections; d++)
			if (!strcmp(plan->directions[d].code, a->direction))
				ds = &s.directions[d];
		for (size_t j = 0; j < a->deadline.ndue; j++) {
			struct jp_occurrence *o = &s.occ[k++];
			struct judged jd;
			bool passed;

			o->act = a;
			o->due = a->deadline.due[j].date;
			o->label = a->deadline.due[j].label;
			judge(&ix, a, o->due, e, &jd);
			o->report = jd.report;
			o->review = jd.review;
			o->state = state_of(&jd);
			if (jp_activity_due_void(plan, a, o->due, e))
				o->state = JP_OCC_VOID;
			if (contributions(&s, &ix, o, e) < 0)
				goto done;
			if (o->report && o->report->synthetic)
				s.synthetic = true;
			if (o->state == JP_OCC_VOID) {
				s.count[JP_OCC_VOID]++;
				continue;
			}
			passed = jp_date_cmp(o->due, e) < 0;
			o->overdue = passed && o->state != JP_OCC_DONE &&
				     o->state != JP_OCC_AWAITING;
			o->upcoming = !passed && s.state != JP_PLAN_REPEALED &&
				      jp_date_cmp(o->due, horizon) < 0;
			s.noverdue += o->overdue;
			s.nupcoming += o->upcoming;
			if (ds)
				ds->upcoming += o->upcoming;
			if (!passed)
				continue;
			s.npassed++;
			s.count[o->state]++;
			if (ds) {
				ds->due++;
				ds->reported += o->report != NULL;
				ds->done += o->state == JP_OCC_DONE;
				ds->overdue += o->overdue;
			}
			for (size_t x = 0; x < a->executors.n; x++) {
				const struct jp_executor *ex = &a->executors.items[x];
				struct jp_agency_status *as;

				if (!jp_activity_first_mention(a, x) ||
				    (agency && !jp_text_eq_fold(ex->agency, agency)))
					continue;
				as = agency_slot(&s, &cap_ag, ex->agency);
				if (!as)
					goto done;
				as->due++;
				as->reported += agency_reported(&ix, a, o->due, e, ex->agency);
				if (jp_activity_is_lead(a, ex->agency)) {
					as->lead_due++;
					as->overdue += o->overdue;
				}
			}
		}
	}
	s.nocc = k;
	qsort(s.occ, s.nocc, sizeof(*s.occ), occ_cmp);
	if (s.nagencies)
		qsort(s.agencies, s.nagencies, sizeof(*s.agencies), agency_cmp);
	*out = s;
	memset(&s, 0, sizeof(s));
	rc = 0;
done:
	index_release(&ix);
	jp_status_release(&s);
	return rc;
}

void jp_status_release(struct jp_status *s)
{
	if (!s)
		return;
	jp_arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}
