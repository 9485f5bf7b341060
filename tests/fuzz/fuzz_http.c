/*
 * fuzz_http.c - fuzz target for the server's own request parsing
 * (server/parse.c): the request target, percent-decoding, query and form
 * fields, cookies, Content-Length, methods, X-Forwarded-For and route
 * patterns.  Whatever the bytes, every function returns, and every value it
 * hands out is UTF-8 text without NUL; printable text has no control
 * character.
 *
 * The first byte picks a form field name and a pattern; the rest is the
 * input.  For libFuzzer:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icore -Iserver \
 *     tests/fuzz/fuzz_http.c server/parse.c core/arena.c core/buf.c \
 *     core/text.c core/alloc.c core/error.c -lutf8proc -o fuzz_http
 */
#include "jp.h"
#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "text.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = { "as_of", "csrf", "q", "", "a b", "jospar_session" };
static const char *const patterns[] = {
	"/api/v1/reports/{}/accept", "/activities/{}", "/", "/agencies/{}", "/{}/{}/{}/{}/{}",
};

static void text_or_null(const char *v)
{
	if (v && !jp_utf8_valid(v, strlen(v)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jp_arena a = JP_ARENA_INIT;
	struct jp_buf b = JP_BUF_INIT;
	const char *param[4], *path, *query, *name;
	char *s, addr[64];
	size_t n, len, np = 0;
	uint64_t cl;
	unsigned sel = size ? data[0] : 0;

	if (!size)
		return 0;
	data++;
	n = size - 1;
	s = jp_malloc(n + 1);
	if (!s)
		return 0;
	memcpy(s, data, n);
	s[n] = '\0';
	name = names[sel % JP_ARRAY_LEN(names)];

	/* decoding never grows the text */
	for (int plus = 0; plus < 2; plus++) {
		char *d = parse_decode(&a, s, n, plus, &len);

		if (d && (len > n || d[len] != '\0'))
			abort();
	}
	/* query and form fields: all text, or refused as a whole */
	if (parse_form_check(&a, s, n) == 0)
		text_or_null(parse_form_get(&a, s, n, name));
	else
		text_or_null(parse_form_get(&a, s, n, name));
	/* the request target, then its parts as the server reads them */
	if (parse_target(&a, s, &path, &query) == 0) {
		if (strchr(path, '?'))
			abort();
		text_or_null(parse_form_get(&a, query, strlen(query), name));
		if (parse_match(&a, patterns[sel % JP_ARRAY_LEN(patterns)], path, param,
				JP_ARRAY_LEN(param), &np)) {
			if (np > JP_ARRAY_LEN(param))
				abort();
			for (size_t i = 0; i < np; i++)
				if (!param[i] || !*param[i] || !jp_utf8_valid(param[i], strlen(param[i])))
					abort();
		}
	}
	/* a cookie value is a cookie-octet string */
	{
		const char *v = parse_cookie_get(&a, s, name);

		for (const char *c = v; c && *c; c++)
			if ((unsigned char)*c < 0x21 || (unsigned char)*c > 0x7e || *c == ';')
				abort();
	}
	if (parse_content_length(s, &cl) == 0 && cl > 999999999999999999ull)
		abort();
	if (parse_method_ok(s) && (strlen(s) > 16 || !strlen(s)))
		abort();
	if (parse_forwarded_for(s, addr, sizeof(addr)) == 0 && !memchr(addr, '\0', sizeof(addr)))
		abort();
	/* printable: valid UTF-8 without control characters */
	parse_printable(&b, s, n);
	if (!jp_buf_oom(&b)) {
		if (!jp_utf8_valid(b.ptr, b.len) || strlen(b.ptr) != b.len)
			abort();
		for (size_t i = 0; i < b.len; i++)
			if ((unsigned char)b.ptr[i] < 0x20 || b.ptr[i] == 0x7f)
				abort();
	}
	jp_buf_release(&b);
	jp_arena_release(&a);
	jp_free(s);
	return 0;
}
