/*
 * decree_row.c - the activity rows of a decree's table (see decree_int.h
 * and docs/import-decree.md).
 *
 * The PDF's text gives a row's columns one after another: title, form of
 * completion, executors, deadline, money.  Blank lines usually separate
 * the columns, but two or three of them may share a line ("Бұйрық ІІМ").
 * A page break (two blank lines or more) cuts a row into fragments, each
 * with its own run of columns; the part of a row printed on the page
 * before its number comes before the number.  So each fragment is read
 * from its end, where the columns are easiest to tell apart: money cells,
 * then the deadline (which must read as one), then the executor list
 * (which must read as one), and what is left is title and form.  The
 * fragments of a row are then put back together column by column.
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "money.h"
#include "deadline.h"
#include "decree_int.h"

struct frag {
	struct dtoks t;
	size_t b[NCOL], e[NCOL];   /* token ranges of the columns */
	int src, prog;             /* money: source and program tokens, or -1 */
	bool cont;                 /* not the fragment the number opens */
	bool e_open;               /* the row's executor list went on after "," */
	bool d_label;              /* the row's deadline ended inside a label */
	bool exec_fallback;
};

struct rowparse {
	struct frag *f;
	size_t nf;
	int main;                  /* index of the fragment after the number */
	int pre;                   /* index of the fragment before it, or -1 */
	/* the main fragment's title and form, after the known-form repair */
	size_t tb, te, cb, ce;
};

/* Tokens of lines [first, last); blank lines start a new block. */
static int frag_tokens(struct dctx *c, size_t first, size_t last,
		       struct frag *f)
{
	int block = 0;
	bool prev_blank = false;

	memset(f, 0, sizeof(*f));
	f->src = f->prog = -1;
	for (size_t li = first; li < last; li++) {
		if (c->lines[li].blank) {
			prev_blank = true;
			continue;
		}
		if (prev_blank && f->t.n)
			block++;
		prev_blank = false;
		if (dec_tokenize_line(c, li, block, &f->t) < 0)
			return JP_ERROR;
	}
	return 0;
}

/* ---- executor lists ---- */

struct piece {
	const char *s;
	size_t n;
	char kind;      /* 'w' word, '(' ')' ',' */
	int block;
};

/*
 * Cuts tokens into words and the punctuation that matters to a list;
 * SIZE_MAX when they do not fit in `cap` (no list is that long).
 */
static size_t pieces_of(const struct dtok *t, size_t n, struct piece *out,
			size_t cap)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const char *p = t[i].s, *end = p + strlen(p);

		while (p < end) {
			if (k == cap)
				return SIZE_MAX;
			out[k].block = t[i].block;
			if (*p == '(' || *p == ')' || *p == ',') {
				out[k].s = p;
				out[k].n = 1;
				out[k].kind = *p;
				k++;
				p++;
				continue;
			}
			out[k].s = p;
			while (p < end && *p != '(' && *p != ')' && *p != ',')
				p++;
			out[k].n = (size_t)(p - out[k].s);
			out[k].kind = 'w';
			k++;
		}
	}
	return k;
}

static bool piece_is(const struct dctx *c, const struct piece *p,
		     bool (*pred)(const struct dctx *, const char *))
{
	char buf[128];

	if (p->kind != 'w' || p->n >= sizeof(buf))
		return false;
	memcpy(buf, p->s, p->n);
	buf[p->n] = '\0';
	return pred(c, buf);
}

static bool pred_agency(const struct dctx *c, const char *s)
{
	return dec_is_agency(c, s);
}

static bool pred_flag(const struct dctx *c, const char *s)
{
	(void)c;
	return dec_is_flag_word(s);
}

/* A word that only spells punctuation ("." after "БП") counts for nothing. */
static bool pred_dot(const struct dctx *c, const char *s)
{
	(void)c;
	return !strcmp(s, ".") || !strcmp(s, ";");
}

/* A year, a quarter, a month: no part of an agency's name. */
static bool pred_date(const struct dctx *c, const char *s)
{
	(void)c;
	return dec_is_date_word(s);
}

/*
 * Whether tokens [0, n) read as a list of executors: names separated by
 * commas, each optionally followed by "(келісім бойынша, жинақтау)".  The
 * first name is a single agency ("БП", "Қаржымині"); later names may be a
 * few words ("мемлекеттік органдар").  A continuation may start inside a
 * parenthesis ("бойынша), ІІМ") and any list may end inside one.
 */
static bool exec_valid(const struct dctx *c, const struct dtok *t, size_t n,
		       bool cont, bool open)
{
	struct piece p[4 * DEC_MAX_EXEC_TOKENS + 16];
	size_t np = pieces_of(t, n, p, JP_ARRAY_LEN(p)), i = 0;
	int items = 0;
	bool open_start = open;   /* the list went on after a comma */

	if (!np || np == SIZE_MAX)
		return false;
	if (cont) {
		size_t j = i;

		while (j < np && (piece_is(c, &p[j], pred_flag) || p[j].kind == ','))
			j++;
		if (j < np && p[j].kind == ')') {
			i = j + 1;
			items++;
			open_start = true;
		} else if (j > i && j == np) {
			return true;    /* only flags: the inside of a parenthesis */
		}
		if (i < np && p[i].kind == ',') {
			i++;
			open_start = true;
		}
	}
	while (i < np) {
		size_t words = 0, first = i;

		while (i < np && p[i].kind == 'w') {
			if (piece_is(c, &p[i], pred_dot)) {
				i++;
				continue;
			}
			if (piece_is(c, &p[i], pred_date) || memchr(p[i].s, ';', p[i].n))
				return false;
			if (words > 0 && piece_is(c, &p[i], pred_agency))
				return false;
			if (words > 0 && p[i].block != p[first].block)
				return false;   /* a name is never cut by a blank line */
			words++;
			i++;
			if (words > DEC_NAME_WORDS_MAX)
				return false;
		}
		if (!words)
			return false;
		/*
		 * The list's first name is an agency, alone; later names may be
		 * words ("ҮЕҰ және қоғамдық бірлестіктер"), and so may the first
		 * of a continuation that starts after a comma or parenthesis.
		 */
		if (items == 0 && !open_start &&
		    (!piece_is(c, &p[first], pred_agency) || words != 1))
			return false;
		if (words > 1 && piece_is(c, &p[first], pred_flag))
			return false;
		items++;
		if (i < np && p[i].kind == '(') {
			int nflag = 0;

			i++;
			while (i < np && (piece_is(c, &p[i], pred_flag) || p[i].kind == ',')) {
				nflag += p[i].kind == 'w';
				i++;
			}
			if (i == np)
				return true;    /* continues on the next page */
			if (p[i].kind != ')' || !nflag)
				return false;
			i++;
			if (i < np && p[i].kind == ',')
				i++;
			continue;
		}
		if (i == np)
			break;
		if (p[i].kind != ',')
			return false;
		i++;
	}
	return items > 0;
}

