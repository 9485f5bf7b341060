/*
 * test_text.c - UTF-8, Kazakh case folding, letter spacing, widths; buffers.
 */
#include "test.h"
#include "alloc.h"
#include "buf.h"
#include "text.h"

#include <utf8proc.h>

static void assert_fold(const char *in, const char *want)
{
	char *f = jp_text_fold(in);

	assert_non_null(f);
	assert_string_equal(f, want);
	jp_free(f);
}

static void test_text__kazakh_fold(void **state)
{
	(void)state;
	/* every Kazakh-specific letter folds to its small form */
	assert_fold("ӘҒҚҢӨҰҮҺІ", "әғқңөұүһі");
	assert_fold("ІІМ", "іім");
	assert_true(jp_text_eq_fold("ііМ", "ІІМ"));
	assert_true(jp_text_eq_fold("Қаржымині", "ҚАРЖЫМИНІ"));
	/* Cyrillic К and Қ are different letters */
	assert_false(jp_text_eq_fold("Каржымині", "Қаржымині"));
}

/* The fold key is equal exactly when jp_text_eq_fold says the names are. */
static void test_text__fold_key(void **state)
{
	static const char *const names[] = {
		"ІІМ", "ііМ", "іім", "IIM", "ҚМ", "қм", "КМ", "ҚАРЖЫМИНІ", "Қаржымині",
		"Ә", "ә", "А", "ӨҰҮҺҒҢ", "өұүһғң", "й", "и\xcc\x86", "ﬁ", "fi",
		"Б\xc2\xadП", "БП", "бп", "", "\xff", "\xfe", "\xef\xbf\xbd",
	};
	(void)state;
	for (size_t i = 0; i < JP_ARRAY_LEN(names); i++) {
		char *ki = jp_text_fold_key(names[i]);

		assert_non_null(ki);
		for (size_t j = 0; j < JP_ARRAY_LEN(names); j++) {
			char *kj = jp_text_fold_key(names[j]);

			assert_non_null(kj);
			if ((strcmp(ki, kj) == 0) != jp_text_eq_fold(names[i], names[j]))
				fail_msg("'%s' and '%s': keys and jp_text_eq_fold disagree",
					 names[i], names[j]);
			jp_free(kj);
		}
		jp_free(ki);
	}
	{
		char *a = jp_text_fold_key("ІІМ"), *b = jp_text_fold_key("іім"),
		     *c = jp_text_fold_key("КМ"), *d = jp_text_fold_key("ҚМ");

		assert_string_equal(a, b);
		assert_string_not_equal(c, d);
		jp_free(a);
		jp_free(b);
		jp_free(c);
		jp_free(d);
	}
}

/*
 * Folding remembers what utf8proc said for the code points below U+0800:
 * asked twice (once to fill the memo, once from it), every one of them and
 * a few above still folds exactly as utf8proc_map folds it alone.
 */
static void test_text__fold_memo(void **state)
{
	(void)state;
	for (int32_t c = 1; c < 0x900; c++) {
		utf8proc_uint8_t s[8] = { 0 }, *ref = NULL;
		utf8proc_ssize_t n = utf8proc_encode_char(c, s);
		char want[64];

		assert_true(n > 0);
		assert_true(utf8proc_map(s, 0, &ref, UTF8PROC_NULLTERM | UTF8PROC_CASEFOLD |
					 UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
					 UTF8PROC_IGNORE) >= 0);
		snprintf(want, sizeof(want), "\1%s", (const char *)ref);
		for (int pass = 0; pass < 2; pass++) {
			char *key = jp_text_fold_key((const char *)s);

			assert_non_null(key);
			if (strcmp(key, want))
				fail_msg("U+%04X, pass %d: folds to '%s', utf8proc to '%s'",
					 (unsigned)c, pass, key + 1, (const char *)ref);
			jp_free(key);
			/* a name of one letter equals its utf8proc fold */
			if (*ref && !jp_text_eq_fold((const char *)s, (const char *)ref))
				fail_msg("U+%04X, pass %d: not equal to its own fold", (unsigned)c,
					 pass);
		}
		free(ref);
	}
}

static void assert_unspace(const char *in, const char *want)
{
	char *s = jp_text_unspace(in);

	assert_non_null(s);
	assert_string_equal(s, want);
	jp_free(s);
}

