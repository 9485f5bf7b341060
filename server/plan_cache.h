/*
 * plan_cache.h - plans as of a date, shared by the requests (server/ files
 * only).
 *
 * An entry is a plan as of one day at one version of the stored plan (its
 * hash and amendment count), the plan in force today included.  The cache
 * is bounded by memory: past `limit_bytes` the least recently used plans
 * that no request holds are freed.  A request holds each plan it uses by
 * reference until it lets it go, so a plan is never freed under a reader;
 * while requests hold them, the cache may exceed its bound by those plans.
 */
#ifndef JP_PLAN_CACHE_H
#define JP_PLAN_CACHE_H

#include <stddef.h>

struct jp_plan;
struct jp_error;
struct jp_date;
struct plan_cache;
struct plan_entry;
typedef struct jp_store jp_store;

/* A new empty cache of at most limit_bytes; NULL when out of memory. */
struct plan_cache *plan_cache_new(size_t limit_bytes);
/* Frees every plan; no entry may be held any more. */
void plan_cache_free(struct plan_cache *c);

/*
 * The plan `id` as of `day` for the stored `version`, loaded through `st`
 * when not cached.  *out is held until plan_cache_release(); the plan is
 * (*out)->plan, read-only.
 */
int plan_cache_get(struct plan_cache *c, struct plan_entry **out, jp_store *st,
		   const char *id, const char *version, const struct jp_date *day,
		   struct jp_error *err);
const struct jp_plan *plan_entry_plan(const struct plan_entry *e);
/*
 * The findings of a held entry's plan (jp_plan_check), made by the first
 * caller (the others wait for it) and kept with the plan, which a write
 * of reports does not change; *out is NULL on failure (JP_ERROR).  They
 * are not counted in the cache's bytes.
 */
struct jp_findings;
int plan_entry_findings(struct plan_entry *e, const struct jp_findings **out);
/* Lets a held entry go (NULL: nothing). */
void plan_cache_release(struct plan_cache *c, struct plan_entry *e);

/* Statistics: entries and bytes now cached. */
void plan_cache_stats(struct plan_cache *c, size_t *entries, size_t *bytes);

#endif
