/*
 * plan.h - the plan model: what a plan document says, in memory.
 *
 * A struct jp_plan is built by the plan/ layer (from JSON, from the
 * database) and read by everyone else.  Every string and array belongs to
 * the plan's arena and lives until jp_plan_free(); readers never free parts.
 * Parsed forms sit beside the text they came from: each activity keeps its
 * deadline text and its due dates, its executor text and the executor list.
 */
#ifndef JP_PLAN_H
#define JP_PLAN_H

#include "arena.h"
#include "date.h"
#include "deadline.h"
#include "executor.h"
#include "money.h"

#define JP_MAX_YEARS 32

struct jp_target {
	int year;
	const char *value;   /* as a decimal string: "60", "3.6" */
	const char *unit;    /* "%", "орын", ... */
	const char *direction; /* "at-least", "at-most", "rank", or NULL */
};

struct jp_indicator {
	int number;
	const char *text;
	struct jp_target *targets;
	size_t ntargets;
};

struct jp_objective {
	int number;
	const char *text;
	struct jp_indicator *indicators;
	size_t nindicators;
};

struct jp_direction {
	const char *code;        /* "1.1" */
	int objective;
	const char *title;
	const char **tasks;
	size_t ntasks;
	struct jp_indicator *indicators;
	size_t nindicators;
};

/* Planned money of a row: a total and amounts per year of the period. */
struct jp_budget {
	bool present;            /* false: the row shows no money at all */
	bool has_total;
	jp_money total;
	uint32_t year_mask;      /* bit i: an amount for period_from + i */
	jp_money year[JP_MAX_YEARS];
	const char *source;      /* "РБ", or NULL */
	const char *program;     /* "001", or NULL */
};

struct jp_activity {
	size_t index;            /* position in the plan, 0-based */
	const char *number;      /* "1", "89-1", "45. 46" */
	const char *direction;
	const char *title;
	const char *completion_form;
	const char *executors_text;
	struct jp_executor_list executors;
	const char *deadline_text;
	/*
	 * deadline.due holds the due dates in force as of the plan's date: the
	 * current deadline's from the last change of deadline (or from the
	 * row's addition) on, and before it those each earlier deadline gave
	 * in its own time (such due dates have term -1 and their label from
	 * the earlier deadline).  An amendment never takes away a due date
	 * that fell before it.
	 */
	struct jp_deadline deadline;
	struct jp_earlier_deadline {  /* a deadline an amendment replaced */
		const char *text;
		struct jp_date until;     /* the replacing amendment's date */
		struct jp_deadline deadline;
	} *earlier;
	size_t nearlier;
	struct jp_budget budget;
	int source_lines[2];     /* in the official text; 0 when unknown */
	/* amendments that touched the row (number NULL when none) */
	struct jp_act_ref {      /* a decree: amendment or repeal */
		const char *number;
		struct jp_date date;
	} added_by, removed_by;
	struct jp_act_ref *changed_by;
	size_t nchanged;
};

struct jp_glossary_entry {
	const char *abbr;
	const char *name;
};

struct jp_error;

struct jp_plan {
	struct jp_arena arena;
	const char *id;              /* "kz-2014-292" */
	const char *language;        /* "kk" */
	const char *issuer;
	const char *number;          /* "292" */
	struct jp_date approved;
	const char *title;
	int period_from, period_to;  /* years */
	const char *unit;            /* "million tenge" */
	struct jp_act_ref *amendments;
	size_t namendments;
	bool repealed;
	struct jp_act_ref repeal;
	const char *goal;
	struct jp_objective *objectives;
	size_t nobjectives;
	struct jp_direction *directions;
	size_t ndirections;
	struct jp_activity *activities;
	size_t nactivities;
	struct jp_budget grand_total;
	const char *footnote;
	struct jp_glossary_entry *glossary;
	size_t nglossary;
	struct jp_window window;     /* approval .. end of the period */
	int reporting_window_days;   /* how far back a report may claim its
				      * date; 0: JP_REPORTING_WINDOW_DEFAULT */
	/* deadlines and executor lists live in the arena too (a plan read
	 * from its image, plan/plan_image.h), not in memory of their own */
	bool parts_in_arena;
	/* read with only some of its activities (plan/plan_image.h): those
	 * asked for, in plan order, each with its index in the whole plan;
	 * nall counts the whole plan's.  Every plan-level field is whole. */
	bool partial;
	size_t nall;
	/* activities by number and by the numbers a joint row answers to,
	 * sorted (jp_plan_index); NULL until built, then look-ups scan */
	struct jp_number_key {
		const char *key;          /* not NUL-terminated: len bytes */
		size_t len;
		const struct jp_activity *act;
	} *by_number, *by_token;
	size_t nby_number, nby_token;
};

