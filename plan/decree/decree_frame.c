/*
 * decree_frame.c - everything of a decree but its activity rows (see
 * decree_int.h): headings, the decree's number, dates and title, the
 * program's goal, objectives, tasks and indicators with their yearly
 * targets, and the glossary of abbreviations.
 *
 * The words matched here are those of the Kazakh layout ("Бағдарламаның
 * мақсаты", "Міндет", "Нәтижелер көрсеткіштері", "қаулысы", month
 * names); nothing is keyed on one decree's numbers or wording.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "text.h"
#include "date.h"
#include "plan.h"
#include "decree_int.h"

/* Lower-case copy of the start of s (enough for a heading). */
static void head_fold(struct dctx *c, const char *s, char *out, size_t cap)
{
	char *f = dec_fold(c, s);
	size_t n;

	out[0] = '\0';
	if (!f)
		return;
	n = strlen(f);
	if (n >= cap) {
		n = cap - 1;
		while (n && ((unsigned char)f[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, f, n);
	out[n] = '\0';
}

static bool has_prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

/* "N.", "N", "N-", "N-K." as printed on a line of its own. */
enum numform { NUM_NONE, NUM_DOT, NUM_BARE, NUM_DASH, NUM_SUB };

static enum numform num_line(const char *s, int *n, int *k)
{
	int v = 0, d = 0;

	while (*s >= '0' && *s <= '9' && d < 5) {
		v = v * 10 + (*s++ - '0');
		d++;
	}
	if (!d || d > 4)
		return NUM_NONE;
	*n = v;
	if (!*s)
		return NUM_BARE;
	if (!strcmp(s, "."))
		return NUM_DOT;
	if (*s != '-')
		return NUM_NONE;
	s++;
	if (!*s)
		return NUM_DASH;
	v = 0;
	d = 0;
	while (*s >= '0' && *s <= '9' && d < 4) {
		v = v * 10 + (*s++ - '0');
		d++;
	}
	if (!d || strcmp(s, "."))
		return NUM_NONE;
	*k = v;
	return NUM_SUB;
}

static bool line_is(const struct dctx *c, size_t li, const char *text)
{
	return li < c->nlines && !strcmp(c->lines[li].text, text);
}

/* A row number at line li: its label and the lines it takes. */
static bool row_label(struct dctx *c, size_t li, int last_row,
		      struct dheading *h)
{
	char label[64];
	size_t used = 0;
	int n = 0, k = 0, main;
	enum numform f = num_line(c->lines[li].text, &n, &k);

	switch (f) {
	case NUM_DOT:
		snprintf(label, sizeof(label), "%d", n);
		used = 1;
		break;
	case NUM_BARE:
		if (!line_is(c, li + 1, "."))
			return false;
		snprintf(label, sizeof(label), "%d", n);
		used = 2;
		break;
	case NUM_DASH: {
		int k2 = 0;

		/* "89-" / "1.": the second part is the next line */
		if (li + 1 >= c->nlines ||
		    num_line(c->lines[li + 1].text, &k, &k2) != NUM_DOT)
			return false;
		snprintf(label, sizeof(label), "%d-%d", n, k);
		used = 2;
		break;
	}
	case NUM_SUB:
		snprintf(label, sizeof(label), "%d-%d", n, k);
		used = 1;
		break;
	default:
		return false;
	}
	main = n;
	if (last_row < 0) {
		if (n < 1 || n > DEC_FIRST_ROW_MAX)
			return false;
	} else if (f == NUM_DASH || f == NUM_SUB) {
		if (n < last_row || n > last_row + DEC_ROW_STEP_MAX)
			return false;
	} else if (n <= last_row || n > last_row + DEC_ROW_STEP_MAX) {
		return false;
	}
	/* one row printed with two numbers: "45." and "46." */
	if (f == NUM_DOT || f == NUM_BARE) {
		for (int more = 0; more < 3; more++) {
			size_t lj = li + used;
			int m = 0, mk = 0;
			enum numform g;

			if (lj >= c->nlines || c->lines[lj].blank)
				break;
			g = num_line(c->lines[lj].text, &m, &mk);
			if (g == NUM_DOT && m > main && m <= main + 3) {
				used += 1;
			} else if (g == NUM_BARE && line_is(c, lj + 1, ".") &&
				   m > main && m <= main + 3) {
				used += 2;
			} else {
				break;
			}
			{
				size_t len = strlen(label);

				snprintf(label + len, sizeof(label) - len, ". %d", m);
			}
			main = m;
		}
	}
	h->kind = SEC_ROW;
	h->nlines = used;
	h->label = dec_strdup(c, label);
	h->rownum = main;
	return h->label != NULL;
}

/* "1.1 Сенімді құқық қорғау жүйесін қалыптастыру." */
static bool direction_code(const char *s, char *code, size_t cap)
{
	const char *p = s;
	int parts = 0;

	for (;;) {
		int d = 0;

		while (*p >= '0' && *p <= '9' && d < 3) {
			p++;
			d++;
		}
		if (!d)
			return false;
		parts++;
		if (*p == '.' && p[1] >= '0' && p[1] <= '9' && parts < 3) {
			p++;
			continue;
		}
		break;
	}
	if (parts < 2)
		return false;
	if ((size_t)(p - s) >= cap)
		return false;
	memcpy(code, s, (size_t)(p - s));
	code[p - s] = '\0';
	if (*p == '.')
		p++;
	if (*p != ' ')
		return false;
	p++;
	if (!dec_starts_upper(p))
		return false;
	/* a heading is words, not a line of money cells */
	return strchr(p, ' ') != NULL;
}

int dec_heading(struct dctx *c, size_t li, int last_row, struct dheading *h)
{
	const char *t = c->lines[li].text;
	char low[160], code[32];

	memset(h, 0, sizeof(*h));
	h->nlines = 1;
	if (c->lines[li].blank)
		return 0;
	if (t[0] >= '0' && t[0] <= '9') {
		if (row_label(c, li, last_row, h))
			return 1;
		if (direction_code(t, code, sizeof(code))) {
			h->kind = SEC_DIRECTION;
			h->label = dec_strdup(c, code);
			return h->label ? 1 : JP_ERROR;
		}
		return 0;
	}
	head_fold(c, t, low, sizeof(low));
	if (has_prefix(low, "бағдарламаның мақсаты"))
		h->kind = SEC_GOAL;
	else if (has_prefix(low, "бағдарламалық мақсат"))
		h->kind = SEC_OBJECTIVE;
	else if (has_prefix(low, "нысаналы индикатор"))
		h->kind = SEC_TARGETS;
	else if (has_prefix(low, "міндет") &&
		 (low[strlen("міндет")] == ':' || has_prefix(low + strlen("міндет"), " :") ||
		  has_prefix(low + strlen("міндет"), "тер:") ||
		  has_prefix(low + strlen("міндет"), "тер :")))
		h->kind = SEC_TASKS;
	else if (has_prefix(low, "нәтижелер көрсеткіш") || has_prefix(low, "нәтиже көрсеткіш"))
		h->kind = SEC_RESULTS;
	else if (has_prefix(low, "шығындар жиыны"))
		h->kind = SEC_TOTAL;
	else if (t[0] == '*' && (t[1] == ' ' || t[1] == '-'))
		h->kind = SEC_FOOTNOTE;
	else if (strstr(low, "аббревиатуралардың толық жазылуы"))
		h->kind = SEC_GLOSSARY;
	else if (strstr(low, "іс-шараның атауы"))
		h->kind = SEC_HEADER;
	return h->kind != SEC_NONE;
}

/* Tokens of a section without its heading words. */
int dec_section_toks(struct dctx *c, const struct dsection *s, size_t last,
		     struct dtoks *out)
{
	int block = 0;
	bool prev_blank = false;
	size_t skip = 0;

	memset(out, 0, sizeof(*out));
	for (size_t li = s->first; li < last && li < c->nlines; li++) {
		if (c->lines[li].blank) {
			prev_blank = true;
			continue;
		}
		if (prev_blank && out->n)
			block++;
		prev_blank = false;
		if (dec_tokenize_line(c, li, block, out) < 0)
			return JP_ERROR;
	}
	if (!out->n)
		return 0;
	switch (s->kind) {
	case SEC_GOAL: case SEC_OBJECTIVE: case SEC_TARGETS: case SEC_TASKS:
	case SEC_RESULTS:
		/* up to the colon of the heading, on its line */
		for (size_t i = 0; i < out->n && out->v[i].line == out->v[0].line; i++) {
			size_t n = strlen(out->v[i].s);

			if (out->v[i].s[n - 1] == ':') {
				skip = i + 1;
				break;
			}
		}
		break;
	case SEC_DIRECTION:
		skip = 1;
		break;
	case SEC_TOTAL:
		skip = out->n >= 2 ? 2 : out->n;
		if (skip < out->n && !strcmp(out->v[skip].s, ":"))
			skip++;
		break;
	default:
		break;
	}
	if (skip) {
		memmove(out->v, out->v + skip, (out->n - skip) * sizeof(*out->v));
		out->n -= skip;
		if (out->n)
			out->v[0].bol = true;
	}
	return 0;
}

static bool ends_with(const char *s, char ch)
{
	size_t n = strlen(s);

	return n && s[n - 1] == ch;
}

/* "1)" at the start of a line: a numbered item. */
static int item_number(const struct dtok *t)
{
	const char *s = t->s;
	int v = 0, d = 0;

	if (!t->bol)
		return 0;
	while (*s >= '0' && *s <= '9' && d < 3) {
		v = v * 10 + (*s++ - '0');
		d++;
	}
	return d && !strcmp(s, ")") ? v : 0;
}

int dec_items(struct dctx *c, const struct dtoks *t, bool numbered,
	      struct ditem **out, size_t *n)
{
	struct ditem *v = NULL;
	size_t cap = 0, k = 0, start = 0;
	int number = 0;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i <= t->n; i++) {
		bool end = i == t->n, skip_tok = false;
		int num = 0;

		if (!end && numbered && (num = item_number(&t->v[i])) > 0) {
			end = i > start;
			skip_tok = true;
		}
		if (!end && !numbered && i > start) {
			const struct dtok *p = &t->v[i - 1];

			end = ends_with(p->s, ';') ||
			      (p->eol && c->lines[p->line].spaced &&
			       (ends_with(p->s, ',') || ends_with(p->s, '.')));
		}
		if (end && i > start) {
			struct ditem *nv = jp_arena_grow(c->a, v, k, &cap, sizeof(*nv));

			if (!nv)
				return JP_ERROR;
			v = nv;
			v[k].text = dec_join(c, t->v + start, i - start);
			v[k].number = numbered && number ? number : (int)k + 1;
			v[k].lines[0] = c->lines[t->v[start].line].no;
			v[k].lines[1] = c->lines[t->v[i - 1].line].no;
			if (!v[k].text)
				return JP_ERROR;
			k++;
			start = i;
		}
		if (skip_tok) {
			number = num;
			start = i + 1;
		}
	}
	*out = v;
	*n = k;
	return 0;
}

/* ---- yearly targets of an indicator ---- */

struct mention {
	size_t at;
	int year;
};

int dec_targets(struct dctx *c, const char *text, struct jp_plan *p,
		struct jp_target **out, size_t *n)
{
	char *buf = dec_strdup(c, text);
	const char *tok[512];
	struct mention years[64];
	size_t nt = 0, ny = 0, k = 0;
	struct jp_target *v;

	*out = NULL;
	*n = 0;
	if (!buf)
		return JP_ERROR;
	for (char *s = buf; *s && nt < JP_ARRAY_LEN(tok);) {
		while (*s == ' ')
			*s++ = '\0';
		if (!*s)
			break;
		tok[nt++] = s;
		while (*s && *s != ' ')
			s++;
	}
	for (size_t i = 0; i + 1 < nt && ny < JP_ARRAY_LEN(years); i++) {
		char low[32];
		const char *st;
		size_t m = dec_strip(tok[i], &st);
		int y = dec_year_of(tok[i]);

		if (!y || m != 4)
			continue;
		head_fold(c, tok[i + 1], low, sizeof(low));
		if (has_prefix(low, "жыл")) {
			years[ny].at = i;
			years[ny].year = y;
			ny++;
		}
	}
	v = jp_arena_array(&p->arena, nt + 1, sizeof(*v));
	if (!v)
		return JP_ERROR;
	for (size_t i = 0; i < nt; i++) {
		const char *s = tok[i], *rest, *unit = NULL;
		char num[32];
		size_t d = 0;
		long best = -1;

		while (s[d] >= '0' && s[d] <= '9')
			d++;
		if (!d || d > 6)
			continue;
		rest = s + d;
		if (*rest == ',' && rest[1] >= '0' && rest[1] <= '9') {
			rest++;
			while (*rest >= '0' && *rest <= '9')
				rest++;
		}
		if ((size_t)(rest - s) >= sizeof(num))
			continue;
		if (!*rest && i + 1 < nt && tok[i + 1][0] == '%')
			unit = "%";
		else if (rest[0] == '%' || (rest[0] == '-' && rest[1] == '%'))
			unit = "%";
		else if (has_prefix(rest, "-орын"))
			unit = "орын";
		if (!unit)
			continue;
		memcpy(num, s, (size_t)(rest - s));
		num[rest - s] = '\0';
		for (char *q = num; *q; q++)
			if (*q == ',')
				*q = '.';
		for (size_t j = 0; j < ny; j++)
			if (years[j].at < i)
				best = (long)j;
		if (best < 0) {
			for (size_t j = 0; j < ny; j++)
				if (years[j].at > i) {
					best = (long)j;
					break;
				}
		}
		if (best < 0)
			continue;
		v[k].year = years[best].year;
		v[k].value = jp_arena_strdup(&p->arena, num);
		v[k].unit = jp_arena_strdup(&p->arena, unit);
		if (!v[k].value || !v[k].unit)
			return JP_ERROR;
		k++;
	}
	*out = v;
	*n = k;
	return 0;
}

/* ---- the decree's number, dates and title ---- */

static bool ddmmyyyy(const char *tok, struct jp_date *out)
{
	const char *s;
	size_t n = dec_strip(tok, &s);
	struct jp_date d;

	if (n < 10)
		return false;
	for (size_t i = 0; i < 10; i++)
		if ((i == 2 || i == 5) ? s[i] != '.' : !(s[i] >= '0' && s[i] <= '9'))
			return false;
	if (n > 10 && s[10] != '.' && s[10] != ',' && s[10] != ';')
		return false;
	d.d = (s[0] - '0') * 10 + (s[1] - '0');
	d.m = (s[3] - '0') * 10 + (s[4] - '0');
	d.y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	if (!jp_date_valid(d))
		return false;
	*out = d;
	return true;
}

/* "2014 жылғы 1 сәуірдегі" ending just before token i. */
static bool date_before(struct dctx *c, const struct dtok *t, size_t i,
			struct jp_date *out)
{
	char low[32];
	struct jp_date d;
	int day = 0;

	if (i < 4)
		return false;
	d.m = dec_month_of(t[i - 1].s);
	if (!d.m)
		return false;
	for (const char *s = t[i - 2].s; *s; s++) {
		if (*s < '0' || *s > '9' || day > 31)
			return false;
		day = day * 10 + (*s - '0');
	}
	d.d = day;
	head_fold(c, t[i - 3].s, low, sizeof(low));
	if (!has_prefix(low, "жыл"))
		return false;
	d.y = dec_year_of(t[i - 4].s);
	if (!d.y || !jp_date_valid(d))
		return false;
	*out = d;
	return true;
}

/* Whether token i is "№" or "N" (or glued: "қаулысымен.№"); *num its number. */
static bool number_sign(const struct dtok *t, size_t n, size_t i,
			const char **num, size_t *num_at)
{
	const char *s = t[i].s;
	size_t len = strlen(s);
	const char *no = "\xE2\x84\x96"; /* № */

	if (!strncmp(s, no, 3) && s[3] >= '0' && s[3] <= '9') {
		*num = s + 3;
		*num_at = i;
		return true;
	}
	if (!((len >= 3 && !strcmp(s + len - 3, no)) || !strcmp(s, "N") ||
	      (len >= 2 && !strcmp(s + len - 2, ".N"))))
		return false;
	if (i + 1 >= n || !(t[i + 1].s[0] >= '0' && t[i + 1].s[0] <= '9'))
		return false;
	*num = t[i + 1].s;
	*num_at = i + 1;
	return true;
}

static char *clean_number(struct dctx *c, const char *s)
{
	const char *st;
	size_t n = dec_strip(s, &st);

	return dec_strndup(c, st, n);
}

static bool word_at(struct dctx *c, const struct dtok *t, size_t n, size_t i,
		    const char *prefix)
{
	char low[64];

	if (i >= n)
		return false;
	head_fold(c, t[i].s, low, sizeof(low));
	return has_prefix(low, prefix);
}

/* The block of non-blank lines from li on, joined. */
static char *block_text(struct dctx *c, size_t li, size_t end, int lines[2])
{
	struct dtoks t = { NULL, 0, 0 };

	while (li < end && c->lines[li].blank)
		li++;
	lines[0] = li < end ? c->lines[li].no : 0;
	for (; li < end && !c->lines[li].blank; li++) {
		if (dec_tokenize_line(c, li, 0, &t) < 0)
			return NULL;
		lines[1] = c->lines[li].no;
	}
	return t.n ? dec_join(c, t.v, t.n) : NULL;
}

static bool period_in(const char *s, int *from, int *to)
{
	for (const char *p = s; *p; p++) {
		int a, b;
		const char *q;

		if (!(p[0] >= '0' && p[0] <= '9') || (p > s && p[-1] >= '0' && p[-1] <= '9'))
			continue;
		a = dec_year_of(p);
		if (!a)
			continue;
		q = p + 4;
		while (*q == ' ')
			q++;
		if (*q != '-')
			continue;
		q++;
		while (*q == ' ')
			q++;
		b = dec_year_of(q);
		if (b && b >= a && b - a < JP_MAX_YEARS) {
			*from = a;
			*to = b;
			return true;
		}
	}
	return false;
}

static void kazakh_or_russian(struct dctx *c, struct jp_plan *p)
{
	size_t kk = 0, letters = 0;

	for (size_t i = 0; i < c->nlines; i++) {
		for (const char *s = c->lines[i].text; *s;) {
			int32_t cp;

			s += jp_utf8_decode(s, &cp);
			if (!jp_is_letter(cp))
				continue;
			letters++;
			/* ә ғ қ ң ө ұ ү һ і and their capitals */
			if (cp == 0x4D9 || cp == 0x4D8 || cp == 0x493 || cp == 0x492 ||
			    cp == 0x49B || cp == 0x49A || cp == 0x4A3 || cp == 0x4A2 ||
			    cp == 0x4E9 || cp == 0x4E8 || cp == 0x4B1 || cp == 0x4B0 ||
			    cp == 0x4AF || cp == 0x4AE || cp == 0x4BB || cp == 0x4BA ||
			    cp == 0x456 || cp == 0x406)
				kk++;
		}
	}
	if (letters)
		p->language = jp_arena_strdup(&p->arena, kk * 200 > letters ? "kk" : "ru");
}

int dec_metadata(struct dctx *c, struct jp_plan *p, size_t header_end,
		 size_t table_first)
{
	struct dtoks t = { NULL, 0, 0 };
	const char *num = NULL;
	size_t title_li = SIZE_MAX;
	bool own = false, repeal = false;
	struct jp_date date;
	int lines[2] = { 0, 0 };
	char *title = NULL;

	for (size_t li = 0; li < header_end && li < c->nlines; li++)
		if (!c->lines[li].blank && dec_tokenize_line(c, li, 0, &t) < 0)
			return JP_ERROR;
	/* the decree itself: "… 2014 жылғы 1 сәуірдегі № 292 қаулысы." */
	for (int pass = 0; pass < 3 && !own; pass++) {
		for (size_t i = 0; i < t.n && !own; i++) {
			const char *n1;
			size_t at;

			if (!number_sign(t.v, t.n, i, &n1, &at))
				continue;
			if (pass == 0 && !(word_at(c, t.v, t.n, at + 1, "қаулысы") &&
					   !word_at(c, t.v, t.n, at + 1, "қаулысымен")))
				continue;
			if (pass == 1 && !(word_at(c, t.v, t.n, at + 1, "қаулысымен") &&
					   word_at(c, t.v, t.n, at + 2, "бекітілген")))
				continue;
			if (!date_before(c, t.v, i, &date))
				continue;
			num = n1;
			own = true;
			p->approved = date;
			lines[0] = c->lines[t.v[i].line].no;
		}
	}
	if (own) {
		p->number = jp_arena_strdup(&p->arena, clean_number(c, num));
		if (!p->number)
			return JP_ERROR;
	} else {
		dec_flag(c, "/number", JP_DECREE_LOW, 0, 0,
			 "the decree's number and date were not found");
		dec_flag(c, "/approved", JP_DECREE_LOW, 0, 0,
			 "the decree's number and date were not found");
	}
	/* the repeal: "Күші жойылды - … № 464 қаулысымен" */
	for (size_t i = 0; i < t.n && !repeal; i++) {
		const char *n1;
		size_t at, s = i;
		bool void_word = false;

		if (!number_sign(t.v, t.n, i, &n1, &at) ||
		    !word_at(c, t.v, t.n, at + 1, "қаулысымен"))
			continue;
		while (s > 0 && !ends_with(t.v[s - 1].s, '.'))
			s--;
		for (size_t j = s; j < i; j++)
			void_word = void_word || word_at(c, t.v, t.n, j, "жойылды");
		if (!void_word)
			continue;
		if (!date_before(c, t.v, i, &date)) {
			bool found = false;

			for (size_t j = s; j < at + 2 && j < t.n && !found; j++)
				found = ddmmyyyy(t.v[j].s, &date);
			if (!found)
				continue;
		}
		p->repeal.number = jp_arena_strdup(&p->arena, clean_number(c, n1));
		p->repeal.date = date;
		p->repealed = p->repeal.number != NULL;
		repeal = true;
	}
	/* amendments: "Ескерту. Жоспарға өзгерістер енгізілді - … 31.12.2014 № 1441 …" */
	for (size_t i = 0; i < t.n; i++) {
		struct jp_date dates[16];
		const char *nums[16];
		size_t nd = 0, nn = 0, j;

		if (!(word_at(c, t.v, t.n, i, "өзгеріс") || word_at(c, t.v, t.n, i, "толықтыру")) ||
		    !(word_at(c, t.v, t.n, i + 1, "енгізілді") ||
		      word_at(c, t.v, t.n, i + 2, "енгізілді")))
			continue;
		for (j = i + 1; j < t.n && !word_at(c, t.v, t.n, j, "ескерту"); j++) {
			const char *n1;
			size_t at;

			if (ddmmyyyy(t.v[j].s, &dates[nd]) && nd < 15)
				nd++;
			else if (date_before(c, t.v, j, &dates[nd]) && nd < 15)
				nd++;
			if (number_sign(t.v, t.n, j, &n1, &at) && nn < 15) {
				nums[nn++] = n1;
				j = at;
			}
		}
		if (nd != nn)
			dec_flag(c, "/amendments", JP_DECREE_LOW, c->lines[t.v[i].line].no,
				 c->lines[t.v[j - 1].line].no,
				 "the note gives %zu dates and %zu numbers", nd, nn);
		if (nd && nn) {
			size_t k = nd < nn ? nd : nn;

			p->amendments = jp_arena_array(&p->arena, k + 1, sizeof(*p->amendments));
			if (!p->amendments)
				return JP_ERROR;
			for (size_t m = 0; m < k; m++) {
				p->amendments[m].number = jp_arena_strdup(&p->arena,
									  clean_number(c, nums[m]));
				p->amendments[m].date = dates[m];
				if (!p->amendments[m].number)
					return JP_ERROR;
			}
			p->namendments = k;
		}
		break;
	}
	/* the title: the block after the stamp "… қаулысымен бекітілген" */
	for (size_t li = 0; li < header_end && li < c->nlines; li++) {
		char low[64];
		size_t n;

		if (c->lines[li].blank)
			continue;
		head_fold(c, c->lines[li].text, low, sizeof(low));
		n = strlen(low);
		if (n >= strlen("бекітілген") &&
		    !strcmp(low + n - strlen("бекітілген"), "бекітілген"))
			title_li = li + 1;
	}
	if (title_li != SIZE_MAX)
		title = block_text(c, title_li, header_end, lines);
	if (!title) {
		/* else the first block that names a plan */
		for (size_t li = 0; li < header_end && !title; li++) {
			char *b;
			char low[512];

			if (c->lines[li].blank || (li > 0 && !c->lines[li - 1].blank))
				continue;
			b = block_text(c, li, header_end, lines);
			if (!b)
				continue;
			head_fold(c, b, low, sizeof(low));
			if (strstr(low, "жоспары") && !strstr(low, "ескерту"))
				title = b;
		}
		dec_flag(c, "/title", JP_DECREE_MEDIUM, lines[0], lines[1],
			 "no approval stamp before the title");
	}
	if (title) {
		p->title = jp_arena_strdup(&p->arena, title);
		if (!p->title)
			return JP_ERROR;
	} else {
		dec_flag(c, "/title", JP_DECREE_LOW, 0, 0, "the plan's title was not found");
	}
	/* the period: "2014 - 2020 жылдарға" in the title, else in the header */
	if (!(p->title && period_in(p->title, &p->period_from, &p->period_to))) {
		bool found = false;

		for (size_t li = 0; li < table_first && li < c->nlines && !found; li++)
			found = period_in(c->lines[li].text, &p->period_from, &p->period_to);
		if (!found) {
			char *all;
			struct dtoks h = { NULL, 0, 0 };

			for (size_t li = header_end; li < table_first && li < c->nlines; li++)
				if (!c->lines[li].blank && dec_tokenize_line(c, li, 0, &h) < 0)
					return JP_ERROR;
			all = h.n ? dec_join(c, h.v, h.n) : NULL;
			found = all && period_in(all, &p->period_from, &p->period_to);
		}
		if (found)
			dec_flag(c, "/period", JP_DECREE_MEDIUM, 0, 0,
				 "the period is not in the title; taken from the header");
	}
	/* the issuer: "Қазақстан Республикасы Үкіметінің …" */
	for (size_t i = 1; i + 1 < t.n; i++) {
		if (word_at(c, t.v, t.n, i, "республикасы") &&
		    word_at(c, t.v, t.n, i + 1, "үкіметінің")) {
			struct jp_buf b = JP_BUF_INIT;

			jp_buf_addf(&b, "%s Республикасының Үкіметі", t.v[i - 1].s);
			if (!jp_buf_oom(&b))
				p->issuer = jp_arena_strdup(&p->arena, b.ptr);
			jp_buf_release(&b);
			break;
		}
	}
	/* the unit of the money columns */
	for (size_t li = 0; li < table_first && li < c->nlines; li++) {
		char low[256];

		head_fold(c, c->lines[li].text, low, sizeof(low));
		if (strstr(low, "млн") && strstr(low, "теңге")) {
			p->unit = jp_arena_strdup(&p->arena, "million tenge");
			break;
		}
	}
	kazakh_or_russian(c, p);
	return c->oom ? JP_ERROR : 0;
}

/* ---- the glossary ---- */

static int append_to(struct dctx *c, const char **dst, const char *more)
{
	struct jp_buf b = JP_BUF_INIT;
	size_t n;

	if (!more || !*more)
		return 0;
	if (*dst && **dst) {
		jp_buf_adds(&b, *dst);
		n = strlen(*dst);
		if ((*dst)[n - 1] != '-')
			jp_buf_addc(&b, ' ');
	}
	jp_buf_adds(&b, more);
	if (jp_buf_oom(&b)) {
		jp_buf_release(&b);
		return JP_ERROR;
	}
	*dst = dec_strdup(c, b.ptr);
	jp_buf_release(&b);
	return *dst ? 0 : JP_ERROR;
}

/* The first n bytes of s, normalised. */
static char *norm_part(struct dctx *c, const char *s, size_t n)
{
	char *part = dec_strndup(c, s, n);

	return part ? dec_normalize(c, part) : NULL;
}

int dec_glossary(struct dctx *c, struct jp_plan *p, size_t first, size_t last)
{
	struct jp_glossary_entry *v;
	size_t k = 0;
	int more = 0;   /* lines added to the current entry */
	int base = -1;  /* the indent of the entries; their names go deeper */

	v = jp_arena_array(c->a, last - first + 1, sizeof(*v));
	if (!v)
		return JP_ERROR;
	for (size_t li = first; li < last; li++) {
		const char *raw = c->lines[li].raw, *sep = NULL;
		char *left, *right;

		if (c->lines[li].blank)
			continue;
		/* "АББР   - full name": the first dash with spaces around it */
		for (const char *q = raw + c->lines[li].indent + 1; *q; q++)
			if (q[0] == '-' && (q[-1] == ' ' || q[-1] == '\t') &&
			    (q[1] == ' ' || q[1] == '\t')) {
				sep = q;
				break;
			}
		if (k > 0 && !sep && more++ >= DEC_MAX_NAME_LINES)
			continue;       /* no name is that long */
		if (k > 0 && c->lines[li].indent >= base + 4) {
			/* a line indented deeper continues the name */
			if (append_to(c, &v[k - 1].name, dec_normalize(c, raw)) < 0)
				return JP_ERROR;
			continue;
		}
		if (sep) {
			left = norm_part(c, raw, (size_t)(sep - raw));
			right = dec_normalize(c, sep + 1);
			if (!left || !right)
				return JP_ERROR;
			if (!*left)
				continue;
			v[k].abbr = left;
			v[k].name = right;
			if (!k)
				base = c->lines[li].indent;
			k++;
			more = 0;
			continue;
		}
		if (k > 0) {
			/* "ВАК          көрмесін …": the abbreviation goes on too */
			const char *gap = strstr(raw + c->lines[li].indent, "  ");

			if (gap) {
				left = norm_part(c, raw, (size_t)(gap - raw));
				right = dec_normalize(c, gap);
				if (!left || !right ||
				    append_to(c, &v[k - 1].abbr, left) < 0 ||
				    append_to(c, &v[k - 1].name, right) < 0)
					return JP_ERROR;
			} else if (append_to(c, &v[k - 1].name, dec_normalize(c, raw)) < 0) {
				return JP_ERROR;
			}
		}
	}
	p->glossary = jp_arena_array(&p->arena, k + 1, sizeof(*p->glossary));
	c->abbrs = jp_arena_array(c->a, k + 1, sizeof(*c->abbrs));
	if (!p->glossary || !c->abbrs)
		return JP_ERROR;
	for (size_t i = 0; i < k; i++) {
		p->glossary[i].abbr = jp_arena_strdup(&p->arena, v[i].abbr);
		p->glossary[i].name = jp_arena_strdup(&p->arena, v[i].name);
		if (!p->glossary[i].abbr || !p->glossary[i].name)
			return JP_ERROR;
		c->abbrs[i] = v[i].abbr;
	}
	p->nglossary = k;
	c->nabbrs = k;
	return c->oom ? JP_ERROR : 0;
}
