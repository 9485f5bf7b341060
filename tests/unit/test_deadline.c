/*
 * test_deadline.c - the deadline grammar (docs/deadlines.md): every phrase of
 * plan No. 292 with its due dates, the Russian and English equivalents, case
 * endings and letter case, errors with their positions, the plan's window,
 * and memory (each parse is released; allocation failures leak nothing).
 *
 * Due dates are compared as text: ISO dates separated by spaces, a phase
 * label in brackets after its date ("2014-12-31[жобаны әзірлеу]").  Terms
 * are rendered the same way: "annual", years, "q3-4", days "05-01+10-01",
 * "from 2016q2", the label in quotes and "@pos", terms joined by " | ".
 */
#include "test.h"
#include "alloc.h"
#include "buf.h"
#include "deadline.h"

/* Plan No. 292: approved 2014-04-01, runs 2014-2020. */
static const struct jp_window plan292 = {
	2014, 2020, { 2014, 4, 1 }, { 2020, 12, 31 }
};

static bool in_window(const struct jp_window *w, struct jp_date d)
{
	return jp_date_cmp(d, w->from) >= 0 && jp_date_cmp(d, w->to) <= 0;
}

/* What every successful parse keeps: the invariants of deadline.h. */
static void assert_sane(const struct jp_deadline *d, const struct jp_window *w)
{
	assert_true(d->nterms > 0);
	assert_non_null(d->terms);
	for (size_t i = 0; i < d->ndue; i++) {
		const struct jp_due *u = &d->due[i];

		assert_true(jp_date_valid(u->date));
		assert_true(in_window(w, u->date));
		assert_true(u->term >= 0 && (size_t)u->term < d->nterms);
		assert_ptr_equal(u->label, d->terms[u->term].label);
		if (i)	/* sorted, no duplicate dates */
			assert_true(jp_date_cmp(d->due[i - 1].date, u->date) < 0);
	}
	for (size_t i = 0; i < d->noutside; i++) {
		const struct jp_due *u = &d->outside[i];

		assert_true(jp_date_valid(u->date));
		assert_false(in_window(w, u->date));
		assert_true(u->term >= 0 && (size_t)u->term < d->nterms);
		if (i)
			assert_true(jp_date_cmp(d->outside[i - 1].date, u->date) <= 0);
	}
}

static void render_dates(struct jp_buf *b, const struct jp_due *a, size_t n,
			 bool labels)
{
	char iso[JP_DATE_BUFSZ];

	for (size_t i = 0; i < n; i++) {
		jp_buf_addf(b, "%s%s", i ? " " : "", jp_date_format(a[i].date, iso));
		if (labels && a[i].label)
			jp_buf_addf(b, "[%s]", a[i].label);
	}
}

static void render_terms(struct jp_buf *b, const struct jp_deadline *d,
			 bool pos_label)
{
	for (size_t i = 0; i < d->nterms; i++) {
		const struct jp_deadline_term *t = &d->terms[i];
		const char *sep = "";

		if (i)
			jp_buf_adds(b, " | ");
		if (t->annual) {
			jp_buf_adds(b, "annual");
			sep = " ";
		}
		if (t->y0) {
			jp_buf_addf(b, "%s%d", sep, t->y0);
			if (t->y1 != t->y0)
				jp_buf_addf(b, "-%d", t->y1);
			sep = " ";
		}
		if (t->q0) {
			jp_buf_addf(b, "%sq%d", sep, t->q0);
			if (t->q1 != t->q0)
				jp_buf_addf(b, "-%d", t->q1);
			sep = " ";
		}
		for (int k = 0; k < t->nday; k++) {
			jp_buf_addf(b, "%s%02d-%02d", k ? "+" : sep, t->day[k].m,
				    t->day[k].d);
			sep = " ";
		}
		if (t->from_y) {
			jp_buf_addf(b, "%sfrom %d", sep, t->from_y);
			if (t->from_q)
				jp_buf_addf(b, "q%d", t->from_q);
			sep = " ";
		}
		if (pos_label && t->label)
			jp_buf_addf(b, "%s'%s'", sep, t->label);
		if (pos_label)
			jp_buf_addf(b, "%s@%zu", sep, t->pos);
	}
}

/* A parse rendered as text, for comparing readings. */
struct reading {
	char *due, *outside, *terms;
};

static void reading_release(struct reading *r)
{
	jp_free(r->due);
	jp_free(r->outside);
	jp_free(r->terms);
}

