/*
 * test_money.c - exact amounts: parsing as printed, formatting, overflow.
 */
#include "test.h"
#include "money.h"

static jp_money parse_ok(const char *s)
{
	struct jp_error err = JP_ERROR_INIT;
	jp_money m = -12345;

	jp_assert_ok(jp_money_parse(&m, s, &err), &err);
	return m;
}

static void test_money__printed_forms(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("1 776,9"), 1776900000LL);
	assert_int_equal(parse_ok("15 913,2455"), 15913245500LL);
	assert_int_equal(parse_ok("28,045"), 28045000LL);
	assert_int_equal(parse_ok("7,0"), 7000000LL);
	assert_int_equal(parse_ok("3515"), 3515000000LL);
	assert_int_equal(parse_ok(" 2 280 "), 2280000000LL);
	assert_int_equal(parse_ok("1776.9"), 1776900000LL);
	assert_int_equal(parse_ok("0,000001"), 1);
	assert_int_equal(parse_ok("-0,5"), -500000);
	/* a no-break space groups digits as well */
	assert_int_equal(parse_ok("1\xC2\xA0" "495,6"), 1495600000LL);
}

static void test_money__rejects(void **state)
{
	static const char *const bad[] = {
		"", "-", "abc", "1,2,3", "1.", ",5", "1 ,5", "12 3x", "1,0000001",
		"99999999999999999999", "1 776,9 тг", "1  ", "1 2,3 4",
	};
	(void)state;
	for (size_t i = 0; i < JP_ARRAY_LEN(bad); i++) {
		struct jp_error err = JP_ERROR_INIT;
		jp_money m = 42;
		int rc = jp_money_parse(&m, bad[i], &err);

		/* "1  " is a number followed by spaces: allowed */
		if (!strcmp(bad[i], "1  ")) {
			assert_int_equal(rc, 0);
			continue;
		}
		if (rc != JP_EINVALID)
			fail_msg("'%s' was accepted as %lld", bad[i], (long long)m);
		assert_int_equal(m, 42); /* untouched on failure */
		assert_non_null(strstr(err.msg, "amount"));
	}
}

static void test_money__format_roundtrip(void **state)
{
	static const jp_money values[] = {
		0, 1, 10, 100000, 1000000, 1776900000LL, 15913245500LL, 28045000LL,
		-500000, 3515000000LL, 123456789012345LL,
	};
	char buf[JP_MONEY_BUFSZ];
	(void)state;
	assert_string_equal(jp_money_format(1776900000LL, buf), "1776.9");
	assert_string_equal(jp_money_format(3515000000LL, buf), "3515");
	assert_string_equal(jp_money_format(15913245500LL, buf), "15913.2455");
	assert_string_equal(jp_money_format(-199500, buf), "-0.1995");
	assert_string_equal(jp_money_format(0, buf), "0");
	for (size_t i = 0; i < JP_ARRAY_LEN(values); i++) {
		jp_money_format(values[i], buf);
		assert_int_equal(parse_ok(buf), values[i]);
	}
}

static void test_money__sums_are_exact(void **state)
{
	/* 0.1 added ten times is exactly 1: no binary fractions involved */
	jp_money sum = 0;
	(void)state;
	for (int i = 0; i < 10; i++)
		assert_int_equal(jp_money_add(&sum, parse_ok("0,1")), 0);
	assert_int_equal(sum, parse_ok("1"));
	sum = INT64_MAX - 1;
	assert_int_equal(jp_money_add(&sum, 5), JP_EINVALID);
	assert_int_equal(sum, INT64_MAX - 1);
}

static void test_money__dash(void **state)
{
	(void)state;
	assert_true(jp_money_is_dash("-"));
	assert_true(jp_money_is_dash(" – "));
	assert_true(jp_money_is_dash("—"));
	assert_false(jp_money_is_dash("-1"));
	assert_false(jp_money_is_dash(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money__printed_forms),
		cmocka_unit_test(test_money__rejects),
		cmocka_unit_test(test_money__format_roundtrip),
		cmocka_unit_test(test_money__sums_are_exact),
		cmocka_unit_test(test_money__dash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
