/*
 * load.h - the plan as of a date, from the store: its document with every
 * stored amendment dated on or before the date applied, then parsed.  The
 * embedded plan is read from the binary, and kept fresh in the store.
 */
#ifndef JP_LOAD_H
#define JP_LOAD_H

#include "date.h"

struct jp_plan;
struct jp_error;
typedef struct jp_store jp_store;

/*
 * Stores the embedded plan when the store lacks it or holds another version
 * of it, and makes it the current plan when none is.  0 or an error.
 */
int jp_load_sync_embedded(jp_store *st, struct jp_error *err);

/* The id of the plan to use: `id` when given, else the current plan. The
 * result is the caller's (jp_free). */
char *jp_load_plan_id(jp_store *st, const char *id);

/* *out (the caller's) gets plan `id` as of `date`; JP_ENOTFOUND if no such plan. */
int jp_load_plan_as_of(jp_store *st, const char *id, struct jp_date date,
		       struct jp_plan **out, struct jp_error *err);

/*
 * Which activities to read: the row `number` finds (as
 * jp_plan_find_activity finds it: none when it finds none), else the rows
 * naming `agency` (case-folded) as an executor in any role; both NULL:
 * every row.
 */
struct jp_load_rows {
	const char *number;
	const char *agency;
};

/*
 * The same with only the activities `rows` asks for (rows NULL: all): a
 * partial plan (plan->partial, see core/plan.h) with every plan-level field
 * whole and those activities in plan order, as they are in the whole plan.
 * Only their rows of the stored image are read.
 */
int jp_load_plan_rows_as_of(jp_store *st, const char *id, struct jp_date date,
			    const struct jp_load_rows *rows, struct jp_plan **out,
			    struct jp_error *err);

struct jp_amendment_info;

/*
 * Checks an amendment against its plan (with every amendment stored so far)
 * and stores it: all or nothing.  JP_EINVALID names the place in the
 * document; JP_ENOTFOUND when its plan is not stored; JP_EEXISTS when its
 * number is.  *info describes it.
 */
int jp_load_add_amendment(jp_store *st, const char *doc, size_t len,
			  struct jp_amendment_info *info, struct jp_error *err);

/*
 * Validates a plan document and stores it.  The embedded plan's id is
 * refused; a stored plan with the same id is replaced only with `replace`
 * (else JP_EEXISTS).  *plan_out (may be NULL) gets the parsed plan, the
 * caller's to free.
 */
int jp_load_store_plan(jp_store *st, const char *doc, size_t len, bool replace,
		       struct jp_plan **plan_out, struct jp_error *err);

#endif
