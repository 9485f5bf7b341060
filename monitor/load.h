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

#endif
