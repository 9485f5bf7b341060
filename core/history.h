/*
 * history.h - what happened to a plan: executors' reports on due dates,
 * the coordinator's reviews of them, indicator actuals and target revisions.
 *
 * Everything here is append-only: a new report does not change an old one,
 * it is simply later; a review is an event about a report.  The store
 * (store/store.h) fills a struct jp_history; the monitor (monitor/status.h)
 * reads it as of a date.  Strings and arrays belong to the history (its
 * arena, and `heap`): jp_history_release frees them all.
 */
#ifndef JP_HISTORY_H
#define JP_HISTORY_H

#include "arena.h"
#include "date.h"
#include "money.h"

enum jp_report_status {
	JP_REPORT_DONE,
	JP_REPORT_PARTLY,
	JP_REPORT_NOT_DONE,
	JP_REPORT_IN_PROGRESS
};

/*
 * NEEDSWORK: 128 bytes with its padding; the pointers and dates side by
 * side would make it 104 (2.4 MB less at 100k reports), but tests
 * (tests/unit/test_pages.c) initialise it by position.
 */
struct jp_report {
	int64_t id;
	const char *activity;        /* activity number */
	struct jp_date due;          /* the due date reported on */
	const char *agency;          /* the reporting executor */
	enum jp_report_status status;
	const char *text;            /* narrative, or NULL */
	const char *evidence;        /* "order No. 123 of 2014-06-15", or NULL */
	bool has_spent;
	jp_money spent;              /* money actually spent that year */
	struct jp_date made;         /* the date the report was made */
	const char *by;              /* who entered it */
	const char *recorded_at;     /* when it was stored (UTC timestamp) */
	const char *late_reason;     /* why it claims a date older than the
				      * plan's reporting window, or NULL */
	bool synthetic;              /* made by `jospar simulate` */
	/* made after the plan's repeal: on record, but it changes no state
	 * (set by jp_report_validate and jp_report_mark; not stored) */
	bool after_repeal;
};

/*
 * A review moves a report along submitted -> accepted | returned; only a
 * coordinator reopens an accepted report (with a reason), which makes it
 * submitted again.  A returned report stays returned: a new report answers.
 */
enum jp_review_action { JP_REVIEW_ACCEPT, JP_REVIEW_RETURN, JP_REVIEW_REOPEN };

struct jp_review {
	int64_t id;
	int64_t report;              /* jp_report.id */
	enum jp_review_action action;
	const char *reason;          /* why it was returned, or NULL */
	struct jp_date date;
	const char *by;
	const char *recorded_at;
	bool synthetic;
};

/* A recorded actual value of an indicator for one of its targets. */
struct jp_actual {
	int64_t id;
	const char *indicator;       /* "T1.2", "R2.1.3" */
	int year;
	int target;                  /* index into the indicator's targets, 0-based */
	const char *value;           /* decimal string */
	const char *source;          /* where the figure comes from */
	struct jp_date date;
	const char *by;
	bool synthetic;
};

/* A revised target: the original stays in the plan, this one counts. */
struct jp_revision {
	int64_t id;
	const char *indicator;
	int target;
	const char *value;
	const char *reason;
	struct jp_date date;
	const char *by;
};

struct jp_history {
	struct jp_arena arena;
	struct jp_report *reports;   /* in the order they were recorded */
	size_t nreports;
	struct jp_review *reviews;   /* in the order they were recorded */
	size_t nreviews;
	struct jp_actual *actuals;
	size_t nactuals;
	struct jp_revision *revisions;
	size_t nrevisions;
	/* the reviews in (report, recorded) order, to find a report's reviews
	 * by binary search (jp_history_index_reviews); NULL, or made before
	 * reviews were added, means they are scanned */
	const struct jp_review **by_report;
	size_t nby_report;
	/* memory of the history outside the arena (the store's reports
	 * array), freed with it; NULL when all of it is in the arena */
	void *heap;
};

#define JP_HISTORY_INIT { JP_ARENA_INIT, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL }

void jp_history_release(struct jp_history *h);

/* "accept", "return", "reopen" <-> the enum; -1 if unknown. */
int jp_review_action_parse(const char *s);
const char *jp_review_action_name(enum jp_review_action a);

/*
 * Keeps only what had been recorded by `moment` (an ISO 8601 UTC timestamp
 * "YYYY-MM-DDTHH:MM:SSZ", or a date, meaning its end): reports and reviews
 * recorded later are dropped, in place.  What jospar said at that moment.
 */
void jp_history_as_recorded(struct jp_history *h, const char *moment);
/*
 * Checks a moment for jp_history_as_recorded: "YYYY-MM-DD", or
 * "YYYY-MM-DDTHH:MM:SS" with an optional "Z" (UTC).  out gets it in the
 * stored form ("...Z").  JP_EINVALID names what is wrong.
 */
struct jp_error;
int jp_history_moment_parse(const char *s, char out[24], struct jp_error *err);

/* Builds h->by_report (in the history's arena); 0 or JP_ERROR. */
int jp_history_index_reviews(struct jp_history *h);

/*
 * The reviews of report `id` in the order they were recorded, by the
 * index: *v_out and *n_out (0 when there are none), and true.  False when
 * there is no index to answer (none made, or reviews added since): then
 * the caller scans h->reviews.
 */
bool jp_history_reviews_of(const struct jp_history *h, int64_t id,
			   const struct jp_review *const **v_out, size_t *n_out);

/* "done", "partly", "not-done", "in-progress" <-> the enum; -1 if unknown. */
int jp_report_status_parse(const char *s);
const char *jp_report_status_name(enum jp_report_status s);

#endif
