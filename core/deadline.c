/*
 * deadline.c - the deadline grammar (docs/deadlines.md).
 *
 * The text is cut into tokens: numbers, words (case-folded), and the
 * punctuation that matters (- , ; ( ) :).  Words are recognised through a
 * small lexicon of Kazakh, Russian and English stems, so inflected forms
 * ("тоқсаннан", "жылдардың", "ақпаннан", "квартала") need no list of their
 * own.  The parser fills terms; each term is then resolved into dates in the
 * plan's window.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "deadline.h"

#define MAX_TOKENS 256
#define MAX_TERMS 16

enum tok_kind { T_NUM, T_WORD, T_DASH, T_COMMA, T_SEMI, T_LPAREN, T_RPAREN, T_COLON, T_DOT };

enum word_kind {
	W_UNKNOWN,
	W_YEAR,       /* жыл, жылғы, жылдар, год, years */
	W_QUARTER,    /* тоқсан, квартал, quarter, Q */
	W_ANNUAL,     /* ежегодно, annually (жыл сайын is two words) */
	W_EACH,       /* сайын, every, each */
	W_MONTH,      /* a month name; value = 1..12 */
	W_ORDINAL,    /* екінші, второй, second; value = 1..4 */
	W_FROM,       /* бастап, начиная, from */
	W_NOISE,      /* кешіктірмей, не, позднее, no, later, than, and, и, с */
	W_SUFFIX      /* st, nd, rd, th after a number */
};

struct tok {
	enum tok_kind kind;
	enum word_kind wk;
	int value;          /* number, month or ordinal */
	const char *p;      /* in the original text */
	size_t n;
	size_t pos;         /* character position, 1-based */
};

struct lex {
	const char *stem;
	enum word_kind kind;
	int value;
	bool exact;         /* the whole word, not a stem */
};

