/*
 * login.c - what a login may be, and when two logins look alike (see
 * account.h).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "account.h"

#include <utf8proc.h>

enum script { S_NONE, S_LATIN, S_CYRILLIC };

static enum script script_of(int32_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7))
		return S_LATIN;
	if (c >= 0x400 && c <= 0x52F)
		return S_CYRILLIC;
	return S_NONE;
}

static bool is_separator(int32_t c)
{
	return c == '.' || c == '_' || c == '-';
}

int jp_login_check(const char *login, struct jp_error *err)
{
	enum script seen = S_NONE;
	size_t n = 0;
	const char *p;

	if (!login || !*login)
		return jp_error_set(err, JP_EINVALID, "give a login");
	if (!jp_utf8_valid(login, strlen(login)))
		return jp_error_set(err, JP_EINVALID, "login is not valid UTF-8");
	for (p = login; *p; n++) {
		int32_t c;
		size_t at = (size_t)(p - login);
		enum script sc;

		p += jp_utf8_decode(p, &c);
		sc = script_of(c);
		if (sc == S_NONE && !(c >= '0' && c <= '9') && !(n && is_separator(c)))
			return jp_error_set(err, JP_EINVALID,
					    "login '%s': character %zu ('%.*s') is not a letter, a digit, "
					    "or '.', '_', '-' after the first", login, n + 1,
					    (int)((size_t)(p - login) - at), login + at);
		if (sc != S_NONE && jp_is_letter(c) == false)
			return jp_error_set(err, JP_EINVALID, "login '%s': character %zu is not a letter",
					    login, n + 1);
		if (sc != S_NONE) {
			if (seen != S_NONE && sc != seen)
				return jp_error_set(err, JP_EINVALID,
						    "login '%s' mixes Latin and Cyrillic letters", login);
			seen = sc;
		}
	}
	if (n > JP_LOGIN_MAX)
		return jp_error_set(err, JP_EINVALID, "login '%s' is longer than %d characters",
				    login, JP_LOGIN_MAX);
	return 0;
}

/* Cyrillic letters (folded) that look like a Latin one, and digits like letters. */
static const struct { int32_t from; char to; } confusables[] = {
	{ 0x0430, 'a' }, { 0x0432, 'b' }, { 0x0435, 'e' }, { 0x0451, 'e' }, { 0x0456, 'i' },
	{ 0x0457, 'i' }, { 0x0458, 'j' }, { 0x043A, 'k' }, { 0x043C, 'm' }, { 0x043D, 'h' },
	{ 0x043E, 'o' }, { 0x0440, 'p' }, { 0x0441, 'c' }, { 0x0442, 't' }, { 0x0443, 'y' },
	{ 0x0445, 'x' }, { 0x0455, 's' }, { 0x04BB, 'h' }, { 0x04AF, 'y' }, { 0x04B1, 'y' },
	{ 0x0501, 'd' }, { 0x051B, 'q' }, { 0x051D, 'w' }, { 0x04CF, 'l' }, { 0x04E9, 'o' },
	{ '0', 'o' }, { '1', 'l' }, { 'i', 'l' }, { '|', 'l' },
};

char *jp_login_skeleton(const char *login)
{
	struct jp_buf b = JP_BUF_INIT;
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;
	const char *p;

	/* case folded, compatibility decomposed, accents dropped */
	n = utf8proc_map((const utf8proc_uint8_t *)login, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
			 UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	if (n < 0)
		return jp_strdup(login);
	for (p = (const char *)folded; *p;) {
		const char *start = p;
		int32_t c;
		size_t i;

		p += jp_utf8_decode(p, &c);
		for (i = 0; i < JP_ARRAY_LEN(confusables) && confusables[i].from != c; i++)
			;
		if (i < JP_ARRAY_LEN(confusables))
			c = confusables[i].to;
		if (c == 'm')
			jp_buf_adds(&b, "rn");       /* "rn" looks like "m" */
		else if (is_separator(c))
			;                            /* separators do not tell logins apart */
		else if (i < JP_ARRAY_LEN(confusables))
			jp_buf_addc(&b, (char)c);
		else
			jp_buf_add(&b, start, (size_t)(p - start));
	}
	free(folded);
	return jp_buf_detach(&b);
}
