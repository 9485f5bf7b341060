/*
 * status.h - the as-of engine: due dates x reports -> the state of a plan on
 * a date.
 *
 * Rules (docs/monitoring.md has them with examples):
 * - The plan is "not yet approved" before its approval date, "repealed" from
 *   its repeal date on (then everything is judged on the repeal date), else
 *   "in force".
 * - A due date after the repeal, or on or after the date an amendment
 *   removed its activity, is void: neither overdue nor upcoming.
 * - Only reports made on or before the date count, and only reviews dated on
 *   or before it.
 * - The lead executor's latest report is the activity's report; when a row
 *   names several executors and marks no lead, the latest report of any of
 *   them.  Other executors' latest reports are contributions, shown beside.
 * - A "done" report stands unless it was returned; one not yet reviewed is
 *   "awaiting acceptance".  After a return, the due date counts as not done
 *   until a new done report is accepted.
 * - A due date before the date with no standing done report is overdue; one
 *   within the horizon (90 days) from the date on is upcoming.
 */
#ifndef JP_STATUS_H
#define JP_STATUS_H

#include "history.h"
#include "plan.h"

enum jp_plan_state { JP_PLAN_NOT_YET, JP_PLAN_IN_FORCE, JP_PLAN_REPEALED };

enum jp_occ_state {
	JP_OCC_DONE,          /* a done report, accepted */
	JP_OCC_AWAITING,      /* a done report awaiting acceptance */
	JP_OCC_PARTLY,
	JP_OCC_IN_PROGRESS,
	JP_OCC_NOT_DONE,      /* reported as not done */
	JP_OCC_RETURNED,      /* the report was returned: not done */
	JP_OCC_NO_REPORT,
	JP_OCC_VOID,          /* after the repeal or the activity's removal */
	JP_OCC_STATE_COUNT
};

/* One due date of one activity, judged as of the date. */
struct jp_occurrence {
	const struct jp_activity *act;
	struct jp_date due;
	const char *label;
	enum jp_occ_state state;
	bool overdue;
	bool upcoming;
	const struct jp_report *report;      /* the report that counts, or NULL */
	const struct jp_review *review;      /* its latest review, or NULL */
	const struct jp_report **contrib;    /* other executors' latest reports */
	size_t ncontrib;
};

/*
 * Per agency: its obligations (due dates passed) and whether it reported.
 * An agency counts once per activity, however often the row names it.
 */
struct jp_agency_status {
	const char *agency;
	size_t due;           /* due dates passed where it is an executor */
	size_t reported;      /* ... on which it made a report */
	size_t lead_due;      /* due dates passed where it is the lead */
	size_t overdue;       /* overdue due dates where it is the lead */
};

/* Per direction, of its due dates passed (upcoming: within the horizon). */
struct jp_direction_status {
	const char *code;
	size_t due, reported;
	size_t done;          /* accepted done reports: JP_OCC_DONE, as in count[] */
	size_t overdue, upcoming;
};

struct jp_status {
	struct jp_arena arena;
	struct jp_date as_of;         /* the date asked */
	struct jp_date effective;     /* the repeal date when the plan ended */
	enum jp_plan_state state;
	struct jp_occurrence *occ;    /* every due date, by date then plan order */
	size_t nocc;
	size_t count[JP_OCC_STATE_COUNT];   /* of the due dates passed */
	size_t noverdue, nupcoming, npassed;
	struct jp_agency_status *agencies;  /* sorted by name */
	size_t nagencies;
	struct jp_direction_status *directions;
	size_t ndirections;
	bool synthetic;               /* some report or review counted is synthetic */
};

#define JP_STATUS_HORIZON_DAYS 90

/*
 * Judges `plan` with `history` as of `as_of`.  `agency`, when not NULL,
 * keeps only the due dates of activities where it is an executor.
 * Fills *out (release with jp_status_release); 0 or JP_ERROR.
 */
int jp_status_compute(const struct jp_plan *plan, const struct jp_history *history,
		      struct jp_date as_of, const char *agency,
		      struct jp_status *out);
/*
 * Judges only the activities acts[0..nacts) (repeats and order do not
 * matter): occ[] holds their due dates, each judged exactly as
 * jp_status_compute judges it, in the same order; the figures (count[],
 * noverdue, agencies, directions, synthetic) are of those due dates only.
 * For a view of one activity: the rest of the plan is not judged, and only
 * the reports on these activities (by number) are read from `history`.
 * Fills *out (release with jp_status_release); 0 or JP_ERROR.
 */
int jp_status_compute_some(const struct jp_plan *plan, const struct jp_history *history,
			   struct jp_date as_of, const struct jp_activity *const *acts,
			   size_t nacts, struct jp_status *out);
void jp_status_release(struct jp_status *s);

const char *jp_occ_state_name(enum jp_occ_state s);      /* "done", ... */
const char *jp_plan_state_name(enum jp_plan_state s);    /* "in-force", ... */

#endif
