/*
 * test_decree.c - the decree-text importer: its building blocks (lines,
 * tokens, executor lists, money cells, targets) and whole imports of small
 * decrees in the published layout, bad input, the review file, allocation
 * failures, and the official text of plan No. 292 when it is there.
 */
#include "test.h"
#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "plan.h"
#include "plan_json.h"
#include "decree.h"
#include "decree_int.h"

#include <jansson.h>

/* ---- a context over a few lines of text ---- */

struct tctx {
	struct jp_arena a;
	struct dctx c;
};

static void tctx_open(struct tctx *t, const char *text)
{
	memset(t, 0, sizeof(*t));
	t->c.a = &t->a;
	t->c.window = (struct jp_window){ 2014, 2020, { 2014, 1, 1 }, { 2020, 12, 31 } };
	assert_int_equal(dec_lines(&t->c, text, strlen(text)), 0);
	assert_int_equal(dec_vocab(&t->c), 0);
	dec_mend_lines(&t->c);
	assert_false(t->c.oom);
}

static void tctx_close(struct tctx *t)
{
	jp_arena_release(&t->a);
}

/* The text of the tokens of lines [first, last), joined as a column. */
static char *joined(struct tctx *t, size_t first, size_t last)
{
	struct dtoks k = { NULL, 0, 0 };

	for (size_t li = first; li < last; li++)
		if (!t->c.lines[li].blank)
			assert_int_equal(dec_tokenize_line(&t->c, li, 0, &k), 0);
	return dec_join(&t->c, k.v, k.n);
}

static void test_decree__letter_spacing(void **state)
{
	struct tctx t;
	(void)state;
	tctx_open(&t, "Б а ғ д а р л а м а н ы ң  м а қ с а т ы :\n"
		      "% - д ы ,  2 0 2 0  ж ы л ы  -  1 0 0  % - д ы  қ ұ р а й д ы ;\n"
		      "І І М ,\n"
		      "Т Ж М  (\n"
		      "6 3 3 - - -\n"
		      "2 0 1 4\n"
		      "жылғы 4-\n"
		      "СНС        -  сот -наркологиялық  сараптама\n"
		      "дей ін , 2020 жылы\n"
		      "дейін\n");
	assert_string_equal(t.c.lines[0].text, "Бағдарламаның мақсаты:");
	assert_true(t.c.lines[0].spaced);
	assert_string_equal(t.c.lines[1].text, "%-ды, 2020 жылы - 100 %-ды құрайды;");
	assert_string_equal(t.c.lines[2].text, "ІІМ,");
	assert_string_equal(t.c.lines[3].text, "ТЖМ (");
	/* single digits alone are money cells, not spacing */
	assert_string_equal(t.c.lines[4].text, "6 3 3 - - -");
	assert_false(t.c.lines[4].spaced);
	/* ... but four of them that make a year are a year */
	assert_string_equal(t.c.lines[5].text, "2014");
	assert_true(t.c.lines[6].hyjoin);
	assert_string_equal(t.c.lines[7].text, "СНС - сот-наркологиялық сараптама");
	assert_string_equal(t.c.lines[8].text, "дейін, 2020 жылы");
	tctx_close(&t);
}

static void test_decree__joining_lines(void **state)
{
	struct tctx t;
	(void)state;
	tctx_open(&t, "МҚІСҚА (\n"          /* 0 */
		      "келіс ім\n"          /* 1: "келісім" is below */
		      "бойынша) ІІМ\n"      /* 2 */
		      ", Қаржымині\n"       /* 3 */
		      "2014-\n"             /* 4 */
		      "2020\n"              /* 5 */
		      "жылдар-  \n"         /* 6: a trailing space keeps one */
		      "жүйені\n"            /* 7 */
		      "2014 жылғы 2\n"      /* 8 */
		      "-тоқсан\n"           /* 9 */
		      "2015 жылғы\n"        /* 10 */
		      "4 -\n"               /* 11 */
		      "тоқсан\n"            /* 12 */
		      "келісім\n");
	assert_string_equal(joined(&t, 0, 4), "МҚІСҚА (келісім бойынша) ІІМ, Қаржымині");
	assert_string_equal(joined(&t, 4, 6), "2014-2020");
	assert_string_equal(joined(&t, 6, 8), "жылдар- жүйені");
	assert_string_equal(joined(&t, 8, 10), "2014 жылғы 2-тоқсан");
	assert_string_equal(joined(&t, 10, 13), "2015 жылғы 4-тоқсан");
	tctx_close(&t);
}