/* Longest stems first where one is a prefix of another (март before ма). */
static const struct lex lexicon[] = {
	/* Kazakh */
	{ "жыл", W_YEAR, 0, false },
	{ "тоқсан", W_QUARTER, 0, false },
	{ "сайын", W_EACH, 0, false },
	{ "бастап", W_FROM, 0, false },
	{ "кешіктірмей", W_NOISE, 0, false },
	{ "және", W_NOISE, 0, true },
	{ "дейін", W_NOISE, 0, true },
	{ "қаңтар", W_MONTH, 1, false },
	{ "ақпан", W_MONTH, 2, false },
	{ "наурыз", W_MONTH, 3, false },
	{ "сәуір", W_MONTH, 4, false },
	{ "мамыр", W_MONTH, 5, false },
	{ "маусым", W_MONTH, 6, false },
	{ "шілде", W_MONTH, 7, false },
	{ "тамыз", W_MONTH, 8, false },
	{ "қыркүйек", W_MONTH, 9, false },
	{ "қазан", W_MONTH, 10, false },
	{ "қараша", W_MONTH, 11, false },
	{ "желтоқсан", W_MONTH, 12, false },
	{ "бірінші", W_ORDINAL, 1, false },
	{ "екінші", W_ORDINAL, 2, false },
	{ "үшінші", W_ORDINAL, 3, false },
	{ "төртінші", W_ORDINAL, 4, false },
	/* Russian */
	{ "ежегодн", W_ANNUAL, 0, false },
	{ "год", W_YEAR, 0, false },
	{ "гг", W_YEAR, 0, true },
	{ "г", W_YEAR, 0, true },
	{ "квартал", W_QUARTER, 0, false },
	{ "начиная", W_FROM, 0, true },
	{ "не", W_NOISE, 0, true },
	{ "позднее", W_NOISE, 0, true },
	{ "позже", W_NOISE, 0, true },
	{ "до", W_NOISE, 0, true },
	{ "в", W_NOISE, 0, true },
	{ "во", W_NOISE, 0, true },
	{ "и", W_NOISE, 0, true },
	{ "с", W_NOISE, 0, true },
	{ "со", W_NOISE, 0, true },
	{ "январ", W_MONTH, 1, false },
	{ "феврал", W_MONTH, 2, false },
	{ "март", W_MONTH, 3, false },
	{ "апрел", W_MONTH, 4, false },
	{ "мая", W_MONTH, 5, true },
	{ "май", W_MONTH, 5, true },
	{ "июн", W_MONTH, 6, false },
	{ "июл", W_MONTH, 7, false },
	{ "август", W_MONTH, 8, false },
	{ "сентябр", W_MONTH, 9, false },
	{ "октябр", W_MONTH, 10, false },
	{ "ноябр", W_MONTH, 11, false },
	{ "декабр", W_MONTH, 12, false },
	{ "перв", W_ORDINAL, 1, false },
	{ "втор", W_ORDINAL, 2, false },
	{ "трет", W_ORDINAL, 3, false },
	{ "четверт", W_ORDINAL, 4, false },
	{ "четвёрт", W_ORDINAL, 4, false },
	/* English */
	{ "annually", W_ANNUAL, 0, true },
	{ "yearly", W_ANNUAL, 0, true },
	{ "every", W_EACH, 0, true },
	{ "each", W_EACH, 0, true },
	{ "year", W_YEAR, 0, true },
	{ "years", W_YEAR, 0, true },
	{ "quarter", W_QUARTER, 0, true },
	{ "quarters", W_QUARTER, 0, true },
	{ "q", W_QUARTER, 0, true },
	{ "from", W_FROM, 0, true },
	{ "starting", W_FROM, 0, true },
	{ "beginning", W_FROM, 0, true },
	{ "since", W_FROM, 0, true },
	{ "no", W_NOISE, 0, true },
	{ "not", W_NOISE, 0, true },
	{ "later", W_NOISE, 0, true },
	{ "than", W_NOISE, 0, true },
	{ "by", W_NOISE, 0, true },
	{ "and", W_NOISE, 0, true },
	{ "of", W_NOISE, 0, true },
	{ "in", W_NOISE, 0, true },
	{ "the", W_NOISE, 0, true },
	{ "on", W_NOISE, 0, true },
	{ "with", W_NOISE, 0, true },
	{ "january", W_MONTH, 1, true }, { "jan", W_MONTH, 1, true },
	{ "february", W_MONTH, 2, true }, { "feb", W_MONTH, 2, true },
	{ "march", W_MONTH, 3, true }, { "mar", W_MONTH, 3, true },
	{ "april", W_MONTH, 4, true }, { "apr", W_MONTH, 4, true },
	{ "may", W_MONTH, 5, true },
	{ "june", W_MONTH, 6, true }, { "jun", W_MONTH, 6, true },
	{ "july", W_MONTH, 7, true }, { "jul", W_MONTH, 7, true },
	{ "august", W_MONTH, 8, true }, { "aug", W_MONTH, 8, true },
	{ "september", W_MONTH, 9, true }, { "sep", W_MONTH, 9, true },
	{ "october", W_MONTH, 10, true }, { "oct", W_MONTH, 10, true },
	{ "november", W_MONTH, 11, true }, { "nov", W_MONTH, 11, true },
	{ "december", W_MONTH, 12, true }, { "dec", W_MONTH, 12, true },
	{ "first", W_ORDINAL, 1, true },
	{ "second", W_ORDINAL, 2, true },
	{ "third", W_ORDINAL, 3, true },
	{ "fourth", W_ORDINAL, 4, true },
	{ "st", W_SUFFIX, 0, true },
	{ "nd", W_SUFFIX, 0, true },
	{ "rd", W_SUFFIX, 0, true },
	{ "th", W_SUFFIX, 0, true },
};

static const struct lex *lookup(const char *folded)
{
	const struct lex *best = NULL;
	size_t bestlen = 0;

	for (size_t i = 0; i < JP_ARRAY_LEN(lexicon); i++) {
		const struct lex *l = &lexicon[i];
		size_t n = strlen(l->stem);

		if (l->exact ? strcmp(folded, l->stem) != 0
			     : strncmp(folded, l->stem, n) != 0)
			continue;
		if (n > bestlen) {
			best = l;
			bestlen = n;
		}
	}
	return best;
}

struct parser {
	const char *text;
	struct tok tok[MAX_TOKENS];
	size_t ntok, i;
	struct jp_deadline_term term[MAX_TERMS];
	size_t nterm;
	struct jp_error *err;
};

