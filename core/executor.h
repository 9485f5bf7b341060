/*
 * executor.h - lists of responsible executors.
 *
 * Column 4 of a plan names the agencies responsible for an activity:
 *
 *     БП (келісім бойынша, жинақтау), МҚІСҚА (келісім бойынша) ІІМ, Қаржымині
 *
 * A name may be followed by a parenthesis of flags: "жинақтау" (the lead,
 * consolidating executor) and "келісім бойынша" (by agreement: an agency
 * not subordinate to the Government); Russian "свод", "по согласованию"
 * and English "lead", "by agreement" are read too.  Names are separated by
 * commas, or end at a closing parenthesis.  Letter spacing ("І І М") is
 * undone.  Whether a name is a known agency is the plan's business
 * (jp_plan_find_agency; `jospar check` reports unknown ones), not this
 * parser's.
 */
#ifndef JP_EXECUTOR_H
#define JP_EXECUTOR_H

struct jp_error;

struct jp_executor {
	char *agency;        /* as written, letter spacing undone */
	bool lead;
	bool by_agreement;
};

struct jp_executor_list {
	struct jp_executor *items;
	size_t n;
};

#define JP_EXECUTOR_LIST_INIT { NULL, 0 }

/*
 * Parses `text` into *out (released with jp_executor_list_release).
 * Returns 0, JP_EINVALID naming the text and the character position
 * (unclosed parenthesis, unknown flag, empty list), or JP_ERROR.
 */
int jp_executors_parse(struct jp_executor_list *out, const char *text,
		       struct jp_error *err);

void jp_executor_list_release(struct jp_executor_list *l);

#endif