static void test_text__unspace(void **state)
{
	(void)state;
	assert_unspace("І І М", "ІІМ");
	assert_unspace("ж ұ м ы с  п е н", "жұмыс пен");
	assert_unspace("Б А Қ - т а ғ ы", "БАҚ-тағы");
	assert_unspace("2 0 1 4  жылғы", "2014 жылғы");
	assert_unspace("  БП (келісім\nбойынша),\tІІМ ", "БП (келісім бойынша), ІІМ");
	/* a lone dash and number in a sentence stay apart */
	assert_unspace("2016 жылы - 8 %-ға", "2016 жылы - 8 %-ға");
}

static void test_text__width(void **state)
{
	(void)state;
	assert_int_equal(jp_text_width("ІІМ"), 3);
	assert_int_equal(jp_text_width("abc"), 3);
	assert_int_equal(jp_text_width("日本"), 4);
	assert_int_equal(jp_utf8_len("Қаржымині"), 9);
	assert_int_equal(jp_text_prefix_for_width("ӘҒҚ", 2), 4);
	assert_true(jp_utf8_valid("Қазақ", strlen("Қазақ")));
	assert_false(jp_utf8_valid("\xff\xfe", 2));
	assert_false(jp_utf8_valid("\xd2", 1)); /* truncated sequence */
}

/* The width of s as utf8proc measures it, one decoded code point at a time
 * (an invalid byte is U+FFFD): what the fast paths must agree with. */
static size_t ref_width(const char *s)
{
	size_t w = 0;

	while (*s) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
		int cw;

		if (n <= 0) {
			c = 0xFFFD;
			n = 1;
		}
		if (c < 0x80)
			cw = c >= 0x20 && c < 0x7f;
		else
			cw = utf8proc_charwidth(c);
		w += cw > 0 ? (size_t)cw : 0;
		s += n;
	}
	return w;
}

static void test_text__width_of_every_code_point(void **state)
{
	utf8proc_uint8_t enc[8];

	(void)state;
	for (utf8proc_int32_t c = 1; c <= 0x10FFFF; c++) {
		utf8proc_ssize_t n;
		int32_t back;

		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		n = utf8proc_encode_char(c, enc);
		enc[n] = '\0';
		assert_int_equal(jp_utf8_decode((const char *)enc, &back), n);
		assert_int_equal(back, c);
		if (jp_text_width((const char *)enc) != ref_width((const char *)enc))
			fail_msg("U+%04X: width %zu, utf8proc says %zu", (unsigned)c,
				 jp_text_width((const char *)enc), ref_width((const char *)enc));
	}
	/* invalid and cut sequences: a column a byte, as U+FFFD */
	static const char *const bad[] = {
		"\xc2", "\xc2" "A", "\xc0\x80", "\xc1\xbf", "\xe2\x80", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\x80\xbf", "\xff", "Қ\xd2", "\xd0\xd0\x86",
	};
	for (size_t i = 0; i < JP_ARRAY_LEN(bad); i++)
		assert_int_equal(jp_text_width(bad[i]), ref_width(bad[i]));
	/* a long line: the count stops past the column */
	assert_int_equal(jp_text_width_upto("Құқық қорғау жүйесі", 5), 6);
	assert_int_equal(jp_text_width_upto("abcdefgh", 8), 8);
	assert_int_equal(jp_text_width_upto("abcdefghi", 8), 9);
	assert_int_equal(jp_text_width_upto("日本語", 3), 4);
}

/* Squeezing as it is specified: decode, drop white space runs, join with
 * one space. */
static char *ref_squeeze(const char *s)
{
	struct jp_buf b = JP_BUF_INIT;
	bool pending = false;

	while (*s) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);

		if (n <= 0) {
			c = 0xFFFD;
			n = 1;
		}
		if (jp_is_space(c)) {
			pending = b.len > 0;
		} else {
			if (pending)
				jp_buf_addc(&b, ' ');
			pending = false;
			jp_buf_add(&b, s, (size_t)n);
		}
		s += n;
	}
	return jp_buf_detach(&b);
}

static void assert_squeeze(const char *in, const char *want)
{
	char *s = jp_text_squeeze(in);

	assert_non_null(s);
	assert_string_equal(s, want);
	jp_free(s);
}

/* One pass of jp_text_measure answers as jp_text_width_upto and
 * jp_text_prefix_width do, for every column maximum up to 24. */
