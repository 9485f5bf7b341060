/*
 * buf.c - the growable string buffer (see buf.h for its invariants).
 */
#include "jp.h"
#include "alloc.h"
#include "buf.h"

char jp_buf__empty[1];

void jp_buf_init(struct jp_buf *b)
{
	struct jp_buf init = JP_BUF_INIT;
	*b = init;
}

void jp_buf_release(struct jp_buf *b)
{
	if (b->alloc)
		jp_free(b->ptr);
	jp_buf_init(b);
}

void jp_buf_set_limit(struct jp_buf *b, size_t limit)
{
	b->limit = limit;
}

/* The slow half of jp_buf_grow: the buffer must get larger (or fail). */
static int grow(struct jp_buf *b, size_t n)
{
	size_t want, cap;
	char *p;

	if (b->oom)
		return JP_ERROR;
	if (n > SIZE_MAX - b->len - 1 || (b->limit && b->len + n > b->limit)) {
		b->oom = true;
		return JP_ERROR;
	}
	want = b->len + n + 1;
	if (want <= b->alloc)
		return 0;
	cap = b->alloc ? b->alloc : 64;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	p = jp_realloc(b->alloc ? b->ptr : NULL, cap);
	if (!p) {
		b->oom = true;
		return JP_ERROR;
	}
	if (!b->alloc)
		p[0] = '\0';
	b->ptr = p;
	b->alloc = cap;
	return 0;
}

int jp_buf_grow(struct jp_buf *b, size_t n)
{
	/* room already (alloc - len > n: the NUL fits too), within the limit */
	if (!b->oom && n < b->alloc - b->len && (!b->limit || b->len + n <= b->limit))
		return 0;
	return grow(b, n);
}

void jp_buf_add(struct jp_buf *b, const void *data, size_t n)
{
	if (jp_buf_grow(b, n) < 0)
		return;
	memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void jp_buf_adds(struct jp_buf *b, const char *s)
{
	jp_buf_add(b, s, strlen(s));
}

void jp_buf_addc(struct jp_buf *b, char c)
{
	jp_buf_add(b, &c, 1);
}

void jp_buf_vaddf(struct jp_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->oom)
		return;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || jp_buf_grow(b, (size_t)n) < 0) {
		b->oom = true;
		return;
	}
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void jp_buf_addf(struct jp_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jp_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void jp_buf_add_xml(struct jp_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': jp_buf_adds(b, "&amp;"); break;
		case '<': jp_buf_adds(b, "&lt;"); break;
		case '>': jp_buf_adds(b, "&gt;"); break;
		case '"': jp_buf_adds(b, "&quot;"); break;
		case '\'': jp_buf_adds(b, "&#39;"); break;
		default: jp_buf_addc(b, *s);
		}
	}
}

void jp_buf_reset(struct jp_buf *b)
{
	jp_buf_truncate(b, 0);
	b->oom = false;
}

void jp_buf_truncate(struct jp_buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	if (b->alloc)
		b->ptr[len] = '\0';
}

char *jp_buf_detach(struct jp_buf *b)
{
	char *s;

	if (b->oom) {
		jp_buf_release(b);
		return NULL;
	}
	s = b->alloc ? b->ptr : jp_strdup("");
	jp_buf_init(b);
	return s;
}