/* Parses text in w, checks the invariants, renders it and releases it. */
static struct reading read_in(const char *text, const struct jp_window *w,
			      bool labels)
{
	struct jp_deadline d = JP_DEADLINE_INIT;
	struct jp_error err = JP_ERROR_INIT;
	struct jp_buf due = JP_BUF_INIT, outside = JP_BUF_INIT, terms = JP_BUF_INIT;
	struct reading r;

	jp_assert_ok(jp_deadline_parse(&d, text, w, &err), &err);
	assert_sane(&d, w);
	render_dates(&due, d.due, d.ndue, labels);
	render_dates(&outside, d.outside, d.noutside, labels);
	render_terms(&terms, &d, labels);
	jp_deadline_release(&d);
	assert_null(d.terms);
	assert_int_equal(d.ndue, 0);
	assert_false(jp_buf_oom(&due) || jp_buf_oom(&outside) || jp_buf_oom(&terms));
	r.due = jp_buf_detach(&due);
	r.outside = jp_buf_detach(&outside);
	r.terms = jp_buf_detach(&terms);
	return r;
}

static void assert_reading_in(const char *text, const struct jp_window *w,
			      const char *due, const char *outside,
			      const char *terms)
{
	struct reading r = read_in(text, w, true);
	bool differs = strcmp(r.due, due) || strcmp(r.outside, outside) ||
		       (terms && strcmp(r.terms, terms));

	if (differs)
		print_error("'%s' reads as\n  due:     %s\n  outside: %s\n  terms:   %s\n"
			    "expected\n  due:     %s\n  outside: %s\n  terms:   %s\n",
			    text, r.due, r.outside, r.terms, due, outside,
			    terms ? terms : "(not checked)");
	reading_release(&r);
	if (differs)
		fail();
}

static void assert_reading(const char *text, const char *due,
			   const char *outside, const char *terms)
{
	assert_reading_in(text, &plan292, due, outside, terms);
}

/* The same due dates, outside dates and terms (labels and positions aside). */
static void assert_same_reading(const char *text, const char *like)
{
	struct reading a = read_in(text, &plan292, false);
	struct reading b = read_in(like, &plan292, false);

	bool differs = strcmp(a.due, b.due) || strcmp(a.outside, b.outside) ||
		       strcmp(a.terms, b.terms);

	if (differs)
		print_error("'%s' reads as\n  due:     %s\n  outside: %s\n  terms:   %s\n"
			    "but '%s' as\n  due:     %s\n  outside: %s\n  terms:   %s\n",
			    text, a.due, a.outside, a.terms, like, b.due, b.outside,
			    b.terms);
	reading_release(&a);
	reading_release(&b);
	if (differs)
		fail();
}

/* The terms of text, with labels and positions. */
static void assert_terms(const char *text, const char *terms)
{
	struct reading r = read_in(text, &plan292, true);
	bool differs = strcmp(r.terms, terms) != 0;

	if (differs)
		print_error("'%s' has terms '%s', expected '%s'\n", text, r.terms,
			    terms);
	reading_release(&r);
	if (differs)
		fail();
}

#define DEC31_2014_2020 \
	"2014-12-31 2015-12-31 2016-12-31 2017-12-31 2018-12-31 2019-12-31 2020-12-31"

