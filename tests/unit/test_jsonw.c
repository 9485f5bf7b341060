/*
 * test_jsonw.c - the streaming JSON writer gives jansson's bytes: for
 * hand-picked and generated values in every layout jospar uses, and for the
 * status view, streamed, against the jansson tree it was built as before
 * (the embedded plan with a simulated history, at several dates and
 * agencies).
 */
#include "test.h"
#include "buf.h"
#include "jsonw.h"
#include "simulate.h"
#include "status.h"
#include "views.h"
#include "fixture.h"

#include <jansson.h>

static const size_t layouts[][2] = {
	/* jansson's flags, ours */
	{ JSON_INDENT(1), JP_JSONW_INDENT(1) },
	{ JSON_COMPACT, JP_JSONW_COMPACT },
	{ 0, 0 },
	{ JSON_INDENT(3), JP_JSONW_INDENT(3) },
	{ JSON_INDENT(2) | JSON_COMPACT, JP_JSONW_INDENT(2) | JP_JSONW_COMPACT },
};

/* Writes jansson value v through the writer, members in v's order. */
static void write_value(struct jp_jsonw *w, json_t *v)
{
	const char *key;
	json_t *m;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		jp_jsonw_object_begin(w);
		json_object_foreach(v, key, m) {
			jp_jsonw_key(w, key);
			write_value(w, m);
		}
		jp_jsonw_object_end(w);
		break;
	case JSON_ARRAY:
		jp_jsonw_array_begin(w);
		json_array_foreach(v, i, m)
			write_value(w, m);
		jp_jsonw_array_end(w);
		break;
	case JSON_STRING:
		jp_jsonw_string(w, json_string_value(v));
		break;
	case JSON_INTEGER:
		jp_jsonw_int(w, json_integer_value(v));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		jp_jsonw_bool(w, json_is_true(v));
		break;
	case JSON_NULL:
		jp_jsonw_null(w);
		break;
	default:
		fail_msg("no reals in jospar's JSON");
	}
}

/* v (taken) written by both, in every layout, must give the same bytes. */
static void assert_same(json_t *v)
{
	assert_non_null(v);
	for (size_t l = 0; l < JP_ARRAY_LEN(layouts); l++) {
		char *want = json_dumps(v, layouts[l][0] | JSON_ENCODE_ANY);
		struct jp_buf b = JP_BUF_INIT;
		struct jp_jsonw w;

		assert_non_null(want);
		jp_jsonw_init(&w, &b, (unsigned)layouts[l][1]);
		write_value(&w, v);
		assert_int_equal(w.depth, 0);
		assert_false(jp_buf_oom(&b));
		assert_string_equal(b.ptr, want);
		free(want);
		jp_buf_release(&b);
	}
	json_decref(v);
}

static void test_jsonw__scalars(void **state)
{
	(void)state;
	assert_same(json_integer(0));
	assert_same(json_integer(-1));
	assert_same(json_integer(1234567890123LL));
	assert_same(json_integer(INT64_MAX));
	assert_same(json_integer(INT64_MIN));
	assert_same(json_true());
	assert_same(json_false());
	assert_same(json_null());
	assert_same(json_string(""));
}

static void test_jsonw__escapes(void **state)
{
	char ctl[40];
	int n = 0;

	(void)state;
	/* every control character, then the ones with short escapes */
	for (int c = 1; c < 0x20; c++)
		ctl[n++] = (char)c;
	ctl[n++] = 0x7f;
	ctl[n] = '\0';
	assert_same(json_string(ctl));
	assert_same(json_string("\"quoted\" back\\slash a/b </script>"));
	/* Kazakh, Russian, wide, combining, astral, U+2028 */
	assert_same(json_string("Құқық қорғау жүйесі: ӘҒҚҢӨҰҮҺІ әғқңөұүһі"));
	assert_same(json_string("Генеральная прокуратура — «№ 292»"));
	assert_same(json_string("日本語 e\xcc\x81 \xf0\x9f\x98\x80 \xe2\x80\xa8 \xef\xbf\xbd"));
	assert_same(json_pack("{s:s, s:s}", "ключ \"1\"\n", "v", "", "\t"));
}

static void test_jsonw__nesting(void **state)
{
	(void)state;
	assert_same(json_object());
	assert_same(json_array());
	assert_same(json_pack("{s:[], s:{}, s:[[], {}, [[]]], s:{s:{s:[]}}}", "a", "b", "c",
			      "d", "e", "f"));
	assert_same(json_pack("[i, [i, [i, []]], {s:[{}, {s:n}]}]", 1, 2, 3, "x", "y"));
	assert_same(json_pack("{s:s, s:I, s:b, s:n, s:[s, s]}", "plan", "kz-2014-292",
			      "passed", (json_int_t)12, "synthetic", 1, "agency", "list",
			      "ІІМ", "БП"));
}

