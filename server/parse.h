/*
 * parse.h - the server's own parsing of what a client sends: the request
 * target (path and query), percent-decoding, forms, cookies,
 * Content-Length, the method and X-Forwarded-For (server/ files and the
 * fuzz target only).  Pure functions on bytes: no connection, no I/O, so
 * tests/fuzz/fuzz_http.c can call each one.
 *
 * Every decoded text lives in the arena given; a decoded value that is not
 * valid UTF-8 or holds a NUL is refused, so what handlers see is text.
 */
#ifndef JP_PARSE_H
#define JP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jp_arena;
struct jp_buf;

/*
 * Splits a request target as sent ("/activities/12?as_of=2015-01-01") into
 * its path and its query (after '?', "" when none), both copies in the
 * arena, neither decoded.  0, or -1 when out of memory.
 */
int parse_target(struct jp_arena *a, const char *uri, const char **path_out,
		 const char **query_out);

/*
 * Decodes n bytes of s once: %XX, and '+' as a space when `plus`.  A '%'
 * not followed by two hex digits stays as it is.  The result is
 * NUL-terminated; *len_out (may be NULL) gets its length, which is less
 * than strlen() when it holds a NUL.  NULL when out of memory.
 */
char *parse_decode(struct jp_arena *a, const char *s, size_t n, bool plus, size_t *len_out);

/*
 * Checks every name and value of an application/x-www-form-urlencoded text
 * (a query string or a form body): each must decode to UTF-8 without NUL.
 * 0, or -1 when one does not (or when out of memory).
 */
int parse_form_check(struct jp_arena *a, const char *s, size_t n);

/*
 * The value of the first field `name` of a form or query text, decoded,
 * or NULL when there is none or it is not text (see above).
 */
const char *parse_form_get(struct jp_arena *a, const char *s, size_t n, const char *name);

/* The value of cookie `name` in a Cookie header (RFC 6265 pairs), or NULL. */
const char *parse_cookie_get(struct jp_arena *a, const char *header, const char *name);

/* A Content-Length value: digits only, at most 18 of them.  0 or -1. */
int parse_content_length(const char *s, uint64_t *out);

/* Whether a request method is an RFC 9110 token of at most 16 letters. */
bool parse_method_ok(const char *m);

/*
 * The client address from an X-Forwarded-For value: the rightmost entry
 * (the one the trusted proxy itself appended), which must be an IPv4 or
 * IPv6 address; written to out.  0, or -1 when there is none.
 */
int parse_forwarded_for(const char *h, char *out, size_t n);

/*
 * Matches a raw path ("/api/v1/reports/12%20/accept") against a route
 * pattern where "{}" is one segment.  Each {} segment is decoded once and
 * must be text; literal parts compare as they are.  On a match the
 * decoded segments go to param[0..*nparam) (at most maxparam).
 */
bool parse_match(struct jp_arena *a, const char *pattern, const char *path,
		 const char **param, size_t maxparam, size_t *nparam);

/*
 * Appends s for a log line or a message: valid UTF-8 as it is, every other
 * byte and every control character as %XX.
 */
void parse_printable(struct jp_buf *b, const char *s, size_t n);

#endif