static bool exec_item_start(const struct dctx *c, const struct frag *f,
			    size_t k)
{
	const char *s = f->t.v[k].s;

	if (k == 0 || dec_is_agency(c, s))
		return true;
	if (f->e_open && f->t.v[k].block != f->t.v[k - 1].block)
		return true;    /* the rest of a list cut after a comma */
	return f->cont && (dec_is_flag_word(s) || s[0] == ')' || s[0] == ',');
}

/* ---- deadlines ---- */

static bool deadline_reads(struct dctx *c, const char *text)
{
	struct jp_deadline d = JP_DEADLINE_INIT;
	int rc = jp_deadline_parse(&d, text, &c->window, NULL);

	jp_deadline_release(&d);
	if (rc == JP_ERROR)
		c->oom = true;
	return rc == 0;
}

/* Whether token i opens a phase's label: "жыл -", "жылдар-". */
static bool label_dash(const struct dtok *t, size_t a, size_t i)
{
	size_t n = strlen(t[i].s);

	if (dec_is_dash(t[i].s))
		return i > a && dec_is_date_word(t[i - 1].s) &&
		       !(t[i - 1].s[0] >= '0' && t[i - 1].s[0] <= '9');
	return n > 1 && t[i].s[n - 1] == '-' && dec_is_date_word(t[i].s) &&
	       !(t[i].s[0] >= '0' && t[i].s[0] <= '9');
}

/* Whether tokens [a, b) of a deadline end inside a phase's label. */
static bool in_label(const struct dtok *t, size_t a, size_t b)
{
	bool label = false;

	for (size_t i = a; i < b; i++) {
		size_t n = strlen(t[i].s);

		if (label_dash(t, a, i))
			label = true;
		if (n && t[i].s[n - 1] == ';')
			label = false;
	}
	return label;
}

/*
 * The share of deadline words in tokens [a, b).  A phase's label counts
 * too: after "жыл -" up to the next ";" ("2015-2020 жылдар - жүйені
 * енгізу"); `label` says the tokens start inside one.
 */
static double share_from(const struct dtok *t, size_t a, size_t b, bool label)
{
	size_t k = 0;

	for (size_t i = a; i < b; i++) {
		size_t n = strlen(t[i].s);

		if (label || dec_is_deadline_word(t[i].s))
			k++;
		if (label_dash(t, a, i))
			label = true;
		if (n && t[i].s[n - 1] == ';')
			label = false;
	}
	return b > a ? (double)k / (double)(b - a) : 0;
}

static double deadline_share(const struct dtok *t, size_t a, size_t b)
{
	return share_from(t, a, b, false);
}

/*
 * A date word ("4-тоқсан", "жылғы", "жылдардың") opening a line, or
 * anywhere after the executors (no name holds a date word), with nothing
 * but deadline words after it up to the money: the end of a deadline whose
 * start was printed in another fragment of the row.
 */
static bool deadline_piece(const struct dtok *t, size_t n, size_t p,
			   bool after_exec)
{
	size_t len = strlen(t[p].s);

	/* at a line's start, or right after the executors on their line */
	if (!t[p].bol && !after_exec)
		return false;
	/* "әзірлеу;": the end of a phase's label, then the next term */
	if (len > 1 && t[p].s[len - 1] == ';' && p + 1 < n)
		return dec_is_deadline_start(t, n, p + 1) &&
		       deadline_share(t, p + 1, n) >= DEC_ALL_DEADLINE;
	if (!dec_is_date_word(t[p].s))
		return false;
	return deadline_share(t, p, n) >= DEC_ALL_DEADLINE;
}

/* ---- one fragment's columns ---- */

static size_t money_suffix(const struct dctx *c, struct frag *f, size_t n)
{
	const struct dtok *t = f->t.v;
	size_t i = n, j, count, dashes = 0;
	bool decimals = false, src = false;

	(void)c;
	if (i >= 2 && dec_is_program(t[i - 1].s) && dec_is_source(t[i - 2].s)) {
		f->src = (int)(i - 2);
		f->prog = (int)(i - 1);
		i -= 2;
		src = true;
	} else if (i >= 1 && dec_is_source(t[i - 1].s)) {
		f->src = (int)(i - 1);
		i -= 1;
		src = true;
	}
	j = i;
	while (j > 0 && (dec_is_money_amount(t[j - 1].s) || dec_is_dash(t[j - 1].s)))
		j--;
	/* "2014 - 2015" printed last is a deadline, not money */
	while (j + 2 < i && dec_year_of(t[j].s) && dec_is_dash(t[j + 1].s) &&
	       dec_year_of(t[j + 2].s))
		j += 3;
	/*
	 * Cells on several lines ("1" / "776,9"): only whole lines of them.
	 * The "1" of "2015 жылғы 1" above a line of dashes is the deadline's,
	 * and so is a year alone on its line.
	 */
	if (j < i && t[j].line != t[i - 1].line) {
		while (j < i && !t[j].bol)
			j++;
		/* and, before the last block, whole blocks ("Жыл сайын," / "10") */
		while (j < i && j > 0 && t[j].block != t[i - 1].block &&
		       t[j - 1].block == t[j].block) {
			int b = t[j].block;

			while (j < i && t[j].block == b)
				j++;
		}
		while (j < i && t[j].bol && t[j].eol && t[j].line != t[i - 1].line &&
		       dec_year_of(t[j].s) && !strchr(t[j].s, ','))
			j++;
	}
	/* "2015 жылғы 1 -" at a line's end: a quarter, "1-тоқсан", not money */
	if (i - j == 2 && j > 0 && t[j].line == t[j + 1].line && t[j + 1].eol &&
	    dec_is_dash(t[j + 1].s) && t[j].s[0] >= '1' && t[j].s[0] <= '4' &&
	    !t[j].s[1] && dec_is_date_word(t[j - 1].s) && f->src < 0)
		j = i;
	count = i - j;
	for (size_t k = j; k < i; k++) {
		dashes += dec_is_dash(t[k].s);
		decimals = decimals || strchr(t[k].s, ',') != NULL;
	}
	if (src || decimals || count >= 2)
		return j;
	f->src = f->prog = -1;
	return n;
}

