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
 * are freed.  Thread-safe; a lookup copies the answer out.
 */
#ifndef JP_ANSWER_CACHE_H
#define JP_ANSWER_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jp_buf;
struct answer_cache;

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
 * The answer under `key` at data version `version`: on a hit, true with
 * its status in *status, its body in `body` (reset first), its type and
 * disposition copied into the caller's arrays (cut to their sizes);
 * false on a miss.
 */
bool answer_cache_get(struct answer_cache *c, int64_t version, const char *key, size_t klen,
		      int *status, struct jp_buf *body, char *ctype, size_t nctype,
		      char *disposition, size_t ndisposition);

/* Keeps a copy of `a` under `key` at `version` (nothing when the cache has
 * seen a newer version, or the answer alone is over the bound). */
void answer_cache_put(struct answer_cache *c, int64_t version, const char *key, size_t klen,
		      const struct answer *a);

/* Statistics: answers and bytes now kept, hits and misses so far. */
void answer_cache_stats(struct answer_cache *c, size_t *entries, size_t *bytes,
			uint64_t *hits, uint64_t *misses);

#endif
