/*
 * simulate.h - a plausible, reproducible history for demos and benchmarks.
 *
 * From a seed, jp_simulate() makes the reports executors could have filed
 * on the plan's due dates up to a date, the coordinator's reviews of them
 * (most accepted, some returned and filed again), money spent close to the
 * plan, and indicator actuals near their targets.  Everything it makes is
 * marked synthetic.  The same seed, plan and date give the same history.
 */
#ifndef JP_SIMULATE_H
#define JP_SIMULATE_H

#include "history.h"
#include "plan.h"

/*
 * Fills *out (in out->arena; release with jp_history_release).  Reviews
 * refer to reports by their index in out->reports, counted from 1, until
 * the store gives the reports their ids (see cmd_simulate).  0 or JP_ERROR.
 */
int jp_simulate(const struct jp_plan *plan, uint64_t seed, struct jp_date as_of,
		struct jp_history *out);

#endif
