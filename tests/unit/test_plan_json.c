/*
 * test_plan_json.c - the plan document: the embedded plan is complete, bad
 * documents are refused with the place named, and writing round-trips.
 */
#include "test.h"
#include "alloc.h"
#include "buf.h"
#include "fixture.h"

#include <jansson.h>

static void test_plan_json__embedded_is_complete(void **state)
{
	struct jp_plan *p = fixture_embedded();
	const struct jp_activity *a;
	char d[JP_DATE_BUFSZ];
	(void)state;
	assert_string_equal(p->id, "kz-2014-292");
	assert_string_equal(p->number, "292");
	assert_int_equal(p->approved.y, 2014);
	assert_int_equal(p->approved.m, 4);
	assert_int_equal(p->approved.d, 1);
	assert_int_equal(p->period_from, 2014);
	assert_int_equal(p->period_to, 2020);
	assert_int_equal(p->namendments, 2);
	assert_string_equal(p->amendments[0].number, "1441");
	assert_string_equal(p->amendments[1].number, "209");
	assert_true(p->repealed);
	assert_string_equal(p->repeal.number, "464");
	assert_string_equal(jp_date_format(p->repeal.date, d), "2016-08-18");
	assert_int_equal(p->nobjectives, 2);
	assert_int_equal(p->objectives[0].nindicators, 3);
	assert_int_equal(p->objectives[1].nindicators, 3);
	assert_int_equal(p->ndirections, 8);
	assert_int_equal(p->nglossary, 28);
	/* rows 1..132 with "45. 46" as one row, plus 89-1 and 89-2 */
	assert_int_equal(p->nactivities, 133);
	for (int n = 1; n <= 132; n++) {
		char num[8];

		snprintf(num, sizeof(num), "%d", n);
		if (!jp_plan_find_activity(p, num))
			fail_msg("activity %d is missing", n);
	}
	assert_non_null(jp_plan_find_activity(p, "89-1"));
	assert_non_null(jp_plan_find_activity(p, "89-2"));
	a = jp_plan_find_activity(p, "46");
	assert_non_null(a);
	assert_string_equal(a->number, "45. 46");
	assert_ptr_equal(jp_plan_find_activity(p, "45"), a);
	assert_null(jp_plan_find_activity(p, "133"));
	assert_null(jp_plan_find_activity(p, "4"  "5. 4"));
	for (size_t i = 0; i < p->nactivities; i++) {
		a = &p->activities[i];
		if (!*a->title || !a->executors.n || !a->deadline.ndue)
			fail_msg("activity %s lacks a field", a->number);
		if (!a->completion_form || !*a->completion_form)
			fail_msg("activity %s lacks its completion form", a->number);
		if (strstr(a->title, "  ") || strchr(a->title, '\n'))
			fail_msg("activity %s: text not re-joined", a->number);
	}
	/* money printed away from the rows' text */
	a = jp_plan_find_activity(p, "65");
	assert_true(a->budget.has_total);
	assert_int_equal(a->budget.total, 353200000LL);
	assert_string_equal(a->budget.program, "002");
	a = jp_plan_find_activity(p, "66");
	assert_int_equal(a->budget.total, 1776900000LL);
	assert_string_equal(a->budget.source, "РБ");
	assert_null(a->budget.program);
	jp_plan_free(p);
}

