/*
 * arena.h - a region allocator for objects that live and die together.
 *
 * A plan is thousands of small strings and arrays that are freed at once;
 * an arena makes that one call and keeps handlers free of scattered frees.
 * Memory from an arena is never freed on its own.
 */
#ifndef JP_ARENA_H
#define JP_ARENA_H

struct jp_arena_block;

struct jp_arena {
	struct jp_arena_block *head;
	size_t used;            /* bytes handed out, for statistics */
};

#define JP_ARENA_INIT { NULL, 0 }

/* Zeroed memory, aligned for any type; NULL when out of memory. */
void *jp_arena_alloc(struct jp_arena *a, size_t n);
void *jp_arena_array(struct jp_arena *a, size_t count, size_t size);
char *jp_arena_strdup(struct jp_arena *a, const char *s);
char *jp_arena_strndup(struct jp_arena *a, const char *s, size_t n);
/*
 * Makes room for one more element in an array kept in the arena: returns
 * `arr` while n < *cap, else a copy twice as large (the old one stays in the
 * arena until it is released).  NULL when out of memory.
 */
void *jp_arena_grow(struct jp_arena *a, void *arr, size_t n, size_t *cap,
		    size_t size);
/* Frees every block; the arena is empty and reusable afterwards. */
void jp_arena_release(struct jp_arena *a);

#endif
