/*
 * test_answer_cache.c - the server's answer cache (server/answer_cache.c):
 * answers kept per data version and bounded by bytes, and a miss made
 * once: requests asking the same question meanwhile wait for the leader
 * and share its answer.
 */
#include "test.h"
#include "answer_cache.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

static struct answer answer_of(const char *body)
{
	struct answer a = { 200, "application/json", "", body, strlen(body) };

	return a;
}

static void test_put_get_version(void **state)
{
	struct answer_cache *c = answer_cache_new(1 << 20);
	struct answer a = answer_of("{\"n\":1}"), got, again;
	struct answer_pin *pin;
	bool lead = true;

	(void)state;
	assert_non_null(c);
	assert_null(answer_cache_get(c, 1, "k", 1, &got, NULL));
	answer_cache_put(c, 1, "k", 1, &a);
	pin = answer_cache_get(c, 1, "k", 1, &got, &lead);
	assert_non_null(pin);
	assert_false(lead);
	assert_int_equal(got.len, a.len);
	assert_memory_equal(got.body, a.body, a.len);
	assert_string_equal(got.ctype, "application/json");
	/* a newer version drops it; the pin keeps its bytes until released */
	assert_null(answer_cache_get(c, 2, "k", 1, &again, NULL));
	assert_memory_equal(got.body, a.body, a.len);
	answer_pin_release(pin);
	/* an answer made at the older version is not kept */
	answer_cache_put(c, 1, "k", 1, &a);
	assert_null(answer_cache_get(c, 2, "k", 1, &got, NULL));
	answer_cache_free(c);
}

/* A request asking key "q" at version 7, on its own thread. */
struct asker {
	struct answer_cache *c;
	int64_t version;
	pthread_t thread;
	struct answer_pin *pin;
	struct answer got;
	bool lead;
};

static void *ask(void *p)
{
	struct asker *k = p;

	k->pin = answer_cache_get(k->c, k->version, "q", 1, &k->got, &k->lead);
	return NULL;
}

/* Waits until n requests wait on c (the test's own bound: 10 s). */
static void until_waiting(struct answer_cache *c, size_t n)
{
	struct timespec t = { 0, 1000000L };

	for (int i = 0; i < 10000 && answer_cache_waiting(c) < n; i++)
		nanosleep(&t, NULL);
	assert_int_equal(answer_cache_waiting(c), n);
}

/* Leads a miss of "q" at version 7 and starts n requests that wait for it. */
static void lead_and_wait(struct answer_cache *c, struct asker *k, size_t n)
{
	struct answer got;
	bool lead = false;

	assert_null(answer_cache_get(c, 7, "q", 1, &got, &lead));
	assert_true(lead);
	for (size_t i = 0; i < n; i++) {
		k[i] = (struct asker){ .c = c, .version = 7 };
		assert_int_equal(pthread_create(&k[i].thread, NULL, ask, &k[i]), 0);
	}
	until_waiting(c, n);
}

static void test_waiters_share_the_answer(void **state)
{
	struct answer_cache *c = answer_cache_new(1 << 20);
	struct answer a = answer_of("[1,2,3]"), got;
	struct answer_pin *pin;
	struct asker k[3];
	bool lead = true;

	(void)state;
	lead_and_wait(c, k, 3);
	answer_cache_settle(c, 7, "q", 1, &a);
	for (size_t i = 0; i < 3; i++) {
		pthread_join(k[i].thread, NULL);
		assert_non_null(k[i].pin);
		assert_false(k[i].lead);
		assert_memory_equal(k[i].got.body, "[1,2,3]", 7);
	}
	for (size_t i = 0; i < 3; i++)
		answer_pin_release(k[i].pin);
	/* and it is kept for later requests */
	pin = answer_cache_get(c, 7, "q", 1, &got, &lead);
	assert_non_null(pin);
	assert_false(lead);
	answer_pin_release(pin);
	assert_int_equal(answer_cache_waiting(c), 0);
	answer_cache_free(c);
}

static void test_too_large_is_shared_not_kept(void **state)
{
	static char big[600];
	struct answer_cache *c = answer_cache_new(512);
	struct answer a, got;
	struct asker k[2];
	bool lead = false;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	a = answer_of(big);
	lead_and_wait(c, k, 2);
	answer_cache_settle(c, 7, "q", 1, &a);
	for (size_t i = 0; i < 2; i++) {
		pthread_join(k[i].thread, NULL);
		assert_non_null(k[i].pin);
		assert_int_equal(k[i].got.len, sizeof(big) - 1);
	}
	/* released in turn: the last frees it (ASan checks) */
	answer_pin_release(k[0].pin);
	assert_memory_equal(k[1].got.body, big, sizeof(big) - 1);
	answer_pin_release(k[1].pin);
	/* not kept: the next request leads a new miss */
	assert_null(answer_cache_get(c, 7, "q", 1, &got, &lead));
	assert_true(lead);
	answer_cache_settle(c, 7, "q", 1, NULL);
	answer_cache_free(c);
}

static void test_unshared_answer_lets_waiters_go(void **state)
{
	struct answer_cache *c = answer_cache_new(1 << 20);
	struct asker k[2];

	(void)state;
	lead_and_wait(c, k, 2);
	answer_cache_settle(c, 7, "q", 1, NULL);    /* an error: not shared */
	for (size_t i = 0; i < 2; i++) {
		pthread_join(k[i].thread, NULL);
		assert_null(k[i].pin);
		assert_false(k[i].lead);           /* each makes its own */
	}
	assert_int_equal(answer_cache_waiting(c), 0);
	answer_cache_free(c);
}

static void test_other_version_does_not_wait(void **state)
{
	struct answer_cache *c = answer_cache_new(1 << 20);
	struct answer a = answer_of("{}"), got;
	struct asker newer = { .c = NULL };
	bool lead = false;

	(void)state;
	assert_null(answer_cache_get(c, 7, "q", 1, &got, &lead));
	assert_true(lead);
	/* at version 8 the question is another: it leads its own miss */
	newer.c = c;
	newer.version = 8;
	ask(&newer);
	assert_null(newer.pin);
	assert_true(newer.lead);
	/* the older leader's answer is not kept beside the newer version */
	answer_cache_settle(c, 7, "q", 1, &a);
	answer_cache_settle(c, 8, "q", 1, &a);
	assert_null(answer_cache_get(c, 7, "q", 1, &got, NULL));
	assert_int_equal(answer_cache_waiting(c), 0);
	answer_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_version),
		cmocka_unit_test(test_waiters_share_the_answer),
		cmocka_unit_test(test_too_large_is_shared_not_kept),
		cmocka_unit_test(test_unshared_answer_lets_waiters_go),
		cmocka_unit_test(test_other_version_does_not_wait),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