static void frag_columns(struct dctx *c, struct frag *f)
{
	const struct dtok *t = f->t.v;
	size_t n = f->t.n, m, dstart, estart, lo, first_cand = SIZE_MAX;
	long last_e = -1;
	int tries = 0;

	m = money_suffix(c, f, n);
	f->b[COL_M] = m;
	f->e[COL_M] = n;
	/* the deadline: after the last executor word, and it must read */
	for (size_t k = 0; k < m; k++)
		if (dec_is_agency(c, t[k].s) || dec_is_flag_word(t[k].s))
			last_e = (long)k;
	dstart = m;
	lo = m > DEC_MAX_DEADLINE_TOKENS ? m - DEC_MAX_DEADLINE_TOKENS : 0;
	for (size_t p = (size_t)(last_e + 1) > lo ? (size_t)(last_e + 1) : lo; p < m; p++) {
		char *text;
		double share;

		if (f->d_label && (p == 0 || t[p].block != t[p - 1].block) &&
		    share_from(t, p, m, true) >= DEC_ALL_DEADLINE) {
			dstart = p;     /* the rest of a phase's label */
			break;
		}
		if (!dec_is_deadline_start(t, m, p) && !deadline_piece(t, m, p, last_e >= 0))
			continue;
		share = deadline_share(t, p, m);
		if (!dec_is_deadline_start(t, m, p) && strchr(t[p].s, ';'))
			share = deadline_share(t, p + 1, m);
		if (first_cand == SIZE_MAX && share >= DEC_MOSTLY_DEADLINE)
			first_cand = p;
		if (share >= DEC_ALL_DEADLINE) {
			dstart = p;     /* nothing but deadline from here on */
			break;
		}
		if (tries++ >= DEC_MAX_DEADLINE_TRIES)
			break;
		text = dec_join(c, t + p, m - p);
		if (text && deadline_reads(c, text)) {
			dstart = p;
			break;
		}
	}
	if (dstart == m && first_cand != SIZE_MAX)
		dstart = first_cand;
	f->b[COL_D] = dstart;
	f->e[COL_D] = m;
	/* the executors: the longest list that ends where the deadline starts */
	estart = dstart;
	lo = dstart > DEC_MAX_EXEC_TOKENS ? dstart - DEC_MAX_EXEC_TOKENS : 0;
	for (size_t k = lo; k < dstart; k++) {
		if (!exec_item_start(c, f, k))
			continue;
		if (exec_valid(c, t + k, dstart - k, f->cont,
			       f->e_open && (k == 0 || t[k].block != t[k - 1].block))) {
			estart = k;
			break;
		}
	}
	if (estart == dstart && last_e >= 0 && (size_t)last_e < dstart &&
	    !f->cont && t[last_e].block == t[dstart - 1].block) {
		/* no list reads: take the lines that hold executor words */
		size_t k = (size_t)last_e;
		int line = t[k].line;

		while (k > 0 && t[k - 1].line == line)
			k--;
		while (k > 0 && t[k - 1].block == t[k].block &&
		       (dec_is_agency(c, t[k - 1].s) || dec_is_flag_word(t[k - 1].s) ||
			t[k - 1].s[0] == ',' || t[k - 1].s[0] == ')')) {
			line = t[k - 1].line;
			while (k > 0 && t[k - 1].line == line)
				k--;
		}
		if (k > 0) {
			estart = k;
			f->exec_fallback = true;
		}
	}
	f->b[COL_E] = estart;
	f->e[COL_E] = dstart;
	/* title and form: the first block, and the rest */
	f->b[COL_T] = 0;
	f->e[COL_T] = 0;
	while (f->e[COL_T] < estart && t[f->e[COL_T]].block == t[0].block)
		f->e[COL_T]++;
	f->b[COL_C] = f->e[COL_T];
	f->e[COL_C] = estart;
}

/* ---- where a row ends and the next one's debris begins ---- */

static bool block_ends_with_money(struct dctx *c, const struct dtok *t,
				  size_t n)
{
	struct frag f;

	memset(&f, 0, sizeof(f));
	f.t.v = (struct dtok *)t;
	f.t.n = n;
	return money_suffix(c, &f, n) < n;
}

static bool block_all_money(const struct dtok *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!dec_is_money_amount(t[i].s) && !dec_is_dash(t[i].s) &&
		    !dec_is_source(t[i].s) && !dec_is_program(t[i].s))
			return false;
	return n > 0;
}

/*
 * Lines [first, last) end a row and are followed by a page break and the
 * next row's number.  Returns the line where text of the next row starts
 * (printed before its number), or `last` when there is none.  The row's
 * columns come in order: once its executors and then a deadline have been
 * seen, a block that is neither deadline nor money starts the next row;
 * so does anything after the row's money.
 */