static void test_decree__broken_before_i(void **state)
{
	struct tctx t;
	(void)state;
	tctx_open(&t, "келіс ім мониторинг і\n"
		      "б ірыңғай жүйесі\n"
		      "мен іс-шаралар оның ішінде\n"
		      "келісім\n");
	/* mended: the whole word occurs elsewhere, or a part is one letter */
	assert_string_equal(t.c.lines[0].text, "келісім мониторингі");
	assert_string_equal(t.c.lines[1].text, "бірыңғай жүйесі");
	/* kept: real words that begin with "і" */
	assert_string_equal(t.c.lines[2].text, "мен іс-шаралар оның ішінде");
	tctx_close(&t);
}

static void test_decree__token_kinds(void **state)
{
	struct tctx t;
	(void)state;
	tctx_open(&t, "x\n");
	assert_true(dec_is_agency(&t.c, "ІІМ,"));
	assert_true(dec_is_agency(&t.c, "(БП"));
	assert_true(dec_is_agency(&t.c, "Қаржымині"));
	assert_true(dec_is_agency(&t.c, "Әділетмині,"));
	assert_false(dec_is_agency(&t.c, "ІІМ-ге"));
	assert_false(dec_is_agency(&t.c, "ЭКСПО-2017"));
	assert_false(dec_is_agency(&t.c, "IV"));      /* Latin numerals */
	assert_false(dec_is_agency(&t.c, "Бұйрық"));
	assert_true(dec_is_flag_word("(келісім"));
	assert_true(dec_is_flag_word("жинақтау),"));
	assert_true(dec_is_money_amount("1776,9"));
	assert_true(dec_is_money_amount("28,045"));
	assert_false(dec_is_money_amount("1,2,3"));
	assert_false(dec_is_money_amount("2-тоқсан"));
	assert_true(dec_is_source("РБ"));
	assert_false(dec_is_source("БП"));
	assert_true(dec_is_program("001"));
	assert_int_equal(dec_year_of("(2015"), 2015);
	assert_int_equal(dec_year_of("2014-2020"), 2014);
	assert_int_equal(dec_year_of("20145"), 0);
	assert_true(dec_is_date_word("жылдардың"));
	assert_true(dec_is_date_word("-тоқсан"));
	assert_true(dec_is_date_word("желтоқсаннан"));
	assert_false(dec_is_date_word("жылдам"));   /* "fast", not a year */
	assert_false(dec_is_date_word("Бастапқы")); /* "primary", not "from" */
	assert_int_equal(dec_month_of("сәуірдегі"), 4);
	assert_int_equal(dec_month_of("желтоқсаннан"), 12);
	tctx_close(&t);
}

/* Money cells of one line, as a row prints them. */
static void money_of(const char *line, int nyears, struct dmoney *out)
{
	struct tctx t;
	struct dtoks k = { NULL, 0, 0 };

	tctx_open(&t, line);
	for (size_t li = 0; li < t.c.nlines; li++)
		if (!t.c.lines[li].blank)
			assert_int_equal(dec_tokenize_line(&t.c, li, 0, &k), 0);
	dec_money(&t.c, k.v, k.n, nyears, out);
	tctx_close(&t);
}

