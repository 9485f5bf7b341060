/*
 * test_budget.c - roll-ups of planned money.
 */
#include "test.h"
#include "budget.h"
#include "history.h"
#include "text.h"
#include "fixture.h"

static const struct jp_rollup_row *row(const struct jp_rollup *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->rows[i].key, key))
			return &r->rows[i];
	fail_msg("no row '%s'", key);
	return NULL;
}

static void test_budget__groups(void **state)
{
	struct jp_plan *p = fixture_load(fixture_small);
	struct jp_rollup r;
	(void)state;
	assert_int_equal(jp_budget_group_parse("lead"), JP_GROUP_LEAD);
	assert_int_equal(jp_budget_group_parse("colour"), -1);

	assert_int_equal(jp_budget_rollup(p, JP_GROUP_DIRECTION, &r), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(row(&r, "1.1")->total, 10500000);
	assert_int_equal(row(&r, "1.2")->total, 1000000);
	assert_int_equal(row(&r, "1.2")->nactivities, 1); /* Gamma shows no money */
	assert_int_equal(r.all.total, 11500000);
	assert_int_equal(r.all.year[0], 5000000);
	assert_int_equal(r.all.year[1], 6400000);
	assert_int_equal(r.all.year[2], 0);
	jp_rollup_release(&r);

	assert_int_equal(jp_budget_rollup(p, JP_GROUP_LEAD, &r), 0);
	assert_int_equal(row(&r, "ІІМ")->total, 10500000);
	/* three executors, none marked lead */
	assert_int_equal(row(&r, JP_ROLLUP_NOT_STATED)->total, 1000000);
	jp_rollup_release(&r);

	assert_int_equal(jp_budget_rollup(p, JP_GROUP_SOURCE, &r), 0);
	assert_int_equal(row(&r, "РБ 001")->total, 10500000);
	assert_int_equal(row(&r, JP_ROLLUP_NOT_STATED)->total, 1000000);
	jp_rollup_release(&r);
	jp_plan_free(p);
}

static void test_budget__plan_292(void **state)
{
	struct jp_plan *p = fixture_embedded();
	struct jp_rollup r;
	jp_money sum = 0;
	(void)state;
	assert_int_equal(jp_budget_rollup(p, JP_GROUP_DIRECTION, &r), 0);
	assert_int_equal(r.n, 8);
	for (size_t i = 0; i < r.n; i++)
		sum += r.rows[i].total;
	assert_int_equal(sum, r.all.total);
	assert_int_equal(r.all.total, 15913445000LL);
	/* years 2014-2018 equal the grand total row as printed */
	for (int y = 0; y < 5; y++)
		assert_int_equal(r.all.year[y], p->grand_total.year[y]);
	assert_int_equal(row(&r, "2.2")->total, 9686100000LL);
	jp_rollup_release(&r);
	jp_plan_free(p);
}

/*
 * The definition of money spent, written the slow way: a report counts
 * unless another report on the same activity, due date and (case-folded)
 * agency, made by the date, is later (made, then id).  O(n^2), for
 * comparing only.
 */
struct ref_row {
	char key[64];
	jp_money total, year[JP_MAX_YEARS];
	size_t nactivities;
};

static size_t ref_spent(const struct jp_plan *plan, const struct jp_history *h,
			struct jp_date as_of, enum jp_budget_group group,
			struct ref_row *rows, size_t cap, struct ref_row *all)
{
	size_t n = 0;

	memset(all, 0, sizeof(*all));
	/* a report made after the repeal counts no money (docs/monitoring.md) */
	if (plan->repealed && jp_date_cmp(as_of, plan->repeal.date) > 0)
		as_of = plan->repeal.date;
	for (size_t i = 0; i < h->nreports; i++) {
		const struct jp_report *rep = &h->reports[i];
		const struct jp_activity *a;
		const struct jp_executor *lead;
		const char *key;
		char buf[64];
		bool later = false;
		size_t k;
		int y;

		if (!rep->has_spent || jp_date_cmp(rep->made, as_of) > 0)
			continue;
		for (size_t j = 0; j < h->nreports && !later; j++) {
			const struct jp_report *o = &h->reports[j];

			later = o != rep && o->has_spent && !strcmp(o->activity, rep->activity) &&
				!jp_date_cmp(o->due, rep->due) && jp_text_eq_fold(o->agency, rep->agency) &&
				jp_date_cmp(o->made, as_of) <= 0 &&
				(jp_date_cmp(o->made, rep->made) > 0 ||
				 (!jp_date_cmp(o->made, rep->made) && o->id > rep->id));
		}
		a = jp_plan_find_activity(plan, rep->activity);
		if (later || !a)
			continue;
		switch (group) {
		case JP_GROUP_YEAR:
			key = "plan";
			break;
		case JP_GROUP_DIRECTION:
			key = a->direction;
			break;
		case JP_GROUP_LEAD:
			key = rep->agency;
			break;
		case JP_GROUP_ACTIVITY:
			key = a->number;
			break;
		default:
			snprintf(buf, sizeof(buf), "%s%s%s", a->budget.source ? a->budget.source : "",
				 a->budget.source && a->budget.program ? " " : "",
				 a->budget.program ? a->budget.program : "");
			key = a->budget.source || a->budget.program ? buf : JP_ROLLUP_NOT_STATED;
			(void)lead;
			break;
		}
		for (k = 0; k < n; k++)
			if (jp_text_eq_fold(rows[k].key, key))
				break;
		if (k == n) {
			assert_true(n < cap);
			memset(&rows[n], 0, sizeof(rows[n]));
			snprintf(rows[n++].key, sizeof(rows[0].key), "%s", key);
		}
		y = rep->due.y - plan->period_from;
		if (y >= 0 && y <= plan->period_to - plan->period_from) {
			rows[k].year[y] += rep->spent;
			all->year[y] += rep->spent;
		}
		rows[k].total += rep->spent;
		rows[k].nactivities++;
		all->total += rep->spent;
		all->nactivities++;
	}
	return n;
}

static uint64_t rnd_state;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rnd_state >> 33) % n);
}

