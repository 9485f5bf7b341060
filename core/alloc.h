/*
 * alloc.h - the one route to the heap.
 *
 * jospar code allocates through these wrappers, never through malloc/free
 * directly, so a test build can count allocations and fail the Nth one
 * (jp_alloc_fail_after).  They return NULL on failure like malloc does;
 * callers report JP_ERROR ("out of memory").
 */
#ifndef JP_ALLOC_H
#define JP_ALLOC_H

void *jp_malloc(size_t n);
void *jp_calloc(size_t count, size_t size);
void *jp_realloc(void *p, size_t n);
/* Reallocates an array of count elements of size bytes, checking overflow. */
void *jp_reallocarray(void *p, size_t count, size_t size);
/*
 * Makes room for one more element in a heap array of n elements: returns
 * `arr` while n < *cap, else the array reallocated to twice the capacity
 * (*cap updated).  NULL when out of memory; then `arr` and *cap are as
 * they were and the caller still owns `arr`.  The heap twin of
 * jp_arena_grow: keep the result in a temporary, not in `arr` itself.
 */
void *jp_array_grow(void *arr, size_t n, size_t *cap, size_t size);
/*
 * The capacity both grow helpers move to from `cap`: twice as much, or
 * `first` for an empty array; 0 when doubling would overflow.
 */
size_t jp_grow_capacity(size_t cap, size_t first);
char *jp_strdup(const char *s);
char *jp_strndup(const char *s, size_t n);
void jp_free(void *p);

/*
 * Test hook: after n more successful allocations, every allocation fails
 * (n < 0 switches failure injection off).  Returns how many allocations
 * succeeded since the last call.
 */
long jp_alloc_fail_after(long n);

#endif