/* A small reproducible generator for the values below. */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static json_t *gen(int depth)
{
	static const char *const words[] = {
		"", "a", "ІІМ", "жинақтау", "x\"y", "\\", "\n\t", "\x01", "日本",
		"Әділетмині", "key", "2015-12-31", "\xf0\x9f\x98\x80", "/",
	};
	unsigned k = next(depth > 4 ? 5 : 7);

	switch (k) {
	case 0: return json_string(words[next(JP_ARRAY_LEN(words))]);
	case 1: return json_integer((json_int_t)next(1000000) - 500000);
	case 2: return json_boolean(next(2));
	case 3: return json_null();
	case 4: return json_string(words[next(JP_ARRAY_LEN(words))]);
	case 5: {
		json_t *a = json_array();

		for (unsigned i = next(5); i > 0; i--)
			json_array_append_new(a, gen(depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();

		for (unsigned i = next(5); i > 0; i--) {
			char key[32];

			snprintf(key, sizeof(key), "%s%u", words[next(JP_ARRAY_LEN(words))], i);
			json_object_set_new(o, key, gen(depth + 1));
		}
		return o;
	}
	}
}

static void test_jsonw__generated(void **state)
{
	(void)state;
	for (int i = 0; i < 300; i++)
		assert_same(gen(0));
}

static void test_jsonw__invalid_utf8_is_replaced(void **state)
{
	struct jp_buf b = JP_BUF_INIT;

	(void)state;
	/* a lone continuation, an overlong '/', a surrogate, a cut sequence */
	jp_jsonw_add_string(&b, "a\x80" "b\xc0\xaf" "c\xed\xa0\x80" "d\xd0");
	assert_string_equal(b.ptr, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd"
			    "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "d\xef\xbf\xbd\"");
	jp_buf_release(&b);
}

static void test_jsonw__buffer_errors_are_sticky(void **state)
{
	struct jp_buf b = JP_BUF_INIT;
	struct jp_jsonw w;

	(void)state;
	jp_buf_set_limit(&b, 16);
	jp_jsonw_init(&w, &b, JP_JSONW_COMPACT);
	jp_jsonw_object_begin(&w);
	jp_jsonw_kstring(&w, "title", "longer than sixteen bytes");
	jp_jsonw_object_end(&w);
	assert_true(jp_buf_oom(&b));
	jp_buf_release(&b);
}

/*
 * The status view as it was built before it was streamed: a jansson tree
 * dumped with json_dumps.  Kept here as the reference the streamed view
 * must match byte for byte.
 */
static json_t *occ_json(const struct jp_occurrence *o)
{
	const struct jp_executor *lead = jp_activity_lead(o->act);
	char d[JP_DATE_BUFSZ];
	json_t *j = json_object();

	json_object_set_new(j, "number", json_string(o->act->number));
	json_object_set_new(j, "due", json_string(jp_date_format(o->due, d)));
	json_object_set_new(j, "state", json_string(jp_occ_state_name(o->state)));
	json_object_set_new(j, "lead", lead ? json_string(lead->agency) : json_null());
	json_object_set_new(j, "title", json_string(o->act->title));
	json_object_set_new(j, "report", o->report ? json_integer(o->report->id) : json_null());
	if (o->label)
		json_object_set_new(j, "label", json_string(o->label));
	return j;
}

static json_t *status_tree(const struct jp_plan *p, const struct jp_status *s,
			   const char *agency)
{
	json_t *o = json_object(), *counts = json_object(), *ov = json_array(),
	       *up = json_array(), *ag = json_array(), *dirs = json_array(), *am = json_array();
	char d[JP_DATE_BUFSZ];

	json_object_set_new(o, "plan", json_string(p->id));
	json_object_set_new(o, "as_of", json_string(jp_date_format(s->as_of, d)));
	json_object_set_new(o, "effective", json_string(jp_date_format(s->effective, d)));
	json_object_set_new(o, "plan_state", json_string(jp_plan_state_name(s->state)));
	for (size_t i = 0; i < p->namendments; i++)
		if (jp_date_cmp(p->amendments[i].date, s->as_of) <= 0)
			json_array_append_new(am, json_pack("{s:s, s:s}", "number",
				p->amendments[i].number, "date",
				jp_date_format(p->amendments[i].date, d)));
	json_object_set_new(o, "amended_by", am);
	if (p->repealed && s->state == JP_PLAN_REPEALED)
		json_object_set_new(o, "repealed_by", json_pack("{s:s, s:s}", "number",
				    p->repeal.number, "date", jp_date_format(p->repeal.date, d)));
	else
		json_object_set_new(o, "repealed_by", json_null());
	json_object_set_new(o, "agency", agency ? json_string(agency) : json_null());
	json_object_set_new(o, "passed", json_integer((json_int_t)s->npassed));
	for (int k = 0; k < JP_OCC_STATE_COUNT; k++)
		json_object_set_new(counts, jp_occ_state_name((enum jp_occ_state)k),
				    json_integer((json_int_t)s->count[k]));
	json_object_set_new(o, "counts", counts);
	for (size_t i = 0; i < s->nocc; i++) {
		if (s->occ[i].overdue)
			json_array_append_new(ov, occ_json(&s->occ[i]));
		if (s->occ[i].upcoming)
			json_array_append_new(up, occ_json(&s->occ[i]));
	}
	json_object_set_new(o, "overdue", ov);
	json_object_set_new(o, "upcoming", up);
	for (size_t i = 0; i < s->nagencies; i++) {
		const struct jp_agency_status *a = &s->agencies[i];

		json_array_append_new(ag, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}",
			"agency", a->agency, "due", (json_int_t)a->due,
			"reported", (json_int_t)a->reported,
			"not_reported", (json_int_t)(a->due - a->reported),
			"lead_due", (json_int_t)a->lead_due, "overdue", (json_int_t)a->overdue));
	}
	json_object_set_new(o, "agencies", ag);
	for (size_t i = 0; i < s->ndirections; i++) {
		const struct jp_direction_status *ds = &s->directions[i];

		json_array_append_new(dirs, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}",
			"direction", ds->code, "due", (json_int_t)ds->due,
			"reported", (json_int_t)ds->reported, "done", (json_int_t)ds->done,
			"overdue", (json_int_t)ds->overdue, "upcoming", (json_int_t)ds->upcoming));
	}
	json_object_set_new(o, "directions", dirs);
	json_object_set_new(o, "synthetic", json_boolean(s->synthetic));
	return o;
}