/* Totals re-added through a second path: straight from the JSON text. */
static void test_plan_json__totals_readded(void **state)
{
	size_t len;
	const char *doc = jp_embedded_plan(&len);
	json_t *root = json_loadb(doc, len, 0, NULL), *acts, *a;
	struct jp_plan *p = fixture_embedded();
	jp_money sum_json = 0, sum_model = 0, v;
	size_t i;
	(void)state;
	assert_non_null(root);
	acts = json_object_get(root, "activities");
	json_array_foreach(acts, i, a) {
		json_t *t = json_object_get(json_object_get(a, "budget"), "total");

		if (json_is_string(t)) {
			assert_int_equal(jp_money_parse(&v, json_string_value(t), NULL), 0);
			sum_json += v;
		}
	}
	for (i = 0; i < p->nactivities; i++)
		if (p->activities[i].budget.has_total)
			sum_model += p->activities[i].budget.total;
	assert_int_equal(sum_json, sum_model);
	/* the rows add up to 15 913,445; the text prints 15 913,2455 */
	assert_int_equal(sum_model, 15913445000LL);
	assert_int_equal(p->grand_total.total, 15913245500LL);
	json_decref(root);
	jp_plan_free(p);
}

struct bad_case {
	const char *find, *replace;   /* a change to the small fixture */
	const char *where, *message;  /* what the error must say */
};

static char *mutate(const char *find, const char *replace)
{
	const char *at = strstr(fixture_small, find);
	struct jp_buf b = JP_BUF_INIT;

	if (!at)
		fail_msg("fixture lacks '%s'", find);
	jp_buf_add(&b, fixture_small, (size_t)(at - fixture_small));
	jp_buf_adds(&b, replace);
	jp_buf_adds(&b, at + strlen(find));
	return jp_buf_detach(&b);
}

static void test_plan_json__bad_documents(void **state)
{
	static const struct bad_case cases[] = {
		{ "\"deadline\": \"2021 жылғы 2-тоқсан\"", "\"deadline\": \"2021 жылғы 5-тоқсан\"",
		  "/activities/1/deadline", "invalid quarter" },
		{ "\"deadline\": \"2023 жыл\"", "\"deadline\": \"кейін\"",
		  "/activities/2/deadline", "unknown word 'кейін' at character 1" },
		{ "\"total\": \"10.5\"", "\"total\": 10.5",
		  "/activities/0/budget/total", "not as JSON numbers" },
		{ "\"total\": \"10.5\"", "\"total\": \"10,5,1\"",
		  "/activities/0/budget/total", "invalid amount" },
		{ "\"2021\": \"5.4\"", "\"2031\": \"5.4\"",
		  "/activities/0/budget/by_year/2031", "not in the plan period" },
		{ "\"direction\": \"1.2\", \"title\": \"Beta\"", "\"direction\": \"9.9\", \"title\": \"Beta\"",
		  "/activities/1/direction", "no direction '9.9'" },
		{ "\"executors\": \"БП, ІІМ, БП\"", "\"executors\": \"БП (жинақ\"",
		  "/activities/1/executors", "unclosed '('" },
		{ "\"title\": \"Beta\",", "",
		  "/activities/1/title", "missing 'title'" },
		{ "\"approved\": \"2020-03-15\"", "\"approved\": \"2020-02-30\"",
		  "/approved", "invalid date '2020-02-30'" },
		{ "\"format\": \"jospar-plan\"", "\"format\": \"other\"",
		  "/format", "not a jospar plan" },
		{ "\"id\": \"test-1\"", "\"id\": \"Test 1\"", "/id", "may use only" },
		{ "\"number\": \"7\"", "\"number\": \"7\", \"colour\": \"red\"",
		  "/colour", "unknown field 'colour'" },
		{ "\"to\": 2022", "\"to\": 2019", "/period", "must run forward" },
		{ "{\"code\": \"1.2\"", "{\"code\": \"1.1\"", "/directions/1", "appears twice" },
		{ "\"activities\": [", "\"activities\": [[], ", "/activities/0", "expected an object" },
		{ "\"grand_total\": {", "\"grand_total\": {\"x\": 1, ", "/grand_total/x", "unknown field" },
		{ "\"Second\"}],", "\"Second\"}]]]", "line 1", "invalid JSON" },
	};
	(void)state;
	for (size_t i = 0; i < JP_ARRAY_LEN(cases); i++) {
		struct jp_error err = JP_ERROR_INIT;
		struct jp_plan *p = (struct jp_plan *)0x1;
		char *doc = mutate(cases[i].find, cases[i].replace);
		int rc = jp_plan_from_json(&p, doc, strlen(doc), &err);

		if (rc != JP_EINVALID)
			fail_msg("case %zu: returned %d (%s)", i, rc, err.msg);
		assert_ptr_equal(p, (struct jp_plan *)0x1); /* nothing handed out */
		if (!strstr(err.where, cases[i].where))
			fail_msg("case %zu: where '%s', expected '%s' (%s)", i, err.where,
				 cases[i].where, err.msg);
		if (!strstr(err.msg, cases[i].message))
			fail_msg("case %zu: message '%s' lacks '%s'", i, err.msg, cases[i].message);
		jp_free(doc);
	}
	{
		/* duplicate keys and invalid UTF-8 are refused too */
		struct jp_error err = JP_ERROR_INIT;
		struct jp_plan *p = NULL;
		const char dup[] = "{\"format\": \"jospar-plan\", \"format\": \"x\"}";
		const char bad_utf8[] = "{\"format\": \"\xff\"}";

		assert_int_equal(jp_plan_from_json(&p, dup, strlen(dup), &err), JP_EINVALID);
		assert_non_null(strstr(err.msg, "duplicate"));
		assert_int_equal(jp_plan_from_json(&p, bad_utf8, strlen(bad_utf8), &err), JP_EINVALID);
		assert_non_null(strstr(err.msg, "UTF-8"));
		assert_null(p);
	}
}