static int fail(struct parser *ps, size_t pos, const char *what, const char *p,
		size_t n)
{
	if (p)
		return jp_error_set(ps->err, JP_EINVALID,
				    "cannot read deadline '%s': %s '%.*s' at character %zu",
				    ps->text, what, (int)n, p, pos);
	return jp_error_set(ps->err, JP_EINVALID,
			    "cannot read deadline '%s': %s at character %zu",
			    ps->text, what, pos);
}

static int tokenize(struct parser *ps)
{
	const char *s = ps->text;
	size_t pos = 1;

	while (*s) {
		struct tok *t;
		int32_t c;
		int n = jp_utf8_decode(s, &c);

		if (jp_is_space(c)) {
			s += n;
			pos++;
			continue;
		}
		if (ps->ntok == MAX_TOKENS)
			return fail(ps, pos, "text too long", NULL, 0);
		t = &ps->tok[ps->ntok];
		memset(t, 0, sizeof(*t));
		t->p = s;
		t->pos = pos;
		if (c >= '0' && c <= '9') {
			long v = 0;

			while (*s >= '0' && *s <= '9') {
				if (v < 100000)
					v = v * 10 + (*s - '0');
				s++;
				pos++;
			}
			t->kind = T_NUM;
			t->value = (int)v;
		} else if (jp_is_letter(c)) {
			char word[64];
			char *folded;
			const struct lex *l;

			while (*s && (n = jp_utf8_decode(s, &c)) && jp_is_letter(c)) {
				s += n;
				pos++;
			}
			t->kind = T_WORD;
			t->n = (size_t)(s - t->p);
			if (t->n >= sizeof(word))
				return fail(ps, t->pos, "word too long", t->p, 20);
			memcpy(word, t->p, t->n);
			word[t->n] = '\0';
			folded = jp_text_fold(word);
			if (!folded)
				return jp_error_set(ps->err, JP_ERROR, "out of memory");
			l = lookup(folded);
			jp_free(folded);
			t->wk = l ? l->kind : W_UNKNOWN;
			t->value = l ? l->value : 0;
			ps->ntok++;
			continue;
		} else {
			switch (c) {
			case '-': case 0x2010: case 0x2011: case 0x2012:
			case 0x2013: case 0x2014: case 0x2212:
				t->kind = T_DASH; break;
			case ',': t->kind = T_COMMA; break;
			case ';': t->kind = T_SEMI; break;
			case '(': t->kind = T_LPAREN; break;
			case ')': t->kind = T_RPAREN; break;
			case ':': t->kind = T_COLON; break;
			case '.': t->kind = T_DOT; break;
			default:
				return fail(ps, pos, "unexpected character", s, (size_t)n);
			}
			s += n;
			pos++;
		}
		t->n = (size_t)(s - t->p);
		ps->ntok++;
	}
	return 0;
}

static struct tok *peek(struct parser *ps, size_t k)
{
	return ps->i + k < ps->ntok ? &ps->tok[ps->i + k] : NULL;
}

static bool is_word(const struct tok *t, enum word_kind wk)
{
	return t && t->kind == T_WORD && t->wk == wk;
}

static bool is_kind(const struct tok *t, enum tok_kind k)
{
	return t && t->kind == k;
}

static bool term_empty(const struct jp_deadline_term *t)
{
	return !t->annual && !t->y0 && !t->q0 && !t->nday && !t->from_y;
}

static struct jp_deadline_term *cur(struct parser *ps)
{
	return &ps->term[ps->nterm - 1];
}

/* Closes the current term (if it has anything) and opens a new one. */
static int new_term(struct parser *ps, size_t pos)
{
	if (ps->nterm && term_empty(cur(ps)) && !cur(ps)->label) {
		cur(ps)->pos = pos;
		return 0;
	}
	if (ps->nterm == MAX_TERMS)
		return fail(ps, pos, "too many terms", NULL, 0);
	memset(&ps->term[ps->nterm], 0, sizeof(ps->term[0]));
	ps->term[ps->nterm].pos = pos;
	ps->nterm++;
	return 0;
}