/* How many activities the whole plan has (a partial plan has fewer). */
static inline size_t jp_plan_rows(const struct jp_plan *plan)
{
	return plan->partial ? plan->nall : plan->nactivities;
}

/* The reporting window when a plan names none, in days. */
#define JP_REPORTING_WINDOW_DEFAULT 30

/* An empty plan; NULL when out of memory.  Free with jp_plan_free. */
struct jp_plan *jp_plan_new(void);
/* Frees the plan and everything in it.  NULL is a no-op. */
void jp_plan_free(struct jp_plan *plan);

/*
 * Builds the plan's look-up index of activity numbers in its arena, once
 * the activities are final (the plan readers call it); 0 or JP_ERROR.
 */
int jp_plan_index(struct jp_plan *plan);
/*
 * The activity numbered `number` ("45" also finds "45. 46"); NULL if none.
 * An exact number wins over a joint row; among equals the first in the
 * plan.  By binary search once the plan is indexed.
 */
const struct jp_activity *jp_plan_find_activity(const struct jp_plan *plan,
						const char *number);
/* The first activity numbered exactly `number`, or NULL. */
const struct jp_activity *jp_plan_numbered(const struct jp_plan *plan, const char *number);
const struct jp_direction *jp_plan_find_direction(const struct jp_plan *plan,
						  const char *code);
/* The glossary entry for an abbreviation, compared case-folded; or NULL. */
const struct jp_glossary_entry *jp_plan_find_agency(const struct jp_plan *plan,
						    const char *abbr);

/*
 * Whether an activity's executors include `agency` (case-folded);
 * with lead_only, only as the lead (see jp_activity_lead).
 */
bool jp_activity_has_agency(const struct jp_activity *a, const char *agency,
			    bool lead_only);
/*
 * The lead executor: the one marked "жинақтау", else the only executor of
 * the row; NULL when several are named and none is marked.
 */
const struct jp_executor *jp_activity_lead(const struct jp_activity *a);
/*
 * Whether executor `i` of `a` is the first mention of its agency in the row
 * (case-folded).  Per-agency figures count an agency once per activity,
 * however many times the text names it: row 21 of plan No. 292 prints
 * "ІІМ (жинақтау), ІІМ, ЖАО".  `jospar check` reports the repetition.
 */
bool jp_activity_first_mention(const struct jp_activity *a, size_t i);
/* Whether `agency` (case-folded) is the activity's lead executor. */
bool jp_activity_is_lead(const struct jp_activity *a, const char *agency);
/* Whether any activity of the plan names `agency` (case-folded) as an executor. */
bool jp_plan_names_agency(const struct jp_plan *plan, const char *agency);
/*
 * The check the front ends make of an agency given to filter by: 0 when
 * `agency` is NULL, empty or an executor somewhere in the plan, else
 * JP_ENOTFOUND with the message that says so.
 */
int jp_plan_check_agency(const struct jp_plan *plan, const char *agency, struct jp_error *err);

/*
 * Whether due date `due` of `a` is void when the plan is viewed as of
 * `as_of`: after the repeal, once the repeal is in force (as_of on or after
 * its date), or on or after the date an amendment removed the activity,
 * once that removal is in force.
 */
bool jp_activity_due_void(const struct jp_plan *plan, const struct jp_activity *a,
			  struct jp_date due, struct jp_date as_of);

/* Whether a budget has an amount for `year`; if so, *out gets it. */
bool jp_budget_year(const struct jp_plan *plan, const struct jp_budget *b,
		    int year, jp_money *out);

#endif
