/*
 * test_i18n.c - jp_tr() over the catalogues compiled from po/LANG.po: look-up
 * in each language, the fallbacks, and the tables themselves (sorted for
 * the binary search, Kazakh and Russian complete, no markup).  Which ids
 * the code uses is tools/check-po.py's business (the check-po test).
 */
#include "test.h"
#include "pages.h"
#include "i18n_int.h"

static const struct jp_catalog *cat(const char *lang)
{
	for (size_t i = 0; i < jp_i18n__ncatalogs; i++)
		if (!strcmp(jp_i18n__catalogs[i].lang, lang))
			return &jp_i18n__catalogs[i];
	fail_msg("no catalogue '%s'", lang);
	return NULL;
}

static void test_i18n__lookup(void **state)
{
	(void)state;
	assert_string_equal(jp_tr("kk", "Overdue"), "Мерзімі өткен");
	assert_string_equal(jp_tr("ru", "Overdue"), "Просрочено");
	assert_string_equal(jp_tr("en", "Overdue"), "Overdue");
	assert_string_equal(jp_tr("kk", "Plan No. %s"), "№ %s жоспар");
	assert_string_equal(jp_tr("ru", "As of %s"), "По состоянию на %s");
	/* the first and the last id of the table are found too */
	for (size_t i = 0; i < jp_i18n__ncatalogs; i++) {
		const struct jp_catalog *c = &jp_i18n__catalogs[i];

		if (!c->n)
			continue;
		assert_ptr_equal(jp_tr(c->lang, c->msgs[0].id), c->msgs[0].str);
		assert_ptr_equal(jp_tr(c->lang, c->msgs[c->n - 1].id), c->msgs[c->n - 1].str);
	}
}

static void test_i18n__fallbacks(void **state)
{
	static const char id[] = "No such message, surely";
	(void)state;
	/* an unknown id is answered with itself, the very pointer */
	assert_ptr_equal(jp_tr("kk", id), id);
	assert_ptr_equal(jp_tr("ru", id), id);
	assert_ptr_equal(jp_tr("en", id), id);
	/* no language: Kazakh, the default; an unknown one: the id */
	assert_string_equal(jp_tr(NULL, "Overdue"), "Мерзімі өткен");
	assert_string_equal(jp_tr("de", "Overdue"), "Overdue");
	assert_string_equal(jp_tr("KK", "Overdue"), "Overdue");
	assert_string_equal(jp_tr("", "Overdue"), "Overdue");
	assert_true(jp_lang_supported("kk"));
	assert_true(jp_lang_supported("ru"));
	assert_true(jp_lang_supported("en"));
	assert_false(jp_lang_supported("de"));
	assert_false(jp_lang_supported("kk-KZ"));
	assert_false(jp_lang_supported(""));
	assert_false(jp_lang_supported(NULL));
}

static void test_i18n__tables(void **state)
{
	const struct jp_catalog *kk = cat("kk"), *ru = cat("ru");

	(void)state;
	assert_int_equal(jp_i18n__ncatalogs, 3);
	cat("en");
	for (size_t i = 0; i < jp_i18n__ncatalogs; i++) {
		const struct jp_catalog *c = &jp_i18n__catalogs[i];

		if (i)
			assert_true(strcmp(jp_i18n__catalogs[i - 1].lang, c->lang) < 0);
		for (size_t k = 0; k < c->n; k++) {
			if (k && strcmp(c->msgs[k - 1].id, c->msgs[k].id) >= 0)
				fail_msg("%s: '%s' is not sorted after '%s'", c->lang, c->msgs[k].id,
					 c->msgs[k - 1].id);
			assert_true(c->msgs[k].str[0] != '\0');
			if (strpbrk(c->msgs[k].str, "<>&\"") || strpbrk(c->msgs[k].id, "<>&\""))
				fail_msg("%s: markup in '%s'", c->lang, c->msgs[k].id);
		}
		assert_null(c->msgs[c->n].id);
	}
	/* Kazakh and Russian translate the same ids, and many */
	assert_true(kk->n >= 200);
	assert_int_equal(kk->n, ru->n);
	for (size_t k = 0; k < kk->n; k++)
		assert_string_equal(kk->msgs[k].id, ru->msgs[k].id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_i18n__lookup),
		cmocka_unit_test(test_i18n__fallbacks),
		cmocka_unit_test(test_i18n__tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
