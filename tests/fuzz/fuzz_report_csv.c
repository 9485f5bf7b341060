/*
 * fuzz_report_csv.c - fuzz target for jp_reports_from_csv: any bytes either
 * fail cleanly with a message naming a row, or give reports that all pass
 * jp_report_validate against plan No. 292.
 */
#include "jp.h"
#include "error.h"
#include "report.h"
#include "plan_json.h"
#include "embedded.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct jp_plan *plan;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jp_error err = JP_ERROR_INIT;
	struct jp_arena arena = JP_ARENA_INIT;
	struct jp_report *out = NULL;
	struct jp_date today = { 2016, 1, 1 };
	size_t n = 0;
	int rc;

	if (!plan) {
		size_t len;
		const char *doc = jp_embedded_plan(&len);

		if (jp_plan_from_json(&plan, doc, len, &err) < 0)
			abort();
	}
	rc = jp_reports_from_csv(plan, (const char *)data, size, "fuzz", today, &arena,
				 &out, NULL, &n, &err);
	if (rc == 0) {
		for (size_t i = 0; i < n; i++)
			if (jp_report_validate(plan, &out[i], today, &err) != 0)
				abort();
	} else if (!err.msg[0]) {
		abort();
	}
	jp_arena_release(&arena);
	return 0;
}
