/*
 * fuzz_deadline.c - fuzz target for jp_deadline_parse: any text either
 * fails cleanly or gives sorted, distinct due dates inside the window.
 */
#include "jp.h"
#include "alloc.h"
#include "error.h"
#include "deadline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct jp_window window = {
	2014, 2020, { 2014, 4, 1 }, { 2020, 12, 31 }
};

static bool in_window(struct jp_date d)
{
	return jp_date_cmp(d, window.from) >= 0 && jp_date_cmp(d, window.to) <= 0;
}

static void check_due(const struct jp_deadline *dl, const struct jp_due *due,
		      size_t n, bool inside)
{
	for (size_t i = 0; i < n; i++) {
		if (!jp_date_valid(due[i].date) || in_window(due[i].date) != inside)
			abort();
		if (due[i].term < 0 || (size_t)due[i].term >= dl->nterms ||
		    due[i].label != dl->terms[due[i].term].label)
			abort();
		/* due dates are strictly increasing, outside dates sorted */
		if (i && jp_date_cmp(due[i - 1].date, due[i].date) >= (inside ? 0 : 1))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jp_deadline dl = JP_DEADLINE_INIT;
	struct jp_error err = JP_ERROR_INIT;
	char *text = jp_malloc(size + 1);
	int rc;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	rc = jp_deadline_parse(&dl, text, &window, &err);
	if (rc < 0) {
		/* a failure names itself and leaves the result empty */
		if (!err.msg[0] || err.code != rc || dl.terms || dl.nterms ||
		    dl.due || dl.ndue || dl.outside || dl.noutside)
			abort();
	} else {
		if (rc != 0 || !dl.nterms || !dl.terms)
			abort();
		for (size_t i = 0; i < dl.nterms; i++) {
			const struct jp_deadline_term *t = &dl.terms[i];

			if (t->q0 < 0 || t->q1 > 4 || t->q1 < t->q0 ||
			    t->nday < 0 || t->nday > (int)JP_ARRAY_LEN(t->day))
				abort();
		}
		check_due(&dl, dl.due, dl.ndue, true);
		check_due(&dl, dl.outside, dl.noutside, false);
	}
	jp_deadline_release(&dl);
	jp_free(text);
	return 0;
}
