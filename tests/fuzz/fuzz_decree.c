/*
 * fuzz_decree.c - fuzz target for jp_decree_import: any text either fails
 * cleanly, or gives a result whose plan document and review file write
 * (and parse as JSON), whose activities each have a number, a direction
 * of the plan and their texts, whose source lines lie in the text, and
 * whose flags point into the document.
 *
 * Replayed over tests/fuzz/corpus/decree by the ordinary test run.  To
 * fuzz for real (libclang-rt-14-dev gives the runtime):
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icore -Iplan ... \
 *     tests/fuzz/fuzz_decree.c core/[a-z]*.c plan/decree/[a-z]*.c plan/plan_json.c \
 *     plan/plan_write.c -ljansson -lutf8proc -o fuzz_decree
 *   ./fuzz_decree -max_len=8192 -timeout=10 tests/fuzz/corpus/decree
 *
 * (docs/import-decree.md gives the full command.)
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "plan.h"
#include "decree.h"

#include <jansson.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_json(const struct jp_buf *b)
{
	json_error_t jerr;
	json_t *v = json_loadb(b->ptr, b->len, 0, &jerr);

	if (!v)
		abort();
	json_decref(v);
}

static void check_result(const struct jp_decree *d, size_t size)
{
	const struct jp_plan *p = d->plan;
	struct jp_buf b = JP_BUF_INIT;

	if (!p || !p->id || !p->number || !p->title || !p->nactivities)
		abort();
	for (size_t i = 0; i < p->nactivities; i++) {
		const struct jp_activity *a = &p->activities[i];

		if (!a->number || !*a->number || !a->title || !a->executors_text ||
		    !a->deadline_text || !jp_plan_find_direction(p, a->direction))
			abort();
		/* a line is at least one byte; both ends are lines of the text */
		if (a->source_lines[0] < 1 || a->source_lines[0] > a->source_lines[1] ||
		    (size_t)a->source_lines[1] > size + 1)
			abort();
	}
	for (size_t i = 0; i < d->nflags; i++)
		if (d->flags[i].pointer[0] != '/' ||
		    (d->flags[i].confidence != JP_DECREE_LOW &&
		     d->flags[i].confidence != JP_DECREE_MEDIUM) ||
		    d->flags[i].lines[0] > d->flags[i].lines[1])
			abort();
	if (d->counts.flags_low + d->counts.flags_medium != d->nflags ||
	    d->counts.activities != p->nactivities)
		abort();
	if (jp_decree_plan_json(d, &b) < 0)
		abort();
	check_json(&b);
	jp_buf_reset(&b);
	if (jp_decree_review_json(d, &b) < 0)
		abort();
	check_json(&b);
	jp_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jp_decree *d = NULL;
	struct jp_error err = JP_ERROR_INIT;
	int rc;

	rc = jp_decree_import(&d, (const char *)data, size, NULL, &err);
	if (rc < 0) {
		if (!err.msg[0] || err.code != rc || d)
			abort();
		return 0;
	}
	check_result(d, size);
	jp_decree_free(d);
	return 0;
}