static int set_years(struct parser *ps, int y0, int y1, size_t pos)
{
	int rc;

	if (y0 < 1900 || y1 < y0 || y1 > 2999)
		return fail(ps, pos, "invalid year range", NULL, 0);
	if (cur(ps)->y0 || cur(ps)->label) {
		if ((rc = new_term(ps, pos)) < 0)
			return rc;
	}
	cur(ps)->y0 = y0;
	cur(ps)->y1 = y1;
	return 0;
}

static int set_quarters(struct parser *ps, int q0, int q1, size_t pos)
{
	int rc;

	if (q0 < 1 || q1 > 4 || q1 < q0)
		return fail(ps, pos, "invalid quarter", NULL, 0);
	if (cur(ps)->q0 || cur(ps)->label) {
		if ((rc = new_term(ps, pos)) < 0)
			return rc;
	}
	cur(ps)->q0 = q0;
	cur(ps)->q1 = q1;
	return 0;
}

static int add_day(struct parser *ps, int m, int d, size_t pos)
{
	struct jp_deadline_term *t = cur(ps);

	if (d < 1 || d > jp_date_days_in_month(2000, m))
		return fail(ps, pos, "invalid day of month", NULL, 0);
	if (t->nday == (int)JP_ARRAY_LEN(t->day))
		return fail(ps, pos, "too many dates", NULL, 0);
	t->day[t->nday].m = m;
	t->day[t->nday].d = d;
	t->nday++;
	return 0;
}

/* Skips an ordinal suffix ("2nd") after a number. */
static void skip_suffix(struct parser *ps)
{
	if (is_word(peek(ps, 0), W_SUFFIX))
		ps->i++;
}

/*
 * A number, or a range "A - B", and what it counts: years (>= 1000),
 * quarters (a quarter word follows), or a day (a month follows).
 */
static int parse_number(struct parser *ps)
{
	struct tok *a = peek(ps, 0), *b = NULL, *next;
	int lo = a->value, hi = a->value;

	ps->i++;
	skip_suffix(ps);
	if (is_kind(peek(ps, 0), T_DASH) && is_kind(peek(ps, 1), T_NUM)) {
		b = peek(ps, 1);
		hi = b->value;
		ps->i += 2;
		skip_suffix(ps);
	}
	/* "2-тоқсан", "3-4-тоқсан": a dash may stand before the word */
	if (is_kind(peek(ps, 0), T_DASH) && is_word(peek(ps, 1), W_QUARTER))
		ps->i++;
	next = peek(ps, 0);
	if (lo >= 1000)
		return set_years(ps, lo, hi, a->pos);
	if (is_word(next, W_QUARTER)) {
		ps->i++;
		return set_quarters(ps, lo, hi, a->pos);
	}
	if (is_word(next, W_MONTH) && !b) {
		ps->i++;
		return add_day(ps, next->value, lo, a->pos);
	}
	return fail(ps, a->pos, "number of unknown meaning", a->p,
		    b ? (size_t)(b->p + b->n - a->p) : a->n);
}