/* Every distinct deadline of plan No. 292, read by hand. */
static const struct plan_phrase {
	const char *text, *due, *outside, *terms;
} plan_phrases[] = {
	{ "2014 - 2015 жылдар", "2014-12-31 2015-12-31", "", "2014-2015 @1" },
	{ "2014 - 2015 жылдардың 4-тоқсаны", "2014-12-31 2015-12-31", "",
	  "2014-2015 q4 @1" },
	{ "2014 жыл", "2014-12-31", "", "2014 @1" },
	{ "2014 жыл - жобаны әзірлеу; 2015-2020 жылдар- жүйені енгізу",
	  "2014-12-31[жобаны әзірлеу] 2015-12-31[жүйені енгізу] "
	  "2016-12-31[жүйені енгізу] 2017-12-31[жүйені енгізу] "
	  "2018-12-31[жүйені енгізу] 2019-12-31[жүйені енгізу] "
	  "2020-12-31[жүйені енгізу]", "",
	  "2014 'жобаны әзірлеу' @1 | 2015-2020 'жүйені енгізу' @28" },
	{ "2014 жылғы 2-тоқсан", "2014-06-30", "", "2014 q2 @1" },
	{ "2014 жылғы 3-4-тоқсан", "2014-12-31", "", "2014 q3-4 @1" },
	{ "2014 жылғы 3-тоқсан", "2014-09-30", "", "2014 q3 @1" },
	{ "2014 жылғы 4 тоқсан", "2014-12-31", "", "2014 q4 @1" },
	{ "2014 жылғы 4-тоқсан", "2014-12-31", "", "2014 q4 @1" },
	{ "2014 жылғы 4-тоқсан 2015 жылғы 3-тоқсан", "2014-12-31 2015-09-30", "",
	  "2014 q4 @1 | 2015 q3 @21" },
	{ "2014- 2015 жылдар", "2014-12-31 2015-12-31", "", "2014-2015 @1" },
	{ "2014-2015 жылдар", "2014-12-31 2015-12-31", "", "2014-2015 @1" },
	{ "2014-2016 жылдар", "2014-12-31 2015-12-31 2016-12-31", "",
	  "2014-2016 @1" },
	{ "2014-2018 жылдар",
	  "2014-12-31 2015-12-31 2016-12-31 2017-12-31 2018-12-31", "",
	  "2014-2018 @1" },
	{ "2014-2020 жылдар", DEC31_2014_2020, "", "2014-2020 @1" },
	{ "2014-2020 жылғы 4-тоқсан", DEC31_2014_2020, "", "2014-2020 q4 @1" },
	{ "2015 жыл", "2015-12-31", "", "2015 @1" },
	{ "2015 жыл 2016- 2020 жылдар",
	  "2015-12-31 2016-12-31 2017-12-31 2018-12-31 2019-12-31 2020-12-31", "",
	  "2015 @1 | 2016-2020 @10" },
	{ "2015 жылғы 1-тоқсан", "2015-03-31", "", "2015 q1 @1" },
	{ "2015 жылғы 2-тоқсан", "2015-06-30", "", "2015 q2 @1" },
	{ "2015 жылғы 3-тоқсан", "2015-09-30", "", "2015 q3 @1" },
	{ "2015 жылғы 4-тоқсан", "2015-12-31", "", "2015 q4 @1" },
	{ "2016 жылғы 1-тоқсан", "2016-03-31", "", "2016 q1 @1" },
	{ "2016 жылғы 3-тоқсан", "2016-09-30", "", "2016 q3 @1" },
	{ "2016 жылғы 4-тоқсан", "2016-12-31", "", "2016 q4 @1" },
	{ "2017 жылғы 2-тоқсан", "2017-06-30", "", "2017 q2 @1" },
	{ "2017 жылғы 3-тоқсан", "2017-09-30", "", "2017 q3 @1" },
	{ "2017 жылғы 4-тоқсан", "2017-12-31", "", "2017 q4 @1" },
	{ "2018 жылғы 2-тоқсан", "2018-06-30", "", "2018 q2 @1" },
	{ "Жыл сайын", DEC31_2014_2020, "", "annual @1" },
	{ "Жыл сайын, 1 ақпаннан кешіктірмей",
	  "2015-02-01 2016-02-01 2017-02-01 2018-02-01 2019-02-01 2020-02-01",
	  "2014-02-01", "annual 02-01 @1" },
	{ "Жыл сайын, 1 желтоқсаннан кешіктірмей (2016 жылғы екінші тоқсаннан бастап)",
	  "2016-12-01 2017-12-01 2018-12-01 2019-12-01 2020-12-01", "",
	  "annual 12-01 from 2016q2 @1" },
	{ "Жыл сайын, 1 желтоқсаннан кешіктірмей (2017 жылғы 3-тоқсаннан бастап)",
	  "2017-12-01 2018-12-01 2019-12-01 2020-12-01", "",
	  "annual 12-01 from 2017q3 @1" },
	{ "Жыл сайын, 1 мамырдан және 1 қазаннан кешіктірмей",
	  "2014-05-01 2014-10-01 2015-05-01 2015-10-01 2016-05-01 2016-10-01 "
	  "2017-05-01 2017-10-01 2018-05-01 2018-10-01 2019-05-01 2019-10-01 "
	  "2020-05-01 2020-10-01", "", "annual 05-01+10-01 @1" },
	{ "Жыл сайын, 3-тоқсан",
	  "2014-09-30 2015-09-30 2016-09-30 2017-09-30 2018-09-30 2019-09-30 2020-09-30",
	  "", "annual q3 @1" },
	{ "Жыл сайын, 30 сәуірден кешіктірмей",
	  "2014-04-30 2015-04-30 2016-04-30 2017-04-30 2018-04-30 2019-04-30 2020-04-30",
	  "", "annual 04-30 @1" },
	{ "Жыл сайын, 4-тоқсан (2015 жылдан бастап)",
	  "2015-12-31 2016-12-31 2017-12-31 2018-12-31 2019-12-31 2020-12-31", "",
	  "annual q4 from 2015 @1" },
};

static void test_deadline__plan_phrases(void **state)
{
	(void)state;
	for (size_t i = 0; i < JP_ARRAY_LEN(plan_phrases); i++) {
		const struct plan_phrase *p = &plan_phrases[i];

		assert_reading(p->text, p->due, p->outside, p->terms);
	}
}

