/*
 * indicator.h - target and result indicators: ids, which way is better,
 * revised targets and achievement, all in exact decimal arithmetic.
 *
 * Ids: "T<objective>.<n>" for target indicators (Нысаналы индикаторлар),
 * "R<direction>.<n>" for result indicators (Нәтижелер көрсеткіштері):
 * "T1.2", "R2.1.3".  Targets are numbered from 1 in printed order.
 *
 * Which way is better, unless the plan says (target "direction"): a rank
 * ("орын") is better when lower; a series of targets that falls over the
 * years, or text reading "... дейін төмендейді" (falls to), is better when
 * lower; everything else is better when higher.  docs/monitoring.md.
 */
#ifndef JP_INDICATOR_H
#define JP_INDICATOR_H

#include "history.h"
#include "plan.h"

enum jp_ind_dir { JP_DIR_AT_LEAST, JP_DIR_AT_MOST, JP_DIR_RANK };

struct jp_ind_ref {
	char id[32];
	bool target_level;               /* a target indicator (T...) */
	const struct jp_indicator *ind;
	const char *parent;              /* objective number or direction code */
};

/* Every indicator of the plan, objectives first; *n gets the count.
 * *out is the caller's (jp_free). */
int jp_indicators_list(const struct jp_plan *plan, struct jp_ind_ref **out,
		       size_t *n);
const struct jp_ind_ref *jp_indicator_find(const struct jp_ind_ref *list, size_t n,
					   const char *id);

enum jp_ind_dir jp_target_direction(const struct jp_indicator *ind, size_t k);
const char *jp_ind_dir_name(enum jp_ind_dir d);   /* "at-least", ... */

struct jp_achievement {
	const char *target;      /* the target in force (revised or original) */
	bool revised;
	const char *original;    /* the printed target */
	const char *reason;      /* why it was revised */
	const struct jp_actual *actual;   /* latest actual as of the date, or NULL */
	long permille;           /* achievement, 1000 = the target exactly */
	bool met;
};

/*
 * Judges target k (0-based) of indicator `id` as of `date` with the
 * revisions and actuals in `h`.  permille is actual/target (or the inverse
 * when lower is better), computed exactly and rounded half up.
 */
void jp_indicator_achievement(const struct jp_ind_ref *ref, size_t k,
			      const struct jp_history *h, struct jp_date date,
			      struct jp_achievement *out);

#endif
