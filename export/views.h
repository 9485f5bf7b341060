/*
 * views.h - JSON views shared by the CLI and the server.  The status view
 * is written straight into a buffer; the others are jansson values the
 * caller owns and releases with json_decref.
 */
#ifndef JP_VIEWS_H
#define JP_VIEWS_H

#include "status.h"

struct json_t;
struct jp_buf;
struct jp_findings;

/*
 * Status as of a date, appended to `out` as one JSON object: plan, as_of,
 * effective, plan_state, amended_by, repealed_by, agency, passed, counts,
 * overdue, upcoming, agencies, directions, synthetic.  `flags` is the
 * layout (JP_JSONW_INDENT(1) for the CLI, JP_JSONW_COMPACT for the API;
 * jsonw.h); the bytes are those jansson's json_dumps gives the same value
 * with the same flags.  No newline at the end.  0 or JP_ERROR (memory;
 * `out` keeps what was written).
 */
int jp_view_status_write(struct jp_buf *out, const struct jp_plan *p,
			 const struct jp_status *s, const char *agency, unsigned flags);
/* A report with its review state (and, with `reviews`, every review);
 * "after_repeal" from r->after_repeal (see jp_report_mark), with a "note"
 * saying it changes no state when true. */
struct json_t *jp_view_report(const struct jp_history *h, const struct jp_report *r,
			      bool reviews);
/* The same, with r->after_repeal worked out against `plan` (jp_report_mark):
 * what the CLI and the API answer for a stored report. */
struct json_t *jp_view_report_on(const struct jp_plan *plan, const struct jp_history *h,
				 const struct jp_report *r, bool reviews);
struct json_t *jp_view_findings(const struct jp_plan *p, const struct jp_findings *f);

/* One field an audit entry changed: its values as compact JSON; before is
 * NULL for a field the entry adds. */
struct jp_audit_change {
	const char *key, *before, *after;
};
struct jp_arena;
/*
 * What an audit entry changed, readable: the fields whose value differs
 * between `before` and `after` (JSON objects, either may be NULL), changed
 * ones first, then added ones.  *out lives in `arena`.  0 or JP_ERROR.
 */
int jp_audit_changes(const char *before, const char *after, struct jp_arena *arena,
		     struct jp_audit_change **out, size_t *n);

/* The latest review of report `id`, or NULL. */
const struct jp_review *jp_history_latest_review(const struct jp_history *h, int64_t id);
/* "accepted", "returned" or "awaiting" for a report's latest review. */
const char *jp_review_state_name(const struct jp_review *v);

#endif
