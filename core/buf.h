/*
 * buf.h - the growable string buffer.
 *
 * Invariants (as git's strbuf): `ptr` is never NULL and always
 * NUL-terminated; `len` is the length without the NUL; `alloc` is private.
 * A buffer starts as JP_BUF_INIT and needs no allocation until written.
 *
 * Errors are sticky: when an append cannot allocate, the buffer keeps what
 * it had, sets `oom`, and ignores further appends.  Check jp_buf_oom() once
 * at the end of a builder sequence.  A buffer may also carry a size limit
 * (jp_buf_set_limit); growing past it sets `oom` as well.
 */
#ifndef JP_BUF_H
#define JP_BUF_H

struct jp_buf {
	char *ptr;
	size_t len;
	size_t alloc;   /* private */
	size_t limit;   /* 0: no limit */
	bool oom;
};

extern char jp_buf__empty[];
#define JP_BUF_INIT { jp_buf__empty, 0, 0, 0, false }

void jp_buf_init(struct jp_buf *b);
/* Frees the contents; the buffer is JP_BUF_INIT afterwards. */
void jp_buf_release(struct jp_buf *b);
void jp_buf_set_limit(struct jp_buf *b, size_t limit);
/* Makes room for n more bytes; returns 0 or JP_ERROR. */
int jp_buf_grow(struct jp_buf *b, size_t n);
void jp_buf_add(struct jp_buf *b, const void *data, size_t n);
void jp_buf_adds(struct jp_buf *b, const char *s);
void jp_buf_addc(struct jp_buf *b, char c);
void jp_buf_addf(struct jp_buf *b, const char *fmt, ...) JP_PRINTF(2, 3);
void jp_buf_vaddf(struct jp_buf *b, const char *fmt, va_list ap);
/* Appends s with XML/HTML special characters escaped. */
void jp_buf_add_xml(struct jp_buf *b, const char *s);
void jp_buf_reset(struct jp_buf *b);
void jp_buf_truncate(struct jp_buf *b, size_t len);
/* Hands the string to the caller, who frees it with jp_free. */
char *jp_buf_detach(struct jp_buf *b);
static inline bool jp_buf_oom(const struct jp_buf *b) { return b->oom; }

#endif