static void test_plan_json__roundtrip(void **state)
{
	struct jp_plan *p = fixture_embedded(), *q = NULL;
	struct jp_buf a = JP_BUF_INIT, b = JP_BUF_INIT;
	struct jp_error err = JP_ERROR_INIT;
	(void)state;
	/* the export form (executor objects, deadline objects) loads again */
	assert_int_equal(jp_plan_to_json(p, &a, JP_JSON_PARSED | JP_JSON_PRETTY), 0);
	jp_assert_ok(jp_plan_from_json(&q, a.ptr, a.len, &err), &err);
	assert_int_equal(jp_plan_to_json(q, &b, JP_JSON_PARSED | JP_JSON_PRETTY), 0);
	assert_string_equal(a.ptr, b.ptr);
	assert_int_equal(q->nactivities, p->nactivities);
	jp_plan_free(q);
	jp_buf_reset(&a);
	jp_buf_reset(&b);
	/* and so does the document form */
	assert_int_equal(jp_plan_to_json(p, &a, 0), 0);
	jp_assert_ok(jp_plan_from_json(&q, a.ptr, a.len, &err), &err);
	assert_int_equal(jp_plan_to_json(q, &b, 0), 0);
	assert_string_equal(a.ptr, b.ptr);
	jp_plan_free(q);
	jp_plan_free(p);
	jp_buf_release(&a);
	jp_buf_release(&b);
}

static void test_plan_json__allocation_failures(void **state)
{
	/* fail every allocation in turn: never a crash, never a half plan */
	size_t n = strlen(fixture_small);
	long ok_after = -1;
	(void)state;
	for (long k = 0; k < 2000; k++) {
		struct jp_error err = JP_ERROR_INIT;
		struct jp_plan *p = NULL;
		int rc;

		jp_alloc_fail_after(k);
		rc = jp_plan_from_json(&p, fixture_small, n, &err);
		jp_alloc_fail_after(-1);
		if (rc == 0) {
			assert_non_null(p);
			jp_plan_free(p);
			ok_after = k;
			break;
		}
		assert_null(p);
		assert_true(rc == JP_ERROR);
	}
	assert_true(ok_after > 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_json__embedded_is_complete),
		cmocka_unit_test(test_plan_json__totals_readded),
		cmocka_unit_test(test_plan_json__bad_documents),
		cmocka_unit_test(test_plan_json__roundtrip),
		cmocka_unit_test(test_plan_json__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
