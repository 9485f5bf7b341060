/*
 * error.h - the message that travels beside an error code.
 *
 * Every fallible library call takes a `struct jp_error *err` (which may be
 * NULL when the caller does not want the text).  The callee fills it and
 * returns the code in one line:
 *
 *     return jp_error_set(err, JP_EINVALID, "unknown month '%s'", word);
 *
 * Messages follow one style: lower-case first word, no final full stop, the
 * subject in quotes, one line.  `where` names the place in the input (a JSON
 * pointer, "line 12", "row 45") when there is one.
 */
#ifndef JP_ERROR_H
#define JP_ERROR_H

struct jp_error {
	int code;
	char where[128];
	char msg[512];
};

#define JP_ERROR_INIT { 0, "", "" }

/* Sets code and message; returns code.  err may be NULL. */
int jp_error_set(struct jp_error *err, int code, const char *fmt, ...)
	JP_PRINTF(3, 4);

/* Like jp_error_set, and also records where in the input it happened. */
int jp_error_at(struct jp_error *err, int code, const char *where,
		const char *fmt, ...) JP_PRINTF(4, 5);

/* Adds a prefix to the place, e.g. the file name in front of a pointer. */
void jp_error_prefix_where(struct jp_error *err, const char *prefix);

/*
 * The one mapping from error codes to what the front ends answer (see
 * ledger/ledger.h): the HTTP status, and the CLI's exit status.
 */
int jp_error_http_status(int code);
int jp_error_exit_code(int code);

#endif
