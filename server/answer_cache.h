/*
 * answer_cache.h - whole answers to GET requests kept in memory (server/
 * files only).
 *
 * An answer is kept under a key the dispatcher builds from everything it
 * depends on (route and query, today, the caller's role and agency, and
 * for pages the language and the session) and under the database's data
 * version (jp_store_data_version).  The cache holds answers of one data
 * version only: the first lookup at a newer version drops all older
 * answers, and answers made at an older version are not kept.  It is
 * bounded by memory: past `limit_bytes` the least recently used answers
 * are freed.  Thread-safe; a lookup hands out the kept answer itself,
 * pinned until released (an answer being sent is never copied or freed
 * under the sender).
 *
 * Misses are made once: the first lookup that misses a key at a version
 * leads (it makes the answer and settles it with answer_cache_settle);
 * a lookup of the same key and version meanwhile waits for the leader
 * and shares its answer, even one too large to keep.  So many clients
 * asking the same question after a write cost one answer, not one each.
 */
#ifndef JP_ANSWER_CACHE_H
#define JP_ANSWER_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct answer_cache;
struct answer_pin;

/* An answer as given to answer_cache_put (everything borrowed). */
struct answer {
	int status;
	const char *ctype;
	const char *disposition;    /* "" when none */
	const char *body;
	size_t len;
};

/* A new empty cache of at most limit_bytes (0: every lookup misses and
 * nothing is kept); NULL when out of memory. */
struct answer_cache *answer_cache_new(size_t limit_bytes);
void answer_cache_free(struct answer_cache *c);

/*
 * The answer under `key` at data version `version`: on a hit, its pin,
 * with *out pointing into the kept answer (its body, type and
 * disposition stay valid and unchanged until answer_pin_release, even if
 * the cache drops the answer meanwhile); NULL on a miss.  When another
 * request is making that answer, waits for it (at most
 * ANSWER_WAIT_SECONDS) and returns its pin.  On a miss *lead (may be
 * NULL: no waiting, no leading) tells whether this caller now leads: it
 * must then call answer_cache_settle once, whatever its answer.
 */
struct answer_pin *answer_cache_get(struct answer_cache *c, int64_t version, const char *key,
				    size_t klen, struct answer *out, bool *lead);
#define ANSWER_WAIT_SECONDS 60

/*
 * The leader's answer to its miss: kept as answer_cache_put keeps it and
 * handed to the requests waiting for it; `a` NULL when the answer is not
 * to be shared (an error, a redirect, data changed meanwhile): the
 * waiters then make their own.
 */
void answer_cache_settle(struct answer_cache *c, int64_t version, const char *key, size_t klen,
			 const struct answer *a);
/* Lets go of a pinned answer (NULL: nothing); may be called from any thread. */
void answer_pin_release(struct answer_pin *pin);

/* Keeps a copy of `a` under `key` at `version` (nothing when the cache has
 * seen a newer version, or the answer alone is over the bound). */
void answer_cache_put(struct answer_cache *c, int64_t version, const char *key, size_t klen,
		      const struct answer *a);

/* Statistics: answers and bytes now kept, hits and misses so far (an
 * answer shared with a waiter counts as a hit). */
void answer_cache_stats(struct answer_cache *c, size_t *entries, size_t *bytes,
			uint64_t *hits, uint64_t *misses);

/* Requests now waiting for another's answer. */
size_t answer_cache_waiting(struct answer_cache *c);

#endif
