/*
 * token_cache.c - token hash -> user, at one data version (see
 * token_cache.h): a chained hash table, emptied when the version moves or
 * when it is full.
 */
#include "jp.h"
#include "alloc.h"
#include "arena.h"
#include "text.h"
#include "account.h"
#include "token_cache.h"

#include <pthread.h>

#define HASH_LEN 64

struct token_entry {
	struct token_entry *chain;
	char hash[HASH_LEN + 1];
	int64_t expires_at;                 /* 0: never */
	int64_t id;
	enum jp_role role;
	bool has_agency;
	char *login;                        /* in the same allocation */
	char *agency;
	char *created_at;
};

struct token_cache {
	pthread_mutex_t mu;
	struct token_entry **buckets;
	size_t nbuckets;                    /* a power of two */
	size_t max, n;
	int64_t version;                    /* of every entry kept */
};

struct token_cache *token_cache_new(size_t max_tokens)
{
	struct token_cache *c = jp_calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->nbuckets = 64;
	while (c->nbuckets < max_tokens)
		c->nbuckets *= 2;
	if (!(c->buckets = jp_calloc(c->nbuckets, sizeof(*c->buckets)))) {
		jp_free(c);
		return NULL;
	}
	pthread_mutex_init(&c->mu, NULL);
	c->max = max_tokens;
	c->version = -1;
	return c;
}

/* Forgets every token (under mu). */
static void drop_all(struct token_cache *c)
{
	for (size_t i = 0; i < c->nbuckets && c->n; i++)
		while (c->buckets[i]) {
			struct token_entry *e = c->buckets[i];

			c->buckets[i] = e->chain;
			jp_free(e);
			c->n--;
		}
}

/* A newer version makes every kept token stale (under mu). */
static void see_version(struct token_cache *c, int64_t version)
{
	if (version > c->version) {
		drop_all(c);
		c->version = version;
	}
}

static struct token_entry **slot(struct token_cache *c, const char *hash)
{
	return &c->buckets[jp_hash(JP_HASH_INIT, hash, HASH_LEN) & (c->nbuckets - 1)];
}

bool token_cache_get(struct token_cache *c, int64_t version, const char *hash, int64_t now,
		     struct jp_arena *arena, struct jp_user *out)
{
	struct token_entry *e;
	bool hit = false;

	if (!c || !c->max || strlen(hash) != HASH_LEN)
		return false;
	pthread_mutex_lock(&c->mu);
	see_version(c, version);
	for (e = version == c->version ? *slot(c, hash) : NULL; e; e = e->chain)
		if (!memcmp(e->hash, hash, HASH_LEN))
			break;
	if (e && (!e->expires_at || e->expires_at > now)) {
		memset(out, 0, sizeof(*out));
		out->id = e->id;
		out->role = e->role;
		out->login = jp_arena_strdup(arena, e->login);
		out->agency = e->has_agency ? jp_arena_strdup(arena, e->agency) : NULL;
		out->created_at = jp_arena_strdup(arena, e->created_at);
		hit = out->login && out->created_at && (!e->has_agency || out->agency);
	}
	pthread_mutex_unlock(&c->mu);
	return hit;
}

void token_cache_put(struct token_cache *c, int64_t version, const char *hash,
		     int64_t expires_at, const struct jp_user *u)
{
	const char *agency = u->agency ? u->agency : "";
	size_t nlogin = strlen(u->login) + 1, nagency = strlen(agency) + 1;
	size_t ncreated = strlen(u->created_at) + 1;
	struct token_entry *e, **pe;

	if (!c || !c->max || u->disabled || strlen(hash) != HASH_LEN ||
	    !(e = jp_malloc(sizeof(*e) + nlogin + nagency + ncreated)))
		return;
	memset(e, 0, sizeof(*e));
	memcpy(e->hash, hash, HASH_LEN + 1);
	e->expires_at = expires_at;
	e->id = u->id;
	e->role = u->role;
	e->has_agency = u->agency != NULL;
	e->login = (char *)(e + 1);
	e->agency = e->login + nlogin;
	e->created_at = e->agency + nagency;
	memcpy(e->login, u->login, nlogin);
	memcpy(e->agency, agency, nagency);
	memcpy(e->created_at, u->created_at, ncreated);
	pthread_mutex_lock(&c->mu);
	see_version(c, version);
	if (version != c->version) {    /* read from older data than is kept */
		pthread_mutex_unlock(&c->mu);
		jp_free(e);
		return;
	}
	pe = slot(c, hash);
	for (struct token_entry **p = pe; *p; p = &(*p)->chain)
		if (!memcmp((*p)->hash, hash, HASH_LEN)) {   /* replaced */
			struct token_entry *old = *p;

			*p = old->chain;
			jp_free(old);
			c->n--;
			break;
		}
	if (c->n >= c->max)             /* full: start again rather than evict one */
		drop_all(c);
	e->chain = *pe;
	*pe = e;
	c->n++;
	pthread_mutex_unlock(&c->mu);
}

void token_cache_free(struct token_cache *c)
{
	if (!c)
		return;
	drop_all(c);
	jp_free(c->buckets);
	pthread_mutex_destroy(&c->mu);
	jp_free(c);
}