static void test_decree__money_cells(void **state)
{
	struct dmoney m;
	(void)state;
	/* digit groups join where the total then adds up */
	money_of("4858,1 1 495,6 1471,3 1019,1 872,1 - -", 7, &m);
	assert_true(m.has_total);
	assert_int_equal(m.total, 4858100000);
	assert_int_equal(m.year[0], 1495600000);
	assert_int_equal(m.year_mask, 0xF);
	assert_false(m.sum_differs);
	/* ... and not where it does not: 940 = 493,2 + 446,8 */
	money_of("940 493,2 446,8 - - - - -", 7, &m);
	assert_int_equal(m.total, 940000000);
	assert_int_equal(m.year[1], 446800000);
	/* single digits stay cells */
	money_of("6 3 3 - - -", 7, &m);
	assert_int_equal(m.total, 6000000);
	assert_int_equal(m.year_mask, 0x3);
	/* letter-spaced digits, over two lines, in a grand total */
	money_of("1 5\n913,2455\n7\n935,051\n2958,694 3515 1031,7 159,6 156,6", 7, &m);
	assert_int_equal(m.total, 15913245500);
	assert_int_equal(m.year[0], 7935051000);
	assert_int_equal(m.year_mask, 0x3F);
	assert_true(m.sum_differs);     /* as printed */
	/* a group with a leading zero cannot stand alone */
	money_of("1 048,699 340 - - -", 4, &m);
	assert_int_equal(m.total, 1048699000);
	/* all dashes: money printed, none planned */
	money_of("- - - - - -", 7, &m);
	assert_true(m.present);
	assert_false(m.has_total);
	assert_int_equal(m.year_mask, 0);
	/* more cells than the period has years */
	money_of("1,5 1,5 1,5 1,5 1,5", 2, &m);
	assert_true(m.too_many);
}

/* ---- whole decrees ---- */

static const char small_decree[] =
	"\n"
	"Қазақстан Республикасының ауыл шаруашылығын дамытудың 2020 - 2022\n"
	"жылдарға арналған бағдарламасын іске асыру жөніндегі іс-шаралар\n"
	"жоспарын бекіту туралы\n"
	"\n"
	"Қазақстан Республикасы Үкіметінің 2020 жылғы 5 наурыздағы № 77 қаулысы.\n"
	"Күші жойылды - Қазақстан Республикасы Үкіметінің 2022 жылғы 1 шілдедегі\n"
	"№ 500 қаулысымен\n"
	"Ү к і м е т і н і ң\n"
	"№  7 7  қ а у л ы с ы м е н\n"
	"бекітілген\n"
	"\n"
	"Ауыл шаруашылығын дамытудың 2020 - 2022 жылдарға арналған\n"
	"бағдарламасын іске асыру жөніндегі іс-шаралар жоспары\n"
	"\n"
	"      Ескерту. Жоспарға өзгерістер енгізілді - ҚР Үкіметінің 01.02.2021 № 12\n"
	"қаулысымен.\n"
	"\n"
	"Іс-шараның атауы Аяқтау нысаны Жауапты\n"
	"Болжанатын шығыстар, млн. теңге\n"
	"1 2 3 4 5 6 7 8\n"
	"\n"
	"Б а ғ д а р л а м а н ы ң  м а қ с а т ы :\n"
	"ауыл шаруашылығын дамыту\n"
	"\n"
	"Бағдарламалық мақсат:\n"
	"өнім өндіруді арттыру.\n"
	"\n"
	"Нысаналы индикаторлар:\n"
	"1) өнім көлемі 2022 жылы 20 %-ға артады;\n"
	"2) рейтингтегі орны 2021 жылы 40-орынға дейін жақсарады.\n"
	"\n"
	"1.1 Мал шаруашылығын дамыту.\n"
	"\n"
	"М і н д е т т е р :\n"
	"мал басын көбейту;\n"
	"жем-шөп базасын нығайту.\n"
	"\n"
	"Нәтижелер көрсеткіштері:\n"
	"мал басы 2021 жылы - 5 %-ға, 2022 жылы - 10,5 %-ға артады;\n"
	"ет өндірісі 2022 жылы 30 %-ды құрайды.\n"
	"\n"
	"1.\n"                                     /* line 43 */
	"\n"
	"Асыл тұқымды мал\n"
	"басын көбейту\n"
	"\n"
	"Бұйрық ІІМ\n"
	"\n"
	"2020 жылғы\n"
	"4 -\n"
	"тоқсан\n"
	"\n"
	"1 495,6 495,6 500 500 РБ 001\n"
	"\n"
	"Жайылымдарды\n"                          /* line 56: before "2." */
	"\n"
	"\n"
	"\n"
	"2\n"
	".\n"
	"\n"
	"пайдалану жүйесін жетілдіру\n"
	"\n"
	"Үкіметке\n"
	"ұсыныстар\n"
	"\n"
	"БП (келісім\n"
	"бойынша,\n"
	"жинақтау),\n"
	"І І М\n"
	"\n"
	"Жыл сайын\n"
	"\n"
	"- - - -\n"
	"\n"
	"2-\n"
	"1.\n"
	"\n"
	"Ветеринариялық қызметтердің\n"
	"сапасын\n"
	"\n"
	"Үкіметке\n"
	"ұсыныстар\n"
	"\n"
	"ІІМ\n"
	"2021 жылғы 2\n"
	"-тоқсан\n"
	"\n"
	"\n"
	"\n"
	"арттыру\n"                               /* after the page break */
	"\n"
	"Шығындар жиыны 1 495,6 495,6 500 500\n"
	"\n"
	"* - қаржыландыру көлемі нақтыланады\n"
	"      Ескертпе: аббревиатуралардың толық жазылуы:\n"
	"ІІМ        - Қазақстан Республикасы Ішкі істер\n"
	"             министрлігі\n"
	"Ұ К П         -  Ұ л т т ы қ  к ә с і п к е р л е р  п а л а т а с ы\n"
	"БП         - Бас прокуратура\n";

