/*
 * test_check.c - findings about a plan's text: each kind on a small plan,
 * and the findings the official text of plan No. 292 really has.
 */
#include "test.h"
#include "check.h"
#include "fixture.h"

static size_t count(const struct jp_findings *f, enum jp_finding_kind k,
		    const char *row, const char *part)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].kind == k &&
		    (!row || (f->items[i].row && !strcmp(f->items[i].row, row))) &&
		    (!part || strstr(f->items[i].message, part)))
			n++;
	return n;
}

static void test_check__each_kind(void **state)
{
	struct jp_plan *p = fixture_load(fixture_small);
	struct jp_findings f = JP_FINDINGS_INIT;
	(void)state;
	assert_int_equal(jp_plan_check(p, &f), 0);
	assert_int_equal(count(&f, JP_FIND_ROW_TOTAL, "1", "total 10.5 differs from the sum of its 2 year amounts 10.4 (by 0.1)"), 1);
	assert_int_equal(count(&f, JP_FIND_ROW_TOTAL, "2", NULL), 0);
	assert_int_equal(count(&f, JP_FIND_GRAND_TOTAL, NULL, "grand total 11 differs from the sum of the row totals 11.5 (by -0.5)"), 1);
	assert_int_equal(count(&f, JP_FIND_GRAND_YEAR, NULL, NULL), 0);
	assert_int_equal(count(&f, JP_FIND_GRAND_SELF, NULL, "11.4"), 1);
	assert_int_equal(count(&f, JP_FIND_DATE_OUTSIDE, "1", "2020-02-01, before the plan's approval on 2020-03-15"), 1);
	assert_int_equal(count(&f, JP_FIND_DATE_OUTSIDE, "2", "2023-12-31, after the plan's period"), 1);
	assert_int_equal(count(&f, JP_FIND_UNKNOWN_AGENCY, "1", "'ХХХ'"), 1);
	assert_int_equal(count(&f, JP_FIND_UNKNOWN_AGENCY, NULL, NULL), 1);
	assert_int_equal(count(&f, JP_FIND_DUP_EXECUTOR, "2", "'БП' is named twice"), 1);
	assert_int_equal(count(&f, JP_FIND_DUP_NUMBER, "2", "rows 2 and 3"), 1);
	assert_int_equal(count(&f, JP_FIND_MANY_LEADS, NULL, NULL), 0);
	for (size_t i = 0; i < f.n; i++)
		assert_string_not_equal(jp_finding_kind_name(f.items[i].kind), "unknown");
	jp_findings_release(&f);
	jp_plan_free(p);
}

static void test_check__plan_292(void **state)
{
	struct jp_plan *p = fixture_embedded();
	struct jp_findings f = JP_FINDINGS_INIT;
	(void)state;
	assert_int_equal(jp_plan_check(p, &f), 0);
	/* rows whose printed total is not the sum of their printed years */
	assert_int_equal(count(&f, JP_FIND_ROW_TOTAL, NULL, NULL), 5);
	assert_int_equal(count(&f, JP_FIND_ROW_TOTAL, "16", "total 171.5 differs from the sum of its 5 year amounts 122.5 (by 49)"), 1);
	assert_int_equal(count(&f, JP_FIND_ROW_TOTAL, "17", "(by 44.4)"), 1);
	assert_int_equal(count(&f, JP_FIND_ROW_TOTAL, "71", "(by 0.1)"), 1);
	assert_int_equal(count(&f, JP_FIND_ROW_TOTAL, "74", "(by 0.1)"), 1);
	assert_int_equal(count(&f, JP_FIND_ROW_TOTAL, "120", "(by 92.8)"), 1);
	/* the grand total 15 913,2455 against the rows' 15 913,445 */
	assert_int_equal(count(&f, JP_FIND_GRAND_TOTAL, NULL, "grand total 15913.2455 differs from the sum of the row totals 15913.445 (by -0.1995)"), 1);
	assert_int_equal(count(&f, JP_FIND_GRAND_SELF, NULL, "(by 156.6005)"), 1);
	/* years 2014-2018 agree; 2019 and 2020 do not */
	assert_int_equal(count(&f, JP_FIND_GRAND_YEAR, NULL, NULL), 2);
	assert_int_equal(count(&f, JP_FIND_GRAND_YEAR, NULL, "for 2019 is 156.6; the rows add up to 109.9"), 1);
	assert_int_equal(count(&f, JP_FIND_GRAND_YEAR, NULL, "no amount for 2020; the rows add up to 17.1"), 1);
	/* "annually, no later than 1 February" from a plan approved on 1 April */
	assert_int_equal(count(&f, JP_FIND_DATE_OUTSIDE, "2", "2014-02-01"), 1);
	assert_int_equal(count(&f, JP_FIND_DATE_OUTSIDE, NULL, NULL), 1);
	/* the glossary lacks several agencies the rows name */
	assert_int_equal(count(&f, JP_FIND_UNKNOWN_AGENCY, "8", "'ЭСЖКА'"), 1);
	assert_int_equal(count(&f, JP_FIND_UNKNOWN_AGENCY, "112", "'Каржымині'"), 1);
	assert_int_equal(count(&f, JP_FIND_UNKNOWN_AGENCY, NULL, "'ІІМ'"), 0);
	assert_int_equal(count(&f, JP_FIND_DUP_EXECUTOR, "12", "'МҚІА'"), 1);
	assert_int_equal(count(&f, JP_FIND_DUP_EXECUTOR, "21", "'ІІМ'"), 1);
	assert_int_equal(count(&f, JP_FIND_DUP_NUMBER, NULL, NULL), 0);
	jp_findings_release(&f);
	jp_plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check__each_kind),
		cmocka_unit_test(test_check__plan_292),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