static bool is_plan_phrase(const char *text)
{
	for (size_t i = 0; i < JP_ARRAY_LEN(plan_phrases); i++)
		if (!strcmp(plan_phrases[i].text, text))
			return true;
	return false;
}

/* The table above holds every deadline the plan document has. */
static void test_deadline__plan_phrases_complete(void **state)
{
	static const char key[] = "\"deadline\": \"";
	const char *root = getenv("JOSPAR_SOURCE_ROOT");
	char path[4096], line[4096];
	size_t seen = 0;
	FILE *f;
	(void)state;
	snprintf(path, sizeof(path), "%s/data/plans/kz-2014-292.json",
		 root ? root : ".");
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open '%s' (set JOSPAR_SOURCE_ROOT)", path);
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, key), *end;

		if (!p)
			continue;
		p += strlen(key);
		end = strchr(p, '"');
		assert_non_null(end);
		*end = '\0';
		assert_null(strchr(p, '\\')); /* no escapes to undo */
		if (!is_plan_phrase(p)) {
			fclose(f);
			fail_msg("plan deadline '%s' is not in plan_phrases", p);
		}
		seen++;
	}
	fclose(f);
	assert_int_equal(seen, 133); /* one per activity */
}

/* Russian and English forms of each shape, read like the Kazakh one. */
static const struct equivalent {
	const char *kazakh;
	const char *other[5];
} equivalents[] = {
	{ "2014 жылғы 2-тоқсан",
	  { "2 квартал 2014 года", "второй квартал 2014 года", "Q2 2014",
	    "2nd quarter of 2014", "second quarter of 2014" } },
	{ "2014 жыл",
	  { "2014 жылы", "2014 год", "2014 г.", "2014" } },
	{ "Жыл сайын",
	  { "ежегодно", "annually", "every year", "yearly" } },
	{ "Жыл сайын, 1 ақпаннан кешіктірмей",
	  { "ежегодно, не позднее 1 февраля", "annually, no later than 1 February",
	    "annually, no later than February 1", "annually, by February 1st" } },
	{ "Жыл сайын, 30 сәуірден кешіктірмей",
	  { "ежегодно, не позднее 30 апреля", "annually, no later than 30 April" } },
	{ "Жыл сайын, 1 мамырдан және 1 қазаннан кешіктірмей",
	  { "ежегодно, не позднее 1 мая и 1 октября",
	    "annually, no later than 1 May and 1 October" } },
	{ "Жыл сайын, 3-тоқсан",
	  { "ежегодно, 3 квартал", "annually, Q3" } },
	{ "2014-2020 жылдар",
	  { "2014-2020 годы", "2014–2020 гг.", "2014-2020", "2014-2020 years" } },
	{ "2014 - 2015 жылдардың 4-тоқсаны",
	  { "4 квартал 2014-2015 годов", "Q4 2014-2015" } },
	{ "2014-2020 жылғы 4-тоқсан",
	  { "4 квартал 2014-2020 годов", "Q4 2014-2020" } },
	{ "2014 жылғы 3-4-тоқсан",
	  { "3-4 квартал 2014 года", "Q3-Q4 2014", "3rd-4th quarter of 2014" } },
	{ "2014 жылғы 4-тоқсан 2015 жылғы 3-тоқсан",
	  { "4 квартал 2014 года, 3 квартал 2015 года", "Q4 2014, Q3 2015",
	    "2014 жылғы 4-тоқсан; 2015 жылғы 3-тоқсан" } },
	{ "2015 жыл 2016- 2020 жылдар",
	  { "2015 год, 2016-2020 годы", "2015, 2016-2020" } },
	{ "Жыл сайын, 4-тоқсан (2015 жылдан бастап)",
	  { "ежегодно, 4 квартал (начиная с 2015 года)", "annually, Q4 (from 2015)",
	    "annually, 4th quarter (starting 2015)" } },
	{ "Жыл сайын, 1 желтоқсаннан кешіктірмей (2016 жылғы екінші тоқсаннан бастап)",
	  { "ежегодно, не позднее 1 декабря (начиная со второго квартала 2016 года)",
	    "annually, no later than 1 December (from the second quarter of 2016)",
	    "annually, no later than 1 December (from Q2 2016)" } },
	{ "Жыл сайын, 1 желтоқсаннан кешіктірмей (2017 жылғы 3-тоқсаннан бастап)",
	  { "ежегодно, не позднее 1 декабря (начиная с 3 квартала 2017 года)",
	    "annually, no later than 1 December (from Q3 2017)" } },
	{ "2014 жыл - жобаны әзірлеу; 2015-2020 жылдар- жүйені енгізу",
	  { "2014 жылы - жобаны әзірлеу; 2015-2020 жылдар - жүйені енгізу",
	    "2014 год - разработка проекта; 2015-2020 годы - внедрение системы",
	    "2014 - project design; 2015-2020 - system rollout" } },
};