static struct jp_decree *import_ok(const char *text)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_decree *d = NULL;

	jp_assert_ok(jp_decree_import(&d, text, strlen(text), NULL, &err), &err);
	assert_non_null(d);
	assert_non_null(d->plan);
	return d;
}

static bool flagged(const struct jp_decree *d, const char *pointer)
{
	for (size_t i = 0; i < d->nflags; i++)
		if (!strcmp(d->flags[i].pointer, pointer))
			return true;
	return false;
}

static void test_decree__small_decree(void **state)
{
	struct jp_decree *d = import_ok(small_decree);
	const struct jp_plan *p = d->plan;
	const struct jp_activity *a;
	(void)state;
	assert_string_equal(p->id, "kz-2020-77");
	assert_string_equal(p->number, "77");
	assert_int_equal(p->approved.y, 2020);
	assert_int_equal(p->approved.m, 3);
	assert_int_equal(p->approved.d, 5);
	assert_string_equal(p->title, "Ауыл шаруашылығын дамытудың 2020 - 2022 жылдарға арналған "
			    "бағдарламасын іске асыру жөніндегі іс-шаралар жоспары");
	assert_int_equal(p->period_from, 2020);
	assert_int_equal(p->period_to, 2022);
	assert_string_equal(p->issuer, "Қазақстан Республикасының Үкіметі");
	assert_string_equal(p->unit, "million tenge");
	assert_string_equal(p->language, "kk");
	assert_int_equal(p->namendments, 1);
	assert_string_equal(p->amendments[0].number, "12");
	assert_int_equal(p->amendments[0].date.m, 2);
	assert_true(p->repealed);
	assert_string_equal(p->repeal.number, "500");
	assert_int_equal(p->repeal.date.m, 7);
	assert_string_equal(p->goal, "ауыл шаруашылығын дамыту");
	/* objectives and their yearly targets */
	assert_int_equal(p->nobjectives, 1);
	assert_int_equal(p->objectives[0].nindicators, 2);
	assert_int_equal(p->objectives[0].indicators[1].number, 2);
	assert_int_equal(p->objectives[0].indicators[1].targets[0].year, 2021);
	assert_string_equal(p->objectives[0].indicators[1].targets[0].value, "40");
	assert_string_equal(p->objectives[0].indicators[1].targets[0].unit, "орын");
	/* directions, tasks, result indicators */
	assert_int_equal(p->ndirections, 1);
	assert_string_equal(p->directions[0].code, "1.1");
	assert_int_equal(p->directions[0].objective, 1);
	assert_int_equal(p->directions[0].ntasks, 2);
	assert_string_equal(p->directions[0].tasks[0], "мал басын көбейту;");
	assert_int_equal(p->directions[0].nindicators, 2);
	assert_int_equal(p->directions[0].indicators[0].ntargets, 2);
	assert_string_equal(p->directions[0].indicators[0].targets[1].value, "10.5");
	/* row 1: form and executor on one line, "4 -" / "тоқсан", grouped money */
	assert_int_equal(p->nactivities, 3);
	a = &p->activities[0];
	assert_string_equal(a->number, "1");
	assert_string_equal(a->direction, "1.1");
	assert_string_equal(a->title, "Асыл тұқымды мал басын көбейту");
	assert_string_equal(a->completion_form, "Бұйрық");
	assert_string_equal(a->executors_text, "ІІМ");
	assert_string_equal(a->deadline_text, "2020 жылғы 4-тоқсан");
	assert_true(a->budget.present);
	assert_int_equal(a->budget.total, 1495600000);
	assert_int_equal(a->budget.year_mask, 0x7);
	assert_string_equal(a->budget.source, "РБ");
	assert_string_equal(a->budget.program, "001");
	assert_int_equal(a->source_lines[0], 43);
	/* row 2: the start of its title printed before its number */
	a = &p->activities[1];
	assert_string_equal(a->number, "2");
	assert_string_equal(a->title, "Жайылымдарды пайдалану жүйесін жетілдіру");
	assert_string_equal(a->completion_form, "Үкіметке ұсыныстар");
	assert_string_equal(a->executors_text, "БП (келісім бойынша, жинақтау), ІІМ");
	assert_string_equal(a->deadline_text, "Жыл сайын");
	assert_false(a->budget.present);    /* dashes only */
	assert_int_equal(a->source_lines[0], 56);
	assert_true(flagged(d, "/activities/1"));
	/* row 2-1: the end of its title after a page break */
	a = &p->activities[2];
	assert_string_equal(a->number, "2-1");
	assert_string_equal(a->title, "Ветеринариялық қызметтердің сапасын арттыру");
	assert_string_equal(a->deadline_text, "2021 жылғы 2-тоқсан");
	assert_false(a->budget.present);
	assert_true(flagged(d, "/activities/2/title"));
	/* the total, the footnote, the glossary */
	assert_true(p->grand_total.present);
	assert_int_equal(p->grand_total.total, 1495600000);
	assert_string_equal(p->footnote, "* - қаржыландыру көлемі нақтыланады");
	assert_int_equal(p->nglossary, 3);
	assert_string_equal(p->glossary[0].name, "Қазақстан Республикасы Ішкі істер министрлігі");
	assert_string_equal(p->glossary[1].abbr, "ҰКП");
	assert_string_equal(p->glossary[1].name, "Ұлттық кәсіпкерлер палатасы");
	assert_int_equal(d->nmissing, 0);
	assert_int_equal(d->counts.activities, 3);
	assert_int_equal(d->counts.budgets, 1);
	jp_decree_free(d);
}

