/*
 * report.h - checking executors' reports against the plan, and reading
 * them in bulk from CSV (through libcsv).
 */
#ifndef JP_REPORT_H
#define JP_REPORT_H

#include "history.h"
#include "plan.h"

struct jp_error;

/*
 * Limits on the texts a person types, in bytes of UTF-8 (docs/monitoring.md).
 * Every front end checks them through the functions below, so the CLI, the
 * API and the pages refuse the same input with the same message.
 */
#define JP_REPORT_TEXT_MAX (16 * 1024)      /* a report's narrative */
#define JP_REPORT_EVIDENCE_MAX 2048         /* "order No. 123 of 2014-06-15" */
#define JP_REASON_MAX 2048                  /* why a report is returned, a target revised */
#define JP_SOURCE_MAX 1024                  /* where an indicator's figure comes from */
#define JP_NAME_MAX 256                     /* activity numbers, agencies, logins, values */

/*
 * Whether `value` (NULL passes) is text of at most `max` bytes; else
 * JP_EINVALID naming `field`, the size and the limit.
 */
int jp_text_limit_check(const char *field, const char *value, size_t max,
			struct jp_error *err);

/* Whether a reason (for returning a report, revising a target) is within
 * JP_REASON_MAX; an empty one is for the caller to refuse. */
int jp_reason_check(const char *reason, struct jp_error *err);

/*
 * Whether `r` may be filed on `plan`: its texts are within the limits
 * above (text, evidence, activity, agency, by), the activity exists, `due` is one of
 * its due dates in force (an amendment keeps those before its date, so a
 * late report on them is still accepted), the agency is one of its
 * executors, the report is not made before the plan's approval nor after
 * `today`.  A due date made void by the repeal (after it) or by the
 * activity's removal (on or after it) takes only reports made before the
 * plan ended or the row was removed: they were made while it was due.
 * A report made after the repeal on an earlier due date is accepted and
 * marked r->after_repeal: it is on record, but changes no state.
 * The activity number in `r` is replaced by the plan's spelling
 * ("45" -> "45. 46").
 * Returns 0 or JP_EINVALID / JP_ENOTFOUND with the reason, err->where
 * naming the field ("activity", "due", "agency", "date", "spent").
 */
int jp_report_validate(const struct jp_plan *plan, struct jp_report *r,
		       struct jp_date today, struct jp_error *err);

/*
 * jp_report_validate with the activity already looked up by the caller:
 * `a` is jp_plan_find_activity(plan, r->activity), NULL when there is
 * none (the same JP_ENOTFOUND then).
 */
int jp_report_validate_on(const struct jp_plan *plan, const struct jp_activity *a,
			  struct jp_report *r, struct jp_date today, struct jp_error *err);

/* Sets r->after_repeal: whether `r` was made after `plan`'s repeal. */
void jp_report_mark(const struct jp_plan *plan, struct jp_report *r);

/* The words for a report made after the repeal, as the views show them. */
#define JP_REPORT_AFTER_REPEAL_NOTE "made after the repeal: does not change any state"

/*
 * Reading reports from CSV as it comes, a row at a time, so a large file
 * is never held whole (the header row names the columns, as below):
 *
 *	jp_report_csv_new(&rd, today, fn, payload, err);
 *	while (more) jp_report_csv_feed(rd, chunk, n, err);
 *	jp_report_csv_finish(rd, err);
 *	jp_report_csv_free(rd);
 *
 * `fn` gets each row parsed (not yet checked against a plan: activity,
 * due, agency, status, text, evidence, spent and made set; `by` NULL), its
 * strings borrowed until fn returns.  A negative return from fn stops the
 * reading with that error.  A row that does not parse stops it with
 * JP_EINVALID, err->where "row N, column NAME" (rows count from 1 at the
 * header).  The first error is sticky: later feeds return it.
 */
struct jp_report_csv;

typedef int (*jp_report_csv_fn)(struct jp_report *r, size_t row, void *payload,
				struct jp_error *err);

/* A reader; `today` is the day a row without a date was made.  Free it
 * with jp_report_csv_free(). */
int jp_report_csv_new(struct jp_report_csv **out, struct jp_date today, jp_report_csv_fn fn,
		      void *payload, struct jp_error *err);
/* The next `len` bytes of the file (a leading BOM is skipped). */
int jp_report_csv_feed(struct jp_report_csv *rd, const char *data, size_t len,
		       struct jp_error *err);
/* The end of the file: its last row, if it has no line end.  An empty
 * file (no header) is JP_EINVALID. */
int jp_report_csv_finish(struct jp_report_csv *rd, struct jp_error *err);
void jp_report_csv_free(struct jp_report_csv *rd);

/*
 * Parses CSV with a header row naming the columns (any order):
 *   activity, due, agency, status   (required)
 *   text, evidence, spent, date     (optional; date = the day it was made)
 * Every row is parsed and validated against `plan`; the first error stops
 * it, with err->where "row N, column NAME" (rows count from 1 at the
 * header).  On success *out (in `arena`) holds *n reports with `by` set,
 * and *rows (may be NULL) the CSV row of each.
 */
int jp_reports_from_csv(const struct jp_plan *plan, const char *data, size_t len,
			const char *by, struct jp_date today, struct jp_arena *arena,
			struct jp_report **out, size_t **rows, size_t *n, struct jp_error *err);

#endif
