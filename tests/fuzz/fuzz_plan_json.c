/*
 * fuzz_plan_json.c - fuzz target for jp_plan_from_json: any document either
 * fails cleanly or gives a plan that jp_plan_to_json writes back (plain and
 * with the parsed forms) to a document that loads again and writes the
 * same bytes.
 */
#include "jp.h"
#include "buf.h"
#include "error.h"
#include "plan.h"
#include "plan_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes the plan, loads what was written, and writes that again. */
static void round_trip(const struct jp_plan *plan, unsigned flags)
{
	struct jp_buf first = JP_BUF_INIT, second = JP_BUF_INIT;
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *again = NULL;

	if (jp_plan_to_json(plan, &first, flags) < 0)
		abort();
	if (jp_plan_from_json(&again, first.ptr, first.len, &err) < 0) {
		fprintf(stderr, "written plan does not load: %s: %s\n",
			err.where, err.msg);
		abort();
	}
	if (again->nactivities != plan->nactivities ||
	    again->ndirections != plan->ndirections)
		abort();
	for (size_t i = 0; i < plan->nactivities; i++)
		if (again->activities[i].deadline.ndue !=
		    plan->activities[i].deadline.ndue ||
		    again->activities[i].executors.n !=
		    plan->activities[i].executors.n)
			abort();
	if (jp_plan_to_json(again, &second, flags) < 0)
		abort();
	if (first.len != second.len || memcmp(first.ptr, second.ptr, first.len))
		abort();
	jp_plan_free(again);
	jp_buf_release(&first);
	jp_buf_release(&second);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_plan *plan = NULL;
	int rc;

	rc = jp_plan_from_json(&plan, (const char *)data, size, &err);
	if (rc < 0) {
		if (!err.msg[0] || err.code != rc || plan)
			abort();
		return 0;
	}
	if (!plan)
		abort();
	round_trip(plan, 0);
	round_trip(plan, JP_JSON_PRETTY | JP_JSON_PARSED);
	jp_plan_free(plan);
	return 0;
}