static void test_decree__document_loads(void **state)
{
	struct jp_decree *d = import_ok(small_decree);
	struct jp_buf b = JP_BUF_INIT;
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *back = NULL;
	(void)state;
	assert_int_equal(jp_decree_plan_json(d, &b), 0);
	jp_assert_ok(jp_plan_from_json(&back, b.ptr, b.len, &err), &err);
	assert_int_equal(back->nactivities, 3);
	assert_int_equal(back->activities[1].source_lines[0], 56);
	jp_plan_free(back);
	jp_buf_release(&b);
	jp_decree_free(d);
}

static void test_decree__review_file(void **state)
{
	struct jp_decree *d = import_ok(small_decree);
	struct jp_buf b = JP_BUF_INIT;
	json_error_t jerr;
	json_t *root, *v;
	const char *key;
	(void)state;
	assert_int_equal(jp_decree_review_json(d, &b), 0);
	root = json_loads(b.ptr, 0, &jerr);
	assert_non_null(root);
	assert_true(json_object_size(root) == d->nflags);
	json_object_foreach(root, key, v) {
		const char *conf = json_string_value(json_object_get(v, "confidence"));
		json_t *lines = json_object_get(v, "lines");

		assert_true(key[0] == '/');
		assert_non_null(conf);
		assert_true(!strcmp(conf, "low") || !strcmp(conf, "medium"));
		assert_true(json_is_array(lines) && json_array_size(lines) == 2);
		assert_non_null(json_string_value(json_object_get(v, "why")));
	}
	json_decref(root);
	jp_buf_release(&b);
	jp_decree_free(d);
}

