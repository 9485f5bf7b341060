/*
 * arena.c - region allocator (see arena.h).
 */
#include "jp.h"
#include "alloc.h"
#include "arena.h"

#define BLOCK_SIZE (32 * 1024)

struct jp_arena_block {
	struct jp_arena_block *next;
	size_t size, used;
	max_align_t data[];
};

void *jp_arena_alloc(struct jp_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct jp_arena_block *b = a->head;
	void *p;

	if (n > SIZE_MAX - align)
		return NULL;
	n = (n + align - 1) / align * align;
	if (!n)
		n = align;
	if (!b || b->size - b->used < n) {
		size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;

		b = jp_malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->size = size;
		b->used = 0;
		/* a big one-off block goes behind the current one */
		if (a->head && n > BLOCK_SIZE) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	a->used += n;
	memset(p, 0, n);
	return p;
}

void *jp_arena_array(struct jp_arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return jp_arena_alloc(a, count * size);
}

char *jp_arena_strndup(struct jp_arena *a, const char *s, size_t n)
{
	char *d = jp_arena_alloc(a, n + 1);

	if (d)
		memcpy(d, s, n);
	return d;
}

char *jp_arena_strdup(struct jp_arena *a, const char *s)
{
	return jp_arena_strndup(a, s, strlen(s));
}

void *jp_arena_grow(struct jp_arena *a, void *arr, size_t n, size_t *cap,
		    size_t size)
{
	size_t nc = n < *cap ? *cap : jp_grow_capacity(*cap, 64);
	void *p;

	if (nc == *cap)
		return arr;
	p = nc ? jp_arena_array(a, nc, size) : NULL;
	if (!p)
		return NULL;    /* *cap stays: arr is still the array */
	if (n)
		memcpy(p, arr, n * size);
	*cap = nc;
	return p;
}

void jp_arena_release(struct jp_arena *a)
{
	struct jp_arena_block *b = a->head;

	while (b) {
		struct jp_arena_block *next = b->next;

		jp_free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}