static struct jp_date D(const char *s)
{
	struct jp_date d = { 0, 0, 0 };

	assert_int_equal(jp_date_parse(&d, s, NULL), 0);
	return d;
}

static void test_jsonw__status_view_matches_jansson(void **state)
{
	static const char *const dates[] = {
		"2013-01-01", "2014-04-01", "2014-12-31", "2015-06-30", "2015-12-31",
		"2016-08-17", "2016-08-18", "2018-01-01",
	};
	static const char *const agencies[] = { NULL, "ІІМ", "БП", "Әділетмині", "ҰҚК" };
	struct jp_plan *plan = fixture_embedded();
	struct jp_history hist;
	size_t compared = 0, labelled = 0, overdue = 0, upcoming = 0;

	(void)state;
	if (jp_simulate(plan, 11, D("2016-08-18"), &hist) < 0)
		fail_msg("simulate failed");
	/* the simulation's reviews name reports by index; ids make them real */
	for (size_t i = 0; i < hist.nreports; i++)
		hist.reports[i].id = (int64_t)i + 1;
	for (size_t i = 0; i < JP_ARRAY_LEN(dates); i++)
		for (size_t a = 0; a < JP_ARRAY_LEN(agencies); a++) {
			struct jp_status s;
			json_t *tree;

			assert_int_equal(jp_status_compute(plan, &hist, D(dates[i]), agencies[a],
							   &s), 0);
			for (size_t k = 0; k < s.nocc; k++) {
				labelled += s.occ[k].label && (s.occ[k].overdue || s.occ[k].upcoming);
				overdue += s.occ[k].overdue;
				upcoming += s.occ[k].upcoming;
			}
			tree = status_tree(plan, &s, agencies[a]);
			for (size_t l = 0; l < JP_ARRAY_LEN(layouts); l++) {
				char *want = json_dumps(tree, layouts[l][0]);
				struct jp_buf b = JP_BUF_INIT;

				assert_non_null(want);
				assert_int_equal(jp_view_status_write(&b, plan, &s, agencies[a],
								      (unsigned)layouts[l][1]), 0);
				if (strcmp(b.ptr, want))
					fail_msg("status as of %s, agency %s, layout %zu differs",
						 dates[i], agencies[a] ? agencies[a] : "(all)", l);
				compared++;
				free(want);
				jp_buf_release(&b);
			}
			json_decref(tree);
			jp_status_release(&s);
		}
	/* the cases cover what the view can hold */
	assert_int_equal(compared, JP_ARRAY_LEN(dates) * JP_ARRAY_LEN(agencies) *
				   JP_ARRAY_LEN(layouts));
	assert_true(overdue > 0 && upcoming > 0 && labelled > 0);
	jp_history_release(&hist);
	jp_plan_free(plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonw__scalars),
		cmocka_unit_test(test_jsonw__escapes),
		cmocka_unit_test(test_jsonw__nesting),
		cmocka_unit_test(test_jsonw__generated),
		cmocka_unit_test(test_jsonw__invalid_utf8_is_replaced),
		cmocka_unit_test(test_jsonw__buffer_errors_are_sticky),
		cmocka_unit_test(test_jsonw__status_view_matches_jansson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