static void test_deadline__russian_and_english(void **state)
{
	(void)state;
	for (size_t i = 0; i < JP_ARRAY_LEN(equivalents); i++) {
		const struct equivalent *e = &equivalents[i];

		assert_true(is_plan_phrase(e->kazakh));
		for (size_t k = 0; k < JP_ARRAY_LEN(e->other) && e->other[k]; k++)
			assert_same_reading(e->other[k], e->kazakh);
	}
}

/* The rest of the lexicon (docs/deadlines.md), each word in use. */
static void test_deadline__lexicon(void **state)
{
	static const char *const pairs[][2] = {
		{ "each year", "Жыл сайын" },
		{ "Жыл сайын, 1 ақпанға дейін", "Жыл сайын, 1 ақпаннан кешіктірмей" },
		{ "ежегодно, не позже 1 февраля", "Жыл сайын, 1 ақпаннан кешіктірмей" },
		{ "ежегодно, до 1 февраля", "Жыл сайын, 1 ақпаннан кешіктірмей" },
		{ "annually, not later than 1 Feb", "Жыл сайын, 1 ақпаннан кешіктірмей" },
		{ "annually, by 1 February", "Жыл сайын, 1 ақпаннан кешіктірмей" },
		{ "annually, on 30 Apr", "Жыл сайын, 30 сәуірден кешіктірмей" },
		{ "ежегодно, 1 май", "Жыл сайын, 1 мамырдан кешіктірмей" },
		{ "ежегодно в 3 квартале", "Жыл сайын, 3-тоқсан" },
		{ "ежегодно, во 2 квартале", "ежегодно, 2 квартал" },
		{ "annually, in the 3rd quarter", "Жыл сайын, 3-тоқсан" },
		{ "annually, Q4 (beginning with 2015)", "Жыл сайын, 4-тоқсан (2015 жылдан бастап)" },
		{ "annually, Q4 (since 2015)", "Жыл сайын, 4-тоқсан (2015 жылдан бастап)" },
		{ "annually, Q4 (starting from 2015)", "Жыл сайын, 4-тоқсан (2015 жылдан бастап)" },
		{ "Q4 of the years 2014-2015", "2014 - 2015 жылдардың 4-тоқсаны" },
		{ "3-4 quarters of 2014", "2014 жылғы 3-4-тоқсан" },
		{ "2015 жылғы бірінші тоқсан", "2015 жылғы 1-тоқсан" },
		{ "2015 жылғы үшінші тоқсан", "2015 жылғы 3-тоқсан" },
		{ "2015 жылғы төртінші тоқсан", "2015 жылғы 4-тоқсан" },
		{ "первый квартал 2015 года", "2015 жылғы 1-тоқсан" },
		{ "третий квартал 2015 года", "2015 жылғы 3-тоқсан" },
		{ "четвертый квартал 2015 года", "2015 жылғы 4-тоқсан" },
		{ "четвёртый квартал 2015 года", "2015 жылғы 4-тоқсан" },
		{ "first quarter of 2015", "2015 жылғы 1-тоқсан" },
		{ "1st quarter of 2015", "2015 жылғы 1-тоқсан" },
		{ "third quarter of 2015", "2015 жылғы 3-тоқсан" },
		{ "fourth quarter of 2015", "2015 жылғы 4-тоқсан" },
		{ "4th quarter of 2015", "2015 жылғы 4-тоқсан" },
	};
	static const char *const abbr[12] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec",
	};
	char text[64], terms[32];
	(void)state;
	for (size_t i = 0; i < JP_ARRAY_LEN(pairs); i++)
		assert_same_reading(pairs[i][0], pairs[i][1]);
	for (int m = 1; m <= 12; m++) {
		snprintf(text, sizeof(text), "annually, %s 1", abbr[m - 1]);
		snprintf(terms, sizeof(terms), "annual %02d-01 @1", m);
		assert_terms(text, terms);
	}
}

