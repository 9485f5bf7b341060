/*
 * simulate.c - synthetic histories (see simulate.h).  Integer arithmetic
 * only: amounts are scaled by whole percentages.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "indicator.h"
#include "simulate.h"

/* splitmix64: small, fast, and the same on every machine */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A whole number in [lo, hi]. */
static long pick(uint64_t *s, long lo, long hi)
{
	return lo + (long)(next(s) % (uint64_t)(hi - lo + 1));
}

struct sim {
	struct jp_history *h;
	size_t rcap, vcap, acap;
	uint64_t rng;
	bool oom;
};

static struct jp_report *new_report(struct sim *sm)
{
	struct jp_history *h = sm->h;

	h->reports = jp_arena_grow(&h->arena, h->reports, h->nreports, &sm->rcap,
				   sizeof(*h->reports));
	if (!h->reports) {
		sm->oom = true;
		return NULL;
	}
	memset(&h->reports[h->nreports], 0, sizeof(h->reports[0]));
	h->reports[h->nreports].id = (int64_t)h->nreports + 1;
	h->reports[h->nreports].synthetic = true;
	h->reports[h->nreports].by = "simulate";
	return &h->reports[h->nreports++];
}

static struct jp_review *new_review(struct sim *sm)
{
	struct jp_history *h = sm->h;

	h->reviews = jp_arena_grow(&h->arena, h->reviews, h->nreviews, &sm->vcap,
				   sizeof(*h->reviews));
	if (!h->reviews) {
		sm->oom = true;
		return NULL;
	}
	memset(&h->reviews[h->nreviews], 0, sizeof(h->reviews[0]));
	h->reviews[h->nreviews].synthetic = true;
	h->reviews[h->nreviews].by = "simulate";
	return &h->reviews[h->nreviews++];
}

static const char *fmt(struct sim *sm, const char *f, ...) JP_PRINTF(2, 3);

static const char *fmt(struct sim *sm, const char *f, ...)
{
	char buf[256];
	va_list ap;
	const char *s;

	va_start(ap, f);
	vsnprintf(buf, sizeof(buf), f, ap);
	va_end(ap);
	s = jp_arena_strdup(&sm->h->arena, buf);
	if (!s)
		sm->oom = true;
	return s;
}

static struct jp_date clamp(struct jp_date d, struct jp_date lo, struct jp_date hi)
{
	if (jp_date_cmp(d, lo) < 0)
		return lo;
	if (jp_date_cmp(d, hi) > 0)
		return hi;
	return d;
}

static void report_on(struct sim *sm, const struct jp_plan *p, const struct jp_activity *a,
		      struct jp_date due, struct jp_date end, const char *agency, bool lead)
{
	static const char *const texts[] = {
		"Орындалды", "Іс-шара толық көлемде орындалды", "Жұмыс жалғасуда",
		"Ішінара орындалды", "Орындалмады: қаржыландыру кешіктірілді",
	};
	long roll = pick(&sm->rng, 1, 100);
	struct jp_report *r;
	struct jp_review *v;
	enum jp_report_status st;
	struct jp_date made;
	jp_money planned;

	if (roll > 90)
		return; /* no report at all */
	st = roll <= 62 ? JP_REPORT_DONE : roll <= 76 ? JP_REPORT_PARTLY :
	     roll <= 86 ? JP_REPORT_IN_PROGRESS : JP_REPORT_NOT_DONE;
	made = clamp(jp_date_add_days(due, pick(&sm->rng, -25, 45)), p->approved, end);
	r = new_report(sm);
	if (!r)
		return;
	r->activity = a->number;
	r->due = due;
	r->agency = agency;
	r->status = st;
	r->made = made;
	r->text = texts[st == JP_REPORT_DONE ? pick(&sm->rng, 0, 1) : st == JP_REPORT_IN_PROGRESS ? 2 :
			st == JP_REPORT_PARTLY ? 3 : 4];
	if (st == JP_REPORT_DONE || st == JP_REPORT_PARTLY)
		r->evidence = fmt(sm, "%s № %ld, %04d-%02d-%02d",
				  a->completion_form ? a->completion_form : "құжат",
				  pick(&sm->rng, 10, 999), made.y, made.m, made.d);
	if (lead && jp_budget_year(p, &a->budget, due.y, &planned) && planned > 0) {
		long pct = st == JP_REPORT_DONE ? pick(&sm->rng, 85, 102) : pick(&sm->rng, 20, 80);

		r->has_spent = true;
		r->spent = planned / 100 * pct + planned % 100 * pct / 100;
	}
	if (!lead || st != JP_REPORT_DONE)
		return;
	/* the coordinator reviews most done reports within a month */
	roll = pick(&sm->rng, 1, 100);
	if (roll > 90)
		return;
	v = new_review(sm);
	if (!v)
		return;
	v->report = r->id;
	v->date = jp_date_add_days(made, pick(&sm->rng, 3, 30));
	if (jp_date_cmp(v->date, end) > 0) {
		sm->h->nreviews--; /* not reviewed yet */
		return;
	}
	v->action = roll <= 80 ? JP_REVIEW_ACCEPT : JP_REVIEW_RETURN;
	if (v->action == JP_REVIEW_ACCEPT)
		return;
	v->reason = "Дәлелдеме жеткіліксіз: аяқтау нысаны бойынша құжат қоса берілмеген";
	/* filed again with the document, and accepted */
	made = jp_date_add_days(v->date, pick(&sm->rng, 5, 40));
	if (jp_date_cmp(made, end) > 0)
		return;
	r = new_report(sm);
	if (!r)
		return;
	r->activity = a->number;
	r->due = due;
	r->agency = agency;
	r->status = JP_REPORT_DONE;
	r->made = made;
	r->text = "Толықтырылған есеп";
	r->evidence = fmt(sm, "%s № %ld", a->completion_form ? a->completion_form : "құжат",
			  pick(&sm->rng, 10, 999));
	v = new_review(sm);
	if (!v)
		return;
	v->report = r->id;
	v->date = jp_date_add_days(made, pick(&sm->rng, 3, 20));
	v->action = JP_REVIEW_ACCEPT;
	if (jp_date_cmp(v->date, end) > 0)
		sm->h->nreviews--;
}

