/*
 * decree_text.c - the lines and words of a decree's text (see
 * decree_int.h): letter spacing undone, PDF breaks mended, tokens, what a
 * token looks like, and tokens joined back into text.
 */
#include "jp.h"
#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "text.h"
#include "decree_int.h"

#include <utf8proc.h>

char *dec_strndup(struct dctx *c, const char *s, size_t n)
{
	char *d = jp_arena_strndup(c->a, s, n);

	if (!d)
		c->oom = true;
	return d;
}

char *dec_strdup(struct dctx *c, const char *s)
{
	return dec_strndup(c, s ? s : "", s ? strlen(s) : 0);
}

/* Takes a string from jp_malloc into the arena (NULL: out of memory). */
static char *adopt(struct dctx *c, char *s)
{
	char *d;

	if (!s) {
		c->oom = true;
		return NULL;
	}
	d = dec_strdup(c, s);
	jp_free(s);
	return d;
}

/* Lower case, code point by code point (no normalisation is needed). */
static void lower_buf(struct jp_buf *b, const char *s)
{
	while (*s) {
		int32_t cp;
		int n = jp_utf8_decode(s, &cp);
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t k;

		k = utf8proc_encode_char(utf8proc_tolower(cp), enc);
		if (k > 0)
			jp_buf_add(b, enc, (size_t)k);
		s += n;
	}
}

char *dec_fold(struct dctx *c, const char *s)
{
	struct jp_buf b = JP_BUF_INIT;
	char *r;

	lower_buf(&b, s);
	if (jp_buf_oom(&b)) {
		jp_buf_release(&b);
		c->oom = true;
		return NULL;
	}
	r = dec_strdup(c, b.ptr);
	jp_buf_release(&b);
	return r;
}

/* Lower-cased copy of s into a fixed buffer; false when it does not fit. */
static bool lower_into(char *dst, size_t cap, const char *s, size_t n)
{
	size_t used = 0;
	const char *end = s + n;

	while (s < end && *s) {
		int32_t cp;
		int k = jp_utf8_decode(s, &cp);
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);

		if (m <= 0)
			m = 0;
		if (used + (size_t)m + 1 > cap)
			return false;
		memcpy(dst + used, enc, (size_t)m);
		used += (size_t)m;
		s += k;
	}
	dst[used] = '\0';
	return true;
}