/* Phases keep their own label in each language. */
static void test_deadline__phase_labels(void **state)
{
	(void)state;
	assert_reading("2014 год - разработка проекта; 2015-2020 годы - внедрение системы",
		       "2014-12-31[разработка проекта] 2015-12-31[внедрение системы] "
		       "2016-12-31[внедрение системы] 2017-12-31[внедрение системы] "
		       "2018-12-31[внедрение системы] 2019-12-31[внедрение системы] "
		       "2020-12-31[внедрение системы]", "",
		       "2014 'разработка проекта' @1 | 2015-2020 'внедрение системы' @32");
	assert_reading("2014 - project design; 2015-2020 - system rollout",
		       "2014-12-31[project design] 2015-12-31[system rollout] "
		       "2016-12-31[system rollout] 2017-12-31[system rollout] "
		       "2018-12-31[system rollout] 2019-12-31[system rollout] "
		       "2020-12-31[system rollout]", "",
		       "2014 'project design' @1 | 2015-2020 'system rollout' @24");
	/* a label after a quarter; a trailing ';' adds no term */
	assert_reading("2014 жылғы 2-тоқсан - жобаны әзірлеу;",
		       "2014-06-30[жобаны әзірлеу]", "", "2014 q2 'жобаны әзірлеу' @1");
	/* a colon introduces a label as well */
	assert_reading("2015 жыл: жүйені енгізу", "2015-12-31[жүйені енгізу]", "",
		       "2015 'жүйені енгізу' @1");
	/* one date from two phases is due once, with the first label */
	assert_reading("2014 жыл - жобаны әзірлеу; 2014-2015 жылдар - жүйені енгізу",
		       "2014-12-31[жобаны әзірлеу] 2015-12-31[жүйені енгізу]", "",
		       "2014 'жобаны әзірлеу' @1 | 2014-2015 'жүйені енгізу' @28");
}

/* Kazakh months in the ablative ("1 ақпаннан" = "from 1 February", read as
 * "no later than"), Russian months in the genitive, English names. */
static void test_deadline__month_endings(void **state)
{
	static const char *const kazakh[12] = {
		"қаңтардан", "ақпаннан", "наурыздан", "сәуірден", "мамырдан",
		"маусымнан", "шілдеден", "тамыздан", "қыркүйектен", "қазаннан",
		"қарашадан", "желтоқсаннан",
	};
	static const char *const russian[12] = {
		"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
		"августа", "сентября", "октября", "ноября", "декабря",
	};
	static const char *const english[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
	};
	char text[128], terms[32];
	(void)state;
	for (int m = 1; m <= 12; m++) {
		snprintf(terms, sizeof(terms), "annual %02d-01 @1", m);
		snprintf(text, sizeof(text), "Жыл сайын, 1 %s кешіктірмей", kazakh[m - 1]);
		assert_terms(text, terms);
		snprintf(text, sizeof(text), "ежегодно, не позднее 1 %s", russian[m - 1]);
		assert_terms(text, terms);
		snprintf(text, sizeof(text), "annually, no later than 1 %s", english[m - 1]);
		assert_terms(text, terms);
	}
	/* the endings the plan has, and the bare nominative */
	assert_reading("Жыл сайын, 1 сәуірден кешіктірмей",
		       "2014-04-01 2015-04-01 2016-04-01 2017-04-01 2018-04-01 "
		       "2019-04-01 2020-04-01", "", "annual 04-01 @1");
	assert_reading("Жыл сайын, 1 мамырдан кешіктірмей",
		       "2014-05-01 2015-05-01 2016-05-01 2017-05-01 2018-05-01 "
		       "2019-05-01 2020-05-01", "", "annual 05-01 @1");
	assert_reading("Жыл сайын, 1 қазаннан кешіктірмей",
		       "2014-10-01 2015-10-01 2016-10-01 2017-10-01 2018-10-01 "
		       "2019-10-01 2020-10-01", "", "annual 10-01 @1");
	assert_reading("Жыл сайын, 1 желтоқсаннан кешіктірмей",
		       "2014-12-01 2015-12-01 2016-12-01 2017-12-01 2018-12-01 "
		       "2019-12-01 2020-12-01", "", "annual 12-01 @1");
	assert_same_reading("Жыл сайын, 1 ақпан", "Жыл сайын, 1 ақпаннан кешіктірмей");
	assert_same_reading("Жыл сайын, 30 сәуір", "Жыл сайын, 30 сәуірден кешіктірмей");
}

static void test_deadline__cases_of_letters(void **state)
{
	(void)state;
	assert_reading("ЖЫЛ САЙЫН", DEC31_2014_2020, "", "annual @1");
	assert_same_reading("жыл сайын", "Жыл сайын");
	assert_same_reading("ЖЫЛ САЙЫН, 1 АҚПАННАН КЕШІКТІРМЕЙ",
			    "Жыл сайын, 1 ақпаннан кешіктірмей");
	assert_same_reading("2014 ЖЫЛҒЫ 2-ТОҚСАН", "2014 жылғы 2-тоқсан");
	assert_same_reading("ЕЖЕГОДНО, НЕ ПОЗДНЕЕ 1 ФЕВРАЛЯ",
			    "Жыл сайын, 1 ақпаннан кешіктірмей");
	assert_same_reading("ANNUALLY, NO LATER THAN 1 FEBRUARY",
			    "Жыл сайын, 1 ақпаннан кешіктірмей");
	assert_same_reading("q2 2014", "2014 жылғы 2-тоқсан");
}

