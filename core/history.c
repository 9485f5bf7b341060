/*
 * history.c - the history's lifecycle and status names (see history.h).
 */
#include "jp.h"
#include "history.h"
#include "account.h"

static const char *const status_names[] = {
	[JP_REPORT_DONE] = "done",
	[JP_REPORT_PARTLY] = "partly",
	[JP_REPORT_NOT_DONE] = "not-done",
	[JP_REPORT_IN_PROGRESS] = "in-progress",
};

void jp_history_release(struct jp_history *h)
{
	if (!h)
		return;
	jp_arena_release(&h->arena);
	memset(h, 0, sizeof(*h));
}

static int by_report_cmp(const void *x, const void *y)
{
	const struct jp_review *a = *(const struct jp_review *const *)x;
	const struct jp_review *b = *(const struct jp_review *const *)y;

	if (a->report != b->report)
		return a->report < b->report ? -1 : 1;
	return a < b ? -1 : a > b;
}

int jp_history_index_reviews(struct jp_history *h)
{
	const struct jp_review **v;

	h->by_report = NULL;
	h->nby_report = 0;
	if (!h->nreviews)
		return 0;
	v = jp_arena_array(&h->arena, h->nreviews, sizeof(*v));
	if (!v)
		return JP_ERROR;
	for (size_t i = 0; i < h->nreviews; i++)
		v[i] = &h->reviews[i];
	qsort(v, h->nreviews, sizeof(*v), by_report_cmp);
	h->by_report = v;
	h->nby_report = h->nreviews;
	return 0;
}

bool jp_history_reviews_of(const struct jp_history *h, int64_t id,
			   const struct jp_review *const **v_out, size_t *n_out)
{
	size_t lo = 0, hi = h->nby_report, end;

	/* an index made before reviews were added (or moved) is not used */
	if (!h->by_report || h->nby_report != h->nreviews ||
	    h->by_report[0] < h->reviews || h->by_report[0] >= h->reviews + h->nreviews)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->by_report[mid]->report < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < h->nby_report && h->by_report[end]->report == id; end++)
		;
	*v_out = &h->by_report[lo];
	*n_out = end - lo;
	return true;
}

int jp_report_status_parse(const char *s)
{
	for (size_t i = 0; i < JP_ARRAY_LEN(status_names); i++)
		if (!strcmp(s, status_names[i]))
			return (int)i;
	return -1;
}

const char *jp_report_status_name(enum jp_report_status s)
{
	return (size_t)s < JP_ARRAY_LEN(status_names) ? status_names[s] : "unknown";
}

static const char *const role_names[] = {
	[JP_ROLE_VIEWER] = "viewer",
	[JP_ROLE_EXECUTOR] = "executor",
	[JP_ROLE_COORDINATOR] = "coordinator",
	[JP_ROLE_ADMIN] = "admin",
};

int jp_role_parse(const char *s)
{
	for (size_t i = 1; i < JP_ARRAY_LEN(role_names); i++)
		if (!strcmp(s, role_names[i]))
			return (int)i;
	return -1;
}

const char *jp_role_name(enum jp_role r)
{
	return r >= JP_ROLE_VIEWER && r <= JP_ROLE_ADMIN ? role_names[r] : "unknown";
}
