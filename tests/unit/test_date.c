/*
 * test_date.c - civil dates, quarters, ISO text.
 */
#include "test.h"
#include "date.h"

static void test_date__days_roundtrip(void **state)
{
	struct jp_date d = { 1900, 1, 1 };
	long prev;
	(void)state;
	prev = jp_date_days(d) - 1;
	/* every day from 1900 to 2100 maps to the next day number and back */
	while (d.y < 2100) {
		long n = jp_date_days(d);

		assert_int_equal(n, prev + 1);
		assert_int_equal(jp_date_cmp(jp_date_from_days(n), d), 0);
		prev = n;
		d = jp_date_add_days(d, 1);
		assert_true(jp_date_valid(d));
	}
	assert_int_equal(jp_date_days((struct jp_date){ 1970, 1, 1 }), 0);
}

static void test_date__quarters(void **state)
{
	char b[JP_DATE_BUFSZ];
	(void)state;
	assert_string_equal(jp_date_format(jp_quarter_end(2014, 1), b), "2014-03-31");
	assert_string_equal(jp_date_format(jp_quarter_end(2014, 2), b), "2014-06-30");
	assert_string_equal(jp_date_format(jp_quarter_end(2014, 3), b), "2014-09-30");
	assert_string_equal(jp_date_format(jp_quarter_end(2014, 4), b), "2014-12-31");
	assert_string_equal(jp_date_format(jp_quarter_start(2016, 2), b), "2016-04-01");
}

static void test_date__parse(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_date d = { 0, 0, 0 };
	static const char *const bad[] = {
		"2014-02-30", "2015-02-29", "2014-13-01", "2014-4-1", "20140401",
		"2014-04-01x", "", "abcd-ef-gh", "2014-00-10",
	};
	(void)state;
	jp_assert_ok(jp_date_parse(&d, "2016-02-29", &err), &err);
	assert_int_equal(d.y, 2016);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
	for (size_t i = 0; i < JP_ARRAY_LEN(bad); i++) {
		struct jp_date keep = { 1, 2, 3 };

		jp_assert_fails(jp_date_parse(&keep, bad[i], &err), JP_EINVALID, &err, "invalid date");
		assert_int_equal(keep.y, 1);
	}
}

static void test_date__today_override(void **state)
{
	struct jp_date d;
	(void)state;
	setenv("JOSPAR_TODAY", "2015-12-31", 1);
	d = jp_date_today();
	assert_int_equal(jp_date_cmp(d, (struct jp_date){ 2015, 12, 31 }), 0);
	unsetenv("JOSPAR_TODAY");
	d = jp_date_today();
	assert_true(jp_date_valid(d));
	assert_true(d.y >= 2024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date__days_roundtrip),
		cmocka_unit_test(test_date__quarters),
		cmocka_unit_test(test_date__parse),
		cmocka_unit_test(test_date__today_override),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