/* "(2015 жылдан бастап)", "(начиная со второго квартала 2016 года)". */
static int parse_from_inner(struct parser *ps)
{
	struct tok *open = peek(ps, 0);
	struct jp_deadline_term saved, inner;
	bool has_from = false;
	size_t start, end, nterm = ps->nterm;
	int rc;

	for (end = ps->i + 1; end < ps->ntok && ps->tok[end].kind != T_RPAREN; end++)
		if (ps->tok[end].kind == T_WORD && ps->tok[end].wk == W_FROM)
			has_from = true;
	if (end == ps->ntok)
		return fail(ps, open->pos, "unclosed", open->p, open->n);
	if (!has_from)
		return fail(ps, open->pos, "parenthesis without 'from' (бастап)",
			    NULL, 0);
	/* parse the inside as a term of its own, then move it into from_* */
	saved = *cur(ps);
	memset(cur(ps), 0, sizeof(*cur(ps)));
	start = ps->i + 1;
	for (ps->i = start; ps->i < end;) {
		struct tok *t = peek(ps, 0);

		if (t->kind == T_NUM) {
			if ((rc = parse_number(ps)) < 0)
				return rc;
		} else if (is_word(t, W_ORDINAL) && is_word(peek(ps, 1), W_QUARTER)) {
			if ((rc = set_quarters(ps, t->value, t->value, t->pos)) < 0)
				return rc;
			ps->i += 2;
		} else if (is_word(t, W_QUARTER) && is_kind(peek(ps, 1), T_NUM) &&
			   peek(ps, 1)->value <= 4) {
			/* "Q2 2016" */
			if ((rc = set_quarters(ps, peek(ps, 1)->value,
					       peek(ps, 1)->value, t->pos)) < 0)
				return rc;
			ps->i += 2;
		} else if (t->kind == T_WORD && t->wk != W_UNKNOWN) {
			ps->i++;
		} else {
			return fail(ps, t->pos, "unknown word", t->p, t->n);
		}
	}
	inner = *cur(ps);
	if (ps->nterm != nterm || !inner.y0 || inner.y0 != inner.y1 ||
	    inner.q0 != inner.q1 || inner.nday || inner.annual)
		return fail(ps, open->pos, "'from' needs one year or quarter", NULL, 0);
	saved.from_y = inner.y0;
	saved.from_q = inner.q0;
	*cur(ps) = saved;
	ps->i = end + 1;
	return 0;
}

/* " - жобаны әзірлеу" after a term: the phase's name, up to ';'. */
static int parse_label(struct parser *ps)
{
	struct tok *first = peek(ps, 0), *last = first;
	char *label;

	while (ps->i < ps->ntok && peek(ps, 0)->kind != T_SEMI) {
		last = peek(ps, 0);
		ps->i++;
	}
	label = jp_strndup(first->p, (size_t)(last->p + last->n - first->p));
	if (!label)
		return jp_error_set(ps->err, JP_ERROR, "out of memory");
	jp_free(cur(ps)->label);
	cur(ps)->label = label;
	return 0;
}

static int parse_from_clause(struct parser *ps)
{
	size_t k = ps->nterm - 1;
	char *label = ps->term[k].label;
	int rc = parse_from_inner(ps);

	if (rc < 0) /* keep the label owned by a term, so that it is freed */
		ps->term[k].label = label;
	return rc;
}

static bool starts_label(struct parser *ps)
{
	/* a dash (or colon) followed by a word that is not a time word */
	struct tok *d = peek(ps, 0), *w = peek(ps, 1);

	return (is_kind(d, T_DASH) || is_kind(d, T_COLON)) && w &&
	       w->kind == T_WORD && (w->wk == W_UNKNOWN || w->wk == W_NOISE) &&
	       !term_empty(cur(ps));
}

