/*
 * fixture.h - the embedded plan and a small synthetic plan for tests.
 */
#ifndef JP_TEST_FIXTURE_H
#define JP_TEST_FIXTURE_H

#include "plan.h"
#include "plan_json.h"
#include "embedded.h"

/* A small plan with known inconsistencies, used by several tests. */
static const char fixture_small[] =
	"{\"format\": \"jospar-plan\", \"format_version\": 1, \"id\": \"test-1\","
	" \"number\": \"7\", \"approved\": \"2020-03-15\", \"title\": \"Test plan\","
	" \"period\": {\"from\": 2020, \"to\": 2022},"
	" \"directions\": [{\"code\": \"1.1\", \"title\": \"First\"},"
	"                  {\"code\": \"1.2\", \"title\": \"Second\"}],"
	" \"glossary\": [{\"abbr\": \"ІІМ\", \"name\": \"Interior\"},"
	"                {\"abbr\": \"БП\", \"name\": \"Prosecutor\"}],"
	" \"activities\": ["
	"  {\"number\": \"1\", \"direction\": \"1.1\", \"title\": \"Alpha бейнебақылау\","
	"   \"executors\": \"ІІМ (жинақтау), БП (келісім бойынша), ХХХ\","
	"   \"deadline\": \"Жыл сайын, 1 ақпаннан кешіктірмей\","
	"   \"budget\": {\"total\": \"10.5\", \"by_year\": {\"2020\": \"5\", \"2021\": \"5.4\"},"
	"                \"source\": \"РБ\", \"program\": \"001\"}},"
	"  {\"number\": \"2\", \"direction\": \"1.2\", \"title\": \"Beta\","
	"   \"executors\": \"БП, ІІМ, БП\", \"deadline\": \"2021 жылғы 2-тоқсан\","
	"   \"budget\": {\"total\": \"1\", \"by_year\": {\"2021\": \"1\"}}},"
	"  {\"number\": \"2\", \"direction\": \"1.2\", \"title\": \"Gamma\","
	"   \"executors\": \"БП (жинақтау)\", \"deadline\": \"2023 жыл\", \"budget\": null}"
	" ],"
	" \"grand_total\": {\"total\": \"11\", \"by_year\": {\"2020\": \"5\", \"2021\": \"6.4\"}}"
	"}";

static inline struct jp_plan *fixture_load(const char *json)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *p = NULL;

	if (jp_plan_from_json(&p, json, strlen(json), &err) < 0)
		fail_msg("fixture does not load: %s: %s", err.where, err.msg);
	return p;
}

static inline struct jp_plan *fixture_embedded(void)
{
	size_t len;
	const char *doc = jp_embedded_plan(&len);
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *p = NULL;

	if (jp_plan_from_json(&p, doc, len, &err) < 0)
		fail_msg("embedded plan does not load: %s: %s", err.where, err.msg);
	return p;
}

#endif
