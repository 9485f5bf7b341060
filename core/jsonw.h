/*
 * jsonw.h - a streaming JSON writer: values go straight into a struct
 * jp_buf, with no tree in between.
 *
 * It writes the bytes jansson's json_dumps() writes for the same value, so
 * that an answer built here and one built as a json_t agree byte for byte:
 * keys in the order they are written; strings escaped as jansson does
 * without JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH (`"` and `\` with a
 * backslash, \b \f \n \r \t, other control characters as \u00XX in capital
 * hex, everything else as it is); integers in decimal.  The layout follows
 * the flags: JP_JSONW_INDENT(n) as JSON_INDENT(n), JP_JSONW_COMPACT as
 * JSON_COMPACT.
 *
 * The caller keeps the nesting right (begin/end pairs; a key before each
 * member of an object); that is asserted, not reported.  Errors are the
 * buffer's: sticky, checked once with jp_buf_oom() at the end.
 */
#ifndef JP_JSONW_H
#define JP_JSONW_H

struct jp_buf;

enum jp_jsonw_flags {
	JP_JSONW_COMPACT = (1 << 5),
};
/* Spaces per level (0-31), each value on its own line. */
#define JP_JSONW_INDENT(n) ((unsigned)(n) & 0x1F)

#define JP_JSONW_MAX_DEPTH 64

struct jp_jsonw {
	struct jp_buf *out;
	unsigned flags;
	int depth;              /* open containers */
	uint64_t nonempty;      /* bit d: the container at depth d has a member */
	uint64_t object;        /* bit d: it is an object */
	bool key;               /* a key was written; its value comes next */
};

/* Sets up `w` to append to `out` with `flags` (enum jp_jsonw_flags). */
void jp_jsonw_init(struct jp_jsonw *w, struct jp_buf *out, unsigned flags);

void jp_jsonw_object_begin(struct jp_jsonw *w);
void jp_jsonw_object_end(struct jp_jsonw *w);
void jp_jsonw_array_begin(struct jp_jsonw *w);
void jp_jsonw_array_end(struct jp_jsonw *w);
/* The key of the next member of the object being written. */
void jp_jsonw_key(struct jp_jsonw *w, const char *key);

/*
 * A string value; NULL writes null.  `s` must be valid UTF-8 (jansson
 * refuses anything else); an invalid byte is written as U+FFFD.
 */
void jp_jsonw_string(struct jp_jsonw *w, const char *s);
void jp_jsonw_int(struct jp_jsonw *w, int64_t v);
void jp_jsonw_bool(struct jp_jsonw *w, bool v);
void jp_jsonw_null(struct jp_jsonw *w);

/* Shorthands for one member: key and value. */
void jp_jsonw_kstring(struct jp_jsonw *w, const char *key, const char *s);
void jp_jsonw_kint(struct jp_jsonw *w, const char *key, int64_t v);

/* Appends s to b as a JSON string literal, quotes included. */
void jp_jsonw_add_string(struct jp_buf *b, const char *s);

#endif