/* A random history on the plan: repeated occurrences, agencies in other
 * cases, equal made dates, out-of-order ids, unknown activities. */
static void make_history(const struct jp_plan *p, struct jp_history *h, size_t n)
{
	static const char *const spell_small[] = { "ІІМ", "іім", "БП", "бп", "ХХХ" };
	size_t cap = 0;

	memset(h, 0, sizeof(*h));
	for (size_t i = 0; i < n; i++) {
		const struct jp_activity *a = &p->activities[rnd((unsigned)p->nactivities)];
		struct jp_report *r;

		h->reports = jp_arena_grow(&h->arena, h->reports, h->nreports, &cap, sizeof(*r));
		assert_non_null(h->reports);
		r = &h->reports[h->nreports++];
		memset(r, 0, sizeof(*r));
		r->id = (int64_t)(rnd(4) ? i + 1 : n - i);   /* ids out of order at times */
		if (rnd(3) == 0)
			r->id = (int64_t)rnd(8) + 1;        /* and repeated */
		r->activity = rnd(40) ? a->number : "no-such-row";
		r->due = a->deadline.ndue ? a->deadline.due[rnd((unsigned)a->deadline.ndue)].date
					  : p->approved;
		if (p->nactivities < 10)
			r->agency = spell_small[rnd(JP_ARRAY_LEN(spell_small))];
		else
			r->agency = a->executors.n ? a->executors.items[rnd((unsigned)a->executors.n)].agency
						   : "ІІМ";
		r->has_spent = rnd(5) != 0;
		r->spent = (jp_money)rnd(5000) * 100000;
		r->made = r->due;
		r->made.d = (int)(1 + rnd(3));           /* equal made dates happen */
		r->made.m = (int)(1 + rnd(12));
	}
}

static void check_same(const struct jp_plan *p, const struct jp_history *h,
		       struct jp_date as_of)
{
	static struct ref_row rows[4096];
	struct ref_row all;

	for (int g = JP_GROUP_YEAR; g <= JP_GROUP_ACTIVITY; g++) {
		struct jp_rollup r;
		size_t n = ref_spent(p, h, as_of, (enum jp_budget_group)g, rows,
				     JP_ARRAY_LEN(rows), &all);

		assert_int_equal(jp_budget_spent(p, h, as_of, (enum jp_budget_group)g, &r), 0);
		assert_int_equal(r.all.total, all.total);
		assert_int_equal(r.all.nactivities, all.nactivities);
		for (int y = 0; y < r.nyears; y++)
			assert_int_equal(r.all.year[y], all.year[y]);
		/* every row the slow way has, with the same sums */
		for (size_t k = 0; k < n; k++) {
			const struct jp_rollup_row *got = NULL;

			for (size_t i = 0; i < r.n && !got; i++)
				if (jp_text_eq_fold(r.rows[i].key, rows[k].key))
					got = &r.rows[i];
			if (!got)
				fail_msg("group %d: no row '%s'", g, rows[k].key);
			assert_int_equal(got->total, rows[k].total);
			assert_int_equal(got->nactivities, rows[k].nactivities);
			for (int y = 0; y < r.nyears; y++)
				assert_int_equal(got->year[y], rows[k].year[y]);
		}
		/* and the rest are planned keys with nothing spent */
		for (size_t i = 0; i < r.n; i++) {
			bool found = false;

			for (size_t k = 0; k < n && !found; k++)
				found = jp_text_eq_fold(r.rows[i].key, rows[k].key);
			if (!found)
				assert_int_equal(r.rows[i].total, 0);
		}
		jp_rollup_release(&r);
	}
}