static void test_decree__what_is_missing(void **state)
{
	/* rows and nothing else: flagged and listed, and still a document */
	static const char bare[] =
		"1.\n\nБір жұмыс\n\nБұйрық\n\nІІМ\n\n2020 жыл\n\n"
		"2.\n\nЕкінші жұмыс\n\nБұйрық\n\nБП\n\n2021 жыл\n";
	struct jp_decree *d = import_ok(bare);
	struct jp_buf b = JP_BUF_INIT;
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *back = NULL;
	(void)state;
	assert_int_equal(d->plan->nactivities, 2);
	assert_string_equal(d->plan->activities[1].executors_text, "БП");
	assert_true(d->nmissing >= 5);
	assert_true(d->counts.flags_low > 0);
	assert_true(flagged(d, "/number"));
	assert_int_equal(jp_decree_plan_json(d, &b), 0);
	jp_assert_ok(jp_plan_from_json(&back, b.ptr, b.len, &err), &err);
	jp_plan_free(back);
	jp_buf_release(&b);
	jp_decree_free(d);
}

static void test_decree__bad_input(void **state)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_decree *d = NULL;
	static const char nul[] = "1.\n\nа\0б\n";
	(void)state;
	jp_assert_fails(jp_decree_import(&d, "1.\n\n\xff\xfe\n", 7, NULL, &err),
			JP_EINVALID, &err, "line 3");
	assert_null(d);
	jp_assert_fails(jp_decree_import(&d, nul, sizeof(nul) - 1, NULL, &err),
			JP_EINVALID, &err, "not UTF-8");
	jp_assert_fails(jp_decree_import(&d, "just words\nand more words\n", 26, NULL, &err),
			JP_EINVALID, &err, "no activity table");
	jp_assert_fails(jp_decree_import(&d, "", 0, NULL, &err),
			JP_EINVALID, &err, "no activity table");
	jp_assert_fails(jp_decree_import(&d, small_decree, JP_DECREE_MAX_BYTES + 1, NULL, &err),
			JP_EINVALID, &err, "larger than");
	assert_null(d);
}

static void test_decree__given_id(void **state)
{
	struct jp_decree_opts opts = JP_DECREE_OPTS_INIT;
	struct jp_error err = JP_ERROR_INIT;
	struct jp_decree *d = NULL;
	(void)state;
	opts.id = "my-plan";
	jp_assert_ok(jp_decree_import(&d, small_decree, strlen(small_decree), &opts, &err), &err);
	assert_string_equal(d->plan->id, "my-plan");
	jp_decree_free(d);
	jp_decree_free(NULL);
}