static int parse(struct parser *ps)
{
	int rc;

	if ((rc = tokenize(ps)) < 0)
		return rc;
	if (!ps->ntok)
		return fail(ps, 1, "empty deadline", NULL, 0);
	if ((rc = new_term(ps, 1)) < 0)
		return rc;
	while (ps->i < ps->ntok) {
		struct tok *t = peek(ps, 0);

		switch (t->kind) {
		case T_NUM:
			rc = parse_number(ps);
			break;
		case T_LPAREN:
			rc = parse_from_clause(ps);
			break;
		case T_SEMI: /* the next term starts after the ';' */
			ps->i++;
			rc = new_term(ps, peek(ps, 0) ? peek(ps, 0)->pos : t->pos);
			break;
		case T_COMMA: case T_DOT:
			ps->i++;
			break;
		case T_DASH: case T_COLON:
			if (starts_label(ps)) {
				ps->i++;
				rc = parse_label(ps);
				break;
			}
			rc = fail(ps, t->pos, "unexpected", t->p, t->n);
			break;
		case T_RPAREN:
			rc = fail(ps, t->pos, "unexpected", t->p, t->n);
			break;
		case T_WORD:
			switch (t->wk) {
			case W_YEAR: /* "жыл сайын" = annually */
				if (is_word(peek(ps, 1), W_EACH)) {
					if (cur(ps)->annual || cur(ps)->y0)
						rc = new_term(ps, t->pos);
					cur(ps)->annual = true;
					ps->i += 2;
				} else {
					ps->i++;
				}
				break;
			case W_EACH: /* "every year", "each year" */
				if (is_word(peek(ps, 1), W_YEAR)) {
					if (cur(ps)->annual || cur(ps)->y0)
						rc = new_term(ps, t->pos);
					cur(ps)->annual = true;
					ps->i += 2;
				} else {
					rc = fail(ps, t->pos, "unexpected", t->p, t->n);
				}
				break;
			case W_ANNUAL:
				if (cur(ps)->annual || cur(ps)->y0)
					rc = new_term(ps, t->pos);
				cur(ps)->annual = true;
				ps->i++;
				break;
			case W_QUARTER: /* "Q2 2014", "quarter 2" */
				if (is_kind(peek(ps, 1), T_NUM) && peek(ps, 1)->value <= 4) {
					rc = set_quarters(ps, peek(ps, 1)->value,
							  peek(ps, 1)->value, t->pos);
					ps->i += 2;
					if (rc == 0 && is_kind(peek(ps, 0), T_DASH) &&
					    is_word(peek(ps, 1), W_QUARTER) &&
					    is_kind(peek(ps, 2), T_NUM)) {
						/* "Q3-Q4" */
						cur(ps)->q1 = peek(ps, 2)->value;
						if (cur(ps)->q1 < cur(ps)->q0 || cur(ps)->q1 > 4)
							rc = fail(ps, t->pos, "invalid quarter", NULL, 0);
						ps->i += 3;
					}
				} else {
					ps->i++;
				}
				break;
			case W_ORDINAL:
				if (is_word(peek(ps, 1), W_QUARTER)) {
					rc = set_quarters(ps, t->value, t->value, t->pos);
					ps->i += 2;
				} else {
					rc = fail(ps, t->pos, "unexpected", t->p, t->n);
				}
				break;
			case W_MONTH: /* "February 1" */
				if (is_kind(peek(ps, 1), T_NUM) && peek(ps, 1)->value <= 31) {
					rc = add_day(ps, t->value, peek(ps, 1)->value, t->pos);
					ps->i += 2;
					skip_suffix(ps);
				} else {
					rc = fail(ps, t->pos, "month without a day", t->p, t->n);
				}
				break;
			case W_FROM: {
				/* "2015 жылдан бастап" without parentheses */
				struct jp_deadline_term *c = cur(ps);

				if (!c->y0 || c->y0 != c->y1)
					rc = fail(ps, t->pos, "'from' needs one year before it",
						  t->p, t->n);
				else {
					c->from_y = c->y0;
					c->from_q = c->q0;
					c->y0 = c->y1 = 0;
					c->q0 = c->q1 = 0;
					c->annual = true;
				}
				ps->i++;
				break;
			}
			case W_NOISE: case W_SUFFIX:
				ps->i++;
				break;
			default:
				rc = fail(ps, t->pos, "unknown word", t->p, t->n);
			}
			break;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int due_cmp(const void *a, const void *b)
{
	const struct jp_due *x = a, *y = b;
	int c = jp_date_cmp(x->date, y->date);

	return c ? c : x->term - y->term;
}

static int push_due(struct jp_due **arr, size_t *n, size_t *cap,
		    struct jp_date d, int term, const char *label)
{
	struct jp_due *p = jp_array_grow(*arr, *n, cap, sizeof(*p));

	if (!p)
		return JP_ERROR;
	*arr = p;
	(*arr)[*n].date = d;
	(*arr)[*n].term = term;
	(*arr)[*n].label = label;
	(*n)++;
	return 0;
}

static int resolve(struct jp_deadline *dl, const struct jp_window *w,
		   const char *text, struct jp_error *err)
{
	size_t cap_due = 0, cap_out = 0, i, k;

	for (i = 0; i < dl->nterms; i++) {
		struct jp_deadline_term *t = &dl->terms[i];
		int y0 = t->y0, y1 = t->y1;
		struct jp_date start = { 1, 1, 1 };

		if (t->annual) {
			if (t->y0) {
				/* "annually in 2015-2020": the years given */
			} else {
				y0 = w->first_year;
				y1 = w->last_year;
			}
		} else if (!t->y0) {
			if (t->from_y) {
				y0 = t->from_y;
				y1 = w->last_year;
			} else {
				return jp_error_set(err, JP_EINVALID,
						    "cannot read deadline '%s': no year at character %zu",
						    text, t->pos);
			}
		}
		if (t->from_y) {
			start = t->from_q ? jp_quarter_start(t->from_y, t->from_q)
					  : (struct jp_date){ t->from_y, 1, 1 };
		}
		for (int y = y0; y <= y1; y++) {
			struct jp_date ds[4];
			int nd = 0;

			if (t->nday) {
				for (int j = 0; j < t->nday; j++) {
					ds[nd].y = y;
					ds[nd].m = t->day[j].m;
					ds[nd].d = t->day[j].d;
					if (ds[nd].m == 2 && ds[nd].d == 29 &&
					    !jp_date_valid(ds[nd]))
						ds[nd].d = 28;
					nd++;
				}
			} else if (t->q0) {
				ds[nd++] = jp_quarter_end(y, t->q1);
			} else {
				ds[nd++] = (struct jp_date){ y, 12, 31 };
			}
			for (int j = 0; j < nd; j++) {
				bool in;

				if (jp_date_cmp(ds[j], start) < 0)
					continue; /* before "(... бастап)": not part of it */
				in = jp_date_cmp(ds[j], w->from) >= 0 &&
				     jp_date_cmp(ds[j], w->to) <= 0;
				if (in ? push_due(&dl->due, &dl->ndue, &cap_due, ds[j],
						  (int)i, t->label)
				       : push_due(&dl->outside, &dl->noutside, &cap_out,
						  ds[j], (int)i, t->label))
					return jp_error_set(err, JP_ERROR, "out of memory");
			}
		}
	}
	if (dl->ndue) /* qsort wants a non-null array even for none */
		qsort(dl->due, dl->ndue, sizeof(*dl->due), due_cmp);
	for (i = 0, k = 0; i < dl->ndue; i++) {
		if (k && jp_date_cmp(dl->due[k - 1].date, dl->due[i].date) == 0)
			continue;
		dl->due[k++] = dl->due[i];
	}
	dl->ndue = k;
	if (dl->noutside)
		qsort(dl->outside, dl->noutside, sizeof(*dl->outside), due_cmp);
	return 0;
}

int jp_deadline_parse(struct jp_deadline *out, const char *text,
		      const struct jp_window *window, struct jp_error *err)
{
	struct parser *ps;
	struct jp_deadline dl = JP_DEADLINE_INIT;
	int rc;

	assert(out && text && window);
	ps = jp_calloc(1, sizeof(*ps));
	if (!ps)
		return jp_error_set(err, JP_ERROR, "out of memory");
	ps->text = text;
	ps->err = err;
	rc = parse(ps);
	if (rc < 0)
		goto done;
	/* a trailing empty term (after a final ';') is dropped */
	if (ps->nterm > 1 && term_empty(cur(ps)) && !cur(ps)->label)
		ps->nterm--;
	for (size_t i = 0; i < ps->nterm; i++) {
		if (term_empty(&ps->term[i])) {
			rc = jp_error_set(err, JP_EINVALID,
					  "cannot read deadline '%s': no date at character %zu",
					  text, ps->term[i].pos);
			goto done;
		}
	}
	dl.terms = jp_calloc(ps->nterm, sizeof(*dl.terms));
	if (!dl.terms) {
		rc = jp_error_set(err, JP_ERROR, "out of memory");
		goto done;
	}
	memcpy(dl.terms, ps->term, ps->nterm * sizeof(*dl.terms));
	dl.nterms = ps->nterm;
	ps->nterm = 0; /* labels now owned by dl */
	if ((rc = resolve(&dl, window, text, err)) < 0)
		goto done;
	*out = dl;
	memset(&dl, 0, sizeof(dl));
done:
	for (size_t i = 0; i < ps->nterm; i++)
		jp_free(ps->term[i].label);
	jp_free(ps);
	jp_deadline_release(&dl);
	return rc;
}

void jp_deadline_release(struct jp_deadline *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nterms; i++)
		jp_free(d->terms[i].label);
	jp_free(d->terms);
	jp_free(d->due);
	jp_free(d->outside);
	memset(d, 0, sizeof(*d));
}
