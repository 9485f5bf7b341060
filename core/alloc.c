/*
 * alloc.c - allocation wrappers with failure injection for tests.
 */
#include "jp.h"
#include "alloc.h"

/* Not thread-safe by design: only single-threaded tests turn it on. */
static long fail_countdown = -1;
static long alloc_count;

static bool should_fail(void)
{
	alloc_count++;
	if (fail_countdown < 0)
		return false;
	if (fail_countdown == 0)
		return true;
	fail_countdown--;
	return false;
}

long jp_alloc_fail_after(long n)
{
	long seen = alloc_count;

	alloc_count = 0;
	fail_countdown = n;
	return seen;
}

void *jp_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *jp_calloc(size_t count, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(count ? count : 1, size ? size : 1);
}

void *jp_realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void *jp_reallocarray(void *p, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return jp_realloc(p, count * size);
}

size_t jp_grow_capacity(size_t cap, size_t first)
{
	if (!cap)
		return first;
	return cap > SIZE_MAX / 2 ? 0 : cap * 2;
}

void *jp_array_grow(void *arr, size_t n, size_t *cap, size_t size)
{
	size_t nc = n < *cap ? *cap : jp_grow_capacity(*cap, 16);
	void *p;

	if (nc == *cap)
		return arr;
	p = nc ? jp_reallocarray(arr, nc, size) : NULL;
	if (p)
		*cap = nc;
	return p;
}

char *jp_strndup(const char *s, size_t n)
{
	char *d = jp_malloc(n + 1);

	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *jp_strdup(const char *s)
{
	return jp_strndup(s, strlen(s));
}

void jp_free(void *p)
{
	free(p);
}
