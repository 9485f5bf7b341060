/*
 * test_alloc.c - the grow helpers of the heap and of arenas: they keep the
 * array and its capacity as they were when an allocation fails.
 */
#include "test.h"
#include "alloc.h"
#include "arena.h"

static void test_alloc__array_grow_doubles(void **state)
{
	int *v = NULL, *p;
	size_t cap = 0;

	(void)state;
	for (size_t n = 0; n < 100; n++) {
		p = jp_array_grow(v, n, &cap, sizeof(*v));
		assert_non_null(p);
		v = p;
		v[n] = (int)n;
		assert_true(n < cap);
	}
	for (int i = 0; i < 100; i++)
		assert_int_equal(v[i], i);
	jp_free(v);
}

static void test_alloc__array_grow_fails_cleanly(void **state)
{
	int *v = NULL, *p;
	size_t cap = 0, n = 0;

	(void)state;
	while (n < 16) {
		v = jp_array_grow(v, n, &cap, sizeof(*v));
		assert_non_null(v);
		v[n] = (int)n;
		n++;
	}
	jp_alloc_fail_after(0);
	p = jp_array_grow(v, n, &cap, sizeof(*v));
	jp_alloc_fail_after(-1);
	assert_null(p);
	assert_int_equal(cap, 16);      /* the array is still the one of 16 */
	assert_int_equal(v[15], 15);
	jp_free(v);
}

static void test_alloc__arena_grow_fails_cleanly(void **state)
{
	struct jp_arena a = JP_ARENA_INIT;
	int *v = NULL, *p;
	size_t cap = 0, n = 0;

	(void)state;
	/* fill the first block so that the next array needs a new one */
	while (n < 64) {
		v = jp_arena_grow(&a, v, n, &cap, sizeof(*v));
		assert_non_null(v);
		v[n] = (int)n;
		n++;
	}
	assert_non_null(jp_arena_alloc(&a, 32 * 1024 - 64 * sizeof(int) - 64));
	jp_alloc_fail_after(0);
	p = jp_arena_grow(&a, v, n, &cap, sizeof(*v));
	jp_alloc_fail_after(-1);
	assert_null(p);
	/* a capacity doubled on failure would let the next call write past v */
	assert_int_equal(cap, 64);
	assert_true(jp_arena_grow(&a, v, n, &cap, sizeof(*v)) != v);
	jp_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc__array_grow_doubles),
		cmocka_unit_test(test_alloc__array_grow_fails_cleanly),
		cmocka_unit_test(test_alloc__arena_grow_fails_cleanly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
