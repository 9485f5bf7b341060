/*
 * answer_cache.c - an LRU of whole answers at one data version, bounded
 * by bytes, found through a hash table (see answer_cache.h).  An entry a
 * lookup handed out is pinned (counted in refs): dropped from the table
 * meanwhile, it is freed only by its last answer_pin_release.  A miss
 * being made is a flight: requests for the same key and version wait on
 * `settled` for its answer, which the leader hands them pinned.
 */
#include "jp.h"
#include "text.h"
#include "alloc.h"
#include "answer_cache.h"
#include "lru.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

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

/* A miss being made: its key, the requests waiting, and once settled the
 * answer they share (pinned once per waiter), or NULL. */
struct flight {
	struct flight *next;
	uint64_t hash;
	int64_t version;
	size_t klen;
	unsigned waiters;
	bool done;
	struct answer_entry *result;
	char key[];
};

struct answer_cache {
	pthread_mutex_t mu;
	pthread_cond_t settled;             /* some flight was settled */
	struct flight *flights;             /* not yet settled */
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
	pthread_condattr_t ca;

	if (!c)
		return NULL;
	c->nbuckets = 256;
	if (!(c->buckets = jp_calloc(c->nbuckets, sizeof(*c->buckets)))) {
		jp_free(c);
		return NULL;
	}
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c->settled, &ca);
	pthread_condattr_destroy(&ca);
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

/* The unsettled flight of key at version (under mu), or NULL. */
static struct flight *flight_find(struct answer_cache *c, int64_t version, uint64_t h,
				  const char *key, size_t klen)
{
	struct flight *f = c->flights;

	for (; f; f = f->next)
		if (f->version == version && f->hash == h && f->klen == klen &&
		    !memcmp(f->key, key, klen))
			return f;
	return NULL;
}

static void pin_out(const struct answer_entry *e, struct answer *out)
{
	out->status = e->status;
	out->ctype = e->ctype;
	out->disposition = e->disposition;
	out->body = e->body;
	out->len = e->len;
}

/* Waits (under mu) for flight f's answer: pinned for this caller, or
 * NULL when it was not shared or the wait ran out. */
static struct answer_entry *flight_wait(struct answer_cache *c, struct flight *f)
{
	struct answer_entry *e = NULL;
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ANSWER_WAIT_SECONDS;
	f->waiters++;
	while (!f->done && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&c->settled, &c->mu, &until);
	f->waiters--;
	if (f->done) {
		e = f->result;     /* settle pinned it once for each waiter */
		if (!f->waiters)
			jp_free(f);    /* out of the list since it was settled */
	}
	return e;
}

struct answer_pin *answer_cache_get(struct answer_cache *c, int64_t version, const char *key,
				    size_t klen, struct answer *out, bool *lead)
{
	uint64_t h = jp_hash(JP_HASH_INIT, key, klen);
	struct answer_entry *e = NULL;
	struct flight *f;

	if (lead)
		*lead = false;
	if (!c)
		return NULL;
	pthread_mutex_lock(&c->mu);
	see_version(c, version);
	if (version == c->version && (e = find(c, h, key, klen))) {
		jp_lru_unlink(&c->lru, &e->lru);
		jp_lru_push_front(&c->lru, &e->lru);
		e->refs++;
	} else if (lead && (f = flight_find(c, version, h, key, klen))) {
		e = flight_wait(c, f);
	} else if (lead && (f = jp_malloc(sizeof(*f) + klen))) {
		memset(f, 0, sizeof(*f));
		f->hash = h;
		f->version = version;
		f->klen = klen;
		memcpy(f->key, key, klen);
		f->next = c->flights;
		c->flights = f;
		*lead = true;
	}
	if (e) {
		pin_out(e, out);
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

/* A new entry holding a copy of key and answer, not yet in the cache;
 * NULL when out of memory or its type or disposition is too long. */
static struct answer_entry *entry_new(struct answer_cache *c, uint64_t h, const char *key,
				      size_t klen, const struct answer *a)
{
	size_t bytes = sizeof(struct answer_entry) + klen + a->len + 2;
	struct answer_entry *e;

	if (strlen(a->ctype) >= sizeof(e->ctype) ||
	    strlen(a->disposition) >= sizeof(e->disposition) || !(e = jp_malloc(bytes)))
		return NULL;
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
	return e;
}

/* Puts e in the cache (under mu); false, e untouched, when it is made
 * from older data than is kept or alone is over the bound. */
static bool keep(struct answer_cache *c, int64_t version, struct answer_entry *e)
{
	struct answer_entry *old;
	size_t slot;

	see_version(c, version);
	if (version != c->version || e->bytes > c->limit)
		return false;
	if ((old = find(c, e->hash, e->key, e->klen)))
		drop(c, old);
	while (c->lru.tail && c->bytes + e->bytes > c->limit)
		drop(c, (struct answer_entry *)c->lru.tail);
	slot = e->hash & (c->nbuckets - 1);
	e->chain = c->buckets[slot];
	c->buckets[slot] = e;
	jp_lru_push_front(&c->lru, &e->lru);
	c->bytes += e->bytes;
	c->n++;
	maybe_grow(c);
	return true;
}

void answer_cache_put(struct answer_cache *c, int64_t version, const char *key, size_t klen,
		      const struct answer *a)
{
	uint64_t h = jp_hash(JP_HASH_INIT, key, klen);
	struct answer_entry *e;
	bool kept;

	if (!c || sizeof(*e) + klen + a->len + 2 > c->limit || !(e = entry_new(c, h, key, klen, a)))
		return;
	pthread_mutex_lock(&c->mu);
	kept = keep(c, version, e);
	pthread_mutex_unlock(&c->mu);
	if (!kept)
		jp_free(e);
}

void answer_cache_settle(struct answer_cache *c, int64_t version, const char *key, size_t klen,
			 const struct answer *a)
{
	uint64_t h = jp_hash(JP_HASH_INIT, key, klen);
	struct answer_entry *e = a && c ? entry_new(c, h, key, klen, a) : NULL;
	struct flight *f, **pf;
	bool kept, shared = false;

	if (!c)
		return;
	pthread_mutex_lock(&c->mu);
	kept = e && keep(c, version, e);
	for (pf = &c->flights; (f = *pf); pf = &f->next)
		if (f->version == version && f->hash == h && f->klen == klen &&
		    !memcmp(f->key, key, klen))
			break;
	if (f) {
		*pf = f->next;
		f->done = true;
		if (e && f->waiters) {
			e->refs += f->waiters;
			e->dropped = !kept;   /* not kept: freed by the last waiter */
			f->result = e;
			shared = true;
		}
		if (f->waiters)
			pthread_cond_broadcast(&c->settled);
		else
			jp_free(f);
	}
	pthread_mutex_unlock(&c->mu);
	if (e && !kept && !shared)
		jp_free(e);
}

void answer_cache_free(struct answer_cache *c)
{
	if (!c)
		return;
	drop_all(c);
	while (c->flights) {            /* none: every request has ended */
		struct flight *f = c->flights;

		c->flights = f->next;
		jp_free(f);
	}
	jp_free(c->buckets);
	pthread_cond_destroy(&c->settled);
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

size_t answer_cache_waiting(struct answer_cache *c)
{
	size_t n = 0;

	pthread_mutex_lock(&c->mu);
	for (const struct flight *f = c->flights; f; f = f->next)
		n += f->waiters;
	pthread_mutex_unlock(&c->mu);
	return n;
}
