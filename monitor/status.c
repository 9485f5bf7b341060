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
 * A string -> integer map (open addressing, borrowed keys) for what a compute
 * looks up once per report or per row: activity numbers and agency names.
 */
struct strmap_slot {
	const char *s;      /* NULL: empty */
	uint64_t h;
	uint32_t v;
};

struct strmap {
	struct strmap_slot *slot;
	size_t cap, n;      /* cap: 0 or a power of two */
};

static uint64_t str_hash(const char *s)
{
	return jp_hash(JP_HASH_INIT, s, strlen(s));
}

/* The slot of `s`, or the empty slot where it would go; NULL if no table. */
static struct strmap_slot *strmap_find(const struct strmap *m, const char *s, uint64_t h)
{
	size_t mask = m->cap - 1;

	if (!m->cap)
		return NULL;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct strmap_slot *sl = &m->slot[i];

		if (!sl->s || (sl->h == h && !strcmp(sl->s, s)))
			return sl;
	}
}

static const struct strmap_slot *strmap_get(const struct strmap *m, const char *s, uint64_t h)
{
	const struct strmap_slot *sl = strmap_find(m, s, h);

	return sl && sl->s ? sl : NULL;
}

/* Adds s -> v unless s is there (then keeps the old value); 0 or JP_ERROR. */
static int strmap_add(struct strmap *m, const char *s, uint64_t h, uint32_t v)
{
	struct strmap_slot *sl;

	if ((m->n + 1) * 2 > m->cap) {
		struct strmap old = *m;
		size_t cap = m->cap ? m->cap * 2 : 64;

		m->slot = jp_calloc(cap, sizeof(*m->slot));
		if (!m->slot) {
			*m = old;
			return JP_ERROR;
		}
		m->cap = cap;
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i].s)
				*strmap_find(m, old.slot[i].s, old.slot[i].h) = old.slot[i];
		m->n = old.n;
		jp_free(old.slot);
	}
	sl = strmap_find(m, s, h);
	if (!sl->s) {
		*sl = (struct strmap_slot){ s, h, v };
		m->n++;
	}
	return 0;
}

/*
 * Agency names compare case-folded (jp_text_eq_fold).  Each spelling met in
 * a compute is folded once and given the id of its folded form, so the rules
 * below compare integers.
 */
struct agencies {
	struct strmap spelling;   /* a name as written -> id */
	struct strmap folded;     /* its fold key (owned) -> id */
	uint32_t n;
};

#define NO_AGENCY UINT32_MAX

static int agency_id(struct agencies *t, const char *name, uint32_t *out)
{
	uint64_t h = str_hash(name), kh;
	const struct strmap_slot *sl = strmap_get(&t->spelling, name, h);
	char *key;

	if (sl) {
		*out = sl->v;
		return 0;
	}
	if (!(key = jp_text_fold_key(name)))
		return JP_ERROR;
	kh = str_hash(key);
	sl = strmap_get(&t->folded, key, kh);
	if (sl) {
		*out = sl->v;
		jp_free(key);
	} else {
		if (strmap_add(&t->folded, key, kh, t->n) < 0) {
			jp_free(key);
			return JP_ERROR;
		}
		*out = t->n++;
	}
	return strmap_add(&t->spelling, name, h, *out);
}

static void agencies_release(struct agencies *t)
{
	for (size_t i = 0; i < t->folded.cap; i++)
		jp_free((char *)t->folded.slot[i].s);
	jp_free(t->folded.slot);
	jp_free(t->spelling.slot);
	memset(t, 0, sizeof(*t));
}

/*
 * Reports sorted by (activity, due, made, id) for range look-ups.  The
 * activity is keyed by the first activity of the plan with the report's
 * number (numbers equal as strings get the same key) and dates are packed
 * in integers, so sorting and searching compare integers, not strings.
 * When only some activities are judged, the index holds only their reports
 * and the reviews of those.
 */
