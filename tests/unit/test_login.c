/*
 * test_login.c - what a login may be, and look-alike skeletons.
 */
#include "test.h"
#include "alloc.h"
#include "error.h"
#include "account.h"

static void assert_skeleton(const char *login, const char *want)
{
	char *s = jp_login_skeleton(login);

	assert_non_null(s);
	assert_string_equal(s, want);
	jp_free(s);
}

static void test_login__alphabet(void **state)
{
	static const char *const ok[] = {
		"admin", "ivan.petrov", "o_brien-2", "Қайрат", "серік.б", "7up", "Zoë",
	};
	static const char *const bad[] = {
		"", "a/b", "a b", ".a", "-a", "a%41", "a<b", "a@b", "іvan" /* Cyrillic і */,
		"Қайрат.K", "αβγ",
	};
	struct jp_error err = JP_ERROR_INIT;
	char longest[JP_LOGIN_MAX + 2];
	(void)state;
	for (size_t i = 0; i < JP_ARRAY_LEN(ok); i++)
		assert_int_equal(jp_login_check(ok[i], NULL), 0);
	for (size_t i = 0; i < JP_ARRAY_LEN(bad); i++)
		assert_int_equal(jp_login_check(bad[i], NULL), JP_EINVALID);
	/* U+012E is a Latin letter whose low byte is '.': not a separator */
	assert_int_equal(jp_login_check("a\xC4\xAE", NULL), 0);
	assert_int_equal(jp_login_check("a/b", &err), JP_EINVALID);
	assert_non_null(strstr(err.msg, "character 2 ('/')"));
	memset(longest, 'x', sizeof(longest) - 1);
	longest[JP_LOGIN_MAX] = '\0';
	assert_int_equal(jp_login_check(longest, NULL), 0);
	longest[JP_LOGIN_MAX] = 'x';
	longest[JP_LOGIN_MAX + 1] = '\0';
	assert_int_equal(jp_login_check(longest, NULL), JP_EINVALID);
}

static void test_login__skeletons(void **state)
{
	(void)state;
	assert_skeleton("admin", "adrnln");
	assert_skeleton("Admin", "adrnln");
	assert_skeleton("adm1n", "adrnln");
	assert_skeleton("ad.min", "adrnln");
	assert_skeleton("\xD0\xB0" "dmin", "adrnln");       /* Cyrillic а */
	assert_skeleton("\xD0\xB0\xD0\xB4\xD0\xBC\xD0\xB8\xD0\xBD",  /* админ */
			"a\xD0\xB4rn\xD0\xB8h");
	assert_skeleton("Zoë", "zoe");
	assert_skeleton("ivan_petrov", "lvanpetrov");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login__alphabet),
		cmocka_unit_test(test_login__skeletons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
