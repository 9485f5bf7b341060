/*
 * test_budget.c - roll-ups of planned money.
 */
#include "test.h"
#include "budget.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_budget__groups),
		cmocka_unit_test(test_budget__plan_292),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
