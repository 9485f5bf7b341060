/*
 * test_executor.c - executor lists as the plan prints them.
 */
#include "test.h"
#include "executor.h"

struct want {
	const char *agency;
	bool lead, by_agreement;
};

static void check(const char *text, const struct want *w, size_t n)
{
	struct jp_executor_list l = JP_EXECUTOR_LIST_INIT;
	struct jp_error err = JP_ERROR_INIT;

	jp_assert_ok(jp_executors_parse(&l, text, &err), &err);
	if (l.n != n)
		fail_msg("'%s': %zu executors, expected %zu", text, l.n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(l.items[i].agency, w[i].agency);
		if (l.items[i].lead != w[i].lead || l.items[i].by_agreement != w[i].by_agreement)
			fail_msg("'%s': executor %zu (%s) flags lead=%d agreement=%d",
				 text, i, w[i].agency, l.items[i].lead, l.items[i].by_agreement);
	}
	jp_executor_list_release(&l);
}

static void test_executor__plan_forms(void **state)
{
	(void)state;
	{
		static const struct want w[] = {
			{ "БП", true, true }, { "МҚІСҚА", false, true },
			{ "ІІМ", false, false }, { "Қаржымині", false, false },
		};
		/* no comma after ")" : the parenthesis ends the name */
		check("БП (келісім бойынша, жинақтау), МҚІСҚА (келісім бойынша) ІІМ, Қаржымині",
		      w, 4);
	}
	{
		static const struct want w[] = { { "ТЖМ", true, false }, { "БАА", false, false } };
		check("Т Ж М  (жинақтау), БАА", w, 2); /* letter spacing */
	}
	{
		static const struct want w[] = { { "ІІМ", true, false }, { "ИДМ", false, false } };
		check("І І М  (\nжинақтау\n), ИДМ", w, 2); /* broken over lines */
	}
	{
		static const struct want w[] = { { "БП", false, false } };
		check("БП", w, 1);
	}
	{
		static const struct want w[] = {
			{ "МҚІСҚА", false, true }, { "ҮЕҰ және қоғамдық бірлестіктер", false, false },
		};
		check("МҚІСҚА(келісім бойынша), ҮЕҰ және қоғамдық бірлестіктер", w, 2);
	}
}

static void test_executor__russian_english(void **state)
{
	static const struct want w[] = {
		{ "ГП", true, true }, { "МВД", false, false }, { "MoF", true, false },
	};
	(void)state;
	check("ГП (по согласованию, свод), МВД; MoF (lead)", w, 3);
	{
		static const struct want e[] = { { "GPO", false, true } };
		check("GPO (By Agreement)", e, 1);
	}
}

static void test_executor__errors(void **state)
{
	struct jp_executor_list l = JP_EXECUTOR_LIST_INIT;
	struct jp_error err = JP_ERROR_INIT;
	(void)state;
	jp_assert_fails(jp_executors_parse(&l, "БП (келісім бойынша", &err), JP_EINVALID, &err,
			"unclosed '(' at character 4");
	jp_assert_fails(jp_executors_parse(&l, "БП (міндетті)", &err), JP_EINVALID, &err,
			"unknown note 'міндетті'");
	jp_assert_fails(jp_executors_parse(&l, "(жинақтау)", &err), JP_EINVALID, &err,
			"no agency before it");
	jp_assert_fails(jp_executors_parse(&l, "БП) ІІМ", &err), JP_EINVALID, &err,
			"unexpected ')' at character 3");
	jp_assert_fails(jp_executors_parse(&l, " , ,", &err), JP_EINVALID, &err, "no executors");
	assert_int_equal(l.n, 0);
	assert_null(l.items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_executor__plan_forms),
		cmocka_unit_test(test_executor__russian_english),
		cmocka_unit_test(test_executor__errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
