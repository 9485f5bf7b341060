/*
 * history.c - the history's lifecycle and status names (see history.h).
 */
#include "jp.h"
#include "alloc.h"
#include "history.h"
#include "account.h"
#include "date.h"
#include "error.h"

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
	jp_free(h->heap);
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

static const char *const action_names[] = {
	[JP_REVIEW_ACCEPT] = "accept",
	[JP_REVIEW_RETURN] = "return",
	[JP_REVIEW_REOPEN] = "reopen",
};

/* The index of `s` in names[first..n), or -1. */
static int name_index(const char *const *names, size_t first, size_t n, const char *s)
{
	for (size_t i = first; s && i < n; i++)
		if (names[i] && !strcmp(s, names[i]))
			return (int)i;
	return -1;
}

int jp_report_status_parse(const char *s)
{
	return name_index(status_names, 0, JP_ARRAY_LEN(status_names), s);
}

int jp_review_action_parse(const char *s)
{
	return name_index(action_names, 0, JP_ARRAY_LEN(action_names), s);
}

const char *jp_review_action_name(enum jp_review_action a)
{
	return (size_t)a < JP_ARRAY_LEN(action_names) ? action_names[a] : "unknown";
}

/* Whether an ISO timestamp (or a date: its whole day) is at or before `moment`. */
static bool recorded_by(const char *at, const char *moment)
{
	size_t n = strlen(moment);

	if (!at || !*at)
		return true;
	if (n == 10)    /* a date: everything recorded on that day counts */
		return strncmp(at, moment, 10) <= 0;
	return strcmp(at, moment) <= 0;
}

int jp_history_moment_parse(const char *s, char out[24], struct jp_error *err)
{
	struct jp_date d;
	char day[11];
	unsigned hh, mm, ss;
	char z = 0;
	int n = 0;

	snprintf(day, sizeof(day), "%s", s);
	if (strlen(s) < 10 || jp_date_parse(&d, day, NULL) < 0)
		return jp_error_set(err, JP_EINVALID, "'%s' is not a moment: give YYYY-MM-DD or"
				    " YYYY-MM-DDTHH:MM:SSZ (UTC)", s);
	if (!s[10]) {
		snprintf(out, 24, "%s", day);
		return 0;
	}
	if (sscanf(s + 10, "T%2u:%2u:%2u%n%c", &hh, &mm, &ss, &n, &z) < 3 || n != 9 ||
	    (s[19] && (s[19] != 'Z' || s[20])) || hh > 23 || mm > 59 || ss > 60)
		return jp_error_set(err, JP_EINVALID, "'%s' is not a moment: give YYYY-MM-DD or"
				    " YYYY-MM-DDTHH:MM:SSZ (UTC)", s);
	snprintf(out, 24, "%sT%02u:%02u:%02uZ", day, hh, mm, ss);
	return 0;
}

void jp_history_as_recorded(struct jp_history *h, const char *moment)
{
	size_t k = 0;

	for (size_t i = 0; i < h->nreports; i++)
		if (recorded_by(h->reports[i].recorded_at, moment))
			h->reports[k++] = h->reports[i];
	h->nreports = k;
	k = 0;
	for (size_t i = 0; i < h->nreviews; i++)
		if (recorded_by(h->reviews[i].recorded_at, moment))
			h->reviews[k++] = h->reviews[i];
	h->nreviews = k;
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
	return name_index(role_names, 1, JP_ARRAY_LEN(role_names), s);
}

const char *jp_role_name(enum jp_role r)
{
	return r >= JP_ROLE_VIEWER && r <= JP_ROLE_ADMIN ? role_names[r] : "unknown";
}
