/*
 * answer_cache.c - an LRU of whole answers at one data version, bounded
 * by bytes, found through a hash table (see answer_cache.h).  An entry a
 * lookup handed out is pinned (counted in refs): dropped from the table
 * meanwhile, it is freed only by its last answer_pin_release.
 */
#include "jp.h"
#include "text.h"
#include "alloc.h"
#include "answer_cache.h"
#include "lru.h"

#include <pthread.h>

struct answer_entry {
	struct jp_lru_node lru;             /* first: most recently used first */
	struct answer_entry *chain;         /* the next in its bucket */
	struct answer_cache *owner;
	unsigned refs;                      /* pins not yet released (under mu) */
	bool dropped;                       /* out of the table: freed at refs 0 */
	uint64_t hash;
	size_t klen, len, bytes;
	int status;
	char ctype[64];
	char disposition[256];
	char *key;                          /* in the same allocation, then the body */
	char *body;
};

struct answer_cache {
	pthread_mutex_t mu;
	struct jp_lru lru;
	struct answer_entry **buckets;
	size_t nbuckets;                    /* a power of two */
	size_t limit, bytes, n;
	int64_t version;                    /* of every entry kept */
	uint64_t hits, misses;
};

struct answer_cache *answer_cache_new(size_t limit_bytes)
{
	struct answer_cache *c = jp_calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->nbuckets = 256;
	if (!(c->buckets = jp_calloc(c->nbuckets, sizeof(*c->buckets)))) {
		jp_free(c);
		return NULL;
	}
	pthread_mutex_init(&c->mu, NULL);
	c->limit = limit_bytes;
	c->version = -1;
	return c;
}

/* Takes e out of the cache and frees it (under mu). */
static void drop(struct answer_cache *c, struct answer_entry *e)
{
	struct answer_entry **pe = &c->buckets[e->hash & (c->nbuckets - 1)];

	while (*pe != e)
		pe = &(*pe)->chain;
	*pe = e->chain;
	jp_lru_unlink(&c->lru, &e->lru);
	c->bytes -= e->bytes;
	c->n--;
	/* NEEDSWORK: an answer still being sent no longer counts against the
	 * limit; slow clients of large answers across many writes can hold
	 * up to one answer per connection beyond it */
	if (e->refs)
		e->dropped = true;          /* still being sent */
	else
		jp_free(e);
}

static void drop_all(struct answer_cache *c)
{
	while (c->lru.tail)
		drop(c, (struct answer_entry *)c->lru.tail);
}

/* Entry for the key (under mu), or NULL. */
static struct answer_entry *find(struct answer_cache *c, uint64_t h, const char *key, size_t klen)
{
	struct answer_entry *e = c->buckets[h & (c->nbuckets - 1)];

	for (; e; e = e->chain)
		if (e->hash == h && e->klen == klen && !memcmp(e->key, key, klen))
			return e;
	return NULL;
}

/* Doubles the table when it holds more entries than buckets (under mu);
 * stays as it is when out of memory. */
static void maybe_grow(struct answer_cache *c)
{
	size_t n = c->nbuckets * 2;
	struct answer_entry **b;

	if (c->n <= c->nbuckets || !(b = jp_calloc(n, sizeof(*b))))
		return;
	for (size_t i = 0; i < c->nbuckets; i++)
		while (c->buckets[i]) {
			struct answer_entry *e = c->buckets[i];

			c->buckets[i] = e->chain;
			e->chain = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
		}
	jp_free(c->buckets);
	c->buckets = b;
	c->nbuckets = n;
}

/* A newer version makes every kept answer stale (under mu). */
static void see_version(struct answer_cache *c, int64_t version)
{
	if (version > c->version) {
		drop_all(c);
		c->version = version;
	}
}

struct answer_pin *answer_cache_get(struct answer_cache *c, int64_t version, const char *key,
				    size_t klen, struct answer *out)
{
	uint64_t h = jp_hash(JP_HASH_INIT, key, klen);
	struct answer_entry *e = NULL;

	if (!c)
		return NULL;
	pthread_mutex_lock(&c->mu);
	see_version(c, version);
	if (version == c->version && (e = find(c, h, key, klen))) {
		jp_lru_unlink(&c->lru, &e->lru);
		jp_lru_push_front(&c->lru, &e->lru);
		e->refs++;
		out->status = e->status;
		out->ctype = e->ctype;
		out->disposition = e->disposition;
		out->body = e->body;
		out->len = e->len;
		c->hits++;
	} else {
		c->misses++;
	}
	pthread_mutex_unlock(&c->mu);
	return (struct answer_pin *)e;
}

void answer_pin_release(struct answer_pin *pin)
{
	struct answer_entry *e = (struct answer_entry *)pin;
	struct answer_cache *c;
	bool gone;

	if (!e)
		return;
	c = e->owner;
	pthread_mutex_lock(&c->mu);
	gone = --e->refs == 0 && e->dropped;
	pthread_mutex_unlock(&c->mu);
	if (gone)
		jp_free(e);
}

void answer_cache_put(struct answer_cache *c, int64_t version, const char *key, size_t klen,
		      const struct answer *a)
{
	uint64_t h = jp_hash(JP_HASH_INIT, key, klen);
	size_t bytes = sizeof(struct answer_entry) + klen + a->len + 2;
	struct answer_entry *e, *old;

	if (!c || bytes > c->limit || strlen(a->ctype) >= sizeof(e->ctype) ||
	    strlen(a->disposition) >= sizeof(e->disposition))
		return;
	if (!(e = jp_malloc(bytes)))
		return;
	memset(e, 0, sizeof(*e));
	e->owner = c;
	e->hash = h;
	e->klen = klen;
	e->len = a->len;
	e->bytes = bytes;
	e->status = a->status;
	snprintf(e->ctype, sizeof(e->ctype), "%s", a->ctype);
	snprintf(e->disposition, sizeof(e->disposition), "%s", a->disposition);
	e->key = (char *)(e + 1);
	memcpy(e->key, key, klen);
	e->key[klen] = '\0';
	e->body = e->key + klen + 1;
	memcpy(e->body, a->body, a->len);
	e->body[a->len] = '\0';
	pthread_mutex_lock(&c->mu);
	see_version(c, version);
	if (version != c->version) {    /* made from older data than is kept */
		pthread_mutex_unlock(&c->mu);
		jp_free(e);
		return;
	}
	if ((old = find(c, h, key, klen)))
		drop(c, old);
	while (c->lru.tail && c->bytes + bytes > c->limit)
		drop(c, (struct answer_entry *)c->lru.tail);
	e->chain = c->buckets[h & (c->nbuckets - 1)];
	c->buckets[h & (c->nbuckets - 1)] = e;
	jp_lru_push_front(&c->lru, &e->lru);
	c->bytes += bytes;
	c->n++;
	maybe_grow(c);
	pthread_mutex_unlock(&c->mu);
}

void answer_cache_free(struct answer_cache *c)
{
	if (!c)
		return;
	drop_all(c);
	jp_free(c->buckets);
	pthread_mutex_destroy(&c->mu);
	jp_free(c);
}

void answer_cache_stats(struct answer_cache *c, size_t *entries, size_t *bytes,
			uint64_t *hits, uint64_t *misses)
{
	pthread_mutex_lock(&c->mu);
	*entries = c->n;
	*bytes = c->bytes;
	*hits = c->hits;
	*misses = c->misses;
	pthread_mutex_unlock(&c->mu);
}
