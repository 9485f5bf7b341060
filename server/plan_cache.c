/*
 * plan_cache.c - an LRU of plans as of a date, bounded by bytes, with
 * reference counts (see plan_cache.h).
 */
#include "jp.h"
#include "alloc.h"
#include "date.h"
#include "error.h"
#include "load.h"
#include "check.h"
#include "plan.h"
#include "plan_cache.h"
#include "lru.h"

#include <pthread.h>

struct plan_entry {
	struct jp_lru_node lru;            /* first: most recently used first */
	struct jp_plan *plan;
	long day;
	char version[96];
	size_t bytes;
	unsigned refs;
	/* the plan's findings, made once by the first request that asks */
	pthread_mutex_t findings_mu;
	bool findings_made;
	int findings_rc;
	struct jp_findings findings;
};

struct plan_cache {
	pthread_mutex_t mu;
	struct jp_lru lru;
	size_t limit, bytes, n;
};

struct plan_cache *plan_cache_new(size_t limit_bytes)
{
	struct plan_cache *c = jp_calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	pthread_mutex_init(&c->mu, NULL);
	c->limit = limit_bytes;
	return c;
}

static void free_entry(struct plan_entry *e)
{
	if (e->findings_made)
		jp_findings_release(&e->findings);
	pthread_mutex_destroy(&e->findings_mu);
	jp_plan_free(e->plan);
	jp_free(e);
}

/* Frees unheld plans from the cold end while over the bound (under mu). */
static struct plan_entry *evict(struct plan_cache *c)
{
	struct plan_entry *gone = NULL, *e = (struct plan_entry *)c->lru.tail;

	while (e && c->bytes > c->limit) {
		struct plan_entry *prev = (struct plan_entry *)e->lru.prev;

		if (!e->refs) {
			jp_lru_unlink(&c->lru, &e->lru);
			c->bytes -= e->bytes;
			c->n--;
			e->lru.next = (struct jp_lru_node *)gone;   /* freed outside the lock */
			gone = e;
		}
		e = prev;
	}
	return gone;
}

static void free_list(struct plan_entry *e)
{
	while (e) {
		struct plan_entry *next = (struct plan_entry *)e->lru.next;

		free_entry(e);
		e = next;
	}
}

/* What a plan costs: its arena, and the deadlines and executor lists each
 * activity keeps on the heap (an estimate of 512 bytes each). */
static size_t plan_bytes(const struct jp_plan *p)
{
	return sizeof(*p) + p->arena.used + (p->parts_in_arena ? 0 : p->nactivities * 512);
}

static struct plan_entry *find(struct plan_cache *c, const char *version, long day)
{
	for (struct plan_entry *e = (struct plan_entry *)c->lru.head; e;
	     e = (struct plan_entry *)e->lru.next)
		if (e->day == day && !strcmp(e->version, version))
			return e;
	return NULL;
}

int plan_cache_get(struct plan_cache *c, struct plan_entry **out, jp_store *st,
		   const char *id, const char *version, const struct jp_date *day,
		   struct jp_error *err)
{
	long d = jp_date_days(*day);
	struct plan_entry *e, *fresh, *gone;
	struct jp_plan *p = NULL;
	int rc;

	pthread_mutex_lock(&c->mu);
	if ((e = find(c, version, d))) {
		e->refs++;
		jp_lru_unlink(&c->lru, &e->lru);
		jp_lru_push_front(&c->lru, &e->lru);
		pthread_mutex_unlock(&c->mu);
		*out = e;
		return 0;
	}
	pthread_mutex_unlock(&c->mu);
	if ((rc = jp_load_plan_as_of(st, id, *day, &p, err)) < 0)
		return rc;
	if (!(fresh = jp_calloc(1, sizeof(*fresh)))) {
		jp_plan_free(p);
		return jp_error_set(err, JP_ERROR, "out of memory");
	}
	fresh->plan = p;
	pthread_mutex_init(&fresh->findings_mu, NULL);
	fresh->day = d;
	snprintf(fresh->version, sizeof(fresh->version), "%s", version);
	fresh->bytes = plan_bytes(p);
	pthread_mutex_lock(&c->mu);
	if ((e = find(c, version, d))) {     /* another request loaded it meanwhile */
		e->refs++;
		jp_lru_unlink(&c->lru, &e->lru);
		jp_lru_push_front(&c->lru, &e->lru);
		pthread_mutex_unlock(&c->mu);
		free_entry(fresh);
		*out = e;
		return 0;
	}
	fresh->refs = 1;
	jp_lru_push_front(&c->lru, &fresh->lru);
	c->bytes += fresh->bytes;
	c->n++;
	gone = evict(c);
	pthread_mutex_unlock(&c->mu);
	free_list(gone);
	*out = fresh;
	return 0;
}

const struct jp_plan *plan_entry_plan(const struct plan_entry *e)
{
	return e->plan;
}

int plan_entry_findings(struct plan_entry *e, const struct jp_findings **out)
{
	int rc;

	pthread_mutex_lock(&e->findings_mu);
	if (!e->findings_made) {
		struct jp_findings none = JP_FINDINGS_INIT;

		e->findings = none;
		e->findings_rc = jp_plan_check(e->plan, &e->findings);
		e->findings_made = true;
	}
	rc = e->findings_rc;
	pthread_mutex_unlock(&e->findings_mu);
	*out = rc < 0 ? NULL : &e->findings;
	return rc;
}

void plan_cache_release(struct plan_cache *c, struct plan_entry *e)
{
	struct plan_entry *gone;

	if (!e)
		return;
	pthread_mutex_lock(&c->mu);
	e->refs--;
	gone = evict(c);
	pthread_mutex_unlock(&c->mu);
	free_list(gone);
}

void plan_cache_stats(struct plan_cache *c, size_t *entries, size_t *bytes)
{
	pthread_mutex_lock(&c->mu);
	*entries = c->n;
	*bytes = c->bytes;
	pthread_mutex_unlock(&c->mu);
}

void plan_cache_free(struct plan_cache *c)
{
	if (!c)
		return;
	free_list((struct plan_entry *)c->lru.head);
	pthread_mutex_destroy(&c->mu);
	jp_free(c);
}