/* Readings that are not in the plan but follow from the grammar. */
static void test_deadline__other_readings(void **state)
{
	(void)state;
	/* "бастап" without parentheses: a series from that year or quarter */
	assert_reading("2015 жылдан бастап",
		       "2015-12-31 2016-12-31 2017-12-31 2018-12-31 2019-12-31 2020-12-31",
		       "", "annual from 2015 @1");
	assert_reading("Жыл сайын (2016 жылғы екінші тоқсаннан бастап)",
		       "2016-12-31 2017-12-31 2018-12-31 2019-12-31 2020-12-31", "",
		       "annual from 2016q2 @1");
	/* 29 February is the 28th in other years */
	assert_reading("Жыл сайын, 29 ақпаннан кешіктірмей",
		       "2015-02-28 2016-02-29 2017-02-28 2018-02-28 2019-02-28 2020-02-29",
		       "2014-02-28", "annual 02-29 @1");
}

/* Fails with exactly "cannot read deadline 'TEXT': REASON at character POS". */
static void assert_error(const char *text, const char *reason, size_t pos)
{
	struct jp_deadline d = JP_DEADLINE_INIT;
	struct jp_error err = JP_ERROR_INIT;
	char want[sizeof(err.msg)], at[64];

	snprintf(at, sizeof(at), " at character %zu", pos);
	snprintf(want, sizeof(want), "cannot read deadline '%s': %s%s", text,
		 reason, at);
	jp_assert_fails(jp_deadline_parse(&d, text, &plan292, &err), JP_EINVALID,
			&err, at);
	assert_int_equal(err.code, JP_EINVALID);
	assert_string_equal(err.msg, want);
	/* nothing is half-built */
	assert_null(d.terms);
	assert_null(d.due);
	assert_null(d.outside);
	assert_int_equal(d.nterms + d.ndue + d.noutside, 0);
}

static void test_deadline__errors(void **state)
{
	(void)state;
	assert_error("2014 жылғы 2-тоқсан шамасында", "unknown word 'шамасында'", 21);
	assert_error("Жыл сайын, 15", "number of unknown meaning '15'", 12);
	assert_error("2014 жылғы 5-тоқсан", "invalid quarter", 12);
	assert_error("5 квартал 2014 года", "invalid quarter", 1);
	assert_error("2014 жылғы 4-3-тоқсан", "invalid quarter", 12);
	assert_error("Q5 2014", "number of unknown meaning '5'", 2);
	assert_error("Жыл сайын, 31 сәуірден кешіктірмей", "invalid day of month", 12);
	assert_error("Жыл сайын, 4-тоқсан (2015 жылдан бастап", "unclosed '('", 21);
	assert_error("Жыл сайын, 4-тоқсан (2015 жыл)",
		     "parenthesis without 'from' (бастап)", 21);
	assert_error("", "empty deadline", 1);
	assert_error("   ", "empty deadline", 1);
	assert_error("- жобаны әзірлеу", "unexpected '-'", 1);
	assert_error("жобаны әзірлеу", "unknown word 'жобаны'", 1);
	assert_error("2014 жыл?", "unexpected character '?'", 9);
	/* a day needs "annually" or a year: nothing is guessed */
	assert_error("February 1", "no year", 1);
	assert_error("2014 жыл - жобаны әзірлеу; 4-тоқсан", "no year", 28);
	/* a label allocated before the error is freed (ASan checks) */
	assert_error("2014 жыл - жобаны әзірлеу; 2015 жылғы 5-тоқсан",
		     "invalid quarter", 39);
	assert_error("2015-2014 жылдар", "invalid year range", 1);
	assert_error("1899 жыл", "invalid year range", 1);
	assert_error("Жыл сайын, ақпан", "month without a day 'ақпан'", 12);
	assert_error("кешіктірмей", "no date", 1);
	assert_error("every quarter", "unexpected 'every'", 1);
	assert_error("екінші 2014", "unexpected 'екінші'", 1);
	assert_error("2014 жыл)", "unexpected ')'", 9);
	assert_error("Жыл сайын (2015-2016 жылдардан бастап)",
		     "'from' needs one year or quarter", 11);
	assert_error("4-тоқсан бастап", "'from' needs one year before it 'бастап'", 10);
	assert_error("Жыл сайын, 1 мамыр, 1 маусым, 1 шілде, 1 тамыз, 1 қыркүйек",
		     "too many dates", 49);
}