static void test_text__measure(void **state)
{
	static const char *const texts[] = {
		"", "a", "abc def", "ІІМ", "Қаржымині мен ІІМ", "日本語のテキスト", "e\xcc\x81" "e\xcc\x81" "e",
		"a\tb\x01" "c", "x\xe2\x80\x8by", "Құқық қорғау жүйесін одан әрі жаңғырту",
		"中a中b中c中d中e中f中g中h中i", "\xcc\x81\xcc\x81" "abc",
	};
	(void)state;
	for (size_t i = 0; i < JP_ARRAY_LEN(texts); i++)
		for (size_t max = 1; max <= 24; max++) {
			size_t cut = 999, cut_w = 999, want_w;
			size_t w = jp_text_measure(texts[i], max, &cut, &cut_w);

			assert_int_equal(w, jp_text_width_upto(texts[i], max));
			if (w > max) {
				assert_int_equal(cut, jp_text_prefix_width(texts[i], max - 1, &want_w));
				assert_int_equal(cut_w, want_w);
			}
		}
}

static void test_text__squeeze(void **state)
{
	static const char *const parts[] = {
		" ", "\t", "\n", "\r\n", "\f\v", "\xc2\xa0", "\xe2\x80\x89", "\xe2\x80\xaf",
		"a", "І", "Құқық", "\xe2\x80", "\xc2", "\xe2\x80\x8b", "日", "\xf0\x9f\x98\x80",
		"\x80", "\xe2\xe2\x80\xaf", "\xc2\xc2\xa0", "\xe2\x80\x88", "\xcc\x81",
	};
	uint64_t x = 88172645463325252ULL;

	(void)state;
	assert_squeeze("", "");
	assert_squeeze(" \t\n ", "");
	assert_squeeze("ІІМ", "ІІМ");
	assert_squeeze("  Құқық\xc2\xa0\xe2\x80\xaf қорғау\t\n жүйесі  ",
		       "Құқық қорғау жүйесі");
	/* U+2008 and U+200B are not white space here */
	assert_squeeze("a\xe2\x80\x88 b\xe2\x80\x8b", "a\xe2\x80\x88 b\xe2\x80\x8b");
	for (int i = 0; i < 20000; i++) {
		char in[128] = "";
		size_t len = 0;
		char *got, *want;

		for (int k = (int)(x % 9); k >= 0; k--) {
			const char *p;

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			p = parts[x % JP_ARRAY_LEN(parts)];
			memcpy(in + len, p, strlen(p) + 1);
			len += strlen(p);
		}
		got = jp_text_squeeze(in);
		want = ref_squeeze(in);
		assert_non_null(got);
		assert_non_null(want);
		assert_string_equal(got, want);
		jp_free(got);
		jp_free(want);
	}
}

static void test_text__buf(void **state)
{
	struct jp_buf b = JP_BUF_INIT;
	char *s;
	(void)state;
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, "");
	for (int i = 0; i < 1000; i++)
		jp_buf_addf(&b, "%d,", i);
	assert_false(jp_buf_oom(&b));
	assert_int_equal(b.len, strlen(b.ptr));
	jp_buf_truncate(&b, 4);
	assert_string_equal(b.ptr, "0,1,");
	jp_buf_reset(&b);
	jp_buf_add_xml(&b, "<a href=\"x\">&'");
	assert_string_equal(b.ptr, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
	s = jp_buf_detach(&b);
	assert_string_equal(b.ptr, "");
	jp_free(s);

	/* a limit makes further appends fail, stickily */
	jp_buf_set_limit(&b, 8);
	jp_buf_adds(&b, "12345678");
	assert_false(jp_buf_oom(&b));
	jp_buf_adds(&b, "9");
	assert_true(jp_buf_oom(&b));
	jp_buf_adds(&b, "");
	assert_string_equal(b.ptr, "12345678");
	jp_buf_release(&b);
}

static void test_text__allocation_failure(void **state)
{
	struct jp_buf b = JP_BUF_INIT;
	(void)state;
	/* when the heap refuses, the buffer keeps its contents and says so */
	jp_buf_adds(&b, "kept");
	jp_alloc_fail_after(0);
	for (int i = 0; i < 100; i++)
		jp_buf_adds(&b, "more text that needs room ");
	jp_alloc_fail_after(-1);
	assert_true(jp_buf_oom(&b));
	assert_int_equal(strncmp(b.ptr, "kept", 4), 0);
	jp_buf_release(&b);
	jp_alloc_fail_after(0);
	assert_null(jp_text_fold("ІІМ"));
	jp_alloc_fail_after(-1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__kazakh_fold),
		cmocka_unit_test(test_text__fold_memo),
		cmocka_unit_test(test_text__fold_key),
		cmocka_unit_test(test_text__unspace),
		cmocka_unit_test(test_text__width),
		cmocka_unit_test(test_text__width_of_every_code_point),
		cmocka_unit_test(test_text__measure),
		cmocka_unit_test(test_text__squeeze),
		cmocka_unit_test(test_text__buf),
		cmocka_unit_test(test_text__allocation_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