static void test_decree__allocation_failures(void **state)
{
	/* fail every allocation in turn: never a crash, never a half result */
	size_t n = strlen(small_decree);
	long ok_after = -1;
	(void)state;
	for (long k = 0; k < 20000; k++) {
		struct jp_error err = JP_ERROR_INIT;
		struct jp_decree *d = NULL;
		int rc;

		jp_alloc_fail_after(k);
		rc = jp_decree_import(&d, small_decree, n, NULL, &err);
		jp_alloc_fail_after(-1);
		if (rc == 0) {
			assert_non_null(d);
			jp_decree_free(d);
			ok_after = k;
			break;
		}
		assert_null(d);
		assert_int_equal(rc, JP_ERROR);
		assert_string_equal(err.msg, "out of memory");
	}
	assert_true(ok_after > 10);
}

/* The official text of plan No. 292, when it is beside the repository. */
static void test_decree__seed(void **state)
{
	const char *root = getenv("JOSPAR_SOURCE_ROOT");
	struct jp_buf path = JP_BUF_INIT, text = JP_BUF_INIT;
	struct jp_error err = JP_ERROR_INIT;
	struct jp_decree *d = NULL;
	const struct jp_activity *a;
	char chunk[65536];
	size_t n;
	FILE *f;
	(void)state;
	jp_buf_addf(&path, "%s/../shared/seed/plan-292-kk.txt", root ? root : "..");
	f = fopen(path.ptr, "rb");
	jp_buf_release(&path);
	if (!f)
		skip();
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		jp_buf_add(&text, chunk, n);
	fclose(f);
	jp_assert_ok(jp_decree_import(&d, text.ptr, text.len, NULL, &err), &err);
	assert_string_equal(d->plan->id, "kz-2014-292");
	assert_int_equal(d->plan->nactivities, 133);
	assert_int_equal(d->plan->ndirections, 8);
	assert_int_equal(d->plan->nglossary, 28);
	assert_int_equal(d->counts.flags_low, 0);
	/* a row printed with two numbers, inserted rows */
	assert_non_null(jp_plan_find_activity(d->plan, "45. 46"));
	assert_non_null(jp_plan_find_activity(d->plan, "89-2"));
	/* row 65: executor, deadline start and money printed before its number */
	a = jp_plan_find_activity(d->plan, "65");
	assert_non_null(a);
	assert_string_equal(a->executors_text, "ІІМ");
	assert_string_equal(a->deadline_text, "2014 жылғы 4-тоқсан");
	assert_int_equal(a->budget.total, 353200000);
	assert_string_equal(a->budget.program, "002");
	assert_int_equal(a->source_lines[0], 1862);
	/* row 98: a word broken before its "і" in the deadline */
	a = jp_plan_find_activity(d->plan, "98");
	assert_string_equal(a->deadline_text,
			    "Жыл сайын, 1 желтоқсаннан кешіктірмей (2016 жылғы екінші тоқсаннан бастап)");
	jp_decree_free(d);
	jp_buf_release(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decree__letter_spacing),
		cmocka_unit_test(test_decree__joining_lines),
		cmocka_unit_test(test_decree__broken_before_i),
		cmocka_unit_test(test_decree__token_kinds),
		cmocka_unit_test(test_decree__money_cells),
		cmocka_unit_test(test_decree__small_decree),
		cmocka_unit_test(test_decree__document_loads),
		cmocka_unit_test(test_decree__review_file),
		cmocka_unit_test(test_decree__what_is_missing),
		cmocka_unit_test(test_decree__bad_input),
		cmocka_unit_test(test_decree__given_id),
		cmocka_unit_test(test_decree__allocation_failures),
		cmocka_unit_test(test_decree__seed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