struct rkey {
	uint32_t act, due, made;
	uint32_t agency;          /* id in index.ag */
	int64_t id;
	const struct jp_report *r;
};

struct index {
	struct rkey *k;
	size_t n;
	const struct jp_review **v;   /* reviews sorted by (report, date, id) */
	size_t nv;
	struct strmap numbers;        /* activity number -> key */
	struct agencies ag;
};

static uint32_t pack(struct jp_date d)
{
	return (uint32_t)d.y << 9 | (uint32_t)d.m << 5 | (uint32_t)d.d;
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

static int id_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

/*
 * Sorts ix->k by rkey_cmp: counting by activity key (a row index, or
 * UINT32_MAX last), then each row's few reports by insertion (qsort when
 * there are many).  Both steps are stable, as glibc's qsort is; 0 or
 * JP_ERROR.
 */
static int sort_reports(struct index *ix, size_t nrows)
{
	size_t *at = jp_calloc(nrows + 2, sizeof(*at));
	struct rkey *out = jp_calloc(ix->n + 1, sizeof(*out));

	if (!at || !out) {
		jp_free(at);
		jp_free(out);
		return JP_ERROR;
	}
	for (size_t i = 0; i < ix->n; i++)
		at[(ix->k[i].act < nrows ? ix->k[i].act : nrows) + 1]++;
	for (size_t b = 1; b <= nrows + 1; b++)
		at[b] += at[b - 1];
	for (size_t i = 0; i < ix->n; i++)
		out[at[ix->k[i].act < nrows ? ix->k[i].act : nrows]++] = ix->k[i];
	/* at[b] is now where bucket b ends */
	for (size_t b = 0, lo = 0; b <= nrows; lo = at[b++]) {
		size_t n = at[b] - lo;

		if (n > 16) {
			qsort(out + lo, n, sizeof(*out), rkey_cmp);
			continue;
		}
		for (size_t i = lo + 1; i < at[b]; i++) {
			struct rkey x = out[i];
			size_t j = i;

			for (; j > lo && rkey_cmp(&out[j - 1], &x) > 0; j--)
				out[j] = out[j - 1];
			out[j] = x;
		}
	}
	jp_free(ix->k);
	jp_free(at);
	ix->k = out;
	return 0;
}

/* The key of activity `a`: the index of the first row with its number. */
static uint32_t act_key(const struct index *ix, const struct jp_activity *a)
{
	const struct strmap_slot *sl = strmap_get(&ix->numbers, a->number, str_hash(a->number));

	return sl ? sl->v : UINT32_MAX;
}

/*
 * What a string pointer of the history was last found to map to.  Equal
 * strings of a loaded history are mostly one copy, so a report's activity
 * and agency are looked up by their address first (a multiply, not a hash
 * of the text); a pointer never met, or evicted, takes the string lookup.
 * The answer depends only on the text, so a memo is never wrong.
 */
struct ptr_memo {
	const char *p;
	uint32_t v;
	bool found;
};

struct ptr_memos {
	struct ptr_memo *m;
	uint64_t mask;            /* slots - 1, a power of two less one */
};

static struct ptr_memo *ptr_memo_slot(const struct ptr_memos *t, const char *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;

	x ^= x >> 29;
	x *= UINT64_C(0x9E3779B97F4A7C15);
	return &t->m[(x >> 32) & t->mask];
}

/*
 * Indexes the reports on the activities `sel` (all when sel is NULL) and
 * their reviews; 0 or JP_ERROR.
 */
static int index_build(struct index *ix, const struct jp_plan *plan,
		       const struct jp_history *h,
		       const struct jp_activity *const *sel, size_t nsel)
{
	int64_t *ids = NULL;
	struct ptr_memo ag_memo[256] = { { NULL, 0, false } };
	struct ptr_memos acts = { NULL, 0 }, ags = { ag_memo, 255 };
	int rc = JP_ERROR;

	ix->k = jp_calloc(h->nreports + 1, sizeof(*ix->k));
	ix->v = jp_calloc(h->nreviews + 1, sizeof(*ix->v));
	if (!ix->k || !ix->v)
		goto done;
	if (sel) {
		for (size_t i = 0; i < nsel; i++) {
			const struct jp_activity *first = jp_plan_numbered(plan, sel[i]->number);

			if (strmap_add(&ix->numbers, sel[i]->number, str_hash(sel[i]->number),
				       first ? (uint32_t)first->index : UINT32_MAX) < 0)
				goto done;
		}
	} else {
		/* the first row of a number keeps the key */
		for (size_t i = 0; i < plan->nactivities; i++) {
			const char *num = plan->activities[i].number;

			if (strmap_add(&ix->numbers, num, str_hash(num), (uint32_t)i) < 0)
				goto done;
		}
	}
	for (acts.mask = 63; acts.mask < 2 * (uint64_t)plan->nactivities; acts.mask = acts.mask * 2 + 1)
		;
	if (!(acts.m = jp_calloc(acts.mask + 1, sizeof(*acts.m))))
		goto done;
	for (size_t i = 0; i < h->nreports; i++) {
		const struct jp_report *r = &h->reports[i];
		struct ptr_memo *ma = ptr_memo_slot(&acts, r->activity);
		struct ptr_memo *mg = ptr_memo_slot(&ags, r->agency);
		struct rkey *k = &ix->k[ix->n];

		if (ma->p != r->activity) {
			const struct strmap_slot *sl = strmap_get(&ix->numbers, r->activity,
								  str_hash(r->activity));

			*ma = (struct ptr_memo){ r->activity, sl ? sl->v : UINT32_MAX, sl != NULL };
		}
		if (!ma->found && sel)
			continue;
		*k = (struct rkey){ ma->v, pack(r->due), pack(r->made), 0, r->id, r };
		if (mg->p != r->agency) {
			if (agency_id(&ix->ag, r->agency, &k->agency) < 0)
				goto done;
			*mg = (struct ptr_memo){ r->agency, k->agency, true };
		}
		k->agency = mg->v;
		ix->n++;
	}
	if (sort_reports(ix, plan->nactivities) < 0)
		goto done;
	if (sel) {
		/* only the reviews of the reports indexed */
		if (!(ids = jp_calloc(ix->n + 1, sizeof(*ids))))
			goto done;
		for (size_t i = 0; i < ix->n; i++)
			ids[i] = ix->k[i].id;
		qsort(ids, ix->n, sizeof(*ids), id_cmp);
	}
	for (size_t i = 0; i < h->nreviews; i++)
		if (!sel || (ix->n && bsearch(&h->reviews[i].report, ids, ix->n, sizeof(*ids), id_cmp)))
			ix->v[ix->nv++] = &h->reviews[i];
	qsort(ix->v, ix->nv, sizeof(*ix->v), review_cmp);
	rc = 0;
done:
	jp_free(ids);
	jp_free(acts.m);
	return rc;
}

static void index_release(struct index *ix)
{
	jp_free(ix->k);
	jp_free(ix->v);
	jp_free(ix->numbers.slot);
	agencies_release(&ix->ag);
}

/* The first report for (activity key, due) in the index; *n gets how many. */
static const struct rkey *reports_for(const struct index *ix, uint32_t act,
				      struct jp_date due, size_t *n)
{
	uint32_t d = pack(due);
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
	return ix->k + start;
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

/*
 * An activity as the rules read it: its key in the index and its executors'
 * agency ids, worked out once per activity instead of per due date.
 */
struct row {
	const struct jp_activity *a;
	uint32_t key;
	uint32_t lead;            /* the lead's agency id, or NO_AGENCY */
	uint32_t *ex;             /* agency id of each executor */
	bool *first;              /* first mention of its agency in the row */
	size_t n, cap;
};

static int row_load(struct row *w, struct index *ix, const struct jp_activity *a)
{
	const struct jp_executor *lead = jp_activity_lead(a);

	w->a = a;
	w->key = act_key(ix, a);
	w->lead = NO_AGENCY;
	w->n = a->executors.n;
	if (w->n > w->cap) {
		uint32_t *ex = jp_reallocarray(w->ex, w->n, sizeof(*ex));
		bool *first;

		if (!ex)
			return JP_ERROR;
		w->ex = ex;
		first = jp_reallocarray(w->first, w->n, sizeof(*first));
		if (!first)
			return JP_ERROR;
		w->first = first;
		w->cap = w->n;
	}
	for (size_t x = 0; x < w->n; x++) {
		const struct jp_executor *e = &a->executors.items[x];

		if (agency_id(&ix->ag, e->agency, &w->ex[x]) < 0)
			return JP_ERROR;
		w->first[x] = true;
		for (size_t k = 0; k < x && w->first[x]; k++)
			w->first[x] = w->ex[k] != w->ex[x];
		if (e == lead)
			w->lead = w->ex[x];
	}
	return 0;
}

static void row_release(struct row *w)
{
	jp_free(w->ex);
	jp_free(w->first);
}

static bool row_has_agency(const struct row *w, uint32_t agency)
{
	for (size_t x = 0; x < w->n; x++)
		if (w->ex[x] == agency)
			return true;
	return false;
}

static bool is_counting(const struct row *w, uint32_t agency)
{
	if (w->lead != NO_AGENCY)
		return w->lead == agency;
	return row_has_agency(w, agency);
}

struct judged {
	const struct rkey *report;
	const struct jp_review *review;
	bool returned_before;
};

/* Applies the report rules to one due date; reports made after `e` ignored. */
static void judge(const struct index *ix, const struct row *w, const struct rkey *rs,
		  size_t n, struct jp_date e, struct judged *j)
{
	uint32_t pe = pack(e);

	memset(j, 0, sizeof(*j));
	for (size_t i = 0; i < n; i++) {
		const struct rkey *r = &rs[i];
		const struct jp_review *v;

		if (r->made > pe || !is_counting(w, r->agency))
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
	switch (j->report->r->status) {
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

/*
 * Sorts occ[0..n) by due date, then activity.  They come in plan order, so
 * a stable sort by due date alone does it: LSD radix on the packed date.
 * 0 or JP_ERROR.
 */
static int sort_occurrences(struct jp_occurrence *occ, size_t n)
{
	enum { BITS = 11, SPAN = 1 << BITS };
	struct jp_occurrence *tmp, *from = occ, *to;
	uint32_t max = 0;

	if (n < 2)
		return 0;
	if (!(tmp = jp_calloc(n, sizeof(*tmp))))
		return JP_ERROR;
	to = tmp;
	for (size_t i = 0; i < n; i++)
		max = pack(occ[i].due) > max ? pack(occ[i].due) : max;
	for (unsigned shift = 0; shift < 32 && max >> shift; shift += BITS) {
		size_t at[SPAN + 1] = { 0 };
		struct jp_occurrence *t;

		for (size_t i = 0; i < n; i++)
			at[((pack(from[i].due) >> shift) & (SPAN - 1)) + 1]++;
		for (size_t b = 1; b <= SPAN; b++)
			at[b] += at[b - 1];
		for (size_t i = 0; i < n; i++)
			to[at[(pack(from[i].due) >> shift) & (SPAN - 1)]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
	if (from != occ)
		memcpy(occ, from, n * sizeof(*occ));
	jp_free(tmp);
	return 0;
}

/* Per-agency figures, found by agency id. */
struct slots {
	size_t *of;               /* agency id -> index in s->agencies, or SIZE_MAX */
	size_t nof;               /* ids of[] covers */
	size_t cap;               /* of s->agencies */
};

static struct jp_agency_status *agency_slot(struct jp_status *s, struct slots *t,
					    const struct index *ix, uint32_t id,
					    const char *name)
{
	if (id >= t->nof) {
		/* ids are given as rows are read: cover every id given so far */
		size_t *of = jp_reallocarray(t->of, (size_t)ix->ag.n + 1, sizeof(*of));

		if (!of)
			return NULL;
		for (size_t i = t->nof; i <= ix->ag.n; i++)
			of[i] = SIZE_MAX;
		t->of = of;
		t->nof = (size_t)ix->ag.n + 1;
	}
	if (t->of[id] != SIZE_MAX)
		return &s->agencies[t->of[id]];
	s->agencies = jp_arena_grow(&s->arena, s->agencies, s->nagencies, &t->cap,
				    sizeof(*s->agencies));
	if (!s->agencies)
		return NULL;
	memset(&s->agencies[s->nagencies], 0, sizeof(s->agencies[0]));
	s->agencies[s->nagencies].agency = name;
	t->of[id] = s->nagencies;
	return &s->agencies[s->nagencies++];
}

static int agency_cmp(const void *x, const void *y)
{
	const struct jp_agency_status *a = x, *b = y;

	return strcmp(a->agency, b->agency);
}

static bool agency_reported(const struct rkey *rs, size_t n, struct jp_date e,
			    uint32_t agency)
{
	uint32_t pe = pack(e);

	for (size_t i = 0; i < n; i++)
		if (rs[i].made <= pe && rs[i].agency == agency)
			return true;
	return false;
}

/* Other executors' latest reports on the due date. */
static int contributions(struct jp_status *s, const struct row *w, const struct rkey *rs,
			 size_t n, const struct rkey *counted, struct jp_occurrence *o,
			 struct jp_date e)
{
	uint32_t pe = pack(e);

	for (size_t i = 0; i < n; i++) {
		const struct rkey *r = &rs[i];
		bool later = false;

		if (r == counted || r->made > pe || (counted && r->agency == counted->agency))
			continue;
		if (!counted && is_counting(w, r->agency))
			continue;
		for (size_t k = i + 1; k < n && !later; k++)
			later = rs[k].made <= pe && rs[k].agency == r->agency;
		if (later)
			continue;
		if (!o->contrib) {
			o->contrib = jp_arena_array(&s->arena, n, sizeof(*o->contrib));
			if (!o->contrib)
				return JP_ERROR;
		}
		o->contrib[o->ncontrib++] = r->r;
	}
	return 0;
}

static int act_index_cmp(const void *x, const void *y)
{
	const struct jp_activity *a = *(const struct jp_activity *const *)x;
	const struct jp_activity *b = *(const struct jp_activity *const *)y;

	return a->index < b->index ? -1 : a->index > b->index;
}

/*
 * The engine: judges the activities `sel` (nsel of them, in plan order, no
 * repeats; every activity of the plan when sel is NULL) of `plan`.
 */
static int compute(const struct jp_plan *plan, const struct jp_history *history,
		   struct jp_date as_of, const char *agency,
		   const struct jp_activity *const *sel, size_t nsel,
		   struct jp_status *out)
{
	struct jp_status s;
	struct index ix = { 0 };
	struct row w = { 0 };
	struct slots slots = { 0 };
	struct strmap dirs = { 0 };
	struct jp_date e = as_of, horizon;
	size_t total = 0, k = 0, nact = sel ? nsel : plan->nactivities;
	uint32_t want = NO_AGENCY;
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
	if (index_build(&ix, plan, history, sel, nsel) < 0)
		goto done;
	if (agency && agency_id(&ix.ag, agency, &want) < 0)
		goto done;
	for (size_t i = 0; i < nact; i++)
		total += (sel ? sel[i] : &plan->activities[i])->deadline.ndue;
	s.occ = jp_arena_array(&s.arena, total + 1, sizeof(*s.occ));
	s.directions = jp_arena_array(&s.arena, plan->ndirections + 1, sizeof(*s.directions));
	if (!s.occ || !s.directions)
		goto done;
	s.ndirections = plan->ndirections;
	for (size_t i = 0; i < plan->ndirections; i++)
		s.directions[i].code = plan->directions[i].code;
	/* a code given twice: the last direction with it counts */
	for (size_t i = plan->ndirections; i-- > 0;)
		if (strmap_add(&dirs, plan->directions[i].code, str_hash(plan->directions[i].code),
			       (uint32_t)i) < 0)
			goto done;
	for (size_t i = 0; i < nact; i++) {
		const struct jp_activity *a = sel ? sel[i] : &plan->activities[i];
		const struct strmap_slot *dsl;
		struct jp_direction_status *ds = NULL;

		if (row_load(&w, &ix, a) < 0)
			goto done;
		if (agency && !row_has_agency(&w, want))
			continue;
		if ((dsl = strmap_get(&dirs, a->direction, str_hash(a->direction))))
			ds = &s.directions[dsl->v];
		for (size_t j = 0; j < a->deadline.ndue; j++) {
			struct jp_occurrence *o = &s.occ[k++];
			const struct rkey *rs;
			struct judged jd;
			size_t nrs;
			bool passed;

			o->act = a;
			o->due = a->deadline.due[j].date;
			o->label = a->deadline.due[j].label;
			rs = reports_for(&ix, w.key, o->due, &nrs);
			judge(&ix, &w, rs, nrs, e, &jd);
			o->report = jd.report ? jd.report->r : NULL;
			o->review = jd.review;
			o->state = state_of(&jd);
			if (jp_activity_due_void(plan, a, o->due, e))
				o->state = JP_OCC_VOID;
			if (contributions(&s, &w, rs, nrs, jd.report, o, e) < 0)
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
			for (size_t x = 0; x < w.n; x++) {
				struct jp_agency_status *as;

				if (!w.first[x] || (agency && w.ex[x] != want))
					continue;
				as = agency_slot(&s, &slots, &ix, w.ex[x], a->executors.items[x].agency);
				if (!as)
					goto done;
				as->due++;
				as->reported += agency_reported(rs, nrs, e, w.ex[x]);
				if (w.lead == w.ex[x]) {
					as->lead_due++;
					as->overdue += o->overdue;
				}
			}
		}
	}
	s.nocc = k;
	if (sort_occurrences(s.occ, s.nocc) < 0)
		goto done;
	if (s.nagencies)
		qsort(s.agencies, s.nagencies, sizeof(*s.agencies), agency_cmp);
	*out = s;
	memset(&s, 0, sizeof(s));
	rc = 0;
done:
	jp_free(dirs.slot);
	jp_free(slots.of);
	row_release(&w);
	index_release(&ix);
	jp_status_release(&s);
	return rc;
}

int jp_status_compute(const struct jp_plan *plan, const struct jp_history *history,
		      struct jp_date as_of, const char *agency,
		      struct jp_status *out)
{
	return compute(plan, history, as_of, agency, NULL, 0, out);
}

int jp_status_compute_some(const struct jp_plan *plan, const struct jp_history *history,
			   struct jp_date as_of, const struct jp_activity *const *acts,
			   size_t nacts, struct jp_status *out)
{
	const struct jp_activity **sel = jp_calloc(nacts + 1, sizeof(*sel));
	size_t n = 0;
	int rc;

	if (!sel)
		return JP_ERROR;
	if (nacts)
		memcpy(sel, acts, nacts * sizeof(*sel));
	qsort(sel, nacts, sizeof(*sel), act_index_cmp);
	for (size_t i = 0; i < nacts; i++)
		if (!n || sel[n - 1] != sel[i])
			sel[n++] = sel[i];
	rc = compute(plan, history, as_of, NULL, sel, n, out);
	jp_free(sel);
	return rc;
}

void jp_status_release(struct jp_status *s)
{
	if (!s)
		return;
	jp_arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}