static size_t find_debris(struct dctx *c, size_t first, size_t last)
{
	struct frag f;
	size_t nb, bstart[256];
	int state = 0;

	if (frag_tokens(c, first, last, &f) < 0 || !f.t.n)
		return last;
	nb = 0;
	for (size_t i = 0; i < f.t.n && nb < JP_ARRAY_LEN(bstart) - 1; i++)
		if (i == 0 || f.t.v[i].block != f.t.v[i - 1].block)
			bstart[nb++] = i;
	bstart[nb] = f.t.n;
	for (size_t b = 0; b < nb; b++) {
		const struct dtok *t = f.t.v + bstart[b];
		size_t n = bstart[b + 1] - bstart[b];

		if (state == 2 && b > 0 && deadline_share(t, 0, n) < DEC_ALL_DEADLINE &&
		    !block_all_money(t, n))
			return (size_t)t[0].line;
		if (block_ends_with_money(c, t, n) && (state > 0 || b > 0)) {
			while (b + 1 < nb && block_all_money(f.t.v + bstart[b + 1],
							    bstart[b + 2] - bstart[b + 1]))
				b++;
			return b + 1 < nb ? (size_t)f.t.v[bstart[b + 1]].line : last;
		}
		for (size_t i = 0; i < n; i++) {
			if ((nb < 3 || b > 0) &&
			    (dec_is_agency(c, t[i].s) || dec_is_flag_word(t[i].s)) && state == 0)
				state = 1;
			else if (state == 1 && (t[i].bol || i == 0) &&
				 dec_is_deadline_start(t, n, i))
				state = 2;
		}
	}
	return last;
}

/* ---- putting fragments together ---- */

static int append_range(struct dctx *c, struct dtoks *to,
			const struct dtok *t, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++)
		if (dec_toks_push(c, to, &t[i]) < 0)
			return JP_ERROR;
	return 0;
}

static int prepend(struct dctx *c, struct dtoks *to, const struct dtok *t,
		   size_t b, size_t e)
{
	struct dtoks n = { NULL, 0, 0 };

	if (append_range(c, &n, t, b, e) < 0 ||
	    append_range(c, &n, to->v, 0, to->n) < 0)
		return JP_ERROR;
	*to = n;
	return 0;
}

static bool toks_start_lower(const struct dtoks *t)
{
	return t->n && dec_starts_lower(t->v[0].s);
}

/*
 * Known forms of completion: the forms of rows printed apart from their
 * titles, with how many rows print each.  Collected, then sorted once.
 */
struct forms {
	char **v;
	int *count;
	size_t n, cap;
};

static int forms_add(struct dctx *c, struct forms *k, const char *text)
{
	char *f = dec_fold(c, text);

	if (!f)
		return JP_ERROR;
	char **v = jp_arena_grow(c->a, k->v, k->n, &k->cap, sizeof(*v));

	if (!v)
		return JP_ERROR;
	k->v = v;
	k->v[k->n++] = f;
	return 0;
}

