/*
 * check.h - consistency findings about a plan's official text.
 *
 * The official text is not always self-consistent: a row's total may differ
 * from the sum of its years, the grand total from the sum of the rows, a
 * deadline may fall before the plan was approved, an executor may be missing
 * from the glossary.  jp_plan_check() lists such findings; it never changes
 * the plan.  Findings inform; they are not errors.
 */
#ifndef JP_CHECK_H
#define JP_CHECK_H

struct jp_plan;

enum jp_finding_kind {
	JP_FIND_ROW_TOTAL,        /* a row's total vs the sum of its years */
	JP_FIND_GRAND_TOTAL,      /* the grand total vs the sum of row totals */
	JP_FIND_GRAND_YEAR,       /* a year of the grand total vs the rows' */
	JP_FIND_GRAND_SELF,       /* the grand total vs the sum of its years */
	JP_FIND_DATE_OUTSIDE,     /* a due date outside approval..period end */
	JP_FIND_UNKNOWN_AGENCY,   /* an executor not in the glossary */
	JP_FIND_DUP_EXECUTOR,     /* one agency named twice in a row */
	JP_FIND_MANY_LEADS,       /* more than one "жинақтау" in a row */
	JP_FIND_DUP_NUMBER,       /* two rows with one number */
	JP_FIND_KIND_COUNT
};

struct jp_finding {
	enum jp_finding_kind kind;
	const char *row;          /* activity number, or NULL (plan-wide) */
	char *message;            /* one line, English */
};

struct jp_findings {
	struct jp_finding *items;
	size_t n;
};

#define JP_FINDINGS_INIT { NULL, 0 }

/* A stable machine name for a kind: "row-total", "unknown-agency", ... */
const char *jp_finding_kind_name(enum jp_finding_kind kind);

/* Fills *out (release with jp_findings_release); 0 or JP_ERROR (memory). */
int jp_plan_check(const struct jp_plan *plan, struct jp_findings *out);
void jp_findings_release(struct jp_findings *f);

#endif
