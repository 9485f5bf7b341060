/*
 * text.c - UTF-8 helpers on top of utf8proc (see text.h).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "text.h"

#include <stdatomic.h>
#include <utf8proc.h>

uint64_t jp_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

int jp_utf8_decode(const char *s, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	/* ASCII and two-byte sequences (Cyrillic, Kazakh) without utf8proc */
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
		*cp = ((int32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	n = utf8proc_iterate(u, -1, &c);
	if (n <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return (int)n;
}

size_t jp_utf8_len(const char *s)
{
	size_t n = 0;
	int32_t c;

	while (*s) {
		s += jp_utf8_decode(s, &c);
		n++;
	}
	return n;
}

bool jp_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(
			(const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0)
			return false;
		i += (size_t)k;
	}
	return true;
}

/*
 * Two-byte code points that are one column wide: Latin, Greek, Cyrillic
 * (the Kazakh letters among them) and Armenian, leaving out the combining
 * marks U+0300-036F and U+0483-0489.  test_text checks this against
 * utf8proc_charwidth for every code point.
 */
static inline bool narrow2(int32_t c)
{
	return (c >= 0x00A0 && c <= 0x02FF) || (c >= 0x0370 && c <= 0x0482) ||
	       (c >= 0x048A && c <= 0x0590);
}

/* The display width of the character at s; *n gets its length in bytes. */
static inline size_t char_width(const char *s, int *n)
{
	const unsigned char *u = (const unsigned char *)s;
	int32_t c;
	int cw;

	if (u[0] < 0x80) {
		*n = 1;
		return u[0] >= 0x20 && u[0] < 0x7f;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
		c = ((int32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		*n = 2;
		if (narrow2(c))
			return 1;
	} else {
		*n = jp_utf8_decode(s, &c);
	}
	cw = utf8proc_charwidth(c);
	return cw > 0 ? (size_t)cw : 0;
}

size_t jp_text_width(const char *s)
{
	return jp_text_width_upto(s, SIZE_MAX - 1);
}

size_t jp_text_width_upto(const char *s, size_t max)
{
	size_t w = 0;
	int n;

	while (*s && w <= max) {
		/* printable ASCII: a column a byte */
		while ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f && w <= max) {
			s++;
			w++;
		}
		if (!*s || w > max)
			break;
		w += char_width(s, &n);
		s += n;
	}
	return w > max ? max + 1 : w;
}

size_t jp_text_prefix_width(const char *s, size_t cols, size_t *width)
{
	const char *p = s;
	size_t w = 0;

	while (*p) {
		int n;
		size_t cw = char_width(p, &n);

		if (w + cw > cols)
			break;
		w += cw;
		p += n;
	}
	*width = w;
	return (size_t)(p - s);
}

size_t jp_text_measure(const char *s, size_t max, size_t *cut, size_t *cut_width)
{
	const char *p = s;
	size_t w = 0, cols = max - 1;
	bool cut_found = false;

	while (*p) {
		int n;
		size_t cw = char_width(p, &n);

		if (!cut_found && w + cw > cols) {
			*cut = (size_t)(p - s);
			*cut_width = w;
			cut_found = true;
		}
		w += cw;
		if (w > max)
			return max + 1;
		p += n;
	}
	if (!cut_found) {
		*cut = (size_t)(p - s);
		*cut_width = w;
	}
	return w;
}

size_t jp_text_prefix_for_width(const char *s, size_t cols)
{
	size_t w;

	return jp_text_prefix_width(s, cols, &w);
}

char *jp_text_fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;
	char *r;

	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
			 UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	if (n < 0)
		return jp_strdup(s); /* invalid UTF-8: compare bytes */
	/* utf8proc allocates with malloc; hand back our own allocation */
	r = jp_strndup((const char *)out, (size_t)n);
	free(out);
	return r;
}

#define FOLD_OPTIONS (UTF8PROC_CASEFOLD | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_IGNORE)
#define FOLD_MEMO 0x800

/*
 * utf8proc's answer for the code points below U+0800 (ASCII, Cyrillic and
 * the Kazakh letters) that fold to exactly one code point, remembered as
 * they are first met: 0 not yet asked, -1 not one code point (utf8proc is
 * asked every time), else the folded code point + 1.  Matching agency
 * names folds the same few letters millions of times.  Relaxed atomics:
 * server threads may fill it at once, and any of them writes the same.
 */
static _Atomic int32_t fold_memo[FOLD_MEMO];

/* The next code point of s, case-folded and decomposed into buf (NFKD). */
static int fold_next(const char **s, utf8proc_int32_t *buf, int cap)
{
	int32_t c, m = 0;
	utf8proc_ssize_t n;
	int last;

	*s += jp_utf8_decode(*s, &c);
	if (c >= 0 && c < FOLD_MEMO) {
		m = atomic_load_explicit(&fold_memo[c], memory_order_relaxed);
		if (m > 0 && cap >= 1) {
			buf[0] = m - 1;
			return 1;
		}
	}
	n = utf8proc_decompose_char(c, buf, cap, FOLD_OPTIONS, &last);
	if (!m && c >= 0 && c < FOLD_MEMO)
		atomic_store_explicit(&fold_memo[c], n == 1 ? buf[0] + 1 : -1,
				      memory_order_relaxed);
	return n < 0 || n > cap ? -1 : (int)n;
}

bool jp_text_eq_fold(const char *a, const char *b)
{
	utf8proc_int32_t fa[16], fb[16];
	int na = 0, nb = 0, ia = 0, ib = 0;

	if (!strcmp(a, b))
		return true;
	/* compare the folded, decomposed code points as they come: no allocation */
	for (;;) {
		if (ia == na) {
			ia = 0;
			na = 0;
			while (!na && *a)
				if ((na = fold_next(&a, fa, 16)) < 0)
					return false;
		}
		if (ib == nb) {
			ib = 0;
			nb = 0;
			while (!nb && *b)
				if ((nb = fold_next(&b, fb, 16)) < 0)
					return false;
		}
		if (!na || !nb)
			return !na && !nb;
		if (fa[ia++] != fb[ib++])
			return false;
	}
}

/*
 * The folded code points jp_text_eq_fold compares, in UTF-8 after a 1 byte;
 * a name one of whose letters does not fold equals only its own bytes there,
 * so its key is a 2 byte and those bytes.
 */
char *jp_text_fold_key(const char *s)
{
	struct jp_buf b = JP_BUF_INIT;
	const char *p = s;

	jp_buf_addc(&b, '\1');
	while (*p) {
		utf8proc_int32_t f[16];
		int n = fold_next(&p, f, 16);

		if (n < 0) {
			jp_buf_reset(&b);
			jp_buf_addc(&b, '\2');
			jp_buf_adds(&b, s);
			break;
		}
		for (int i = 0; i < n; i++) {
			utf8proc_uint8_t u[4];

			jp_buf_add(&b, u, (size_t)utf8proc_encode_char(f[i], u));
		}
	}
	if (jp_buf_oom(&b)) {
		jp_buf_release(&b);
		return NULL;
	}
	return jp_buf_detach(&b);
}

bool jp_is_letter(int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);

	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

bool jp_is_space(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v' || c == 0xA0 || c == 0x202F || c == 0x2009;
}

/*
 * The length of the white space character at s (jp_is_space), or 0.  On
 * bytes: U+00A0, U+2009 and U+202F are whole sequences whose lead bytes
 * never continue another sequence, so this agrees with decoding.
 */
static inline size_t space_len(const unsigned char *s)
{
	switch (s[0]) {
	case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
		return 1;
	case 0xC2:
		return s[1] == 0xA0 ? 2 : 0;
	case 0xE2:
		return s[1] == 0x80 && (s[2] == 0x89 || s[2] == 0xAF) ? 3 : 0;
	default:
		return 0;
	}
}

/* Bytes that may begin white space (see space_len), and the NUL. */
static const bool maybe_space[256] = {
	[0] = true, [' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true,
	['\f'] = true, ['\v'] = true, [0xC2] = true, [0xE2] = true,
};

char *jp_text_squeeze(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len = strlen(str), k;
	char *r = jp_malloc(len + 1), *o = r;
	bool pending = false;

	if (!r)
		return NULL;
	/* the output is never longer: one pass on bytes, no decoding */
	for (;;) {
		const unsigned char *run = s;

		while (!maybe_space[*s])
			s++;
		k = *s ? space_len(s) : 0;
		if (k == 0 && *s)
			s++;          /* a C2 or E2 that starts no space */
		if (s > run) {
			if (pending)
				*o++ = ' ';
			pending = false;
			memcpy(o, run, (size_t)(s - run));
			o += s - run;
		}
		if (!*s)
			break;
		if (k > 0) {
			pending = o > r;
			s += k;
		}
	}
	*o = '\0';
	return r;
}

/* One non-space token of the input, with the white space that precedes it. */
struct token {
	const char *p;
	size_t n;
	size_t chars;     /* code points in the token */
	int gap;          /* spaces before it (0 at the start) */
};

static bool tok_alnum(const struct token *t)
{
	int32_t c;

	jp_utf8_decode(t->p, &c);
	return jp_is_letter(c) || (c >= '0' && c <= '9');
}

char *jp_text_unspace(const char *s)
{
	struct jp_buf b = JP_BUF_INIT;
	struct token *tok = NULL, *t;
	size_t ntok = 0, cap = 0, i, run;
	const char *p = s;
	char *r;

	while (*p) {
		int gap = 0;
		int32_t c;
		int n;

		while (*p && (n = jp_utf8_decode(p, &c)) && jp_is_space(c)) {
			gap += (c == '\n' || c == '\r') ? 2 : 1;
			p += n;
		}
		if (!*p)
			break;
		t = jp_array_grow(tok, ntok, &cap, sizeof(*tok));
		if (!t) {
			jp_free(tok);
			return NULL;
		}
		tok = t;
		tok[ntok].p = p;
		tok[ntok].gap = ntok ? gap : 0;
		tok[ntok].chars = 0;
		while (*p && (n = jp_utf8_decode(p, &c)) && !jp_is_space(c)) {
			p += n;
			tok[ntok].chars++;
		}
		tok[ntok].n = (size_t)(p - tok[ntok].p);
		ntok++;
	}
	run = 0;
	for (i = 0; i < ntok; i++) {
		/*
		 * Letter spacing: single characters one space apart.  Letters and
		 * digits join such a run; punctuation ("Б А Қ - т а ғ ы") joins
		 * only a run that already has two letters, so that "- 8 %" in a
		 * sentence stays as it is.
		 */
		bool join = false;

		if (i > 0 && tok[i].gap == 1 && tok[i].chars == 1 &&
		    tok[i - 1].chars == 1) {
			bool cur = tok_alnum(&tok[i]), prev = tok_alnum(&tok[i - 1]);

			join = (cur && prev) || (run >= 2 && (cur || prev));
		}
		if (i > 0 && !join)
			jp_buf_addc(&b, ' ');
		run = join ? run + 1 : (tok[i].chars == 1 && tok_alnum(&tok[i]));
		jp_buf_add(&b, tok[i].p, tok[i].n);
	}
	jp_free(tok);
	r = jp_buf_detach(&b);
	return r;
}