static void actuals(struct sim *sm, const struct jp_plan *p, struct jp_date end)
{
	struct jp_ind_ref *refs = NULL;
	size_t n;

	if (jp_indicators_list(p, &refs, &n) < 0) {
		sm->oom = true;
		return;
	}
	for (size_t i = 0; i < n && !sm->oom; i++) {
		for (size_t k = 0; k < refs[i].ind->ntargets; k++) {
			const struct jp_target *t = &refs[i].ind->targets[k];
			struct jp_history *h = sm->h;
			struct jp_actual *a;
			char buf[JP_MONEY_BUFSZ];
			jp_money v;
			long pct;

			/* a year's figure is known in February of the next year */
			if (jp_date_cmp((struct jp_date){ t->year + 1, 2, 15 }, end) > 0 ||
			    jp_money_parse(&v, t->value, NULL) < 0)
				continue;
			h->actuals = jp_arena_grow(&h->arena, h->actuals, h->nactuals,
						   &sm->acap, sizeof(*h->actuals));
			if (!h->actuals) {
				sm->oom = true;
				break;
			}
			pct = pick(&sm->rng, 80, 115);
			v = v / 1000 * pct / 100 * 1000;   /* whole thousandths */
			a = &h->actuals[h->nactuals++];
			memset(a, 0, sizeof(*a));
			a->indicator = jp_arena_strdup(&h->arena, refs[i].id);
			a->year = t->year;
			a->target = (int)k;
			a->value = jp_arena_strdup(&h->arena, jp_money_format(v, buf));
			a->source = "simulate";
			a->date = (struct jp_date){ t->year + 1, 2, 15 };
			a->by = "simulate";
			a->synthetic = true;
			if (!a->indicator || !a->value)
				sm->oom = true;
		}
	}
	jp_free(refs);
}

int jp_simulate(const struct jp_plan *plan, uint64_t seed, struct jp_date as_of,
		struct jp_history *out)
{
	struct jp_history h = JP_HISTORY_INIT;
	struct sim sm = { &h, 0, 0, 0, seed ^ 0x6a6f73706172ULL, false };
	struct jp_date end = as_of;

	if (plan->repealed && jp_date_cmp(plan->repeal.date, end) < 0)
		end = plan->repeal.date;
	for (size_t i = 0; i < plan->nactivities && !sm.oom; i++) {
		const struct jp_activity *a = &plan->activities[i];
		const struct jp_executor *lead = jp_activity_lead(a);

		for (size_t j = 0; j < a->deadline.ndue && !sm.oom; j++) {
			struct jp_date due = a->deadline.due[j].date;

			/* reports come in up to a month before the due date */
			if (jp_date_cmp(jp_date_add_days(due, -30), end) > 0)
				continue;
			report_on(&sm, plan, a, due, end,
				  lead ? lead->agency : a->executors.items[0].agency, true);
			for (size_t x = 0; x < a->executors.n && !sm.oom; x++) {
				const struct jp_executor *e = &a->executors.items[x];

				/* an agency reports once, however often the row names it */
				if (e != lead && (lead || x > 0) && jp_activity_first_mention(a, x) &&
				    !jp_activity_is_lead(a, e->agency) && pick(&sm.rng, 1, 100) <= 35)
					report_on(&sm, plan, a, due, end, e->agency, false);
			}
		}
	}
	if (!sm.oom)
		actuals(&sm, plan, end);
	if (sm.oom) {
		jp_history_release(&h);
		return JP_ERROR;
	}
	*out = h;
	return 0;
}