static int cmp_form(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the forms and counts each once. */
static int forms_finish(struct dctx *c, struct forms *k)
{
	size_t n = 0;

	k->count = jp_arena_array(c->a, k->n + 1, sizeof(*k->count));
	if (!k->count)
		return JP_ERROR;
	if (k->n)
		qsort(k->v, k->n, sizeof(*k->v), cmp_form);
	for (size_t i = 0; i < k->n; i++) {
		if (n && !strcmp(k->v[n - 1], k->v[i])) {
			k->count[n - 1]++;
			continue;
		}
		k->v[n] = k->v[i];
		k->count[n++] = 1;
	}
	k->n = n;
	return 0;
}

/* How many rows print `text` as their form. */
static int forms_count(struct dctx *c, const struct forms *k, const char *text)
{
	char *f = dec_fold(c, text);
	size_t lo = 0, hi = k->n;

	if (!f)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(k->v[mid], f);

		if (!d)
			return k->count[mid];
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * The end of a title and the start of a form printed on one line
 * ("ғимараттарын Үкіметке" / "ұсыныстар енгізу"): when the last words
 * of the title and the form read as a form seen elsewhere in the text,
 * they move to the form.
 */
static bool repair_title_form(struct dctx *c, const struct forms *k,
			      const struct frag *f, struct rowparse *rp)
{
	const struct dtok *t = f->t.v;

	if (rp->ce > rp->cb) {
		char *form = dec_join(c, t + rp->cb, rp->ce - rp->cb);

		/* a form other rows print too (this one taught it once) is whole */
		if (!form || (!dec_starts_lower(form) && forms_count(c, k, form) > 1))
			return false;
	}
	for (size_t w = 4; w >= 1; w--) {
		struct dtoks cand = { NULL, 0, 0 };
		char *text;

		if (rp->te < rp->tb + w + 2)
			continue;
		if (append_range(c, &cand, t, rp->te - w, rp->te) < 0 ||
		    append_range(c, &cand, t, rp->cb, rp->ce) < 0)
			return false;
		text = dec_join(c, cand.v, cand.n);
		if (text && forms_count(c, k, text) > 0) {
			rp->te -= w;
			rp->cb = rp->te;
			return true;
		}
	}
	return false;
}

static void line_span(const struct dctx *c, const struct dtoks *t, int out[2])
{
	for (size_t i = 0; i < t->n; i++) {
		int no = c->lines[t->v[i].line].no;

		if (!out[0] || no < out[0])
			out[0] = no;
		if (no > out[1])
			out[1] = no;
	}
}

/* Splits lines [first, last) at page breaks; returns the fragments' count. */
static size_t page_segments(const struct dctx *c, size_t first, size_t last,
			    size_t (*seg)[2], size_t cap)
{
	size_t n = 0, start = first, li = first;

	while (li < last) {
		if (dec_line_is_pagebreak(c, li)) {
			size_t end = li;

			while (li < last && c->lines[li].blank)
				li++;
			if (n < cap) {
				seg[n][0] = start;
				seg[n][1] = end;
				n++;
			}
			start = li;
			continue;
		}
		li++;
	}
	if (n < cap) {
		seg[n][0] = start;
		seg[n][1] = last;
		n++;
	}
	return n;
}

static bool seg_empty(const struct dctx *c, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (!c->lines[i].blank)
			return false;
	return true;
}

/*
 * What the fragments before g left open: an executor list ending in a
 * comma or an open parenthesis, a deadline inside a phase's label.
 */
static void open_state(const struct frag *f, size_t nf, struct frag *g)
{
	for (size_t i = nf; i-- > 0;) {
		const struct frag *h = &f[i];

		if (h->e[COL_E] > h->b[COL_E]) {
			const char *s = h->t.v[h->e[COL_E] - 1].s;
			size_t n = strlen(s);

			g->e_open = s[n - 1] == ',' || s[n - 1] == '(';
			break;
		}
	}
	for (size_t i = nf; i-- > 0;) {
		const struct frag *h = &f[i];

		if (h->e[COL_D] > h->b[COL_D]) {
			g->d_label = in_label(h->t.v, h->b[COL_D], h->e[COL_D]);
			break;
		}
	}
}

static int parse_row(struct dctx *c, struct drow *r, struct rowparse *rp)
{
	size_t seg[64][2], ns, content = r->first;
	struct frag *f;
	size_t nf = 0;

	/* the lines of the number itself are no column */
	content = r->first + (size_t)r->label_lines;
	if (content > r->last)
		content = r->last;
	ns = page_segments(c, content, r->last, seg, JP_ARRAY_LEN(seg));
	f = jp_arena_array(c->a, ns + 1, sizeof(*f));
	if (!f)
		return JP_ERROR;
	rp->pre = -1;
	if (r->pre_last > r->pre_first) {
		if (frag_tokens(c, r->pre_first, r->pre_last, &f[nf]) < 0)
			return JP_ERROR;
		f[nf].cont = true;
		frag_columns(c, &f[nf]);
		rp->pre = (int)nf++;
	}
	rp->main = -1;
	for (size_t s = 0; s < ns; s++) {
		if (seg_empty(c, seg[s][0], seg[s][1]))
			continue;
		if (frag_tokens(c, seg[s][0], seg[s][1], &f[nf]) < 0)
			return JP_ERROR;
		/* after text printed before the number, the row goes on */
		f[nf].cont = rp->main >= 0 || rp->pre >= 0;
		open_state(f, nf, &f[nf]);
		frag_columns(c, &f[nf]);
		if (rp->main < 0)
			rp->main = (int)nf;
		nf++;
	}
	rp->f = f;
	rp->nf = nf;
	if (rp->main >= 0) {
		const struct frag *m = &f[rp->main];

		rp->tb = m->b[COL_T];
		rp->te = m->e[COL_T];
		rp->cb = m->b[COL_C];
		rp->ce = m->e[COL_C];
	}
	return 0;
}

/* Text printed before the number: its blocks to the title or the form. */
static int merge_before(struct dctx *c, const struct frag *g,
			struct dtoks *title, struct dtoks *form)
{
	const struct dtok *t = g->t.v;
	size_t b = g->b[COL_T], e = g->e[COL_C], split = g->e[COL_T];

	if (e <= b)
		return 0;
	if (split < e)
		return prepend(c, form, t, split, e) < 0 ? JP_ERROR :
		       prepend(c, title, t, b, split);
	/* one block: it starts the column whose own text is a continuation */
	if (!toks_start_lower(title) && toks_start_lower(form))
		return prepend(c, form, t, b, e);
	return prepend(c, title, t, b, e);
}

static bool column_open_exec(const struct dtoks *e)
{
	const char *s;
	size_t n;

	if (!e->n)
		return false;
	s = e->v[e->n - 1].s;
	n = strlen(s);
	/* "…, " or "ҰКП (" or "мүдделі" (a name going on): more to come */
	return s[n - 1] == ',' || s[n - 1] == '(' ||
	       (dec_starts_lower(s) && !dec_is_flag_word(s) && s[n - 1] != ')');
}

static bool column_open_deadline(const struct dtoks *d)
{
	const char *s;
	size_t n;

	if (!d->n)
		return false;
	s = d->v[d->n - 1].s;
	n = strlen(s);
	return s[n - 1] == '-' || s[n - 1] == ':';   /* a phase label follows */
}

static int lines_of(const struct dtoks *t)
{
	int n = 0;

	for (size_t i = 0; i < t->n; i++)
		n += i == 0 || t->v[i].line != t->v[i - 1].line;
	return n;
}

/*
 * What merge_after() weighs when it gives the blocks printed after a page
 * break to the columns of the row: every way is scored, the highest wins.
 */
enum merge_weight {
	W_UNREADABLE = -100,    /* a block to executors or deadline that then do not read */
	W_EXEC_READS = 30,      /* a block that an open executor list reads on with */
	W_DEADLINE_ENDS = 40,   /* the last block, that an open deadline reads on with */
	W_CASE_FITS = 20,       /* lower case going on with text, capitals starting a column */
	W_LOWER_STARTS = -10,   /* lower case starting an empty column */
	W_TITLE_FIRST = 10,     /* the first block going on with the title */
	W_KNOWN_FORM = 50,      /* a block completing a form other rows print */
	W_LONG_BEFORE = 10      /* at most, for the column longest on the page before */
};

/*
 * Text printed after a page break, before the next number: each of its
 * blocks goes on with one column of the row, in column order.  A block in
 * lower case goes on with a column that has text; one in capitals starts
 * an empty one; an executor list or a deadline left open ("мүдделі",
 * "жылдар -") takes what follows; and the longer a column was on the page
 * before, the likelier it is to go on.
 */
static int merge_after(struct dctx *c, const struct frag *g,
		       struct dtoks *col, const int prev_lines[NCOL],
		       const struct forms *known)
{
	const struct dtok *t = g->t.v;
	size_t b = g->b[COL_T], e = g->e[COL_C], bs[4], nb = 0;
	static const int cand[] = { COL_T, COL_C, COL_E, COL_D };
	int best[4] = { 0 }, pick[4], maxl = 1;
	bool form_fit[4] = { false };
	long best_score = LONG_MIN;
	bool open_e = g->e[COL_E] == g->b[COL_E] && column_open_exec(&col[COL_E]);
	bool open_d = g->e[COL_D] == g->b[COL_D] && column_open_deadline(&col[COL_D]);
	bool e_fit[4] = { false }, d_fit[4] = { false };

	if (e <= b)
		return 0;
	for (size_t i = b; i < e && nb < 3; i++)
		if (i == b || t[i].block != t[i - 1].block)
			bs[nb++] = i;
	bs[nb] = e;
	for (int k = 0; k < NCOL; k++)
		if (prev_lines[k] > maxl)
			maxl = prev_lines[k];
	/* a block may go on with the executors or the deadline only if they read */
	for (size_t k = 0; k < nb && k < 3; k++) {
		struct dtoks with = { NULL, 0, 0 };

		if (open_e && append_range(c, &with, col[COL_E].v, 0, col[COL_E].n) == 0 &&
		    append_range(c, &with, t, bs[k], bs[k + 1]) == 0)
		{
			/* blocks of different pages do not compare */
			for (size_t i = 0; i < with.n; i++)
				with.v[i].block = 0;
			e_fit[k] = open_e && exec_valid(c, with.v, with.n, true, false);
		}
		with.n = 0;
		if (open_d && append_range(c, &with, col[COL_D].v, 0, col[COL_D].n) == 0 &&
		    append_range(c, &with, t, bs[k], bs[k + 1]) == 0)
			d_fit[k] = share_from(with.v, 0, with.n, false) >= DEC_ALL_DEADLINE;
	}
	/* a block that completes a form other rows print goes to the form */
	for (size_t k = 0; k < nb && k < 3; k++) {
		struct dtoks with = { NULL, 0, 0 };
		char *text;

		form_fit[k] = false;
		if (!col[COL_C].n || append_range(c, &with, col[COL_C].v, 0, col[COL_C].n) < 0 ||
		    append_range(c, &with, t, bs[k], bs[k + 1]) < 0)
			continue;
		text = dec_join(c, with.v, with.n);
		form_fit[k] = text && forms_count(c, known, text) > 0;
	}
	/* every way to give the blocks to columns in order (4^3 at most) */
	for (int code = 0; code < 64; code++) {
		long score = 0;
		int prev = -1, x = code;
		bool ok = true;

		for (size_t k = 0; k < nb; k++) {
			int ci = x % 4, colm = cand[ci];
			bool lower = dec_starts_lower(t[bs[k]].s), has = col[colm].n > 0;

			x /= 4;
			pick[k] = colm;
			if (ci <= prev) {
				ok = false;
				break;
			}
			prev = ci;
			if (colm == COL_E && !e_fit[k])
				score += W_UNREADABLE;
			if (colm == COL_D && !d_fit[k])
				score += W_UNREADABLE;
			if (colm == COL_E && e_fit[k])
				score += W_EXEC_READS;
			if (colm == COL_D && d_fit[k] && k + 1 == nb)
				score += W_DEADLINE_ENDS;
			if (lower && has)
				score += W_CASE_FITS;
			if (!lower && !has)
				score += W_CASE_FITS;
			if (lower && !has)
				score += W_LOWER_STARTS;
			if (colm == COL_T && k == 0)
				score += W_TITLE_FIRST;
			if (colm == COL_C && form_fit[k])
				score += W_KNOWN_FORM;
			score += W_LONG_BEFORE * prev_lines[colm] / maxl;
		}
		if (x || !ok)
			continue;
		if (score > best_score) {
			best_score = score;
			memcpy(best, pick, sizeof(best));
		}
	}
	for (size_t k = 0; k < nb; k++)
		if (append_range(c, &col[best[k]], t, bs[k], bs[k + 1]) < 0)
			return JP_ERROR;
	return 0;
}

/* Lines column k takes in fragment g (its title/form as repaired). */
static int lines_of_frag(const struct frag *g, int k, const struct rowparse *rp)
{
	struct dtoks v;
	size_t b = g->b[k], e = g->e[k];

	if (g == &rp->f[rp->main] && k == COL_T) {
		b = rp->tb;
		e = rp->te;
	} else if (g == &rp->f[rp->main] && k == COL_C) {
		b = rp->cb;
		e = rp->ce;
	}
	v.v = (struct dtok *)g->t.v + b;
	v.n = e > b ? e - b : 0;
	v.cap = v.n;
	return lines_of(&v);
}

static int build_row(struct dctx *c, struct drow *r, struct rowparse *rp,
		     const struct forms *known)
{
	struct dtoks col[NCOL];
	int money_src = -1, money_prog = -1;
	const struct frag *src_frag = NULL;
	int order[80], no = 0;

	memset(col, 0, sizeof(col));
	if (rp->pre >= 0)
		order[no++] = rp->pre;
	for (size_t i = 0; i < rp->nf && no < (int)JP_ARRAY_LEN(order); i++)
		if ((int)i != rp->pre)
			order[no++] = (int)i;
	for (int oi = 0; oi < no; oi++) {
		const struct frag *g = &rp->f[order[oi]];
		const struct dtok *t = g->t.v;

		if (order[oi] == rp->main) {
			if (append_range(c, &col[COL_T], t, rp->tb, rp->te) < 0 ||
			    append_range(c, &col[COL_C], t, rp->cb, rp->ce) < 0)
				return JP_ERROR;
		} else if (order[oi] == rp->pre) {
			continue;       /* its text goes in once the main one is in */
		} else {
			int lines[NCOL];

			for (int k = 0; k < NCOL; k++)
				lines[k] = lines_of_frag(&rp->f[order[oi - 1]], k, rp);
			if (merge_after(c, g, col, lines, known) < 0)
				return JP_ERROR;
		}
		for (int k = COL_E; k <= COL_M; k++)
			if (append_range(c, &col[k], t, g->b[k], g->e[k]) < 0)
				return JP_ERROR;
		if (g->src >= 0) {
			src_frag = g;
			money_src = g->src;
			money_prog = g->prog;
		}
		if (g->exec_fallback)
			r->notes |= ROW_NO_EXEC_GRAMMAR;
	}
	if (rp->pre >= 0) {
		const struct frag *g = &rp->f[rp->pre];
		const struct dtok *t = g->t.v;

		if (merge_before(c, g, &col[COL_T], &col[COL_C]) < 0)
			return JP_ERROR;
		for (int k = COL_E; k <= COL_M; k++) {
			/* the money of the row is printed once: before or after */
			if (prepend(c, &col[k], t, g->b[k], g->e[k]) < 0)
				return JP_ERROR;
		}
		if (g->src >= 0 && !src_frag) {
			src_frag = g;
			money_src = g->src;
			money_prog = g->prog;
		}
		r->notes |= ROW_DEBRIS_BEFORE;
	}
	if (rp->nf > 1 + (rp->pre >= 0))
		r->notes |= ROW_SPLIT;
	for (int k = COL_T; k <= COL_D; k++) {
		r->col[k] = col[k].n ? dec_join(c, col[k].v, col[k].n) : NULL;
		line_span(c, &col[k], r->col_lines[k]);
	}
	/* the money tokens, without the source and program */
	memset(&r->money, 0, sizeof(r->money));
	for (size_t i = 0; i < col[COL_M].n; i++) {
		const struct dtok *k = &col[COL_M].v[i];
		bool skip = false;

		if (src_frag && money_src >= 0 &&
		    k->s == src_frag->t.v[money_src].s)
			skip = true;
		if (src_frag && money_prog >= 0 &&
		    k->s == src_frag->t.v[money_prog].s)
			skip = true;
		if (!skip && dec_toks_push(c, &r->money, k) < 0)
			return JP_ERROR;
	}
	r->source = src_frag && money_src >= 0 ? src_frag->t.v[money_src].s : NULL;
	r->program = src_frag && money_prog >= 0 ? src_frag->t.v[money_prog].s : NULL;
	line_span(c, &col[COL_M], r->col_lines[COL_M]);
	r->lines[0] = c->lines[r->first].no;
	r->lines[1] = r->lines[0];
	if (rp->pre >= 0)
		r->lines[0] = c->lines[r->pre_first].no;
	for (int k = 0; k < NCOL; k++) {
		if (r->col_lines[k][1] > r->lines[1])
			r->lines[1] = r->col_lines[k][1];
		if (r->col_lines[k][0] && r->col_lines[k][0] < r->lines[0])
			r->lines[0] = r->col_lines[k][0];
	}
	return c->oom ? JP_ERROR : 0;
}

int dec_rows(struct dctx *c, struct drow *rows, size_t nrows)
{
	struct rowparse *rp;
	struct forms known = { NULL, 0, 0 };

	if (!nrows)
		return 0;
	rp = jp_arena_array(c->a, nrows, sizeof(*rp));
	if (!rp)
		return JP_ERROR;
	/* a page break just before the next number: its debris ends this row */
	for (size_t i = 0; i + 1 < nrows; i++) {
		struct drow *r = &rows[i];
		size_t seg[64][2], ns, li = r->last;

		if (rows[i + 1].pre_last > rows[i + 1].pre_first)
			continue;
		while (li > r->first && c->lines[li - 1].blank)
			li--;
		if (li == r->last || !dec_line_is_pagebreak(c, r->last - 1) ||
		    rows[i + 1].first != r->last)
			continue;
		ns = page_segments(c, r->first + (size_t)r->label_lines, li,
				   seg, JP_ARRAY_LEN(seg));
		if (!ns)
			continue;
		{
			size_t a = seg[ns - 1][0], cut = find_debris(c, a, li);

			if (cut < li && cut > r->first + (size_t)r->label_lines) {
				rows[i + 1].pre_first = cut;
				rows[i + 1].pre_last = li;
				r->last = cut;
			}
		}
	}
	for (size_t i = 0; i < nrows; i++) {
		if (parse_row(c, &rows[i], &rp[i]) < 0)
			return JP_ERROR;
		/*
		 * Forms printed apart from their title, in rows that no page
		 * break cuts, teach the known forms.
		 */
		if (rp[i].main >= 0 && rp[i].nf == 1 && rp[i].ce > rp[i].cb &&
		    !dec_starts_lower(rp[i].f[rp[i].main].t.v[rp[i].cb].s)) {
			const struct frag *m = &rp[i].f[rp[i].main];
			char *text = dec_join(c, m->t.v + rp[i].cb, rp[i].ce - rp[i].cb);

			if (!text || forms_add(c, &known, text) < 0)
				return JP_ERROR;
		}
	}
	if (forms_finish(c, &known) < 0)
		return JP_ERROR;
	for (size_t i = 0; i < nrows; i++) {
		struct rowparse *p = &rp[i];

		if (p->main >= 0) {
			if (repair_title_form(c, &known, &p->f[p->main], p))
				rows[i].notes |= ROW_TC_VOCAB;
		}
		if (build_row(c, &rows[i], p, &known) < 0)
			return JP_ERROR;
	}
	return c->oom ? JP_ERROR : 0;
}

/* ---- money cells ---- */

struct mtok {
	char text[40];
	int line;
	bool dash;
};

#define MAX_CELLS 64

struct cells {
	char text[MAX_CELLS][64];
	bool dash[MAX_CELLS];
	int n;
	int joins;
};

static bool int_digits(const char *s, size_t *n, bool *frac)
{
	size_t k = 0;

	while (s[k] >= '0' && s[k] <= '9')
		k++;
	*n = k;
	*frac = s[k] == ',' || s[k] == '.';
	return k > 0;
}

/* "913,2455", "280": three digits before the decimals, a group of one. */
static bool digit_group(const char *s)
{
	size_t d;
	bool frac;

	return int_digits(s, &d, &frac) && d == 3;
}

/* The cells the printed tokens make when the joins in `mask` are taken. */
static bool build_cells(const struct mtok *m, size_t nm, const size_t *cand,
			size_t nc, unsigned long mask, struct cells *out)
{
	out->n = 0;
	out->joins = 0;
	for (size_t i = 0; i < nm; i++) {
		bool join = false;

		for (size_t k = 0; k < nc && i > 0; k++)
			if (cand[k] == i - 1 && (mask & (1ul << k)))
				join = true;
		if (join && out->n > 0) {
			char *cur = out->text[out->n - 1];
			size_t len = strlen(cur);

			/* digit groups keep their space, spaced digits do not */
			if (strlen(m[i].text) == 1 && strlen(m[i - 1].text) == 1)
				snprintf(cur + len, 64 - len, "%s", m[i].text);
			else
				snprintf(cur + len, 64 - len, " %s", m[i].text);
			out->joins++;
			continue;
		}
		if (out->n >= MAX_CELLS)
			return false;
		snprintf(out->text[out->n], 64, "%s", m[i].text);
		out->dash[out->n] = m[i].dash;
		out->n++;
	}
	return true;
}

/* |total - sum of years|, or -1 when the cells do not tell. */
static jp_money cells_diff(const struct cells *cl, bool *unreadable)
{
	jp_money v[MAX_CELLS], sum = 0;
	bool any = false;

	*unreadable = false;
	for (int i = 0; i < cl->n; i++)
		if (!cl->dash[i] && jp_money_parse(&v[i], cl->text[i], NULL) < 0)
			*unreadable = true;
	if (*unreadable || cl->n < 2 || cl->dash[0])
		return -1;
	for (int i = 1; i < cl->n; i++) {
		if (cl->dash[i])
			continue;
		if (jp_money_add(&sum, v[i]) < 0)
			return -1;
		any = true;
	}
	if (!any)
		return -1;
	return v[0] > sum ? v[0] - sum : sum - v[0];
}

void dec_money(struct dctx *c, const struct dtok *t, size_t n, int nyears,
	       struct dmoney *out)
{
	struct mtok *m;
	struct cells *cl;
	size_t nm = 0, cand[14], nc = 0;
	unsigned long best_mask = 0, must = 0;
	jp_money best_diff = -1;
	int best_joins = 0;
	bool have_best = false;

	memset(out, 0, sizeof(*out));
	if (!n)
		return;
	m = jp_arena_array(c->a, n, sizeof(*m));
	cl = jp_arena_alloc(c->a, sizeof(*cl));
	if (!m || !cl) {
		c->oom = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (strlen(t[i].s) >= sizeof(m[nm].text))
			continue;
		snprintf(m[nm].text, sizeof(m[nm].text), "%s", t[i].s);
		m[nm].line = t[i].line;
		m[nm].dash = dec_is_dash(t[i].s);
		nm++;
	}
	out->present = nm > 0;
	if (nm > DEC_MAX_MONEY_CELLS) {
		out->too_many = true;
		out->ncells = (int)nm;
		return;
	}
	/*
	 * Where two printed cells may be one amount: digit groups ("1 495,6",
	 * "2 280") and letter-spaced digits ("1 5" before "913,2455").
	 */
	for (size_t i = 0; i + 1 < nm && nc < JP_ARRAY_LEN(cand); i++) {
		size_t dl, dr;
		bool fl, fr;

		if (m[i].dash || m[i + 1].dash)
			continue;
		if (!int_digits(m[i].text, &dl, &fl) || !int_digits(m[i + 1].text, &dr, &fr))
			continue;
		if (!fl && dl <= 3 && dr == 3) {
			/* "048,699" is no amount of its own: it must join */
			if (m[i + 1].text[0] == '0')
				must |= 1ul << nc;
			cand[nc++] = i;
		}
		else if (!fl && !fr && dl == 1 && dr == 1 && m[i].line == m[i + 1].line &&
			 i + 2 < nm && !m[i + 2].dash && digit_group(m[i + 2].text))
			cand[nc++] = i;     /* "1 5" before "913,2455" */
	}
	/*
	 * The grouping chosen is the one whose total comes closest to the sum
	 * of its years; without that evidence, the one with fewest joins.
	 */
	for (unsigned long mask = 0; mask < (1ul << nc); mask++) {
		bool unreadable;
		jp_money diff;

		if ((mask & must) != must || !build_cells(m, nm, cand, nc, mask, cl))
			continue;
		if (mask && nyears > 0 && cl->n > nyears + 1)
			continue;
		diff = cells_diff(cl, &unreadable);
		if (unreadable && mask)
			continue;
		if (!have_best ||
		    (diff >= 0 && (best_diff < 0 || diff < best_diff)) ||
		    (diff == best_diff && cl->joins < best_joins)) {
			have_best = true;
			best_mask = mask;
			best_diff = diff;
			best_joins = cl->joins;
		}
	}
	if (!have_best)
		best_mask = must;
	if (!build_cells(m, nm, cand, nc, best_mask, cl)) {
		out->unreadable = true;
		return;
	}
	out->joined = cl->joins > 0;
	out->ncells = cl->n;
	out->sum_differs = best_diff > 0;
	for (int i = 0; i < cl->n; i++) {
		jp_money v = 0;

		if (cl->dash[i])
			continue;
		if (jp_money_parse(&v, cl->text[i], NULL) < 0) {
			out->unreadable = true;
			continue;
		}
		if (i == 0) {
			out->has_total = true;
			out->total = v;
		} else if ((nyears > 0 && i > nyears) || i > 32) {
			out->too_many = true;
		} else {
			out->year[i - 1] = v;
			out->year_mask |= 1u << (i - 1);
		}
	}
	if (nyears > 0 && cl->n > nyears + 1)
		out->too_many = true;
}