static bool is_upper_cp(int32_t cp)
{
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static bool is_lower_cp(int32_t cp)
{
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Leading punctuation a word may carry; trailing punctuation too. */
static bool lead_punct(int32_t cp)
{
	return cp == '(' || cp == '"' || cp == 0xAB /* « */ || cp == 0x201C ||
	       cp == '\'' || cp == '[';
}

static bool trail_punct(int32_t cp)
{
	return cp == ',' || cp == ';' || cp == ':' || cp == '.' || cp == ')' ||
	       cp == '"' || cp == 0xBB /* » */ || cp == 0x201D || cp == '\'' ||
	       cp == ']' || cp == '!' || cp == '?';
}

size_t dec_strip(const char *s, const char **start)
{
	const char *p = s, *end, *q;
	int32_t cp;

	while (*p) {
		int n = jp_utf8_decode(p, &cp);

		if (!lead_punct(cp))
			break;
		p += n;
	}
	end = p;
	q = p;
	while (*q) {
		int n = jp_utf8_decode(q, &cp);

		q += n;
		if (!trail_punct(cp))
			end = q;
	}
	*start = p;
	return (size_t)(end - p);
}

bool dec_starts_lower(const char *s)
{
	while (*s) {
		int32_t cp;
		int n = jp_utf8_decode(s, &cp);

		if (jp_is_letter(cp))
			return is_lower_cp(cp);
		if (is_digit((int)cp))
			return false;
		s += n;
	}
	return false;
}

bool dec_starts_upper(const char *s)
{
	while (*s) {
		int32_t cp;
		int n = jp_utf8_decode(s, &cp);

		if (jp_is_letter(cp))
			return is_upper_cp(cp);
		if (is_digit((int)cp))
			return false;
		s += n;
	}
	return false;
}

/* ---- lines ---- */

/* Tokens of a line, split at white space: pointers into `s`. */
struct span {
	const char *p;
	size_t n;
	size_t chars;
	int gap;        /* spaces before it */
};

static size_t split_spans(const char *s, struct span *sp, size_t cap)
{
	size_t n = 0;
	const char *p = s;

	while (*p && n < cap) {
		int gap = 0;
		int32_t cp;
		int k;

		while (*p && (k = jp_utf8_decode(p, &cp)) && jp_is_space(cp)) {
			gap++;
			p += k;
		}
		if (!*p)
			break;
		sp[n].p = p;
		sp[n].gap = gap;
		sp[n].chars = 0;
		while (*p && (k = jp_utf8_decode(p, &cp)) && !jp_is_space(cp)) {
			p += k;
			sp[n].chars++;
		}
		sp[n].n = (size_t)(p - sp[n].p);
		n++;
	}
	return n;
}

/*
 * Whether a line is letter-spaced: two single letters one space apart
 * ("Б а ғ д а р л а м а", "І І М ,").  Single digits alone ("6 3 3 - -")
 * are money cells, not spacing.
 */
static bool letter_spaced(const char *raw)
{
	struct span sp[64];
	size_t n = split_spans(raw, sp, JP_ARRAY_LEN(sp));

	for (size_t i = 1; i < n; i++) {
		int32_t a, b;

		if (sp[i].gap != 1 || sp[i].chars != 1 || sp[i - 1].chars != 1)
			continue;
		jp_utf8_decode(sp[i - 1].p, &a);
		jp_utf8_decode(sp[i].p, &b);
		if (jp_is_letter(a) && jp_is_letter(b))
			return true;
	}
	return false;
}

/*
 * Letter spacing undone in a letter-spaced line: single characters one
 * space apart join, whatever they are ("% - д ы ," -> "%-ды,"); a wider
 * gap is a word gap.  (jp_text_unspace is more careful with punctuation,
 * which a line that is spaced as a whole does not need.)
 */
static char *unspace_line(const char *raw)
{
	struct span sp[512];
	struct jp_buf b = JP_BUF_INIT;
	size_t n = split_spans(raw, sp, JP_ARRAY_LEN(sp));

	for (size_t i = 0; i < n; i++) {
		bool join = i > 0 && sp[i].gap == 1 && sp[i].chars == 1 &&
			    sp[i - 1].chars == 1;

		if (i > 0 && !join)
			jp_buf_addc(&b, ' ');
		jp_buf_add(&b, sp[i].p, sp[i].n);
	}
	if (jp_buf_oom(&b)) {
		jp_buf_release(&b);
		return NULL;
	}
	return jp_buf_detach(&b);
}

/* "2 0 1 4" (four single digits) as a year, or 0. */
static int spaced_year(const char *text)
{
	int y = 0;

	for (int i = 0; i < 4; i++) {
		if (!is_digit(text[2 * i]) || (i < 3 && text[2 * i + 1] != ' '))
			return 0;
		y = y * 10 + (text[2 * i] - '0');
	}
	if (text[7] != '\0')
		return 0;
	return y >= DEC_YEAR_MIN && y <= DEC_YEAR_MAX ? y : 0;
}

/*
 * Small repairs inside one normalised line: a hyphen spaced from the word
 * before it ("сот -наркологиялық"), punctuation spaced from its word.
 */
static char *repair_line(struct dctx *c, const char *text)
{
	struct jp_buf b = JP_BUF_INIT;
	struct span sp[512];
	size_t n = split_spans(text, sp, JP_ARRAY_LEN(sp));
	char *r;

	for (size_t i = 0; i < n; i++) {
		bool glue = false;

		if (i > 0 && sp[i].n > 1 && sp[i].p[0] == '-') {
			int32_t next, prev;
			const char *q = sp[i - 1].p + sp[i - 1].n;

			jp_utf8_decode(sp[i].p + 1, &next);
			/* the last code point of the previous token */
			do
				q--;
			while (q > sp[i - 1].p && ((unsigned char)*q & 0xC0) == 0x80);
			jp_utf8_decode(q, &prev);
			glue = jp_is_letter(next) && is_lower_cp(next) &&
			       (jp_is_letter(prev) || is_digit((int)prev));
		}
		/* a comma spaced from its word: "дейін , 2020" */
		if (i > 0 && (sp[i].p[0] == ',' || sp[i].p[0] == ';' ||
			      (sp[i].p[0] == '.' && sp[i].n == 1)))
			glue = true;
		if (i > 0 && !glue)
			jp_buf_addc(&b, ' ');
		jp_buf_add(&b, sp[i].p, sp[i].n);
	}
	if (jp_buf_oom(&b)) {
		jp_buf_release(&b);
		c->oom = true;
		return NULL;
	}
	r = dec_strdup(c, b.ptr);
	jp_buf_release(&b);
	return r;
}

static int add_line(struct dctx *c, size_t *cap, int no, const char *p,
		    size_t n)
{
	struct dline *l;
	const char *q;
	char *raw;

	struct dline *v = jp_arena_grow(c->a, c->lines, c->nlines, cap, sizeof(*v));

	if (!v)
		return JP_ERROR;
	c->lines = v;
	if (n && p[n - 1] == '\r')
		n--;
	if (n > DEC_MAX_LINE_BYTES) {
		n = DEC_MAX_LINE_BYTES;
		while (n && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;    /* cut on a character boundary */
	}
	raw = jp_arena_strndup(c->a, p, n);
	if (!raw)
		return JP_ERROR;
	/* control characters other than tab would only confuse what follows */
	for (char *s = raw; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t')
			*s = ' ';
	l = &c->lines[c->nlines++];
	memset(l, 0, sizeof(*l));
	l->no = no;
	l->raw = raw;
	for (q = raw; *q == ' ' || *q == '\t'; q++)
		l->indent++;
	l->blank = *q == '\0';
	l->trail = n > 0 && (raw[n - 1] == ' ' || raw[n - 1] == '\t');
	return 0;
}

int dec_lines(struct dctx *c, const char *text, size_t len)
{
	size_t cap = 0, start = 0;
	int no = 1;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n' && text[i] != '\f')
			continue;
		if (add_line(c, &cap, no, text + start, i - start) < 0)
			return JP_ERROR;
		if (i < len && text[i] == '\f') {
			/* a form feed is a page break: two blank lines */
			if (add_line(c, &cap, no, "", 0) < 0 ||
			    add_line(c, &cap, no, "", 0) < 0)
				return JP_ERROR;
		} else {
			no++;
		}
		start = i + 1;
	}
	/* the text after the last line end, if empty, is no line */
	if (c->nlines > 1 && c->lines[c->nlines - 1].blank && len &&
	    text[len - 1] == '\n')
		c->nlines--;
	for (size_t i = 0; i < c->nlines; i++) {
		struct dline *l = &c->lines[i];
		char *t;

		l->spaced = !l->blank && letter_spaced(l->raw);
		t = adopt(c, l->spaced ? unspace_line(l->raw) : jp_text_squeeze(l->raw));
		if (!t)
			return JP_ERROR;
		l->text = t;
	}
	for (size_t i = 0; i < c->nlines; i++) {
		struct dline *l = &c->lines[i];
		size_t n;
		int y;

		if (l->blank)
			continue;
		/*
		 * "2 0 1 4" alone on a line is a letter-spaced year: four money
		 * cells would not print a bare "0".
		 */
		y = spaced_year(l->text);
		if (y) {
			char buf[8];

			snprintf(buf, sizeof(buf), "%d", y);
			l->text = dec_strdup(c, buf);
		}
		l->text = repair_line(c, l->text);
		if (!l->text)
			return JP_ERROR;
		n = strlen(l->text);
		l->hyjoin = !l->trail && n > 1 && l->text[n - 1] == '-' &&
			    l->text[n - 2] != ' ';
	}
	return c->oom ? JP_ERROR : 0;
}

bool dec_line_is_pagebreak(const struct dctx *c, size_t li)
{
	/* two blank lines or more in a row: the end of a page */
	if (li >= c->nlines || !c->lines[li].blank)
		return false;
	return (li + 1 < c->nlines && c->lines[li + 1].blank) ||
	       (li > 0 && c->lines[li - 1].blank);
}

/* ---- vocabulary: the words of the text, to mend words broken by the PDF ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int dec_vocab(struct dctx *c)
{
	size_t cap = 0, n = 0;
	const char **v = NULL, **nv;

	for (size_t i = 0; i < c->nlines; i++) {
		struct span sp[512];
		size_t k;

		if (c->lines[i].blank)
			continue;
		k = split_spans(c->lines[i].text, sp, JP_ARRAY_LEN(sp));
		for (size_t j = 0; j < k; j++) {
			char low[256], tmp[256];
			const char *st;
			size_t m;

			if (sp[j].n >= sizeof(tmp))
				continue;
			memcpy(tmp, sp[j].p, sp[j].n);
			tmp[sp[j].n] = '\0';
			m = dec_strip(tmp, &st);
			if (m < 2 || !lower_into(low, sizeof(low), st, m))
				continue;
			nv = jp_arena_grow(c->a, v, n, &cap, sizeof(*nv));
			if (!nv)
				return JP_ERROR;
			v = nv;
			if (!(v[n++] = dec_strdup(c, low)))
				return JP_ERROR;
		}
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	c->nvocab = 0;
	for (size_t i = 0; i < n; i++)
		if (!c->nvocab || strcmp(v[c->nvocab - 1], v[i]))
			v[c->nvocab++] = v[i];
	c->vocab = v;
	return 0;
}

static bool in_vocab(const struct dctx *c, const char *folded, bool prefix)
{
	size_t lo = 0, hi = c->nvocab, n = strlen(folded);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(c->vocab[mid], folded) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= c->nvocab)
		return false;
	if (!strcmp(c->vocab[lo], folded))
		return true;
	return prefix && !strncmp(c->vocab[lo], folded, n);
}

/* Whether the token starts with Cyrillic small і (U+0456). */
static bool starts_with_i(const char *s)
{
	return (unsigned char)s[0] == 0xD1 && (unsigned char)s[1] == 0x96;
}

static size_t letters_in(const char *s, size_t n)
{
	size_t k = 0;
	const char *end = s + n;

	while (s < end) {
		int32_t cp;

		s += jp_utf8_decode(s, &cp);
		if (jp_is_letter(cp))
			k++;
	}
	return k;
}

/*
 * Whether "a і…" is one word the PDF broke before its "і" ("келіс ім",
 * "нег іздерін", "мониторинг і", "б ірыңғай"): the second part is a lone
 * "і", or the first is a single letter, or the joined word occurs
 * elsewhere in the text (whole, or as the start of a longer word).
 */
static bool broken_before_i(const struct dctx *c, const struct span *a,
			    const struct span *b)
{
	char joined[256], low[256];
	const char *st;
	size_t na, nb, m;
	int32_t last;
	const char *q;

	if (!starts_with_i(b->p) || a->n + b->n >= sizeof(joined))
		return false;
	/* a must end with a lower-case letter */
	q = a->p + a->n;
	do
		q--;
	while (q > a->p && ((unsigned char)*q & 0xC0) == 0x80);
	jp_utf8_decode(q, &last);
	if (!is_lower_cp(last))
		return false;
	memcpy(joined, a->p, a->n);
	joined[a->n] = '\0';
	na = dec_strip(joined, &st);
	if (st != joined || na != a->n)
		return false;   /* punctuation between the parts */
	memcpy(joined + a->n, b->p, b->n);
	joined[a->n + b->n] = '\0';
	nb = letters_in(b->p, b->n);
	if (nb == 1)
		return true;
	if (a->chars == 1)
		return true;
	m = dec_strip(joined, &st);
	if (!lower_into(low, sizeof(low), st, m) || letters_in(st, m) < DEC_MEND_LETTERS_MIN)
		return false;
	return in_vocab(c, low, true);
}

static char *mend(struct dctx *c, const char *text)
{
	struct span sp[512];
	struct jp_buf b = JP_BUF_INIT;
	size_t n = split_spans(text, sp, JP_ARRAY_LEN(sp));
	bool changed = false;
	char *r = (char *)text;

	for (size_t j = 0; j < n; j++) {
		if (j > 0) {
			if (broken_before_i(c, &sp[j - 1], &sp[j]))
				changed = true;
			else
				jp_buf_addc(&b, ' ');
		}
		jp_buf_add(&b, sp[j].p, sp[j].n);
	}
	if (jp_buf_oom(&b))
		c->oom = true;
	else if (changed)
		r = dec_strdup(c, b.ptr);
	jp_buf_release(&b);
	return r;
}

void dec_mend_lines(struct dctx *c)
{
	for (size_t i = 0; i < c->nlines; i++)
		if (!c->lines[i].blank)
			c->lines[i].text = mend(c, c->lines[i].text);
}

char *dec_normalize(struct dctx *c, const char *s)
{
	char *t = adopt(c, letter_spaced(s) ? unspace_line(s) : jp_text_squeeze(s));

	if (!t)
		return NULL;
	t = repair_line(c, t);
	return t ? mend(c, t) : NULL;
}

/* ---- tokens ---- */

int dec_toks_push(struct dctx *c, struct dtoks *t, const struct dtok *k)
{
	struct dtok *v = jp_arena_grow(c->a, t->v, t->n, &t->cap, sizeof(*v));

	if (!v) {
		c->oom = true;
		return JP_ERROR;
	}
	t->v = v;
	t->v[t->n++] = *k;
	return 0;
}

int dec_tokenize_line(struct dctx *c, size_t li, int block, struct dtoks *out)
{
	const char *p = c->lines[li].text;
	size_t first = out->n;

	while (*p) {
		const char *q;
		struct dtok k;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		q = p;
		while (*q && *q != ' ')
			q++;
		memset(&k, 0, sizeof(k));
		k.s = dec_strndup(c, p, (size_t)(q - p));
		if (!k.s)
			return JP_ERROR;
		k.line = (int)li;
		k.block = block;
		if (dec_toks_push(c, out, &k) < 0)
			return JP_ERROR;
		p = q;
	}
	if (out->n > first) {
		out->v[first].bol = true;
		out->v[out->n - 1].eol = true;
	}
	return 0;
}

/* Whether two tokens printed on different lines join without a space. */
static bool glue_lines(const struct dctx *c, const struct dtok *a,
		       const struct dtok *b)
{
	size_t n = strlen(a->s);
	int32_t cp;

	if (c->lines[a->line].hyjoin && a->eol && n > 1 && a->s[n - 1] == '-')
		return true;
	if (a->s[n - 1] == '(' || !strcmp(a->s, "\"") ||
	    (n >= 2 && !strcmp(a->s + n - 2, "\xC2\xAB")) /* « */)
		return true;
	jp_utf8_decode(b->s, &cp);
	if (cp == ',' || cp == ';' || cp == ')' || cp == '.' || cp == ':' ||
	    cp == 0xBB /* » */ || cp == 0x201D)
		return true;
	if (cp == '-' && b->s[1] && b->s[1] != ' ')
		return true;    /* "-тоқсан" at the start of a line */
	return false;
}

/*
 * "4 -" at the end of a line, a word on the next ("тоқсан"): the letter
 * spacing of "4-тоқсан", wherever the next line was printed.
 */
static bool spaced_hyphen(const struct dctx *c, const struct dtok *t, size_t i)
{
	int32_t x, next;

	if (i < 2 || strcmp(t[i - 1].s, "-") || !t[i - 1].eol ||
	    t[i - 2].line != t[i - 1].line || c->lines[t[i - 1].line].trail ||
	    jp_utf8_len(t[i - 2].s) != 1)
		return false;
	jp_utf8_decode(t[i - 2].s, &x);
	jp_utf8_decode(t[i].s, &next);
	return (jp_is_letter(x) || is_digit((int)x)) && jp_is_letter(next);
}

char *dec_join(struct dctx *c, const struct dtok *t, size_t n)
{
	struct jp_buf b = JP_BUF_INIT;
	char *r;

	for (size_t i = 0; i < n; i++) {
		if (i > 0) {
			bool newline = t[i].line != t[i - 1].line;

			if (newline && spaced_hyphen(c, t, i)) {
				/* "4 -" + "тоқсан" -> "4-тоқсан" */
				jp_buf_truncate(&b, b.len - 2);
				jp_buf_addc(&b, '-');
			} else if (!newline || !glue_lines(c, &t[i - 1], &t[i])) {
				jp_buf_addc(&b, ' ');
			}
		}
		jp_buf_adds(&b, t[i].s);
	}
	if (jp_buf_oom(&b)) {
		jp_buf_release(&b);
		c->oom = true;
		return NULL;
	}
	r = dec_strdup(c, b.ptr);
	jp_buf_release(&b);
	return r;
}

/* ---- what a token looks like ---- */

static const char *const flag_words[] = { "келісім", "бойынша", "жинақтау", "келіс" };

bool dec_is_flag_word(const char *tok)
{
	char low[64];
	const char *st;
	size_t n = dec_strip(tok, &st);

	if (!n || !lower_into(low, sizeof(low), st, n))
		return false;
	for (size_t i = 0; i < JP_ARRAY_LEN(flag_words); i++)
		if (!strcmp(low, flag_words[i]))
			return true;
	return false;
}

bool dec_is_agency(const struct dctx *c, const char *tok)
{
	char core[128];
	const char *st, *p;
	size_t n = dec_strip(tok, &st), letters = 0, upper = 0;
	bool cyr = false;

	if (!n || n >= sizeof(core))
		return false;
	memcpy(core, st, n);
	core[n] = '\0';
	for (size_t i = 0; i < c->nabbrs; i++)
		if (!strcmp(c->abbrs[i], core))
			return true;
	for (p = core; *p;) {
		int32_t cp;

		p += jp_utf8_decode(p, &cp);
		if (!jp_is_letter(cp))
			return false;
		letters++;
		if (is_upper_cp(cp))
			upper++;
		if (cp >= 0x400 && cp <= 0x4FF)
			cyr = true;
	}
	if (!cyr)
		return false;
	/* "Қаржымині", "Әділетмині": a ministry's short name */
	if (letters >= DEC_MINISTRY_LETTERS_MIN && n > 8 && !strcmp(core + n - 8, "мині") &&
	    dec_starts_upper(core))
		return true;
	return upper == letters && letters >= DEC_AGENCY_CAPS_MIN && letters <= DEC_AGENCY_CAPS_MAX;
}

bool dec_is_money_amount(const char *tok)
{
	const char *p = tok;
	size_t digits = 0;

	while (is_digit(*p)) {
		p++;
		digits++;
	}
	if (!digits || digits > DEC_AMOUNT_DIGITS_MAX)
		return false;
	if (*p == ',' || *p == '.') {
		size_t frac = 0;

		p++;
		while (is_digit(*p)) {
			p++;
			frac++;
		}
		if (!frac || frac > DEC_AMOUNT_FRAC_MAX)
			return false;
	}
	return *p == '\0';
}

bool dec_is_dash(const char *tok)
{
	return jp_money_is_dash(tok);
}

bool dec_is_source(const char *tok)
{
	size_t letters = 0;
	int32_t cp = 0, last = 0;
	const char *p = tok;

	while (*p) {
		p += jp_utf8_decode(p, &cp);
		if (!is_upper_cp(cp) || cp < 0x400 || cp > 0x4FF)
			return false;
		letters++;
		last = cp;
	}
	return letters >= 2 && letters <= 3 && last == 0x411; /* Б */
}

bool dec_is_program(const char *tok)
{
	return is_digit(tok[0]) && is_digit(tok[1]) && is_digit(tok[2]) &&
	       tok[3] == '\0';
}

int dec_year_of(const char *tok)
{
	const char *p = tok;
	int y = 0;

	if (*p == '(')
		p++;
	for (int i = 0; i < 4; i++) {
		if (!is_digit(p[i]))
			return 0;
		y = y * 10 + (p[i] - '0');
	}
	if (is_digit(p[4]))
		return 0;
	return y >= DEC_YEAR_MIN && y <= DEC_YEAR_MAX ? y : 0;
}

/* Lower-cased core of a token without punctuation or leading numbers. */
static bool word_core(const char *tok, char *low, size_t cap)
{
	const char *st;
	size_t n = dec_strip(tok, &st);

	while (n && (is_digit(*st) || *st == '-')) {
		st++;
		n--;
	}
	return lower_into(low, cap, st, n);
}

bool dec_is_deadline_start(const struct dtok *t, size_t n, size_t i)
{
	char low[64];

	if (dec_year_of(t[i].s))
		return true;
	if (!word_core(t[i].s, low, sizeof(low)) || strcmp(low, "жыл"))
		return false;
	return i + 1 < n && word_core(t[i + 1].s, low, sizeof(low)) &&
	       !strcmp(low, "сайын");
}

static const char *const month_stems[] = {
	"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
	"шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"
};

int dec_month_of(const char *word)
{
	char low[64];

	if (!word_core(word, low, sizeof(low)))
		return 0;
	/* желтоқсан before тоқсан-like prefixes: compare whole stems */
	for (size_t i = 0; i < JP_ARRAY_LEN(month_stems); i++)
		if (!strncmp(low, month_stems[i], strlen(month_stems[i])))
			return (int)i + 1;
	return 0;
}

/*
 * "жыл" and its case forms, not "жылдам" or "жылу": the forms a deadline
 * or an indicator uses.
 */
static bool year_word(const char *low)
{
	static const char *const ends[] = {
		"", "ы", "ғы", "ға", "да", "дан", "дың", "дар", "дары", "дардың",
		"дарға", "дарда", "дардан", "дарын", "-", "дар-"
	};

	if (strncmp(low, "жыл", strlen("жыл")))
		return false;
	for (size_t i = 0; i < JP_ARRAY_LEN(ends); i++)
		if (!strcmp(low + strlen("жыл"), ends[i]))
			return true;
	return false;
}

/* Words of a deadline that are whole words, not stems. */
static bool exact_date_word(const char *low)
{
	return !strcmp(low, "сайын") || !strcmp(low, "бастап") ||
	       !strcmp(low, "кешіктірмей");
}

bool dec_is_date_word(const char *tok)
{
	char low[64];
	const char *st;
	size_t n = dec_strip(tok, &st);

	if (!n)
		return false;
	if (is_digit(*st) || (*st == '-' && n > 1 && is_digit(st[1])))
		return true;    /* a year, a quarter, a day */
	if (!word_core(tok, low, sizeof(low)) || !low[0])
		return false;
	return dec_month_of(low) || year_word(low) || exact_date_word(low) ||
	       !strncmp(low, "тоқсан", strlen("тоқсан"));
}

bool dec_is_deadline_word(const char *tok)
{
	static const char *const stems[] = {
		"тоқсан", "бірінші", "екінші", "үшінші", "төртінші"
	};
	static const char *const words[] = { "және", "дейін", "ек", "інші" };
	char low[64];

	if (dec_is_dash(tok) || !strcmp(tok, ";") || !strcmp(tok, ","))
		return true;
	if (!word_core(tok, low, sizeof(low)))
		return false;
	if (!low[0])
		return true;    /* a number, a range of years */
	if (dec_month_of(low) || year_word(low) || exact_date_word(low))
		return true;
	for (size_t i = 0; i < JP_ARRAY_LEN(stems); i++)
		if (!strncmp(low, stems[i], strlen(stems[i])))
			return true;
	for (size_t i = 0; i < JP_ARRAY_LEN(words); i++)
		if (!strcmp(low, words[i]))
			return true;
	return false;
}

/*
 * Cuts an incomplete UTF-8 sequence off the end of s: messages cut to a
 * buffer's size (a quoted deadline, say) may end inside a character.
 */
static void utf8_trim(char *s)
{
	size_t n = strlen(s), start = n;

	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80 && n - start < 3)
		start--;
	if (start > 0 && (unsigned char)s[start - 1] >= 0xC0) {
		unsigned char lead = (unsigned char)s[start - 1];
		size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;

		if (n - (start - 1) < want)
			s[start - 1] = '\0';
	}
}

bool dec_has_flag(const struct dctx *c, const char *pointer)
{
	for (size_t i = 0; i < c->nflags; i++)
		if (!strcmp(c->flags[i].pointer, pointer))
			return true;
	return false;
}

void dec_flag(struct dctx *c, const char *pointer, int confidence, int l0,
	      int l1, const char *fmt, ...)
{
	char why[512];
	va_list ap;
	struct dflag *f;

	/*
	 * One flag per field: the least confident wins, reasons are kept.  A
	 * field is flagged again only while its row or section is read, so
	 * the last flags are the ones to look at.
	 */
	for (size_t i = c->nflags > DEC_FLAG_LOOKBACK ? c->nflags - DEC_FLAG_LOOKBACK : 0;
	     i < c->nflags; i++) {
		f = &c->flags[i];
		if (strcmp(f->pointer, pointer))
			continue;
		va_start(ap, fmt);
		vsnprintf(why, sizeof(why), fmt, ap);
		va_end(ap);
		utf8_trim(why);
		if (confidence > f->confidence)
			f->confidence = confidence;
		if (!strstr(f->why, why)) {
			struct jp_buf b = JP_BUF_INIT;
			char *more;

			jp_buf_addf(&b, "%s; %s", f->why, why);
			if (b.len > DEC_FLAG_WHY_MAX) {
				jp_buf_truncate(&b, DEC_FLAG_WHY_MAX);
				utf8_trim(b.ptr);
			}
			more = jp_buf_oom(&b) ? NULL : dec_strdup(c, b.ptr);
			if (more)
				f->why = more;
			else
				c->oom = true;
			jp_buf_release(&b);
		}
		if (l0 && (!f->lines[0] || l0 < f->lines[0]))
			f->lines[0] = l0;
		if (l1 > f->lines[1])
			f->lines[1] = l1;
		return;
	}
	f = jp_arena_grow(c->a, c->flags, c->nflags, &c->capflags, sizeof(*f));
	if (!f) {
		c->oom = true;
		return;
	}
	c->flags = f;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	utf8_trim(why);
	f = &c->flags[c->nflags];
	f->pointer = dec_strdup(c, pointer);
	f->why = dec_strdup(c, why);
	if (!f->pointer || !f->why)
		return;         /* out of memory: c->oom says so */
	f->confidence = confidence;
	f->lines[0] = l0;
	f->lines[1] = l1 ? l1 : l0;
	c->nflags++;
}