/* The fixed limits: 256 tokens, 16 terms, words under 64 bytes. */
static void test_deadline__limits(void **state)
{
	struct jp_buf b = JP_BUF_INIT;
	(void)state;
	for (int i = 0; i < 128; i++)
		jp_buf_adds(&b, "1,");
	jp_buf_adds(&b, "1");	/* token 257, at character 257 */
	assert_error(b.ptr, "text too long", 257);
	jp_buf_reset(&b);
	for (int i = 0; i < 15; i++)
		jp_buf_adds(&b, "2014;");
	jp_buf_adds(&b, "2014");
	assert_reading(b.ptr, "2014-12-31", "", NULL); /* 16 terms, one date */
	jp_buf_adds(&b, ";2014");	/* term 17, at character 81 */
	assert_error(b.ptr, "too many terms", 81);
	jp_buf_reset(&b);
	for (int i = 0; i < 64; i++)
		jp_buf_addc(&b, 'a');
	assert_error(b.ptr, "word too long 'aaaaaaaaaaaaaaaaaaaa'", 1);
	assert_false(jp_buf_oom(&b));
	jp_buf_release(&b);
}

static void test_deadline__window(void **state)
{
	static const struct jp_window short_window = {
		2016, 2018, { 2016, 1, 1 }, { 2018, 12, 31 }
	};
	(void)state;
	/* before the approval: listed, not due */
	assert_reading("2014 жылғы 1-тоқсан", "", "2014-03-31", "2014 q1 @1");
	/* after the period */
	assert_reading("2021 жыл", "", "2021-12-31", "2021 @1");
	assert_reading("2013-2021 жылдар", DEC31_2014_2020, "2013-12-31 2021-12-31",
		       "2013-2021 @1");
	/* both ends of the window are inside it */
	assert_reading("Жыл сайын, 1 сәуірден кешіктірмей",
		       "2014-04-01 2015-04-01 2016-04-01 2017-04-01 2018-04-01 "
		       "2019-04-01 2020-04-01", "", NULL);
	/* "annually" means the window's years */
	assert_reading_in("Жыл сайын", &short_window,
			  "2016-12-31 2017-12-31 2018-12-31", "", "annual @1");
	assert_reading_in("2014-2020 жылдар", &short_window,
			  "2016-12-31 2017-12-31 2018-12-31",
			  "2014-12-31 2015-12-31 2019-12-31 2020-12-31", NULL);
}

static void test_deadline__release(void **state)
{
	struct jp_deadline d = JP_DEADLINE_INIT;
	struct jp_error err = JP_ERROR_INIT;
	(void)state;
	jp_deadline_release(NULL);
	jp_deadline_release(&d);
	jp_assert_ok(jp_deadline_parse(&d, plan_phrases[3].text, &plan292, &err), &err);
	assert_int_equal(d.nterms, 2);
	assert_string_equal(d.terms[0].label, "жобаны әзірлеу");
	assert_ptr_equal(d.due[0].label, d.terms[0].label);
	jp_deadline_release(&d);
	assert_null(d.terms);
	assert_null(d.due);
	assert_null(d.outside);
	jp_deadline_release(&d); /* twice is harmless */
}

/* Each allocation failing in turn gives JP_ERROR and leaks nothing. */
static void test_deadline__out_of_memory(void **state)
{
	static const char *const texts[] = {
		"2014 жыл - жобаны әзірлеу; 2015-2020 жылдар- жүйені енгізу",
		"Жыл сайын, 1 мамырдан және 1 қазаннан кешіктірмей",
		"2013-2021 жылдар",
	};
	(void)state;
	for (size_t i = 0; i < JP_ARRAY_LEN(texts); i++) {
		for (long n = 0;; n++) {
			struct jp_deadline d = JP_DEADLINE_INIT;
			struct jp_error err = JP_ERROR_INIT;
			int rc;

			jp_alloc_fail_after(n);
			rc = jp_deadline_parse(&d, texts[i], &plan292, &err);
			jp_alloc_fail_after(-1);
			if (rc == 0) {
				assert_sane(&d, &plan292);
				jp_deadline_release(&d);
				assert_true(n > 0);
				break;
			}
			assert_int_equal(rc, JP_ERROR);
			assert_string_equal(err.msg, "out of memory");
			assert_null(d.terms);
			assert_null(d.due);
			assert_true(n < 1000);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline__plan_phrases),
		cmocka_unit_test(test_deadline__plan_phrases_complete),
		cmocka_unit_test(test_deadline__russian_and_english),
		cmocka_unit_test(test_deadline__lexicon),
		cmocka_unit_test(test_deadline__phase_labels),
		cmocka_unit_test(test_deadline__month_endings),
		cmocka_unit_test(test_deadline__cases_of_letters),
		cmocka_unit_test(test_deadline__other_readings),
		cmocka_unit_test(test_deadline__errors),
		cmocka_unit_test(test_deadline__limits),
		cmocka_unit_test(test_deadline__window),
		cmocka_unit_test(test_deadline__release),
		cmocka_unit_test(test_deadline__out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
