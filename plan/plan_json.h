/*
 * plan_json.h - plan documents in JSON (docs/plan-format.md).
 *
 * jp_plan_from_json() validates a whole document and builds the model; it
 * either returns a complete plan or nothing.  Errors name the place in the
 * document as a JSON pointer ("/activities/12/deadline") in err->where, or
 * "line:column" for syntax errors.  jp_plan_to_json() writes the document
 * back, with the parsed forms (executor list, due dates) added, which
 * jp_plan_from_json() accepts again.
 */
#ifndef JP_PLAN_JSON_H
#define JP_PLAN_JSON_H

struct jp_plan;
struct jp_error;
struct jp_buf;

/* Largest plan document accepted, in bytes. */
#define JP_PLAN_MAX_BYTES (64u * 1024 * 1024)

/*
 * Parses `len` bytes of JSON.  On success *out owns a new plan (free with
 * jp_plan_free) and 0 is returned; otherwise JP_EINVALID (the message and
 * err->where say what and where) or JP_ERROR.
 */
int jp_plan_from_json(struct jp_plan **out, const char *json, size_t len,
		      struct jp_error *err);

enum jp_json_flags {
	JP_JSON_PRETTY = (1 << 0),   /* indented, one field a line */
	JP_JSON_PARSED = (1 << 1),   /* add executor lists and due dates */
	JP_JSON_ONE = (1 << 2)       /* activities: one object, not an array */
};

/* Appends the plan as a JSON document to `out`; 0 or JP_ERROR. */
int jp_plan_to_json(const struct jp_plan *plan, struct jp_buf *out,
		    unsigned flags);



struct jp_activity;

/*
 * Appends a JSON array of the given activities (export form: executor
 * objects, deadline {text, due}, budget or null) to `out`.
 */
int jp_activities_to_json(const struct jp_plan *plan,
			  const struct jp_activity *const *acts, size_t n,
			  struct jp_buf *out, unsigned flags);
#endif
