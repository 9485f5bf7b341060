/*
 * amend.h - amendments: documents that add, change or remove activities of
 * a plan from a date on (docs/plan-format.md, "Amendments").
 *
 * Amendments are applied to the plan document, in date order, before it is
 * loaded: the plan "as of" a date is the base document with every amendment
 * dated on or before it applied.  Removed activities stay in the document,
 * marked "removed_by", so that their due dates before the removal still
 * count and the later ones are void.  A changed deadline keeps the one it
 * replaces in "earlier_deadlines" with the amendment's date as "until", so
 * that the due dates before the change still count (the loader works out
 * the due dates in force, plan.h).  Because each application relies on the
 * ones before it being earlier, callers apply them sorted by date.
 */
#ifndef JP_AMEND_H
#define JP_AMEND_H

#include "date.h"

struct jp_error;
struct jp_buf;

struct jp_amendment_info {
	char plan[64];
	char number[64];
	struct jp_date date;
	size_t nadd, nchange, nremove;
};

/*
 * Checks an amendment document's form (not yet against a plan) and fills
 * *info.  JP_EINVALID names the place (err->where is a JSON pointer).
 */
int jp_amendment_check(const char *doc, size_t len,
		       struct jp_amendment_info *info, struct jp_error *err);

/*
 * Applies one amendment to a plan document: `plan_doc` in, the amended
 * document appended to `out`.  Fails with JP_EINVALID when the amendment
 * names an activity the plan does not have, adds one that exists, or
 * belongs to another plan.
 */
int jp_amendment_apply(const char *plan_doc, size_t plan_len,
		       const char *amendment, size_t amendment_len,
		       struct jp_buf *out, struct jp_error *err);

#endif