/* The one-pass roll-up gives what the pairwise definition gives. */
static void test_budget__spent_as_pairwise(void **state)
{
	struct jp_plan *plans[2] = { fixture_load(fixture_small), fixture_embedded() };
	static const char *const dates[] = { "2014-01-01", "2015-06-30", "2021-03-02", "2030-01-01" };
	(void)state;
	rnd_state = 292;
	for (size_t pi = 0; pi < 2; pi++) {
		for (size_t n = 0; n <= 600; n += pi ? 300 : 150) {
			struct jp_history h;

			make_history(plans[pi], &h, n);
			for (size_t d = 0; d < JP_ARRAY_LEN(dates); d++) {
				struct jp_date as_of;

				assert_int_equal(jp_date_parse(&as_of, dates[d], NULL), 0);
				check_same(plans[pi], &h, as_of);
			}
			jp_history_release(&h);
		}
		jp_plan_free(plans[pi]);
	}
}

/*
 * On a larger simulated history the rows are the pairwise definition's,
 * and the keys only spent has follow the planned ones in the order of
 * their first counted report.
 */
static void test_budget__spent_rows_in_report_order(void **state)
{
	static struct ref_row rows[4096];
	struct jp_plan *p = fixture_embedded();
	struct jp_history h;
	struct ref_row all;
	struct jp_date as_of = { 2016, 12, 31 };
	(void)state;
	rnd_state = 66;
	make_history(p, &h, 3000);
	/* agencies the plan does not name, in two spellings, on real rows */
	for (size_t i = 0; i < h.nreports; i += 7)
		h.reports[i].agency = i % 2 ? "Жаңа агенттік" : "ЖАҢА АГЕНТТІК";
	for (size_t i = 3; i < h.nreports; i += 11)
		h.reports[i].agency = "Басқа";
	check_same(p, &h, as_of);
	for (int g = JP_GROUP_YEAR; g <= JP_GROUP_ACTIVITY; g++) {
		struct jp_rollup planned, r;
		size_t n = ref_spent(p, &h, as_of, (enum jp_budget_group)g, rows,
				     JP_ARRAY_LEN(rows), &all), next;

		assert_int_equal(jp_budget_rollup(p, (enum jp_budget_group)g, &planned), 0);
		assert_int_equal(jp_budget_spent(p, &h, as_of, (enum jp_budget_group)g, &r), 0);
		assert_true(r.n >= planned.n);
		for (size_t i = 0; i < planned.n; i++)
			assert_string_equal(r.rows[i].key, planned.rows[i].key);
		next = planned.n;
		for (size_t k = 0; k < n; k++) {
			bool is_planned = false;

			for (size_t i = 0; i < planned.n && !is_planned; i++)
				is_planned = jp_text_eq_fold(planned.rows[i].key, rows[k].key);
			if (is_planned)
				continue;
			assert_true(next < r.n);
			/* the key as first reported */
			assert_string_equal(r.rows[next].key, rows[k].key);
			next++;
		}
		assert_int_equal(next, r.n);
		if (g == JP_GROUP_LEAD)
			assert_true(r.n > planned.n);
		jp_rollup_release(&planned);
		jp_rollup_release(&r);
	}
	jp_history_release(&h);
	jp_plan_free(p);
}

/* The latest report of an occurrence counts, whatever the case of its agency. */
static void test_budget__spent_latest_wins(void **state)
{
	struct jp_plan *p = fixture_load(fixture_small);
	struct jp_report reps[4];
	struct jp_history h;
	struct jp_rollup r;
	struct jp_date due, as_of;
	(void)state;
	memset(&h, 0, sizeof(h));
	memset(reps, 0, sizeof(reps));
	assert_int_equal(jp_date_parse(&due, "2021-02-01", NULL), 0);
	for (int i = 0; i < 4; i++) {
		reps[i].id = i + 1;
		reps[i].activity = "1";
		reps[i].due = due;
		reps[i].agency = i == 2 ? "іім" : "ІІМ";
		reps[i].has_spent = true;
		reps[i].spent = (jp_money)(i + 1) * 1000000;
		assert_int_equal(jp_date_parse(&reps[i].made, i == 3 ? "2021-05-01" : "2021-02-01", NULL), 0);
	}
	h.reports = reps;
	h.nreports = 4;
	/* the made dates tie for 1-3: the highest id (3, "іім") wins */
	assert_int_equal(jp_date_parse(&as_of, "2021-04-30", NULL), 0);
	assert_int_equal(jp_budget_spent(p, &h, as_of, JP_GROUP_ACTIVITY, &r), 0);
	assert_int_equal(r.all.total, 3000000);
	assert_int_equal(row(&r, "1")->total, 3000000);
	assert_int_equal(row(&r, "1")->year[1], 3000000);
	jp_rollup_release(&r);
	/* a later report replaces it */
	assert_int_equal(jp_date_parse(&as_of, "2021-05-01", NULL), 0);
	assert_int_equal(jp_budget_spent(p, &h, as_of, JP_GROUP_LEAD, &r), 0);
	assert_int_equal(r.all.total, 4000000);
	assert_int_equal(row(&r, "ІІМ")->total, 4000000);
	jp_rollup_release(&r);
	jp_plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_budget__groups),
		cmocka_unit_test(test_budget__plan_292),
		cmocka_unit_test(test_budget__spent_as_pairwise),
		cmocka_unit_test(test_budget__spent_latest_wins),
		cmocka_unit_test(test_budget__spent_rows_in_report_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
